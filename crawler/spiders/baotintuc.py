"""baotintuc.vn: `scrapy crawl baotintuc` (real site) or `-a start_urls=...` (any copy)."""

import re

from crawler.spiders.base import SiteSpider


class BaotintucSpider(SiteSpider):
    name = "baotintuc"
    parser = "baotintuc"
    default_start_urls = ["https://baotintuc.vn/tin-moi-nhat.rss"]
    # /<category>/<slug>-<17-digit timestamp>.htm
    article_path = re.compile(r"/[a-z0-9-]+/[a-z0-9-]+-\d{17}\.htm$")
    # /<category>-<id>ct<parent>.htm and its pages /<category>-<id>ct<parent>/trang-<N>.htm
    list_path = re.compile(r"/[a-z0-9-]+-\d+ct\d+(?:/trang-\d+)?\.htm$")
