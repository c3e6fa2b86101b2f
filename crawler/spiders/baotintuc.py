"""baotintuc.vn: `scrapy crawl baotintuc` (real site) or `-a start_urls=...` (any copy)."""

from __future__ import annotations

import re

from crawler.spiders.base import SiteSpider

# /<category>/<slug>-<17-digit timestamp>.htm
ARTICLE_URL = re.compile(r"/[a-z0-9-]+/[a-z0-9-]+-\d{17}\.htm$")
# /<category>-<id>ct<parent>.htm and its pages /<category>-<id>ct<parent>/trang-<N>.htm
LIST_URL = re.compile(r"/[a-z0-9-]+-\d+ct\d+(?:/trang-\d+)?\.htm$")


class BaotintucSpider(SiteSpider):
    name = "baotintuc"
    parser = "baotintuc"
    default_start_urls = ["https://baotintuc.vn/tin-moi-nhat.rss"]

    def is_article_url(self, url: str) -> bool:
        return bool(ARTICLE_URL.search(url.split("?", 1)[0]))

    def is_list_url(self, url: str) -> bool:
        return bool(LIST_URL.search(url.split("?", 1)[0]))
