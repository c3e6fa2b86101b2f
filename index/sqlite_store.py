"""The embedded default store: one SQLite file, FTS5 for full text.

The FTS table holds *folded* text (no case, no diacritics, đ → d), which
unicode61 alone cannot do for "đ". Folding keeps lengths, so the offsets of
a match in the folded copy are offsets into the original text too; that is
how snippets are highlighted in the original spelling.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from index.documents import Article, CrawlRun, SourceHealth, content_hash, now_iso
from index.query import And, Field, MatchAll, Not, Or, Phrase, Query, Term
from index.snippets import make_snippet
from index.store import (
    Facets,
    FigureFilter,
    FigureRow,
    FigureSum,
    Hit,
    SearchResult,
    Stats,
    StoreError,
)
from nlp.normalize import fold, name_key
from nlp.types import Analysis

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    sapo TEXT NOT NULL,
    body TEXT NOT NULL,
    authors TEXT NOT NULL,
    published_at TEXT,
    category TEXT NOT NULL,
    tags TEXT NOT NULL,
    agency TEXT NOT NULL,
    images TEXT NOT NULL,
    fetched_at TEXT,
    language TEXT NOT NULL,
    parser TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    analyzed_at TEXT,
    analysis TEXT
);
CREATE INDEX IF NOT EXISTS articles_pending ON articles (analyzed_at) WHERE analyzed_at IS NULL;
CREATE INDEX IF NOT EXISTS articles_source ON articles (source);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published_at);
CREATE TABLE IF NOT EXISTS entities (
    article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT NOT NULL, type TEXT NOT NULL, canonical TEXT NOT NULL, key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_article ON entities (article_id);
CREATE INDEX IF NOT EXISTS entities_key ON entities (type, key);
CREATE TABLE IF NOT EXISTS units (
    article_id TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, rank INTEGER NOT NULL,
    PRIMARY KEY (article_id, key)
);
CREATE INDEX IF NOT EXISTS units_key ON units (key);
CREATE TABLE IF NOT EXISTS campaigns (
    article_id TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL,
    PRIMARY KEY (article_id, key)
);
CREATE INDEX IF NOT EXISTS campaigns_key ON campaigns (key);
CREATE TABLE IF NOT EXISTS awards (
    article_id TEXT NOT NULL, count INTEGER NOT NULL, recipient_kind TEXT NOT NULL,
    award TEXT NOT NULL, level TEXT NOT NULL, giver TEXT NOT NULL, recipient TEXT NOT NULL,
    year INTEGER, status TEXT NOT NULL, is_total INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, sentence TEXT NOT NULL,
    sentence_start INTEGER NOT NULL, award_key TEXT NOT NULL, level_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS awards_article ON awards (article_id);
CREATE INDEX IF NOT EXISTS awards_award ON awards (award_key);
CREATE TABLE IF NOT EXISTS names (
    kind TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS page_states (
    url TEXT PRIMARY KEY, etag TEXT NOT NULL, last_modified TEXT NOT NULL, checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS crawl_runs (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL, pages INTEGER NOT NULL, article_pages INTEGER NOT NULL,
    articles INTEGER NOT NULL, new INTEGER NOT NULL, skipped TEXT NOT NULL, failures TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS crawl_runs_source ON crawl_runs (source, finished_at);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, sapo, body, names, tokenize = 'unicode61 remove_diacritics 2'
);
"""

_ARTICLE_COLUMNS = (
    "id", "url", "canonical_url", "source", "title", "sapo", "body", "authors", "published_at",
    "category", "tags", "agency", "images", "fetched_at", "language", "parser", "content_hash",
)


def _fts_string(text: str) -> str:
    """An FTS5 string literal: the folded words as a phrase, safe from FTS syntax."""
    return '"' + fold(text).replace('"', '""') + '"'


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


