"""The backends behind the `Store` protocol, and the URL that picks one.

`base.py` holds what they share (the compiler's dispatch, query preparation,
record mappers); `sqlite/` and `elasticsearch/` hold only what differs.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsmon.index.store import Store, StoreError


def open_store(url: str, *, read_only: bool = False) -> Store:
    """Open the store a URL names: `sqlite:///relative.db`, `sqlite:////abs.db`
    or a plain file path for the embedded default; `http(s)://host:port[/index-name]`
    for Elasticsearch (see docs/elasticsearch.md). With `read_only`, a store that
    does not exist is an error instead of being created, and nothing is written."""
    parts = urlsplit(url)
    if parts.scheme in ("", "file") or (len(parts.scheme) == 1 and url[1:3] == ":\\"):
        return _sqlite(Path(unquote(parts.path if parts.scheme == "file" else url)), read_only)
    if parts.scheme == "sqlite":
        path = unquote(url.split("://", 1)[1])
        if not path.startswith("/"):
            raise StoreError(f"Cannot read store URL {url!r}: write sqlite:///relative/path.db "
                             "or sqlite:////absolute/path.db.")
        return _sqlite(Path(path[1:]), read_only)
    if parts.scheme in ("http", "https"):
        return _elasticsearch(url, read_only)
    raise StoreError(f"Unknown store URL {url!r}: use sqlite:///path/to/newsmon.db or "
                     "http(s)://host:9200/index-name for Elasticsearch.")


def _sqlite(path: Path, read_only: bool) -> Store:
    from newsmon.index.backends.sqlite import SQLiteStore

    return SQLiteStore(path, read_only=read_only)


def _elasticsearch(url: str, read_only: bool) -> Store:
    try:
        from newsmon.index.backends.elasticsearch import ElasticsearchStore
    except ImportError as exc:
        raise StoreError(
            f"Store {url!r} is an Elasticsearch URL, and the Elasticsearch client is not "
            "installed: pip install 'newsmon[elasticsearch]' (or use a sqlite:/// URL)."
        ) from exc
    return ElasticsearchStore(url, read_only=read_only)
