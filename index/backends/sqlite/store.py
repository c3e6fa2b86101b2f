"""The embedded default store: one SQLite file, FTS5 for full text (see `schema.py`
for the tables and `compiler.py` for how a query becomes SQL)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path

from newsmon.index.backends.base import (
    EXACT_WINDOW,
    BaseStore,
    article_from_record,
    exact_first,
    exact_window,
    figure_from_record,
    hit_from_record,
    run_from_record,
)
from newsmon.index.backends.sqlite.compiler import RANK_WINDOW, Plan, plan
from newsmon.index.backends.sqlite.schema import ARTICLE_COLUMNS, SCHEMA, SCHEMA_VERSION, migrate
from newsmon.index.backends.sqlite.sums import sums_sql
from newsmon.index.backends.sqlite.watches import (
    WATCH_SCHEMA,
    SQLiteWatches,
    feed_analysed,
    migrate_watches,
)
from newsmon.index.documents import Article, CrawlRun, SourceHealth, content_hash, now_iso
from newsmon.index.query import Query
from newsmon.index.store import (
    Facets,
    FigureFilter,
    FigureRow,
    FigureSum,
    Hit,
    SearchResult,
    Stats,
    StoreError,
)
from newsmon.index.stories import StoryRecord
from newsmon.nlp.normalize import fold, name_key
from newsmon.nlp.types import Analysis

#: SQLite's header field for "which application's file is this" ('NMON'): a file
#: that is not ours is never converted (WAL, tables) by opening it as a store.
APPLICATION_ID = 0x4E4D4F4E

# 64 MiB of page cache: indexing a large store is 10–15% faster, and facets over many
# matches read fewer pages again.
_CACHE = "PRAGMA cache_size=-65536"


class SQLiteStore(SQLiteWatches, BaseStore):
    """Store articles and analyses in one SQLite file (WAL mode, so a reader
    never blocks the crawler writing)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path).expanduser()
        self.url = f"sqlite:///{self.path}"
        self.read_only = read_only
        if read_only and not self.path.is_file():
            raise StoreError(f"No store at {self.path}: check --store or NEWSMON_STORE, or "
                             "create one with newsmon crawl (or newsmon demo).")
        try:
            if self.path.is_file() and self.path.stat().st_size:
                self._check_ours()
            if read_only:
                # handed between threads one at a time (the web's pool, a streamed export)
                self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                          timeout=30, isolation_level=None,
                                          check_same_thread=False)
                self.db.execute(_CACHE)
                self.db.execute("SELECT 1 FROM articles_fts LIMIT 1")
            else:
                self._create()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(
                f"Cannot open the SQLite store at {self.path}: {exc}. Check that the folder "
                "exists and is writable, and that the file is a newsmon store."
            ) from exc

    def _check_ours(self) -> None:
        """Refuse, before changing anything, a SQLite file that is not a newsmon
        store (a mistyped --store pointing at another program's database). A
        store made before the application id was written is known by its tables."""
        probe = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            tables = {name for (name,) in probe.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            probe.close()
        if app_id == APPLICATION_ID or (app_id == 0 and {"meta", "articles_fts"} <= tables):
            return
        raise StoreError(f"{self.path} is a SQLite file but not a newsmon store; newsmon "
                         "leaves it as it is. Give another --store (a new file is created).")

    def _create(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(_CACHE)
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)
        self.db.executescript(WATCH_SCHEMA)
        migrate(self.db)
        migrate_watches(self.db)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                        (str(SCHEMA_VERSION),))
        self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

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
        batch = list(articles)
        with self._transaction() as db:
            new = sum(self._upsert(db, article, None)[1] for article in batch)
        self._join_stories(batch)
        return new

    def add_analyzed(self, pairs: Iterable[tuple[Article, Analysis | None]]) -> int:
        """Article rows, full-text rows (names included) and analyses written in one
        pass: each article's text is indexed once, not indexed then updated."""
        new = 0
        batch = list(pairs)
        with self._transaction() as db:
            for article, analysis in batch:
                rowid, is_new, written = self._upsert(db, article, analysis)
                new += is_new
                if analysis is not None and not written:
                    self._clear_analysis(db, article.id)
                    self._write_analysis(db, article.id, rowid, analysis, update_fts=True)
        self._join_stories(a for a, _ in batch)
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
            cur = db.execute(f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                             f"VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})", values)
            rowid = cur.lastrowid
        else:
            rowid = row[0]
            assignments = ", ".join(f"{c} = ?" for c in ARTICLE_COLUMNS[1:])
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
            iso(article.published_at)[:10] if article.published_at else None,
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
            # columns named: a migrated store has the later ones in the order they were added
            "INSERT INTO awards (article_id, count, recipient_kind, award, level, giver, "
            "recipient, year, status, is_total, start, end, sentence, sentence_start, award_key, "
            "level_key, status_cue, period) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, a.count, a.recipient_kind, a.award, a.level, a.giver, a.recipient,
              a.year, a.status, int(a.is_total), a.start, a.end, a.sentence, a.sentence_start,
              name_key(a.award), name_key(a.level), a.status_cue.text if a.status_cue else "",
              a.period)
             for a in analysis.awards],
        )
        db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", _names(analysis))
        if update_fts:
            db.execute("UPDATE articles_fts SET names = ? WHERE rowid = ?",
                       (_fts_names(analysis), rowid))
        db.execute("UPDATE articles SET analyzed_at = ?, analysis = ? WHERE id = ?",
                   (now_iso(), json.dumps(analysis.to_dict(), ensure_ascii=False), article_id))
        feed_analysed(db, article_id)

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
            recent = [run_from_record(r) for r in self._query(
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
        return article_from_record(rows[0]) if rows else None

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
        return [article_from_record(r) for r in rows]

    def names(self, kind: str) -> list[str]:
        return [r["name"] for r in self._query("SELECT name FROM names WHERE kind = ?", (kind,))]

    def _search(self, query: Query, *, limit: int, offset: int, order: str, facets: bool,
                interval: str, facet_size: int, exact: list[re.Pattern[str]],
                facets_by: str = "article") -> SearchResult:
        p = plan(query)
        everything = not p.match and p.where == "1"
        if facets and not everything:
            # the facets read the matches many times: the full-text expression is
            # evaluated once, and its rowids kept in this connection's own table
            total = self._keep("matches", "rowid INTEGER PRIMARY KEY", *(
                ("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [p.match])
                if p.text_only else (f"SELECT a.rowid {p.source}", p.params)))
        else:
            total = self._query(*p.count())[0]["n"]
        window = exact_window(exact, limit, offset)
        size, start = (max(EXACT_WINDOW, offset + limit), 0) if window else (limit, offset)
        rows = self._page(p, order, size, start, total)
        if window:
            rows = exact_first(rows, exact, _text)[offset:offset + limit]
        hits = self._hits(rows, p.match)
        found = (self._facets(interval, facet_size, total, facets_by, everything)
                 if facets else None)
        return SearchResult(total=total, hits=hits, facets=found)

    def _page(self, p: Plan, order: str, limit: int, offset: int,
              total: int) -> list[sqlite3.Row]:
        """A page of matches. Past RANK_WINDOW text-only matches, relevance is the
        most recent RANK_WINDOW ranked, then the older ones ranked (compiler.py)."""
        if not (p.text_only and order == "relevance" and total > RANK_WINDOW):
            return self._query(*p.page(order, limit, offset))
        since = self._query(*p.window_start())[0]["rowid"]
        rows = []
        if offset < RANK_WINDOW:
            rows += self._query(*p.ranked(min(limit, RANK_WINDOW - offset), offset,
                                          (since, 2**63 - 1)))
        if offset + limit > RANK_WINDOW:
            rows += self._query(*p.ranked(offset + limit - max(offset, RANK_WINDOW),
                                          max(0, offset - RANK_WINDOW), (0, since)))
        return rows

    def _iter_hits(self, query: Query, *, order: str) -> Iterator[Hit]:
        p = plan(query)
        offset = 0
        while rows := self._query(*p.page(order, 500, offset)):
            yield from self._hits(rows, p.match)
            offset += len(rows)

    def _hits(self, rows: list[sqlite3.Row], highlight: str) -> list[Hit]:
        highlights = self._highlights([r["rowid"] for r in rows], highlight)
        units = self._units_of([r["id"] for r in rows])
        return [hit_from_record(r, float(r["score"]), highlights.get(r["rowid"]),
                                units.get(r["id"], [])) for r in rows]

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

    def _facets(self, interval: str, size: int, total: int,
                by: str = "article", everything: bool = False) -> Facets:
        """Counts per value of the matching articles, or of their stories (an article
        without a story record is its own story), read from the kept matches
        (`_search`) or, for a query that matches everything, from the whole store.
        The timeline and sources count every match; units, campaigns, people and award
        forms count the FACET_SAMPLE most recently stored matches when there are more
        (a sample, as Media Cloud's top entities are), because joining every match of
        a broad query at 100,000 articles takes seconds; `Facets.sampled` says so."""
        matched = "FROM articles a" if everything else (
            "FROM temp.matches m JOIN articles a ON a.rowid = m.rowid")
        newest = "articles" if everything else "temp.matches"
        self._keep("sample", "id TEXT PRIMARY KEY",
                   f"SELECT id FROM articles WHERE rowid IN (SELECT rowid FROM {newest} "
                   f"ORDER BY rowid DESC LIMIT {FACET_SAMPLE})")
        if by == "story":
            story = "COALESCE(s.story_id, t.article_id)"
            joined = "LEFT JOIN stories s ON s.article_id = t.article_id"
        else:
            story, joined = "t.article_id", ""

        def top(table: str, column: str = "name", extra: str = "",
                key: str = "key") -> list[tuple[str, int]]:
            rows = self._query(
                f"SELECT MIN(t.{column}) AS name, COUNT(DISTINCT {story}) AS n "
                f"FROM {table} t {joined} WHERE t.article_id IN temp.sample {extra} "
                f"GROUP BY t.{key} ORDER BY n DESC, name LIMIT ?", [size])
            return [(r["name"], r["n"]) for r in rows]

        if by == "story":
            sources, histogram = self._story_counts(matched, interval, size)
        else:
            by_source, by_day = self._sources_and_days(matched, everything, total)
            sources = sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0]))[:size]
            histogram = sorted(fold_days(by_day, interval).items())
        return Facets(
            units=top("units"), campaigns=top("campaigns"), sources=sources,
            people=top("entities", "canonical", "AND t.type = 'PER'"),
            awards=top("awards", "award", key="award_key"),
            histogram=histogram, sampled=FACET_SAMPLE if total > FACET_SAMPLE else None,
        )

    def _keep(self, table: str, columns: str, select: str, params: Iterable = ()) -> int:
        """Fill a temporary table of this connection (made on first use) with the rows
        of `select`; returns their number. Temporary tables are the connection's own,
        so a read-only store can keep them too."""
        try:
            self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})")
            self.db.execute(f"DELETE FROM temp.{table}")
            return self.db.execute(f"INSERT INTO temp.{table} {select}", tuple(params)).rowcount
        except sqlite3.Error as exc:
            raise StoreError(f"Reading the SQLite store at {self.path} failed: {exc}") from exc

    def _story_counts(self, matched: str, interval: str, size: int) -> tuple[list, list]:
        """Distinct stories per source and per period (distinct counts do not add up
        across groups, so these are two queries)."""
        source = f"{matched} LEFT JOIN stories s ON s.article_id = a.id"
        n = "COUNT(DISTINCT COALESCE(s.story_id, a.id))"
        sources = self._query(f"SELECT a.source AS name, {n} AS n {source} "
                              "GROUP BY a.source ORDER BY n DESC, name LIMIT ?", [size])
        histogram = self._query(
            f"SELECT {_BUCKETS[interval]} AS name, {n} AS n {source} "
            "WHERE a.published_at IS NOT NULL GROUP BY name ORDER BY name")
        return ([(r["name"], r["n"]) for r in sources],
                [(r["name"], r["n"]) for r in histogram])

    def _sources_and_days(self, matched: str, everything: bool, total: int
                          ) -> tuple[dict[str, int], dict[str | None, int]]:
        """Matches per source and per day (None: no date). Many matches are counted in
        one scan of the narrow (source, day) index, checking each entry against the
        kept matches: reading each matching article's row instead, which is what a
        few matches cost, takes seconds for a broad query at 100,000 articles. Days
        are folded into weeks or months in Python (`fold_days`): SQLite's date() on
        every match costs more than the whole fold. `matched` is the FROM clause of
        the matching rows (`_facets`)."""
        rows, day = matched, "a.day"
        if not self._has_day_index:  # a store made before it, opened read-only: not migrated
            day = _BUCKETS["day"]
        elif everything or total > _FEW_MATCHES:
            rows = "FROM articles AS a INDEXED BY articles_source_day" + (
                "" if everything else " WHERE a.rowid IN temp.matches")
        by_source: dict[str, int] = {}
        by_day: dict[str | None, int] = {}
        for r in self._query(f"SELECT a.source AS source, {day} AS day, COUNT(*) AS n "
                             f"{rows} GROUP BY 1, 2"):
            by_source[r["source"]] = by_source.get(r["source"], 0) + r["n"]
            by_day[r["day"]] = by_day.get(r["day"], 0) + r["n"]
        return by_source, by_day

    @cached_property
    def _has_day_index(self) -> bool:
        return bool(self._query("SELECT 1 FROM sqlite_master WHERE type = 'index' "
                                "AND name = 'articles_source_day'"))

    def _figure_where(self, flt: FigureFilter) -> tuple[str, list]:
        where, params = plan(flt.query).condition()
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

    def _figures(self, flt: FigureFilter, *, limit: int | None) -> list[FigureRow]:
        where, params = self._figure_where(flt)
        rows = self._query(
            "SELECT f.*, a.title, a.source, a.url, a.canonical_url, a.published_at FROM awards f "
            f"JOIN articles a ON a.id = f.article_id WHERE {where} "
            "ORDER BY a.published_at DESC, f.article_id, f.start" + (" LIMIT ?" if limit else ""),
            [*params, *([limit] if limit else [])],
        )
        return [figure_from_record(dict(r), {**r, "id": r["article_id"]}) for r in rows]

    def _figure_sums(self, flt: FigureFilter, by: str) -> list[FigureSum]:
        """Honest sums grouped and counted in SQL (`sums.py`)."""
        where, params = self._figure_where(flt)
        found = [FigureSum(r["name"], r["total"], r["figures"], r["articles"], kind=r["kind"])
                 for r in self._query(sums_sql(where, by), params)]
        return sorted(found, key=lambda s: (-s.total, s.key, s.kind))

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
            stories=q("SELECT COUNT(DISTINCT COALESCE(s.story_id, a.id)) AS n FROM articles a "
                      "LEFT JOIN stories s ON s.article_id = a.id")[0]["n"],
        )

    def _story_records(self, *, article_ids: list[str] | None = None,
                       story_ids: list[str] | None = None) -> list[StoryRecord]:
        column, ids = ("article_id", article_ids) if article_ids is not None else (
            "story_id", story_ids)
        if ids is None:
            rows = self._query("SELECT * FROM stories ORDER BY rowid")
        else:
            rows = []
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                rows += self._query(f"SELECT * FROM stories WHERE {column} IN "
                                    f"({', '.join('?' * len(part))}) ORDER BY rowid", part)
        return [_story(r) for r in rows]

    def story_of(self, article_ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for i in range(0, len(article_ids), 500):
            part = article_ids[i:i + 500]
            found.update((r["article_id"], r["story_id"]) for r in self._query(
                "SELECT article_id, story_id FROM stories WHERE article_id IN "
                f"({', '.join('?' * len(part))})", part))
        return {i: found.get(i, i) for i in article_ids}

    def _main_units(self, article_ids: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for i in range(0, len(article_ids), 500):
            part = article_ids[i:i + 500]
            found.update((r["article_id"], r["name"]) for r in self._query(
                "SELECT article_id, name FROM units WHERE rank = 0 AND article_id IN "
                f"({', '.join('?' * len(part))})", part))
        return {i: found.get(i, "") for i in article_ids}

    def _story_records_since(self, marker: int) -> tuple[list[StoryRecord], int]:
        rows = self._query("SELECT rowid AS seq, * FROM stories WHERE rowid > ? ORDER BY rowid",
                           (marker,))
        return [_story(r) for r in rows], (rows[-1]["seq"] if rows else marker)

    def _save_story_records(self, records: list[StoryRecord]) -> None:
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           [(r.article_id, r.story_id, r.source, r.published_at, int(r.wire),
                             r.size, r.content_hash, r.signature) for r in records])

    def close(self) -> None:
        self.db.close()




def _story(r: sqlite3.Row) -> StoryRecord:
    return StoryRecord(r["article_id"], r["story_id"], r["source"], r["published_at"],
                       bool(r["wire"]), r["size"], r["content_hash"], r["signature"])


def _text(row: sqlite3.Row) -> str:
    return "\n".join((row["title"], row["sapo"], row["body"]))


#: Above this many matches, the value facets count a sample (see `_facets`).
FACET_SAMPLE = 5000
#: Up to this many matches, the sources and days are read from the matching rows
#: themselves rather than from a scan of the whole (source, day) index.
_FEW_MATCHES = 2000

def fold_days(days: dict[str | None, int], interval: str) -> dict[str, int]:
    """Counts per day ("2026-11-26") as counts per day, ISO week (its Monday, as
    `_BUCKETS["week"]` names it) or month ("2026-11"); days that are not dates drop."""
    out: dict[str, int] = {}
    for day, n in days.items():
        try:
            when = date.fromisoformat(day or "")
        except ValueError:
            continue
        key = (day if interval == "day" else day[:7] if interval == "month"
               else (when - timedelta(days=when.weekday())).isoformat())
        out[key] = out.get(key, 0) + n
    return out


_BUCKETS = {
    "day": "substr(a.published_at, 1, 10)",
    "week": "date(substr(a.published_at, 1, 10), '-6 days', 'weekday 1')",
    "month": "substr(a.published_at, 1, 7)",
}




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


