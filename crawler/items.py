"""Scrapy items: the crawler yields the store's `Article` record directly
(Scrapy accepts dataclass items), so nothing is copied field by field."""

from index.documents import Article as ArticleItem

__all__ = ["ArticleItem"]
