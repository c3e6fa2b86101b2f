"""The store protocol every backend implements, and the records it answers with.

The rest of the project only sees this protocol, so the SQLite default and the
Elasticsearch backend answer the same calls the same way; `index.backends.open_store`
picks one by URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from newsmon.index.documents import Article, CrawlRun, SourceHealth
from newsmon.index.query import MatchAll, Query
from newsmon.index.snippets import Snippet
from newsmon.nlp.types import Analysis


class StoreError(Exception):
    """A store that cannot be opened or written; the message says what to check."""


@dataclass
class Hit:
    id: str
    title: str
    url: str
    canonical_url: str
    source: str
    published_at: str | None
    score: float
    snippet: Snippet
    units: list[str] = field(default_factory=list)
    #: with reprints collapsed: how many other copies its story has, and their outlets
    reprints: int = 0
    outlets: list[str] = field(default_factory=list)


@dataclass
class Facets:
    """Counts of matching articles per value, most frequent first, and per date bucket."""

    units: list[tuple[str, int]] = field(default_factory=list)
    campaigns: list[tuple[str, int]] = field(default_factory=list)
    sources: list[tuple[str, int]] = field(default_factory=list)
    people: list[tuple[str, int]] = field(default_factory=list)
    awards: list[tuple[str, int]] = field(default_factory=list)
    histogram: list[tuple[str, int]] = field(default_factory=list)
    #: when set, units, campaigns, people and award forms were counted over only this
    #: many matches (the most recently stored), not all of them
    sampled: int | None = None


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: Facets | None = None
    #: with reprints collapsed: how many stories the matches make (None: not counted)
    stories: int | None = None


INTERVALS = ("day", "week", "month")
SUM_BY = ("unit", "level", "award", "status", "source")
#: what facets count: matching articles, or their stories (a reprinted story once)
FACETS_BY = ("article", "story")


@dataclass(frozen=True)
class FigureFilter:
    """Which award figures: those of the articles a query matches, narrowed by
    the figure's own level, award form, status and year."""

    query: Query = field(default_factory=MatchAll)
    level: str | None = None
    award: str | None = None
    status: str | None = None
    year: int | None = None


@dataclass
class FigureSum:
    key: str
    total: int
    figures: int
    articles: int
    #: the recipient kind summed (tập thể, cá nhân, hộ…): kinds are never added together
    kind: str = ""


@dataclass
class StoryCopy:
    """One copy of a story: an article and where and when it appeared."""

    article_id: str
    source: str
    published_at: str | None
    title: str
    url: str
    original: bool = False


@dataclass
class FigureRow:
    article_id: str
    title: str
    source: str
    url: str
    published_at: str | None
    count: int
    recipient_kind: str
    award: str
    level: str
    status: str
    sentence: str
    is_total: bool
    start: int = 0
    end: int = 0
    sentence_start: int = 0
    #: the words that set the status ("thống nhất đề nghị"), "" when the default applied
    status_cue: str = ""
    #: the article's canonical URL: where a reader checks the figure (the fetched URL
    #: of a reprint, a mirror or the demo's loopback site is not it)
    canonical_url: str = ""
    #: the period the award is for, as its sentence states it ("2022", "2021-2025"), or ""
    period: str = ""


@dataclass(frozen=True)
class Suggestion:
    """A query close to one that found nothing, and how many articles it finds."""

    query: str
    total: int


@dataclass
class Stats:
    articles: int
    analyzed: int
    by_source: dict[str, int]
    top_units: list[tuple[str, int]]
    top_campaigns: list[tuple[str, int]]
    figures: int
    #: articles with reprints counted once (an article never placed is its own story)
    stories: int = 0


class Store(Protocol):
    url: str

    def add_articles(self, articles: Iterable[Article]) -> int:
        """Insert or update articles by id; returns how many were new."""

    def add_analyzed(self, pairs: Iterable[tuple[Article, Analysis | None]]) -> int:
        """Articles and their analyses together (reindex, import); returns how many
        were new. An article with None keeps no analysis and is pending."""

    def known_urls(self) -> set[str]: ...

    def page_states(self) -> dict[str, tuple[str, str]]:
        """ETag and Last-Modified of listing pages, for conditional requests."""

    def save_page_states(self, states: Iterable[tuple[str, str, str]]) -> None: ...

    def record_run(self, run: CrawlRun) -> None: ...

    def source_health(self, runs: int = 5) -> list[SourceHealth]:
        """Per source: the last run, the last successful fetch, the recent runs."""

    def get_article(self, article_id: str) -> Article | None: ...

    def get_analysis(self, article_id: str) -> Analysis | None: ...

    def count(self) -> int: ...

    def pending_count(self) -> int: ...

    def pending_analysis(self, limit: int | None = None) -> list[Article]:
        """Articles whose text has no analysis yet (new, or changed since)."""

    def add_analyses(self, analyses: Iterable[tuple[str, Analysis]]) -> None:
        """Replace the analysis of each article id, atomically per call."""

    def search(
        self, query: Query, *, limit: int = 10, offset: int = 0, order: str = "relevance",
        facets: bool = False, interval: str = "month", facet_size: int = 10,
    ) -> SearchResult:
        """Ranked hits (BM25 or newest first) with snippets; with `facets`, counts
        over all matching articles."""

    def search_stories(
        self, query: Query, *, limit: int = 10, offset: int = 0, order: str = "relevance",
        facets: bool = False, interval: str = "month", facet_size: int = 10,
    ) -> SearchResult:
        """`search` with reprints collapsed: one hit per story (its best-ranked copy),
        with the number and outlets of its other copies."""

    def iter_hits(self, query: Query, *, order: str = "date") -> Iterator[Hit]:
        """Every matching article, streamed (exports have no cap)."""

    def figures(self, flt: FigureFilter | None = None, *,
                limit: int | None = None) -> list[FigureRow]: ...

    def figure_sums(self, flt: FigureFilter, by: str) -> list[FigureSum]:
        """Sums of figures grouped by unit (the article's main unit), level, award
        form, status or source, and by recipient kind (`index.sums`: one copy per
        story, stated totals only where their parts are not reported)."""

    def story_of(self, article_ids: list[str]) -> dict[str, str]:
        """The story id of each article (an article never placed is its own story)."""

    def story(self, article_id: str) -> list[StoryCopy]:
        """Every copy of the article's story, the original first; [] if unknown."""

    def stats(self, top: int = 10) -> Stats: ...

    def suggest(self, query: Query, limit: int = 3) -> list[Suggestion]:
        """Queries near one that found nothing which find something, most articles first."""

    def names(self, kind: str) -> list[str]:
        """Every distinct stored name of a kind: unit, campaign, PER, LOC or award."""

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
