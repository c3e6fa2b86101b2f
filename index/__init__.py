"""Storage and search of articles and their analyses.

`open_store(url)` is the one entry point the rest of the project uses; the
backends behind it share the `Store` protocol in `index.store`.
"""

from newsmon.index.backends import open_store
from newsmon.index.documents import Article, CrawlRun, Image, SourceHealth, article_id
from newsmon.index.store import Store, StoreError

__all__ = ["Article", "CrawlRun", "Image", "SourceHealth", "Store", "StoreError", "article_id",
           "open_store"]
