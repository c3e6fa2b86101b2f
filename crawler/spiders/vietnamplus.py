"""vietnamplus.vn: `scrapy crawl vietnamplus` (real site) or `-a start_urls=...` (any copy)."""

from __future__ import annotations

import re

from crawler.extract import ExtractedArticle, vietnamplus
from crawler.spiders.base import SiteSpider

# /<slug>-post<ID>.vnp
ARTICLE_URL = re.compile(r"/[a-z0-9-]+-post\d+\.vnp$")


class VietnamplusSpider(SiteSpider):
    name = "vietnamplus"
    default_start_urls = ["https://www.vietnamplus.vn/rss/home.rss"]

    def is_article_url(self, url: str) -> bool:
        return bool(ARTICLE_URL.search(url.split("?", 1)[0]))

    def extract(self, html: str, url: str) -> ExtractedArticle:
        return vietnamplus.extract(html, url)
