"""bnews.vn (TTXVN economic news): `scrapy crawl bnews`."""

from __future__ import annotations

import re

from crawler.spiders.base import SiteSpider

# /<slug>/<ID>.html
ARTICLE_URL = re.compile(r"/[a-z0-9-]+/\d+\.html$")
# section pages: /<section>/<ID>/ or /<section>.html with paging
LIST_URL = re.compile(r"/[a-z0-9-]+/\d+/?$|/[a-z0-9-]+/trang-\d+\.html$")


class BnewsSpider(SiteSpider):
    name = "bnews"
    parser = "bnews"
    default_start_urls = ["https://bnews.vn/"]

    def is_article_url(self, url: str) -> bool:
        return bool(ARTICLE_URL.search(url.split("?", 1)[0]))

    def is_list_url(self, url: str) -> bool:
        return bool(LIST_URL.search(url.split("?", 1)[0]))
