"""Any news site: `scrapy crawl news -a start_urls=https://example.vn/` with a
home page, a feed, a sitemap or article URLs.

It reads the feeds a page announces and the sitemaps robots.txt lists, and
takes as article candidates the same-site links that are not navigation;
extraction then decides (site parser if the host has one, metadata, then
generic), and a candidate that turns out to be a list page is skipped as such.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from courlan import is_navigation_page, is_not_crawlable
from scrapy.http import Response, TextResponse

from newsmon.crawler import discovery
from newsmon.crawler.spiders.base import SiteSpider

_NOT_PAGES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".mp3", ".mp4", ".zip",
              ".css", ".js", ".xml", ".rss", ".json", ".ico", ".txt", ".doc", ".docx", ".xls")


class NewsSpider(SiteSpider):
    name = "news"

    def start_requests(self) -> Iterator[scrapy.Request]:
        yield from super().start_requests()
        roots = {f"{p.scheme}://{p.netloc}" for p in map(urlsplit, self.start_urls)}
        for root in sorted(roots):
            # Not dont_filter: its redirects must meet the off-site filter like any other.
            yield scrapy.Request(root + "/robots.txt", callback=self.parse_robots,
                                 errback=lambda failure: None)

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        if isinstance(response, TextResponse) and response.status == 200:
            for url in discovery.sitemaps_in_robots(response.text, response.url):
                if discovery.same_site(url, response.url):
                    yield self.listing_request(url)

    def parse_html_listing(self, response: TextResponse) -> Iterator[Any]:
        for feed in discovery.feeds_in_page(response.text, response.url):
            if discovery.same_site(feed, response.url):
                yield self.listing_request(feed)
        yield from super().parse_html_listing(response)

    def is_article_url(self, url: str) -> bool:
        """A same-site page that is neither navigation (tags, pages, login) nor a file."""
        parts = urlsplit(url)
        path = parts.path.lower()
        if parts.scheme not in ("http", "https") or path in ("", "/"):
            return False
        if path.endswith(_NOT_PAGES) or is_navigation_page(url) or is_not_crawlable(url):
            return False
        return any(discovery.same_site(url, start) for start in self.start_urls)
