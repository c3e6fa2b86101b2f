"""Scrapy items: the crawler yields the store's `Article` record directly
(Scrapy accepts dataclass items). `PageState` holds the validators of a feed
or sitemap, so the next crawl can ask "has it changed?"."""

from dataclasses import dataclass

from newsmon.index.documents import Article as ArticleItem


@dataclass(frozen=True)
class PageState:
    url: str
    etag: str
    last_modified: str


__all__ = ["ArticleItem", "PageState"]
