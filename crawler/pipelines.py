"""The one pipeline: hand articles to the store in small batches.

Batches keep SQLite transactions few while a crawl killed midway loses at
most one batch, which the next crawl fetches again (ids are stable).
"""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from index import Article, Store, open_store


class StorePipeline:
    def __init__(self, store_url: str, batch_size: int) -> None:
        self.store_url = store_url
        self.batch_size = batch_size
        self.batch: list[Article] = []
        self.store: Store | None = None
        self.stats: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        url = crawler.settings.get("NEWSMON_STORE")
        if not url:
            raise NotConfigured("NEWSMON_STORE is not set: articles are only yielded")
        pipeline = cls(url, crawler.settings.getint("NEWSMON_STORE_BATCH", 10))
        pipeline.stats = crawler.stats
        return pipeline

    def open_spider(self, spider: Spider) -> None:
        self.store = open_store(self.store_url)

    def process_item(self, item: Article, spider: Spider) -> Article:
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        if self.batch and self.store is not None:
            new = self.store.add_articles(self.batch)
            self.stats.inc_value("newsmon/articles_new", new)
            self.stats.inc_value("newsmon/articles_stored", len(self.batch))
            self.batch = []

    def close_spider(self, spider: Spider) -> None:
        self.flush()
        if self.store is not None:
            self.store.close()
