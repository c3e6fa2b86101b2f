"""baotintuc.vn: `scrapy crawl baotintuc` (real site) or `-a start_urls=...` (any copy)."""

from __future__ import annotations

import re

from crawler.extract import ExtractedArticle, baotintuc
from crawler.spiders.base import SiteSpider

# /<category>/<slug>-<17-digit timestamp>.htm
ARTICLE_URL = re.compile(r"/[a-z0-9-]+/[a-z0-9-]+-\d{17}\.htm$")


class BaotintucSpider(SiteSpider):
    name = "baotintuc"
    default_start_urls = ["https://baotintuc.vn/tin-moi-nhat.rss"]

    def is_article_url(self, url: str) -> bool:
        return bool(ARTICLE_URL.search(url.split("?", 1)[0]))

    def extract(self, html: str, url: str) -> ExtractedArticle:
        return baotintuc.extract(html, url)
