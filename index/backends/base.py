"""What every backend shares (Wagtail's search is the model): a compiler that
dispatches each query node and each field to a method, the store calls that
prepare a query before any backend sees it, and the mappers from stored records
to our types.

A backend subclasses `BaseCompiler` (one method per node kind and per field, so a
new field is one line in `index.query.FIELDS`, one abstract method here and one
method per backend) and `BaseStore` (it implements `_search`, `_iter_hits`,
`_figures` and `names`; `search`, `figure_sums` and the rest are here).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from newsmon.index.documents import Article, CrawlRun
from newsmon.index.ledger import LedgerRow, build_ledger
from newsmon.index.prepare import prepare, prepare_figures
from newsmon.index.query import (
    FIELDS,
    And,
    Field,
    MatchAll,
    Not,
    Or,
    Phrase,
    Query,
    QueryError,
    Term,
    has_word,
    parse,
    ranking_terms,
    split_text,
)
from newsmon.index.snippets import make_snippet
from newsmon.index.store import (
    FACETS_BY,
    SUM_BY,
    FigureFilter,
    FigureRow,
    FigureSum,
    Hit,
    SearchResult,
    StoryCopy,
    Suggestion,
)
from newsmon.index.stories import StoryIndex, StoryRecord, original_order, records
from newsmon.index.sums import honest_sums
from newsmon.nlp.normalize import fold, modern_tones, name_key
from newsmon.nlp.periods import award_period

T = TypeVar("T")

# Exact spellings are ranked first among this many best matches.
EXACT_WINDOW = 50


class BaseCompiler(ABC, Generic[T]):
    """Compile a prepared query tree into a backend's query type T."""

    def compile(self, node: Query) -> T:
        if isinstance(node, MatchAll):
            return self.match_all()
        if isinstance(node, Term | Phrase):
            return self.text(node.text) if has_word(node.text) else self.match_all()
        if isinstance(node, Not):
            return self.not_(self.compile(node.item))
        if isinstance(node, And):
            return self.and_([self.compile(i) for i in node.items])
        if isinstance(node, Or):
            return self.or_([self.compile(i) for i in node.items])
        if isinstance(node, Field):
            if node.name not in FIELDS:
                raise TypeError(f"unknown field {node.name!r}")
            method: Callable[[Field], T] = getattr(self, f"field_{node.name}")
            return method(node)
        raise TypeError(f"unknown query node {node!r}")

    @abstractmethod
    def match_all(self) -> T: ...

    @abstractmethod
    def text(self, text: str) -> T:
        """Words in this order, adjacent (a phrase of one or more words)."""

    @abstractmethod
    def not_(self, item: T) -> T: ...

    @abstractmethod
    def and_(self, items: list[T]) -> T: ...

    @abstractmethod
    def or_(self, items: list[T]) -> T: ...

    @abstractmethod
    def field_unit(self, node: Field) -> T:
        """Articles about a unit whose key contains one of `node.keys`."""

    @abstractmethod
    def field_place(self, node: Field) -> T:
        """Articles naming a place (LOC entity) whose key contains one of `node.keys`."""

    @abstractmethod
    def field_campaign(self, node: Field) -> T: ...

    @abstractmethod
    def field_person(self, node: Field) -> T: ...

    @abstractmethod
    def field_award(self, node: Field) -> T: ...

    @abstractmethod
    def field_source(self, node: Field) -> T: ...

    @abstractmethod
    def field_from(self, node: Field) -> T:
        """Published on or after the day `node.value` (YYYY-MM-DD), the article's own
        calendar day."""

    @abstractmethod
    def field_to(self, node: Field) -> T:
        """Published on or before the day `node.value`."""

    @abstractmethod
    def field_has(self, node: Field) -> T:
        """has:award: articles with at least one award figure."""


def field_keys(node: Field) -> tuple[str, ...]:
    """The keys a stored name must contain for a name field: those prepared for unit:
    and place:, the value's own key for the other name fields."""
    return node.keys or (name_key(node.value),)


