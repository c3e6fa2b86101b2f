"""The collection stage: run the site spiders for a set of sources in this
process and report what each one brought in: the run record each crawler's
accounting extension kept (crawler/accounting.py).

Scrapy's reactor can start only once per process, so one call runs every
source at once; the CLI calls it at most once per command.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from datetime import date
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.project import get_project_settings

from newsmon.config import ConfigError, Source
from newsmon.crawler.accounting import RunRecord, accounting_of, run_updated
from newsmon.crawler.spiders.base import store_state

#: called with "page" or "article" and the source's live record
Progress = Callable[[str, RunRecord], None]


def crawl_settings(store_url: str, overrides: dict[str, Any] | None = None,
                   verbose: bool = False) -> Settings:
    settings = get_project_settings()
    settings.setmodule("newsmon.crawler.settings", priority="project")
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
) -> list[RunRecord]:
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
    crawlers = []
    for source in sources:
        try:
            spider_cls = loader.load(source.spider)
        except KeyError:
            names = ", ".join(sorted(loader.list()))
            raise ConfigError(f"Source [{source.name}] names site {source.spider!r}, which is "
                              f"not a site of crawler/sites/; known: {names} (news reads any "
                              "other site).") from None
        crawler = process.create_crawler(spider_cls)
        if progress:
            _watch(crawler, progress)
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
    return [_record(crawler, source.name) for crawler, source in zip(crawlers, sources,
                                                                     strict=True)]


def _record(crawler: Any, name: str) -> RunRecord:
    """The run's record as its accounting kept it; an empty one for a crawler
    that never started (its error was reported by Scrapy)."""
    account = accounting_of(crawler)
    if account is None:
        return RunRecord(name=name)
    record = account.read_stats()
    record.name = name
    return record


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


def _watch(crawler: Any, progress: Progress) -> None:
    def on_update(event: str, record: RunRecord) -> None:
        progress(event, record)

    crawler.signals.connect(on_update, signal=run_updated, weak=False)
