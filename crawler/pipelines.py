"""The one pipeline: hand articles to the store in small batches, spool what
the store would not take, and store the run's record (crawler/accounting.py)
for source health.

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
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsmon.crawler import accounting
from newsmon.crawler.files import jsonl_bytes, read_jsonl, write_atomic
from newsmon.index import Article, Store, StoreError, open_store
from newsmon.index.backoff import retry


class StorePipeline:
    def __init__(self, store_url: str, batch_size: int, crawler: Crawler) -> None:
        self.store_url = store_url
        self.batch_size = batch_size
        self.batch: list[Article] = []
        self.store: Store | None = None
        self.crawler = crawler
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
        try:
            self._store_batch()
        except StoreError:
            return False
        return True

    def _store_batch(self) -> None:
        if not self.batch or self.store is None:
            return
        try:
            new = self.store.add_articles(self.batch)
        except StoreError as exc:
            self.store_error = str(exc)
            self.crawler.stats.inc_value("newsmon/store_errors")
            raise
        self.crawler.stats.inc_value(accounting.NEW, new)
        self.crawler.stats.inc_value("newsmon/articles_stored", len(self.batch))
        self.batch = []

    def _flush_with_retries(self) -> bool:
        """The last batch, tried again with growing pauses (`index.backoff`) for
        NEWSMON_STORE_RETRY_SECONDS."""
        try:
            retry(self._store_batch, within=self.retry_seconds, retry_on=StoreError)
        except StoreError:
            return False
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
        # new to the store in this run, as the run's own articles are
        self.crawler.stats.inc_value(accounting.NEW, self.store.add_articles(articles))
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
        """Store the run's record; the validators of its feeds and sitemaps only
        when it finished without a transient failure."""
        assert self.store is not None
        account = accounting.accounting_of(self.crawler)
        if account is None:  # EXTENSIONS turned the accounting off: nothing to record
            return
        record = account.finish(reason)
        if record.complete:
            self.store.save_page_states((s.url, s.etag, s.last_modified)
                                        for s in account.validators)
        self.store.record_run(record.crawl_run())


def spool_name(store_url: str) -> str:
    """The spool file's name for a store URL, without its user and password (a
    spool file name is listed by anyone who can read the data directory); a URL
    without credentials keeps the name it always had, so older spools replay."""
    url = re.sub(r"^([a-z][a-z0-9+.-]*://)[^/]*@", r"\1", store_url, flags=re.IGNORECASE)
    return "".join(ch if ch.isalnum() else "_" for ch in url)[-120:] + ".jsonl"