def like_pattern(key: str) -> str:
    """A SQL LIKE pattern (ESCAPE '\\') for names containing `key`: `_` and `%` typed
    by a user are letters, as they are for Elasticsearch's wildcard."""
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class BaseStore:
    """The store calls every backend answers the same way: the query is prepared
    here, once, and the backend sees only prepared trees."""

    def search(
        self, query: Query, *, limit: int = 10, offset: int = 0, order: str = "relevance",
        facets: bool = False, interval: str = "month", facet_size: int = 10,
        facets_by: str = "article",
    ) -> SearchResult:
        """A page of hits; with `facets`, the counts per unit, campaign, source…:
        of matching articles, or with `facets_by="story"` of their stories (the
        copies of a reprinted story count once for each value any of them has)."""
        query = prepare(query)
        _check_facets_by(facets_by)
        exact = exact_terms(query) if order == "relevance" else []
        return self._search(query, limit=limit, offset=offset, order=order, facets=facets,
                            interval=interval, facet_size=facet_size, exact=exact,
                            facets_by=facets_by)

    def search_stories(
        self, query: Query, *, limit: int = 10, offset: int = 0, order: str = "relevance",
        facets: bool = False, interval: str = "month", facet_size: int = 10,
        facets_by: str = "article",
    ) -> SearchResult:
        """One hit per story: ranked matches are read in growing windows from the
        top and collapsed onto their stories until the page is full (or every
        match is read, which also gives the number of stories)."""
        query = prepare(query)
        _check_facets_by(facets_by)
        exact = exact_terms(query) if order == "relevance" else []
        window = max(3 * (offset + limit), 30)
        first = None
        while True:
            found = self._search(query, limit=window, offset=0, order=order,
                                 facets=facets and first is None, interval=interval,
                                 facet_size=facet_size, exact=exact, facets_by=facets_by)
            first = first or found
            stories = self.story_of([h.id for h in found.hits])
            best: dict[str, Hit] = {}
            for hit in found.hits:
                best.setdefault(stories[hit.id], hit)
            done = len(found.hits) >= found.total
            if done or len(best) >= offset + limit:
                break
            window *= 4
        page = list(best.items())[offset:offset + limit]
        members: dict[str, list[StoryRecord]] = {}
        for r in self._story_records(story_ids=[story for story, _ in page]):
            members.setdefault(r.story_id, []).append(r)
        for story, hit in page:
            others = [r for r in members.get(story, []) if r.article_id != hit.id]
            hit.reprints = len(others)
            hit.outlets = sorted({r.source for r in others})
        return SearchResult(total=found.total, hits=[hit for _, hit in page],
                            facets=first.facets, stories=len(best) if done else None)

    def iter_hits(self, query: Query, *, order: str = "date") -> Iterator[Hit]:
        return self._iter_hits(prepare(query), order=order)

    def figures(self, flt: FigureFilter | None = None, *,
                limit: int | None = None) -> list[FigureRow]:
        return self._figures(prepare_figures(flt or FigureFilter()), limit=limit)

    def figure_sums(self, flt: FigureFilter, by: str) -> list[FigureSum]:
        """Honest sums (`index.sums`) over the matching figures, the same code for
        every backend: one copy per story, kinds apart, totals without their parts."""
        if by not in SUM_BY:
            raise ValueError(f"figure_sums: by must be one of {', '.join(SUM_BY)}, not {by!r}")
        return self._figure_sums(prepare_figures(flt), by)

    def _figure_sums(self, flt: FigureFilter, by: str) -> list[FigureSum]:
        """The reference: `index.sums` over the figure rows. A backend that can group
        and count in the store overrides it (the conformance suite holds both to the
        same answers)."""
        rows = self._figures(flt, limit=None)
        ids = list(dict.fromkeys(r.article_id for r in rows))
        units = self._main_units(ids) if by == "unit" else {}
        return honest_sums(rows, by, self.story_of(ids), lambda i: units.get(i, ""))

    def ledger(self, flt: FigureFilter | None = None) -> list[LedgerRow]:
        """The award ledger (`index.ledger`) of the matching figures."""
        rows = self.figures(flt or FigureFilter())
        ids = list(dict.fromkeys(r.article_id for r in rows))
        units = self._main_units(ids)
        return build_ledger(rows, self.story_of(ids), lambda i: units.get(i, ""))

    def _main_units(self, article_ids: list[str]) -> dict[str, str]:
        """Each article's main unit (the first its analysis names); a backend with
        the units at hand answers faster."""
        out = {}
        for article_id in article_ids:
            analysis = self.get_analysis(article_id)
            out[article_id] = analysis.units[0] if analysis and analysis.units else ""
        return out

    # ---- stories (index/stories.py) ----------------------------------------------------

    _story_index: StoryIndex | None = None

    def _join_stories(self, articles: Iterable[Article]) -> dict[str, str]:
        """Place each new or changed article in a story, at ingest, and return the
        story of each. The LSH index is in memory: it first reads what other writers
        (another spider's store, another process) stored since it last looked."""
        if self._story_index is None:
            self._story_index = StoryIndex()
        index = self._story_index
        records, index.marker = self._story_records_since(index.marker)
        stale = index.load(records)
        if stale:
            self._sign_again(stale)
        given = list(articles)
        batch = list({a.id: a for a in given if not index.known(a)}.values())
        if batch:
            self._save_story_records(index.add_all(batch))
        return {a.id: index.story_of(a.id) for a in given}

    def _sign_again(self, stale: list[StoryRecord]) -> None:
        """Records signed with an earlier scheme (a store written by an older
        version): signed again from their article's text, their stories kept."""
        index = self._story_index
        assert index is not None
        for i in range(0, len(stale), 500):
            part = stale[i:i + 500]
            story = {r.article_id: r.story_id for r in part}
            fresh = records([a for a in (self.get_article(r.article_id) for r in part) if a])
            for rec in fresh:
                rec.story_id = story[rec.article_id]
                index.place(rec, keep_story=True)
            if fresh:
                self._save_story_records(fresh)

    def story_of(self, article_ids: list[str]) -> dict[str, str]:
        found = {r.article_id: r.story_id for r in self._story_records(article_ids=article_ids)}
        return {i: found.get(i, i) for i in article_ids}

    def story_members(self, story_ids: list[str]) -> dict[str, list[str]]:
        """The article ids of each story (alerts fold a reprint into its story)."""
        members: dict[str, list[str]] = {}
        for r in self._story_records(story_ids=list(story_ids)):
            members.setdefault(r.story_id, []).append(r.article_id)
        return members

    def story(self, article_id: str) -> list[StoryCopy]:
        mine = self._story_records(article_ids=[article_id])
        if not mine:
            return []
        records = sorted(self._story_records(story_ids=[mine[0].story_id]), key=original_order)
        copies = []
        for i, r in enumerate(records):
            article = self.get_article(r.article_id)
            if article is not None:
                copies.append(StoryCopy(r.article_id, r.source, r.published_at, article.title,
                                        article.canonical_url or article.url, original=i == 0))
        return copies

    def _story_records(self, *, article_ids: list[str] | None = None,
                       story_ids: list[str] | None = None) -> list[StoryRecord]:
        """Stored story records: all, or those of these articles or these stories."""
        raise NotImplementedError

    def _story_records_since(self, marker: int) -> tuple[list[StoryRecord], int]:
        """Records written after `marker` (0: all), oldest first, and the new marker."""
        raise NotImplementedError

    def _save_story_records(self, records: list[StoryRecord]) -> None:
        raise NotImplementedError

    def suggest(self, query: Query, limit: int = 3) -> list[Suggestion]:
        """For a query that finds nothing, nearby queries that find something: its
        lower-case operators in capitals, its words as a unit, place or campaign, a
        field value spelled as a stored name nearly is or searched as text, or its text
        without its filters. Most articles first."""
        found: dict[str, int] = {}
        for text in _alternatives(query, self.names):
            if text in found:
                continue
            try:
                alternative = prepare(parse(text))
            except QueryError:
                continue
            total = self._search(alternative, limit=1, offset=0, order="date", facets=False,
                                 interval="month", facet_size=1, exact=[]).total
            if total:
                found[text] = total
        ranked = sorted(found.items(), key=lambda kv: -kv[1])[:limit]
        return [Suggestion(q, n) for q, n in ranked]

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- what a backend implements -----------------------------------------------------

    def close(self) -> None:
        raise NotImplementedError

    def names(self, kind: str) -> list[str]:
        """Every distinct stored name of a kind: unit, campaign, PER, LOC or award."""
        raise NotImplementedError

    def _search(self, query: Query, *, limit: int, offset: int, order: str, facets: bool,
                interval: str, facet_size: int, exact: list[re.Pattern[str]],
                facets_by: str = "article") -> SearchResult:
        """One page of hits. With `exact` patterns (see `exact_terms`) and a page within
        EXACT_WINDOW, the backend ranks its EXACT_WINDOW best matches by `exact_first`
        before it cuts the page (`exact_window` says when)."""
        raise NotImplementedError

    def _iter_hits(self, query: Query, *, order: str) -> Iterator[Hit]:
        raise NotImplementedError

    def _figures(self, flt: FigureFilter, *, limit: int | None) -> list[FigureRow]:
        raise NotImplementedError

