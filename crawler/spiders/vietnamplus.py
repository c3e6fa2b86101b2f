"""vietnamplus.vn: `scrapy crawl vietnamplus` (real site) or `-a start_urls=...` (any copy)."""

import re

from crawler.spiders.base import SiteSpider


class VietnamplusSpider(SiteSpider):
    name = "vietnamplus"
    parser = "vietnamplus"
    default_start_urls = ["https://www.vietnamplus.vn/rss/home.rss"]
    # /<slug>-post<ID>.vnp (current) and /<slug>/<ID>.vnp (2014–2021)
    article_path = re.compile(r"/[a-z0-9-]+-post\d+\.vnp$|/[a-z0-9-]+/\d+\.vnp$")
    # sections /<section>/ (/<section>/<sub>/) and their pages /<section>/trang-<N>.vnp
    list_path = re.compile(r"^/(?!tag/|images/)[a-z0-9-]+/(?:[a-z0-9-]+/)?(?:trang-\d+\.vnp)?$")
