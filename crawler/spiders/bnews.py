"""bnews.vn (TTXVN economic news): `scrapy crawl bnews`."""

import re

from crawler.spiders.base import SiteSpider


class BnewsSpider(SiteSpider):
    name = "bnews"
    parser = "bnews"
    default_start_urls = ["https://bnews.vn/"]
    # /<slug>/<ID>.html
    article_path = re.compile(r"/[a-z0-9-]+/\d+\.html$")
    # sections /<section>/<ID>/ and their pages
    list_path = re.compile(r"/[a-z0-9-]+/\d+/?$|/[a-z0-9-]+/trang-\d+\.html$")
