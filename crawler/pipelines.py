"""The one pipeline: hand articles to the store in small batches, and record
each run for source health.

Batches keep transactions few while a crawl killed midway loses at most one
batch, which the next crawl fetches again (ids are stable). When the store is
down the batch is kept and tried again with the next one, without stalling
the crawl; at the end of the run it is retried for a while, then written to a
spool file that the next run stores first. Nothing fetched is lost.

Validators of feeds and sitemaps are saved only when a run finished without
a transient failure: a killed or partly failed run must not make the next one
skip listings whose articles it never stored.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.files import jsonl_bytes, read_jsonl, write_atomic
from crawler.spiders.base import skipped_counts
from index import Article, CrawlRun, Store, StoreError, open_store


class StorePipeline:
    def __init__(self, store_url: str, batch_size: int, crawler: Crawler) -> None:
        self.store_url = store_url
        self.batch_size = batch_size
        self.batch: list[Article] = []
        self.store: Store | None = None
        self.crawler = crawler
        self.new = 0
        self.spool = Path(crawler.settings.get("NEWSMON_SPOOL"))
        self.retry_seconds = crawler.settings.getfloat("NEWSMON_STORE_RETRY_SECONDS", 60)
        self.store_error = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        url = crawler.settings.get("NEWSMON_STORE")
        if not url:
            raise NotConfigured("NEWSMON_STORE is not set: articles are only yielded")
        pipeline = cls(url, crawler.settings.getint("NEWSMON_STORE_BATCH", 10), crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider) -> None:
        self.store = open_store(self.store_url)
        self.replay_spool()

    def process_item(self, item: Any, spider: Spider) -> Any:
        if isinstance(item, Article):
            self.batch.append(item)
            if len(self.batch) >= self.batch_size:
                self.flush()
        return item

    def flush(self) -> bool:
        """Store the batch; on a store error keep it for the next try."""
        if not self.batch or self.store is None:
            return True
        try:
            new = self.store.add_articles(self.batch)
        except StoreError as exc:
            self.store_error = str(exc)
            self.crawler.stats.inc_value("newsmon/store_errors")
            return False
        self.new += new
        self.crawler.stats.inc_value("newsmon/articles_new", new)
        self.crawler.stats.inc_value("newsmon/articles_stored", len(self.batch))
        self.batch = []
        return True

    def _flush_with_retries(self) -> bool:
        deadline = time.monotonic() + self.retry_seconds
        delay = 0.5
        while not self.flush():
            if time.monotonic() + delay > deadline:
                return False
            time.sleep(delay)
            delay = min(delay * 2, 10)
        return True

    def _spool_file(self) -> Path:
        return self.spool / spool_name(self.store_url)

    def replay_spool(self) -> None:
        """Store what an earlier run could not. A line that cannot be read (a
        write cut short) is set aside beside the spool, reported, and never
        stops the crawl."""
        path = self._spool_file()
        if not path.exists() or self.store is None:
            return
        records, bad = read_jsonl(path)
        articles = []
        for record in records:
            try:
                articles.append(Article.from_dict(record))
            except (KeyError, TypeError, ValueError):
                bad.append(str(record)[:200])
        if bad:
            aside = path.with_suffix(".bad")
            with aside.open("a", encoding="utf-8") as out:
                out.writelines(line + "\n" for line in bad)
            self.crawler.stats.set_value("newsmon/spool_unreadable", len(bad))
            self.crawler.spider.logger.warning(
                "%d unreadable line(s) of the spool %s (a write cut short) set aside in %s.",
                len(bad), path, aside)
        self.new += self.store.add_articles(articles)
        path.unlink()
        self.crawler.stats.set_value("newsmon/replayed", len(articles))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.store is None:
            return
        if not self._flush_with_retries():
            path = self._spool_file()
            kept = read_jsonl(path)[0] if path.exists() else []
            try:
                write_atomic(path, jsonl_bytes(kept + [a.to_dict() for a in self.batch]))
            except OSError as exc:
                spider.logger.error(
                    "The store is down (%s) and the spool %s cannot be written (%s): %d "
                    "articles were not kept; the next crawl fetches them again.",
                    self.store_error, path, exc.strerror or exc, len(self.batch))
            else:
                self.crawler.stats.set_value("newsmon/spooled", len(self.batch))
                spider.logger.error("The store is down (%s); %d articles kept in %s for the "
                                    "next run.", self.store_error, len(self.batch), path)
            self.batch = []
            self.store.close()
            self.store = None
            return
        self._record(spider, reason)
        self.store.close()
        self.store = None

    def _record(self, spider: Spider, reason: str) -> None:
        assert self.store is not None
        failures = list(getattr(spider, "failures", []))
        stats = self.crawler.stats.get_stats()
        if reason == "finished" and not getattr(spider, "transient_failures", 0):
            self.store.save_page_states((s.url, s.etag, s.last_modified)
                                        for s in getattr(spider, "validators", []))
        self.store.record_run(CrawlRun(
            source=getattr(spider, "source", spider.name),
            started_at=getattr(spider, "started_at", datetime.now(UTC)),
            finished_at=datetime.now(UTC),
            pages=stats.get("response_received_count", 0),
            article_pages=getattr(spider, "article_pages", 0),
            articles=getattr(spider, "articles", 0),
            new=self.new,
            skipped=skipped_counts(stats),
            failures=failures[:200],
        ))


def spool_name(store_url: str) -> str:
    """The spool file's name for a store URL, without its user and password (a
    spool file name is listed by anyone who can read the data directory); a URL
    without credentials keeps the name it always had, so older spools replay."""
    url = re.sub(r"^([a-z][a-z0-9+.-]*://)[^/]*@", r"\1", store_url, flags=re.IGNORECASE)
    return "".join(ch if ch.isalnum() else "_" for ch in url)[-120:] + ".jsonl"