def _check_facets_by(facets_by: str) -> None:
    if facets_by not in FACETS_BY:
        raise ValueError(f"facets_by must be one of {', '.join(FACETS_BY)}, not {facets_by!r}")


# ---- exact spellings first ---------------------------------------------------------------


def _exact(text: str) -> str:
    return modern_tones(unicodedata.normalize("NFC", text)).casefold()


def exact_terms(query: Query) -> list[re.Pattern[str]]:
    """Patterns of the ranking words as typed (case ignored, diacritics kept), for a
    query whose words carry diacritics: "Đồng Tháp" typed that way should rank
    articles about Đồng Tháp above those that only fold to it ("đồng … thấp")."""
    terms = [t for t in ranking_terms(query) if fold(t) != t.lower()]
    return [re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in _exact(t).split())
                       + r"(?!\w)") for t in terms]


def exact_window(exact: list[re.Pattern[str]], limit: int, offset: int) -> bool:
    """Whether a page starts within the EXACT_WINDOW best matches, re-ranked by spelling:
    the backend then reads the best max(EXACT_WINDOW, offset + limit) and passes them to
    `exact_first` before cutting the page, so every page size sees one order."""
    return bool(exact) and offset < EXACT_WINDOW


def exact_first(hits: Sequence[T], patterns: list[re.Pattern[str]],
                text_of: Callable[[T], str]) -> list[T]:
    """The first EXACT_WINDOW hits with more exact spellings first (the backend's order
    otherwise), then the rest as they were."""
    def exact_count(hit: T) -> int:
        text = text_of(hit).casefold()  # stored text is NFC; tone placement as written
        return sum(1 for p in patterns if p.search(text))

    head = sorted(hits[:EXACT_WINDOW], key=lambda h: -exact_count(h))
    return [*head, *hits[EXACT_WINDOW:]]


