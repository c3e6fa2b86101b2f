"""The one pipeline: hand articles to the store in small batches, and record
each run for source health.

Batches keep SQLite transactions few while a crawl killed midway loses at
most one batch, which the next crawl fetches again (ids are stable).
Validators of feeds and sitemaps are saved only when a run finished without
a failed page: a killed or partly failed run must not make the next one
skip listings whose articles it never stored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from index import Article, CrawlRun, Store, open_store


class StorePipeline:
    def __init__(self, store_url: str, batch_size: int, crawler: Crawler) -> None:
        self.store_url = store_url
        self.batch_size = batch_size
        self.batch: list[Article] = []
        self.store: Store | None = None
        self.crawler = crawler
        self.new = 0

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

    def process_item(self, item: Any, spider: Spider) -> Any:
        if isinstance(item, Article):
            self.batch.append(item)
            if len(self.batch) >= self.batch_size:
                self.flush()
        return item

    def flush(self) -> None:
        if self.batch and self.store is not None:
            new = self.store.add_articles(self.batch)
            self.new += new
            self.crawler.stats.inc_value("newsmon/articles_new", new)
            self.crawler.stats.inc_value("newsmon/articles_stored", len(self.batch))
            self.batch = []

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.store is None:
            return
        self.flush()
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
            skipped={k.removeprefix("newsmon/skipped/"): v for k, v in stats.items()
                     if k.startswith("newsmon/skipped/")},
            failures=failures[:200],
        ))
        self.store.close()
        self.store = None