class SQLiteStore:
    """Store articles and analyses in one SQLite file (WAL mode, so a reader
    never blocks the crawler writing)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path).expanduser()
        self.url = f"sqlite:///{self.path}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            # 64 MiB of page cache: indexing a large store is 10–15% faster.
            self.db.execute("PRAGMA cache_size=-65536")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(_SCHEMA)
            self._migrate()
            # Ranking weights: title 10, sapo 4, body 1, names (units, people…) 2.
            if not self.db.execute("SELECT 1 FROM articles_fts_config WHERE k = 'rank'"
                                   ).fetchone():
                self.db.execute("INSERT INTO articles_fts (articles_fts, rank) "
                                "VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 2.0)')")
            self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                            (str(SCHEMA_VERSION),))
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(
                f"Cannot open the SQLite store at {self.path}: {exc}. Check that the folder "
                "exists and is writable, and that the file is a newsmon store."
            ) from exc

    def _migrate(self) -> None:
        """Bring a store written by an older version up to this schema."""
        if not self.db.execute("SELECT 1 FROM names LIMIT 1").fetchone():
            self.db.execute(_FILL_NAMES)
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(awards)")}
        if "level_key" not in columns:
            self.db.execute("ALTER TABLE awards ADD COLUMN level_key TEXT NOT NULL DEFAULT ''")
            for rowid, level in self.db.execute("SELECT rowid, level FROM awards").fetchall():
                self.db.execute("UPDATE awards SET level_key = ? WHERE rowid = ?",
                                (name_key(level), rowid))

    # ---- writing -------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StoreError(f"Writing to the SQLite store at {self.path} failed: {exc}") from exc

    def add_articles(self, articles: Iterable[Article]) -> int:
        with self._transaction() as db:
            return sum(self._upsert(db, article, None)[1] for article in articles)

    def add_analyzed(self, pairs: Iterable[tuple[Article, Analysis | None]]) -> int:
        """Article rows, full-text rows (names included) and analyses written in one
        pass: each article's text is indexed once, not indexed then updated."""
        new = 0
        with self._transaction() as db:
            for article, analysis in pairs:
                rowid, is_new, written = self._upsert(db, article, analysis)
                new += is_new
                if analysis is not None and not written:
                    self._clear_analysis(db, article.id)
                    self._write_analysis(db, article.id, rowid, analysis, update_fts=True)
        return new

    def _upsert(self, db: sqlite3.Connection, article: Article,
                analysis: Analysis | None) -> tuple[int, bool, bool]:
        """(rowid, new?, analysis written?) An unchanged article is left alone."""
        digest = content_hash(article)
        row = db.execute("SELECT rowid, content_hash FROM articles WHERE id = ?",
                         (article.id,)).fetchone()
        if row and row[1] == digest:
            return row[0], False, False
        values = self._article_values(article, digest)
        if row is None:
            cur = db.execute(f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
                             f"VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))})", values)
            rowid = cur.lastrowid
        else:
            rowid = row[0]
            assignments = ", ".join(f"{c} = ?" for c in _ARTICLE_COLUMNS[1:])
            db.execute(f"UPDATE articles SET {assignments}, analyzed_at = NULL, "
                       "analysis = NULL WHERE id = ?", (*values[1:], article.id))
            db.execute("DELETE FROM articles_fts WHERE rowid = ?", (rowid,))
            self._clear_analysis(db, article.id)
        db.execute("INSERT INTO articles_fts (rowid, title, sapo, body, names) "
                   "VALUES (?, ?, ?, ?, ?)",
                   (rowid, fold(article.title), fold(article.sapo), fold(article.body),
                    _fts_names(analysis) if analysis else ""))
        if analysis is not None:
            self._write_analysis(db, article.id, rowid, analysis, update_fts=False)
        return rowid, row is None, analysis is not None

    @staticmethod
    def _article_values(article: Article, content_hash: str) -> tuple:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        images = [{"url": i.url, "caption": i.caption} for i in article.images]
        return (
            article.id, article.url, article.canonical_url, article.source, article.title,
            article.sapo, article.body, json.dumps(article.authors, ensure_ascii=False),
            iso(article.published_at), article.category,
            json.dumps(article.tags, ensure_ascii=False), article.agency,
            json.dumps(images, ensure_ascii=False), iso(article.fetched_at),
            article.language, article.parser, content_hash,
        )

    @staticmethod
    def _clear_analysis(db: sqlite3.Connection, article_id: str) -> None:
        for table in ("entities", "units", "campaigns", "awards"):
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    def add_analyses(self, analyses: Iterable[tuple[str, Analysis]]) -> None:
        with self._transaction() as db:
            for article_id, analysis in analyses:
                row = db.execute("SELECT rowid FROM articles WHERE id = ?",
                                 (article_id,)).fetchone()
                if row is not None:
                    self._clear_analysis(db, article_id)
                    self._write_analysis(db, article_id, row[0], analysis, update_fts=True)

    @staticmethod
    def _write_analysis(db: sqlite3.Connection, article_id: str, rowid: int,
                        analysis: Analysis, *, update_fts: bool) -> None:
        db.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article_id, e.start, e.end, e.text, e.type, e.canonical, name_key(e.canonical))
             for e in analysis.entities],
        )
        db.executemany(
            "INSERT OR IGNORE INTO units VALUES (?, ?, ?, ?)",
            [(article_id, name, name_key(name), rank) for rank, name in enumerate(analysis.units)],
        )
        db.executemany(
            "INSERT OR IGNORE INTO campaigns VALUES (?, ?, ?)",
            [(article_id, c.canonical, name_key(c.canonical)) for c in analysis.campaigns],
        )
        db.executemany(
            "INSERT INTO awards VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, a.count, a.recipient_kind, a.award, a.level, a.giver, a.recipient,
              a.year, a.status, int(a.is_total), a.start, a.end, a.sentence, a.sentence_start,
              name_key(a.award), name_key(a.level)) for a in analysis.awards],
        )
        db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", _names(analysis))
        if update_fts:
            db.execute("UPDATE articles_fts SET names = ? WHERE rowid = ?",
                       (_fts_names(analysis), rowid))
        db.execute("UPDATE articles SET analyzed_at = ?, analysis = ? WHERE id = ?",
                   (now_iso(), json.dumps(analysis.to_dict(), ensure_ascii=False), article_id))

    def save_page_states(self, states: Iterable[tuple[str, str, str]]) -> None:
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO page_states VALUES (?, ?, ?, ?)",
                           [(url, etag, modified, now_iso()) for url, etag, modified in states])

    def record_run(self, run: CrawlRun) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO crawl_runs (source, started_at, finished_at, pages, article_pages, "
                "articles, new, skipped, failures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run.source, run.started_at.isoformat(), run.finished_at.isoformat(), run.pages,
                 run.article_pages, run.articles, run.new, json.dumps(run.skipped),
                 json.dumps(run.failures, ensure_ascii=False)))

    # ---- reading -------------------------------------------------------------------------

    def _query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        try:
            cur = self.db.execute(sql, tuple(params))
            cur.row_factory = sqlite3.Row
            return cur.fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"Reading the SQLite store at {self.path} failed: {exc}") from exc

    def known_urls(self) -> set[str]:
        rows = self._query("SELECT url, canonical_url FROM articles")
        return {u for row in rows for u in (row["url"], row["canonical_url"])}

    def page_states(self) -> dict[str, tuple[str, str]]:
        rows = self._query("SELECT url, etag, last_modified FROM page_states")
        return {r["url"]: (r["etag"], r["last_modified"]) for r in rows}

    def source_health(self, runs: int = 5) -> list[SourceHealth]:
        sources = [r["source"] for r in self._query(
            "SELECT source FROM crawl_runs GROUP BY source ORDER BY source")]
        health = []
        for source in sources:
            recent = [_row_to_run(r) for r in self._query(
                "SELECT * FROM crawl_runs WHERE source = ? ORDER BY id DESC LIMIT ?",
                (source, runs))]
            success = self._query(
                "SELECT MAX(finished_at) AS t FROM crawl_runs WHERE source = ? AND pages > 0 "
                "AND NOT (article_pages > 0 AND articles = 0)", (source,))[0]["t"]
            health.append(SourceHealth(source, recent[0],
                                       datetime.fromisoformat(success) if success else None,
                                       recent))
        return health

    def count(self) -> int:
        return self._query("SELECT COUNT(*) AS n FROM articles")[0]["n"]

    def get_article(self, article_id: str) -> Article | None:
        rows = self._query("SELECT * FROM articles WHERE id = ?", (article_id,))
        return _row_to_article(rows[0]) if rows else None

    def get_analysis(self, article_id: str) -> Analysis | None:
        rows = self._query("SELECT analysis FROM articles WHERE id = ?", (article_id,))
        if not rows or rows[0]["analysis"] is None:
            return None
        return Analysis.from_dict(json.loads(rows[0]["analysis"]))

    def pending_count(self) -> int:
        return self._query("SELECT COUNT(*) AS n FROM articles WHERE analyzed_at IS NULL")[0]["n"]

    def pending_analysis(self, limit: int | None = None) -> list[Article]:
        sql = "SELECT * FROM articles WHERE analyzed_at IS NULL ORDER BY rowid"
        rows = self._query(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
        return [_row_to_article(r) for r in rows]

    def search(
        self, query: Query, *, limit: int = 10, offset: int = 0, order: str = "relevance",
        facets: bool = False, interval: str = "month", facet_size: int = 10,
    ) -> SearchResult:
        plan = _plan(query)
        total = self._query(f"SELECT COUNT(*) AS n {plan.source}", plan.params)[0]["n"]
        rows = self._query(*plan.page(order, limit, offset))
        hits = self._hits(rows, plan.match)
        found = self._facets(plan, interval, facet_size) if facets else None
        return SearchResult(total=total, hits=hits, facets=found)

    def iter_hits(self, query: Query, *, order: str = "date") -> Iterator[Hit]:
        plan = _plan(query)
        offset = 0
        while rows := self._query(*plan.page(order, 500, offset)):
            yield from self._hits(rows, plan.match)
            offset += len(rows)

    def _hits(self, rows: list[sqlite3.Row], highlight: str) -> list[Hit]:
        highlights = self._highlights([r["rowid"] for r in rows], highlight)
        units = self._units_of([r["id"] for r in rows])
        return [Hit(
            id=r["id"], title=r["title"], url=r["url"], canonical_url=r["canonical_url"],
            source=r["source"], published_at=r["published_at"], score=float(r["score"]),
            snippet=make_snippet(r["sapo"] + "\n" + r["body"], highlights.get(r["rowid"])),
            units=units.get(r["id"], []),
        ) for r in rows]

    def _units_of(self, ids: list[str]) -> dict[str, list[str]]:
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        out: dict[str, list[str]] = {}
        for r in self._query(f"SELECT article_id, name FROM units WHERE article_id IN ({marks}) "
                             "AND rank < 5 ORDER BY article_id, rank", ids):
            out.setdefault(r["article_id"], []).append(r["name"])
        return out

    def _highlights(self, rowids: list[int], expression: str) -> dict[int, str]:
        """Folded sapo+body of each row with \x01…\x02 around matched words."""
        if not rowids or not expression:
            return {}
        marks = ", ".join("?" * len(rowids))
        rows = self._query(
            "SELECT rowid, highlight(articles_fts, 1, char(1), char(2)) AS sapo, "
            "highlight(articles_fts, 2, char(1), char(2)) AS body FROM articles_fts "
            f"WHERE articles_fts MATCH ? AND rowid IN ({marks})",
            [expression, *rowids],
        )
        return {r["rowid"]: r["sapo"] + "\n" + r["body"] for r in rows}

    def _facets(self, plan: _Plan, interval: str, size: int) -> Facets:
        matching, params = f"SELECT a.id {plan.source}", plan.params

        def top(table: str, column: str = "name", extra: str = "") -> list[tuple[str, int]]:
            rows = self._query(
                f"SELECT MIN({column}) AS name, COUNT(DISTINCT article_id) AS n FROM {table} "
                f"WHERE article_id IN ({matching}) {extra} GROUP BY key "
                "ORDER BY n DESC, name LIMIT ?", [*params, size])
            return [(r["name"], r["n"]) for r in rows]

        sources = self._query(
            f"SELECT a.source AS name, COUNT(*) AS n {plan.source} "
            "GROUP BY a.source ORDER BY n DESC, name LIMIT ?", [*params, size])
        awards = self._query(
            f"SELECT MIN(award) AS name, COUNT(DISTINCT article_id) AS n FROM awards "
            f"WHERE article_id IN ({matching}) GROUP BY award_key ORDER BY n DESC, name LIMIT ?",
            [*params, size])
        bucket = _BUCKETS[interval]
        histogram = self._query(
            f"SELECT {bucket} AS name, COUNT(*) AS n {plan.source} "
            "AND a.published_at IS NOT NULL GROUP BY name ORDER BY name", params)
        return Facets(
            units=top("units"), campaigns=top("campaigns"),
            sources=[(r["name"], r["n"]) for r in sources],
            people=top("entities", "canonical", "AND type = 'PER'"),
            awards=[(r["name"], r["n"]) for r in awards],
            histogram=[(r["name"], r["n"]) for r in histogram],
        )

    def _figure_where(self, flt: FigureFilter) -> tuple[str, list]:
        plan = _plan(flt.query)
        where, params = plan.condition()
        clauses, extra = [where], []
        if flt.level:
            clauses.append("f.level_key = ?")
            extra.append(name_key(flt.level))
        if flt.award:
            clauses.append("f.award_key LIKE ?")
            extra.append(f"%{name_key(flt.award)}%")
        if flt.status:
            clauses.append("f.status = ?")
            extra.append(flt.status)
        if flt.year:
            clauses.append("COALESCE(f.year, CAST(substr(a.published_at, 1, 4) AS INTEGER)) = ?")
            extra.append(flt.year)
        return " AND ".join(f"({c})" for c in clauses), [*params, *extra]

    def figures(self, flt: FigureFilter | None = None, *,
                limit: int | None = None) -> list[FigureRow]:
        where, params = self._figure_where(flt or FigureFilter())
        rows = self._query(
            "SELECT f.*, a.title, a.source, a.url, a.published_at FROM awards f "
            f"JOIN articles a ON a.id = f.article_id WHERE {where} "
            "ORDER BY a.published_at DESC, f.article_id, f.start" + (" LIMIT ?" if limit else ""),
            [*params, *([limit] if limit else [])],
        )
        return [FigureRow(
            article_id=r["article_id"], title=r["title"], source=r["source"], url=r["url"],
            published_at=r["published_at"], count=r["count"], recipient_kind=r["recipient_kind"],
            award=r["award"], level=r["level"], status=r["status"], sentence=r["sentence"],
            is_total=bool(r["is_total"]), start=r["start"], end=r["end"],
            sentence_start=r["sentence_start"],
        ) for r in rows]

    def figure_sums(self, flt: FigureFilter, by: str) -> list[FigureSum]:
        where, params = self._figure_where(flt)
        key, label, join = {
            "unit": ("u.key", "MIN(u.name)",
                     "JOIN units u ON u.article_id = f.article_id AND u.rank = 0"),
            "level": ("f.level_key", "MIN(f.level)", ""),
            "award": ("f.award_key", "MIN(f.award)", ""),
            "status": ("f.status", "f.status", ""),
            "source": ("a.source", "a.source", ""),
        }[by]
        rows = self._query(
            f"SELECT {label} AS name, SUM(f.count) AS total, COUNT(*) AS n, "
            f"COUNT(DISTINCT f.article_id) AS articles FROM awards f "
            f"JOIN articles a ON a.id = f.article_id {join} WHERE {where} AND NOT f.is_total "
            f"GROUP BY {key} ORDER BY total DESC, name", params)
        return [FigureSum(r["name"] or "", r["total"], r["n"], r["articles"]) for r in rows]

    def stats(self, top: int = 10) -> Stats:
        q = self._query
        return Stats(
            articles=q("SELECT COUNT(*) AS n FROM articles")[0]["n"],
            analyzed=q("SELECT COUNT(*) AS n FROM articles WHERE analyzed_at IS NOT NULL")[0]["n"],
            by_source={r["source"]: r["n"] for r in q(
                "SELECT source, COUNT(*) AS n FROM articles GROUP BY source ORDER BY n DESC")},
            top_units=[(r["name"], r["n"]) for r in q(
                "SELECT MIN(name) AS name, COUNT(*) AS n FROM units GROUP BY key "
                "ORDER BY n DESC, name LIMIT ?", (top,))],
            top_campaigns=[(r["name"], r["n"]) for r in q(
                "SELECT MIN(name) AS name, COUNT(*) AS n FROM campaigns GROUP BY key "
                "ORDER BY n DESC, name LIMIT ?", (top,))],
            figures=q("SELECT COUNT(*) AS n FROM awards")[0]["n"],
        )

    def close(self) -> None:
        self.db.close()


def _row_to_run(row: sqlite3.Row) -> CrawlRun:
    return CrawlRun(
        source=row["source"], started_at=datetime.fromisoformat(row["started_at"]),
        finished_at=datetime.fromisoformat(row["finished_at"]), pages=row["pages"],
        article_pages=row["article_pages"], articles=row["articles"], new=row["new"],
        skipped=json.loads(row["skipped"]),
        failures=[tuple(f) for f in json.loads(row["failures"])],
    )


def _row_to_article(row: sqlite3.Row) -> Article:
    def when(value: str | None) -> datetime | None:
        return datetime.fromisoformat(value) if value else None

    return Article(
        id=row["id"], url=row["url"], canonical_url=row["canonical_url"], source=row["source"],
        title=row["title"], sapo=row["sapo"], body=row["body"],
        authors=json.loads(row["authors"]), published_at=when(row["published_at"]),
        category=row["category"], tags=json.loads(row["tags"]), agency=row["agency"],
        images=json.loads(row["images"]), fetched_at=when(row["fetched_at"]),
        language=row["language"], parser=row["parser"],
    )


_BUCKETS = {
    "day": "substr(a.published_at, 1, 10)",
    "week": "date(substr(a.published_at, 1, 10), '-6 days', 'weekday 1')",
    "month": "substr(a.published_at, 1, 7)",
}


# ---- query compilation -----------------------------------------------------------------

_ENTITY_FIELDS = {"person": "PER", "place": "LOC"}


@dataclass(frozen=True)
class _Plan:
    """A query as SQL: an FTS5 expression for its text (ranked by FTS5 itself)
    and SQL conditions for the rest."""

    match: str
    where: str
    where_params: tuple

    @property
    def params(self) -> list:
        return [self.match, *self.where_params] if self.match else list(self.where_params)

    @property
    def source(self) -> str:
        """FROM … WHERE … of the matching articles (the `a` alias)."""
        if self.match:
            return ("FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                    f"WHERE articles_fts MATCH ? AND ({self.where})")
        return f"FROM articles a WHERE {self.where}"

    def condition(self) -> tuple[str, list]:
        """The whole query as one condition on `a`, for joins of other tables."""
        if not self.match:
            return self.where, list(self.where_params)
        return (f"a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) "
                f"AND ({self.where})", self.params)

    def page(self, order: str, limit: int, offset: int) -> tuple[str, list]:
        if self.match and order == "relevance" and self.where == "1":
            # Text alone: FTS5 picks the page itself (half the time of sorting a join).
            return ("SELECT a.rowid AS rowid, a.*, -f.rank AS score FROM (SELECT rowid, rank "
                    "FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? "
                    "OFFSET ?) f JOIN articles a ON a.rowid = f.rowid ORDER BY f.rank",
                    [self.match, limit, offset])
        if self.match and order == "relevance":
            order_sql, score = "articles_fts.rank, a.published_at DESC, a.rowid DESC", \
                "-articles_fts.rank"
        else:
            order_sql, score = "a.published_at DESC, a.rowid DESC", "0.0"
        return (f"SELECT a.rowid AS rowid, a.*, {score} AS score {self.source} "
                f"ORDER BY {order_sql} LIMIT ? OFFSET ?", [*self.params, limit, offset])


def _plan(node: Query) -> _Plan:
    items = node.items if isinstance(node, And) else (node,)
    text = [i for i in items if _fts(i) is not None or (isinstance(i, Not) and _fts(i.item))]
    positive = [_fts(i) for i in text if not isinstance(i, Not)]
    if not positive:
        where, params = _compile(node)
        return _Plan("", where, tuple(params))
    negative = [_fts(i.item) for i in text if isinstance(i, Not)]
    match = " AND ".join(positive) + "".join(f" NOT {n}" for n in negative)
    rest = [i for i in items if i not in text]
    where, params = _compile(And(tuple(rest))) if rest else ("1", [])
    return _Plan(match, where, tuple(params))


def _fts(node: Query) -> str | None:
    """The FTS5 expression of a text-only subtree, or None if it has fields."""
    if isinstance(node, Term | Phrase):
        return _fts_string(node.text) if _has_word(node.text) else None
    if isinstance(node, Or):
        parts = [_fts(i) for i in node.items]
        return "(" + " OR ".join(parts) + ")" if all(parts) else None
    if isinstance(node, And):
        plan_items = [i for i in node.items if not isinstance(i, Not)]
        negatives = [i.item for i in node.items if isinstance(i, Not)]
        pos = [_fts(i) for i in plan_items]
        neg = [_fts(i) for i in negatives]
        if not pos or not all(pos) or not all(neg):
            return None
        return "(" + " AND ".join(pos) + "".join(f" NOT {n}" for n in neg) + ")"
    return None


def _fts_names(analysis: Analysis) -> str:
    """Canonical names of what an article is about, folded: "ủy ban nhân dân" finds
    an article that only wrote "UBND"."""
    names = {e.canonical for e in analysis.entities} | set(analysis.units)
    return fold(" | ".join(sorted(names)))


def _names(analysis: Analysis) -> list[tuple[str, str, str]]:
    """The distinct names an analysis adds, for fast partial matching of fields."""
    rows = [("unit", name_key(u), u) for u in analysis.units]
    rows += [("campaign", name_key(c.canonical), c.canonical) for c in analysis.campaigns]
    rows += [(e.type, name_key(e.canonical), e.canonical) for e in analysis.entities
             if e.type in ("PER", "LOC")]
    rows += [("award", name_key(a.award), a.award) for a in analysis.awards]
    return rows


_FILL_NAMES = """
INSERT OR IGNORE INTO names
SELECT 'unit', key, MIN(name) FROM units GROUP BY key
UNION ALL SELECT 'campaign', key, MIN(name) FROM campaigns GROUP BY key
UNION ALL SELECT type, key, MIN(canonical) FROM entities WHERE type IN ('PER', 'LOC')
    GROUP BY type, key
UNION ALL SELECT 'award', award_key, MIN(award) FROM awards GROUP BY award_key
"""


def _compile(node: Query) -> tuple[str, list]:
    """SQL condition over `articles a` for a query tree."""
    if isinstance(node, MatchAll):
        return "1", []
    if isinstance(node, Term | Phrase):
        if not _has_word(node.text):
            return "1", []
        return ("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                [_fts_string(node.text)])
    if isinstance(node, Not):
        sql, params = _compile(node.item)
        return f"NOT ({sql})", params
    if isinstance(node, And | Or):
        parts = [_compile(item) for item in node.items]
        joiner = " AND " if isinstance(node, And) else " OR "
        return joiner.join(f"({s})" for s, _ in parts), [p for _, ps in parts for p in ps]
    if isinstance(node, Field):
        return _compile_field(node)
    raise TypeError(f"unknown query node {node!r}")


def _compile_field(node: Field) -> tuple[str, list]:
    like = f"%{name_key(node.value)}%"
    if node.name == "unit":
        from nlp import canonical_unit

        key = name_key(canonical_unit(node.value))
        return ("a.id IN (SELECT article_id FROM units WHERE key IN (SELECT key FROM names "
                "WHERE kind = 'unit' AND (key LIKE ? OR key LIKE ?)))", [f"%{key}%", like])
    if node.name == "campaign":
        return ("a.id IN (SELECT article_id FROM campaigns WHERE key IN (SELECT key FROM names "
                "WHERE kind = 'campaign' AND key LIKE ?))", [like])
    if node.name in _ENTITY_FIELDS:
        kind = _ENTITY_FIELDS[node.name]
        return ("a.id IN (SELECT article_id FROM entities WHERE type = ? AND key IN (SELECT key "
                "FROM names WHERE kind = ? AND key LIKE ?))", [kind, kind, like])
    if node.name == "award":
        return ("a.id IN (SELECT article_id FROM awards WHERE award_key IN (SELECT key FROM "
                "names WHERE kind = 'award' AND key LIKE ?))", [like])
    if node.name == "source":
        return "a.source = ?", [node.value.lower()]
    if node.name == "from":
        return "substr(a.published_at, 1, 10) >= ?", [node.value]
    if node.name == "to":
        return "substr(a.published_at, 1, 10) <= ?", [node.value]
    if node.name == "has":
        return "a.id IN (SELECT article_id FROM awards)", []
    raise TypeError(f"unknown field {node.name!r}")