# ---- suggestions -----------------------------------------------------------------------

_OPERATORS = ("or", "and", "not")
_SUGGEST_KINDS = {"unit": "unit", "place": "LOC", "campaign": "campaign", "person": "PER",
                  "award": "award"}


def _alternatives(query: Query, names: Callable[[str], list[str]]) -> Iterator[str]:
    """Candidate queries near one that found nothing, best guesses first."""
    items = list(query.items) if isinstance(query, And) else [query]
    words = [i.text for i in items if isinstance(i, Term | Phrase)]
    if words and len(words) == len(items):
        if any(w.lower() in _OPERATORS for w in words[1:-1]):
            yield " ".join(w.upper() if w.lower() in _OPERATORS else w for w in words)
        text = " ".join(words)
        for field in ("unit", "place", "campaign", "person"):
            yield f'{field}:"{text}"'
        if any(isinstance(i, Phrase) for i in items):
            yield text
    for item in items:
        if isinstance(item, Field) and item.name in _SUGGEST_KINDS:
            stored = names(_SUGGEST_KINDS[item.name])
            by_key = {name_key(n): n for n in stored}
            for key in difflib.get_close_matches(name_key(item.value), list(by_key), n=3,
                                                 cutoff=0.6):
                yield f'{item.name}:"{by_key[key]}"'
            yield f'"{item.value}"'  # the name as words in the text
    text, _, rest = split_text(query)
    if text and rest:
        yield " ".join(_leaf_text(t) for t in text)


