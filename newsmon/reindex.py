"""Copying one store into another (SQLite to Elasticsearch, or a fresh index):
articles with their analyses, in batches, through the store protocol only."""

from __future__ import annotations

from collections.abc import Callable

from newsmon.index import Article, Store
from newsmon.index.query import MatchAll
from newsmon.nlp.types import Analysis

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


def copy_watches(source: Store, target: Store) -> tuple[int, list[str]]:
    """Copy the watches with their match history and outbox (undelivered alerts,
    and what each destination already had, so a reprint of a story sent before is
    still folded), after the articles (so their watermarks start past them).
    Returns (copied, not copied): a watch already in the target is left as it is,
    and a target that keeps no watches copies none."""
    if not hasattr(source, "watches"):
        return 0, []
    watches = source.watches()
    if not hasattr(target, "import_watch"):
        return 0, [w.name for w in watches]
    copied, skipped = 0, []
    for w in watches:
        matches = source.watch_matches(w.name, limit=-1)
        if target.import_watch(w, matches, source.outbox(watch=w.name, status=None)):
            copied += 1
        else:
            skipped.append(w.name)
    return copied, skipped
