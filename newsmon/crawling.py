"""The collection stage: run the site spiders for a set of sources in this
process and report what each one brought in.

Scrapy's reactor can start only once per process, so one call runs every
source at once; the CLI calls it at most once per command.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.project import get_project_settings

from crawler.spiders.base import skipped_counts, store_state
from newsmon.config import ConfigError, Source


@dataclass
class SourceReport:
    name: str
    pages: int = 0
    articles: int = 0
    new: int = 0
    known: int = 0
    not_modified: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def unreachable(self) -> bool:
        return bool(self.failures) and self.pages == 0


Progress = Callable[[str, SourceReport], None]


def crawl_settings(store_url: str, overrides: dict[str, Any] | None = None,
                   verbose: bool = False) -> Settings:
    settings = get_project_settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("NEWSMON_STORE", store_url, priority="cmdline")
    settings.set("LOG_LEVEL", "INFO" if verbose else "ERROR", priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(
    sources: list[Source],
    store_url: str,
    *,
    max_articles: int | None = None,
    since: date | None = None,
    refetch: bool = False,
    overrides: dict[str, Any] | None = None,
    verbose: bool = False,
    progress: Progress | None = None,
    allow_private: bool = False,
    on_stopping: Callable[[], None] | None = None,
) -> list[SourceReport]:
    """Crawl every source into the store; returns one report per source.
    `allow_private` lets requests reach private and loopback addresses."""
    settings = crawl_settings(store_url, overrides, verbose)
    if allow_private:
        settings.set("NEWSMON_ALLOW_PRIVATE", True, priority="cmdline")
    loader = get_spider_loader(settings)
    # Read once for all sources (a store that cannot be opened fails here, clearly).
    known, states = (set(), {}) if refetch else store_state(store_url)
    settings.set("LOG_INSTALL_ROOT_HANDLER", verbose, priority="cmdline")
    process = CrawlerProcess(settings)
    if not verbose:
        logging.getLogger("scrapy").setLevel(logging.ERROR)
    reports: list[SourceReport] = []
    crawlers = []
    for source in sources:
        try:
            spider_cls = loader.load(source.spider)
        except KeyError:
            known_spiders = ", ".join(loader.list())
            raise ConfigError(f"Source [{source.name}] names spider {source.spider!r}, which "
                              f"does not exist; known spiders: {known_spiders}.") from None
        report = SourceReport(source.name)
        reports.append(report)
        crawler = process.create_crawler(spider_cls)
        _watch(crawler, report, progress)
        crawlers.append(crawler)
        process.crawl(crawler, start_urls=source.start_urls, source=source.name,
                      max_articles=max_articles, since=since, refetch=refetch,
                      known_urls=known, page_states=states)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    if on_stopping:
        from twisted.internet import reactor

        # Runs once the reactor has started, after Scrapy installed its handlers.
        reactor.callLater(0, _announce_stopping, reactor, on_stopping)
    try:
        process.start()
    finally:
        stopped_by_signal = _restore_signal_handlers(handlers)
    if stopped_by_signal or any(c.stats.get_value("finish_reason") == "shutdown"
                                for c in crawlers):
        # Scrapy stops gracefully on Ctrl-C (what was fetched is stored) and
        # returns as if done; the stages after the crawl must not run.
        raise KeyboardInterrupt
    for crawler, report in zip(crawlers, reports, strict=True):
        stats = crawler.stats.get_stats()
        report.new = stats.get("newsmon/articles_new", 0)
        report.known = stats.get("newsmon/known", 0)
        report.not_modified = stats.get("newsmon/not_modified", 0)
        report.skipped = skipped_counts(stats)
        report.failures = list(getattr(crawler.spider, "failures", []))
    return reports


def _announce_stopping(reactor: Any, on_stopping: Callable[[], None]) -> None:
    """Call `on_stopping` on the first Ctrl-C, then let Scrapy stop gracefully:
    it waits for the pages in flight, which can take a while, and a Ctrl-C that
    shows nothing reads as one that was swallowed. (Scrapy's handler replaces
    this one with its own for a second Ctrl-C, which stops at once.)"""
    scrapy_handler = signal.getsignal(signal.SIGINT)
    if not callable(scrapy_handler):
        return

    def handler(signum: int, frame: Any) -> None:
        reactor.callFromThread(on_stopping)  # nothing is printed in a signal handler
        scrapy_handler(signum, frame)

    signal.signal(signal.SIGINT, handler)


def _restore_signal_handlers(handlers: dict[int, Any]) -> bool:
    """Put back the handlers from before the crawl (Python's KeyboardInterrupt
    for Ctrl-C) once Scrapy is done: its own would otherwise swallow a Ctrl-C
    during the analysis that follows. True if Scrapy saw a second Ctrl-C (it
    then ignores the signal) and stopped at once."""
    forced = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    for sig, handler in handlers.items():
        signal.signal(sig, handler)
    return forced


def _watch(crawler: Any, report: SourceReport, progress: Progress | None) -> None:
    def on_response(response: Any, request: Any, spider: Any) -> None:
        report.pages += 1
        if progress:
            progress("page", report)

    def on_item(item: Any, response: Any, spider: Any) -> None:
        report.articles += 1
        if progress:
            progress("article", report)

    crawler.signals.connect(on_response, signal=signals.response_received, weak=False)
    crawler.signals.connect(on_item, signal=signals.item_scraped, weak=False)
