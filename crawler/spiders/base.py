"""What the site spiders share: discovery from feeds, sitemaps and list pages,
and turning an extracted page into an `Article`.

Subclasses name the site (`name`, `default_start_urls`), say which URLs are
articles (`is_article_url`) and which parser reads them (`extract`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler import discovery
from crawler.extract import ExtractedArticle, ExtractError
from crawler.items import ArticleItem


class SiteSpider(scrapy.Spider):
    default_start_urls: ClassVar[list[str]] = []

    def __init__(self, start_urls: str | list[str] | None = None, source: str | None = None,
                 max_articles: int | str | None = None, known_urls: set[str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(start_urls, str):
            start_urls = [u.strip() for u in start_urls.split(",") if u.strip()]
        self.start_urls = list(start_urls or self.default_start_urls)
        self.source = source or self.name
        self.max_articles = int(max_articles) if max_articles else None
        self.known_urls = known_urls or set()
        self.scheduled = 0
        self.failures: list[tuple[str, str]] = []

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[scrapy.Request]:
        for url in self.start_urls:
            callback = self.parse_article if self.is_article_url(url) else self.parse
            yield scrapy.Request(url, callback=callback, errback=self.on_error)

    def on_error(self, failure: Failure) -> None:
        """Keep why a page failed (unreachable, timeout, 4xx/5xx) for the crawl report."""
        request = getattr(failure, "request", None)
        response = getattr(failure.value, "response", None)
        reason = (f"HTTP {response.status}" if response is not None
                  else failure.getErrorMessage() or failure.type.__name__)
        self.failures.append((request.url if request else "?", reason))
        self.crawler.stats.inc_value("newsmon/failed")

    def parse(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        """A feed, sitemap, sitemap index or list page: follow what it lists."""
        kind = discovery.kind_of(response.body, response.headers.get("Content-Type", b"").decode())
        if kind == "sitemapindex":
            for loc in discovery.sitemap_locs(response.body):
                yield response.follow(loc, callback=self.parse, errback=self.on_error)
            return
        if kind == "sitemap":
            links = discovery.sitemap_locs(response.body)
        elif kind in ("rss", "atom"):
            links = discovery.feed_links(response.body, response.url)
        elif isinstance(response, TextResponse):
            links = discovery.page_links(response.text, response.url)
        else:
            self.crawler.stats.inc_value("newsmon/skipped/not_a_listing")
            return
        for link in links:
            if self.is_article_url(link):
                yield from self._article_request(response, link)

    def _article_request(self, response: Response, link: str) -> Iterator[scrapy.Request]:
        if link in self.known_urls:
            self.crawler.stats.inc_value("newsmon/known")
            return
        if self.max_articles is not None and self.scheduled >= self.max_articles:
            return
        self.scheduled += 1
        yield response.follow(link, callback=self.parse_article, errback=self.on_error)

    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("newsmon/skipped/not_html")
            return
        try:
            found = self.extract(response.text, response.url)
        except ExtractError as exc:
            self.crawler.stats.inc_value("newsmon/skipped/not_an_article")
            self.logger.warning("Skipped %s: %s", response.url, exc)
            return
        yield self.to_item(found, response.url)

    def to_item(self, found: ExtractedArticle, url: str) -> ArticleItem:
        return ArticleItem(
            url=url, canonical_url=found.canonical_url or url, source=self.source,
            title=found.title, sapo=found.sapo, body=found.body, authors=found.authors,
            published_at=found.published_at, category=found.category, tags=found.tags,
            agency=found.agency, images=found.images, fetched_at=datetime.now(UTC),
            parser=found.parser,
        )

    def is_article_url(self, url: str) -> bool:
        raise NotImplementedError

    def extract(self, html: str, url: str) -> ExtractedArticle:
        raise NotImplementedError
