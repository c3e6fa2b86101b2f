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
    articles: list[Article] = []
    analyses: list[tuple[str, Analysis]] = []
    copied = new = 0

    def flush() -> None:
        nonlocal copied, new
        new += target.add_articles(articles)
        target.add_analyses(analyses)
        copied += len(articles)
        if on_batch:
            on_batch(len(articles))
        articles.clear()
        analyses.clear()

    for hit in source.iter_hits(MatchAll(), order="date"):
        article = source.get_article(hit.id)
        if article is None:
            continue
        articles.append(article)
        analysis = source.get_analysis(hit.id)
        if analysis is not None:
            analyses.append((article.id, analysis))
        if len(articles) >= BATCH:
            flush()
    if articles:
        flush()
    return copied, new
