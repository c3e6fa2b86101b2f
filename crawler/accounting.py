"""What one crawl of one source did, kept in one place: a Scrapy extension.

`RunAccounting` listens to Scrapy's signals (pages received, items scraped,
callback errors, the spider's close and its reason) and to the spider's own
(`page_skipped` with the URL and why, `listing_validated` with a feed's or
sitemap's validators), and reads Scrapy's stats for what is only counted
(article pages, known URLs, unchanged feeds, articles new to the store). Its
`RunRecord` is the one account of the run: the pipeline stores it as the
source's `CrawlRun` (source health), `newsmon crawl` prints it, and progress
shows it live through `run_updated`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from newsmon.crawler.items import PageState
from newsmon.index import CrawlRun

#: sent by a spider for a page that gave no article: url, reason, transient
#: (a timeout, a refused connection or a 5xx, worth trying again later)
page_skipped = object()
#: sent by a spider for a feed or sitemap that has validators: state (PageState)
listing_validated = object()
#: sent by the extension after each page or article counted: event ("page",
#: "article"), record (the live RunRecord)
run_updated = object()

#: stats keys: pages that gave no article, by reason (the spider counts them)
SKIPPED = "newsmon/skipped/"
ARTICLE_PAGES = "newsmon/article_pages"
KNOWN = "newsmon/known"
NOT_MODIFIED = "newsmon/not_modified"
NEW = "newsmon/articles_new"
FAILURES_KEPT = 200  # failures stored per run (all are counted in `skipped`)


def skipped_counts(stats: dict[str, Any]) -> dict[str, int]:
    """Pages that gave no article, by reason, from a crawl's stats."""
    return {k.removeprefix(SKIPPED): v for k, v in stats.items() if k.startswith(SKIPPED)}


def skip_key(reason: str) -> str:
    """One counter per kind: "HTTP 404" → "http"; "limit: …", "refused: …" → their head."""
    if reason.startswith("HTTP"):
        return reason.split()[0].lower()
    if reason.startswith(("limit:", "refused:")):
        return reason.split(":", 1)[0]
    return reason


@dataclass
class RunRecord:
    """One source's crawl: what came in, what did not and why."""

    name: str
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None
    #: Scrapy's finish reason: "finished", "shutdown" (Ctrl-C), "closespider_…"
    finish_reason: str = ""
    pages: int = 0
    article_pages: int = 0
    articles: int = 0
    new: int = 0
    known: int = 0
    not_modified: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    transient_failures: int = 0
    #: spider callbacks that raised (a bug, logged by Scrapy with its traceback)
    errors: int = 0

    @property
    def unreachable(self) -> bool:
        return bool(self.failures) and self.pages == 0

    @property
    def complete(self) -> bool:
        """Finished on its own with no failure worth trying again: only then may
        the next run skip listings that have not changed."""
        return self.finish_reason == "finished" and not self.transient_failures

    def crawl_run(self) -> CrawlRun:
        return CrawlRun(
            source=self.name,
            started_at=self.started_at,
            finished_at=self.finished_at or datetime.now(UTC),
            pages=self.pages,
            article_pages=self.article_pages,
            articles=self.articles,
            new=self.new,
            skipped=dict(self.skipped),
            failures=self.failures[:FAILURES_KEPT],
        )


class RunAccounting:
    """The extension (EXTENSIONS in crawler/settings.py); `accounting_of(crawler)`
    finds it."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.record = RunRecord(name="")
        self.validators: list[PageState] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunAccounting:
        ext = cls(crawler)
        connect = crawler.signals.connect
        connect(ext.spider_opened, signal=signals.spider_opened)
        connect(ext.response_received, signal=signals.response_received)
        connect(ext.item_scraped, signal=signals.item_scraped)
        connect(ext.spider_error, signal=signals.spider_error)
        connect(ext.spider_closed, signal=signals.spider_closed)
        connect(ext.page_skipped, signal=page_skipped)
        connect(ext.listing_validated, signal=listing_validated)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.record.name = getattr(spider, "source", None) or spider.name
        self.record.started_at = datetime.now(UTC)

    def response_received(self, response: Any, request: Any, spider: Spider) -> None:
        self.record.pages += 1
        self._updated("page")

    def item_scraped(self, item: Any, response: Any, spider: Spider) -> None:
        # items are articles, counted once they passed the pipeline, not when yielded
        self.record.articles += 1
        self._updated("article")

    def spider_error(self, failure: Any, response: Any, spider: Spider) -> None:
        self.record.errors += 1

    def page_skipped(self, url: str, reason: str, transient: bool = False) -> None:
        self.record.failures.append((url, reason))
        self.record.transient_failures += bool(transient)
        self.crawler.stats.inc_value(f"{SKIPPED}{skip_key(reason)}")

    def listing_validated(self, state: PageState) -> None:
        self.validators.append(state)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.finish(reason)

    def finish(self, reason: str) -> RunRecord:
        """Close the record (the first reason given wins) and bring in the stats;
        called on spider_closed, and by the pipeline before it stores the record,
        whichever runs first."""
        record = self.record
        if not record.finish_reason:
            record.finish_reason = reason
            record.finished_at = datetime.now(UTC)
        self.read_stats()
        return record

    def read_stats(self) -> RunRecord:
        stats = self.crawler.stats.get_stats()
        record = self.record
        record.article_pages = stats.get(ARTICLE_PAGES, 0)
        record.known = stats.get(KNOWN, 0)
        record.not_modified = stats.get(NOT_MODIFIED, 0)
        record.new = stats.get(NEW, 0)
        record.skipped = skipped_counts(stats)
        return record

    def _updated(self, event: str) -> None:
        self.crawler.signals.send_catch_log(run_updated, event=event, record=self.record)


def accounting_of(crawler: Crawler) -> RunAccounting | None:
    """The crawler's accounting extension, once the crawl has started (None
    before, or when EXTENSIONS turned it off)."""
    manager = getattr(crawler, "extensions", None)
    for ext in getattr(manager, "middlewares", ()):
        if isinstance(ext, RunAccounting):
            return ext
    return None
