"""vietnamplus.vn: `scrapy crawl vietnamplus` (real site) or `-a start_urls=...` (any copy)."""

from __future__ import annotations

import re

from crawler.spiders.base import SiteSpider

# /<slug>-post<ID>.vnp (current) and /<slug>/<ID>.vnp (2014–2021)
ARTICLE_URL = re.compile(r"/[a-z0-9-]+-post\d+\.vnp$|/[a-z0-9-]+/\d+\.vnp$")
# section pages: /<section>/ and /<section>/trang-<N>.vnp
LIST_URL = re.compile(r"^/[a-z0-9-]+/(?:[a-z0-9-]+/)?(?:trang-\d+\.vnp)?$")


class VietnamplusSpider(SiteSpider):
    name = "vietnamplus"
    parser = "vietnamplus"
    default_start_urls = ["https://www.vietnamplus.vn/rss/home.rss"]

    def is_article_url(self, url: str) -> bool:
        return bool(ARTICLE_URL.search(url.split("?", 1)[0]))

    def is_list_url(self, url: str) -> bool:
        path = "/" + url.split("://", 1)[-1].split("/", 1)[-1].split("?", 1)[0]
        return bool(LIST_URL.match(path)) and not path.startswith(("/tag/", "/images/"))
