"""Copying one store into another (SQLite to Elasticsearch, or a fresh index):
articles with their analyses, in batches, through the store protocol only."""

from __future__ import annotations

from collections.abc import Callable

from index import Article, Store
from index.query import MatchAll
from nlp.types import Analysis

BATCH = 500


def copy_store(source: Store, target: Store, *,
               on_batch: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Returns (articles copied, of which new in the target). Re-running it is
    harmless: articles are keyed by id, analyses replaced."""
    batch: list[tuple[Article, Analysis | None]] = []
    copied = new = 0

    def flush() -> None:
        nonlocal copied, new
        new += target.add_analyzed(batch)
        copied += len(batch)
        if on_batch:
            on_batch(len(batch))
        batch.clear()

    for hit in source.iter_hits(MatchAll(), order="date"):
        article = source.get_article(hit.id)
        if article is None:
            continue
        batch.append((article, source.get_analysis(hit.id)))
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return copied, new
