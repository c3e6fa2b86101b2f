"""Where a figure was published: its article's canonical URL.

A figure row carries its article's title and the URL it was fetched from,
which for a reprint, a mirror or the demo's loopback site is not the address
a reader should open; the article record has the canonical one.
"""

from __future__ import annotations

from index import Store
from index.store import FigureRow


def canonical_urls(store: Store, figures: list[FigureRow]) -> dict[str, str]:
    """The canonical URL of each figure's article, by article id; the fetched
    URL when the article cannot be read back."""
    links: dict[str, str] = {}
    for f in figures:
        if f.article_id not in links:
            article = store.get_article(f.article_id)
            links[f.article_id] = article.canonical_url if article else f.url
    return links