def _leaf_text(node: Query) -> str:
    if isinstance(node, Phrase):
        return f'"{node.text}"'
    if isinstance(node, Term):
        return node.text
    return ""


# ---- records --------------------------------------------------------------------------


def _listed(value: Any) -> list:
    return json.loads(value) if isinstance(value, str) else list(value or [])


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def article_from_record(r: Mapping[str, Any]) -> Article:
    """An Article from a stored record (a SQLite row or an Elasticsearch _source):
    lists may be stored as JSON text or as lists."""
    return Article(
        id=r["id"], url=r["url"], canonical_url=r["canonical_url"], source=r["source"],
        title=r["title"], sapo=r["sapo"], body=r["body"], authors=_listed(r["authors"]),
        published_at=_when(r["published_at"]), category=r["category"],
        tags=_listed(r["tags"]), agency=r["agency"], images=_listed(r["images"]),
        fetched_at=_when(r["fetched_at"]), language=r["language"], parser=r["parser"],
    )


def run_from_record(r: Mapping[str, Any]) -> CrawlRun:
    return CrawlRun(
        source=r["source"], started_at=datetime.fromisoformat(r["started_at"]),
        finished_at=datetime.fromisoformat(r["finished_at"]), pages=r["pages"],
        article_pages=r["article_pages"], articles=r["articles"], new=r["new"],
        skipped=json.loads(r["skipped"]),
        failures=[tuple(f) for f in json.loads(r["failures"])],
    )


def hit_from_record(r: Mapping[str, Any], score: float, marked: str | None,
                    units: list[str]) -> Hit:
    """A hit from its article record; `marked` is sapo + "\\n" + body with \\x01…\\x02
    around matched words, folded or not (see index.snippets)."""
    return Hit(
        id=r["id"], title=r["title"], url=r["url"], canonical_url=r["canonical_url"],
        source=r["source"], published_at=r["published_at"], score=score,
        snippet=make_snippet(r["sapo"] + "\n" + r["body"], marked), units=units,
    )


def figure_from_record(f: Mapping[str, Any], article: Mapping[str, Any]) -> FigureRow:
    """A figure row from a stored figure and its article's record."""
    return FigureRow(
        article_id=article["id"], title=article["title"], source=article["source"],
        url=article["url"], published_at=article["published_at"], count=f["count"],
        recipient_kind=f["recipient_kind"], award=f["award"], level=f["level"],
        status=f["status"], sentence=f["sentence"], is_total=bool(f["is_total"]),
        start=f["start"], end=f["end"], sentence_start=f["sentence_start"],
        status_cue=f.get("status_cue") or "",
        canonical_url=article.get("canonical_url") or article["url"],
        # a figure stored before periods were read has none: read it from its sentence
        period=f["period"] if f.get("period") is not None else award_period(f["sentence"]),
    )
