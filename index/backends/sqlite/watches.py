"""Watches, their matches and their outbox in the SQLite store.

The analysis feed is a sequence number per analysis written (`feed_analysed`, one
insert where the store writes an analysis; a trigger on `articles` did the same
but cost a quarter of the indexing rate, as SQLite then reads whole rows): a watch's
watermark is a position in it, not a timestamp, so two articles analysed in the
same second can never be skipped or matched twice. Matching reads the feed past
each watermark through the same compiled query as search, and writes the
matches, the outbox rows and the new watermark in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime, timedelta

from newsmon.index.backends.sqlite.compiler import plan
from newsmon.index.prepare import prepare
from newsmon.index.query import parse
from newsmon.index.store import Hit
from newsmon.index.watches import (
    Delivery,
    OutboxRow,
    Watch,
    backoff,
    new_secret,
    no_such_watch,
    utc_now,
    watch_exists,
)

WATCH_SCHEMA = """
CREATE TABLE IF NOT EXISTS analysis_feed (
    seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS watches (
    name TEXT PRIMARY KEY, query TEXT NOT NULL, cadence TEXT NOT NULL,
    destinations TEXT NOT NULL, cap INTEGER, allow_private INTEGER NOT NULL,
    created_at TEXT NOT NULL, watermark INTEGER NOT NULL, max_per_day INTEGER,
    secret TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS watch_matches (
    watch TEXT NOT NULL, article_id TEXT NOT NULL, matched_at TEXT NOT NULL,
    PRIMARY KEY (watch, article_id)
);
CREATE TABLE IF NOT EXISTS outbox (
    watch TEXT NOT NULL, article_id TEXT NOT NULL, destination TEXT NOT NULL,
    status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at TEXT NOT NULL,
    last_error TEXT NOT NULL, matched_at TEXT NOT NULL, sent_at TEXT, batch TEXT,
    PRIMARY KEY (watch, article_id, destination)
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_attempt_at);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY, watch TEXT NOT NULL, destination TEXT NOT NULL,
    articles INTEGER NOT NULL, ok INTEGER NOT NULL, response TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_watch ON deliveries (watch, destination, id);
"""


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def _watch(r: sqlite3.Row) -> Watch:
    return Watch(name=r["name"], query=r["query"], cadence=r["cadence"],
                 destinations=json.loads(r["destinations"]), cap=r["cap"],
                 allow_private=bool(r["allow_private"]), created_at=r["created_at"],
                 watermark=r["watermark"], max_per_day=r["max_per_day"], secret=r["secret"])


_INSERT_WATCH = ("INSERT INTO watches (name, query, cadence, destinations, cap, allow_private, "
                 "created_at, watermark, max_per_day, secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                 "?, ?)")


def _watch_row(watch: Watch, created_at: str, watermark: int) -> tuple:
    return (watch.name, watch.query, watch.cadence, json.dumps(watch.destinations), watch.cap,
            int(watch.allow_private), created_at, watermark, watch.max_per_day,
            watch.secret or new_secret())


def migrate_watches(db: sqlite3.Connection) -> None:
    """Stores from before daily caps and feed tokens: add the columns, give each
    watch a token."""
    columns = {r[1] for r in db.execute("PRAGMA table_info(watches)")}
    if "max_per_day" not in columns:
        db.execute("ALTER TABLE watches ADD COLUMN max_per_day INTEGER")
    if "secret" not in columns:
        db.execute("ALTER TABLE watches ADD COLUMN secret TEXT NOT NULL DEFAULT ''")
    for (name,) in db.execute("SELECT name FROM watches WHERE secret = ''").fetchall():
        db.execute("UPDATE watches SET secret = ? WHERE name = ?", (new_secret(), name))


class SQLiteWatches:
    """The watch calls of `SQLiteStore` (mixed in; `db`, `_transaction` and `_query`
    are the store's)."""

    db: sqlite3.Connection

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...  # the store's

    def _query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]: ...  # the store's

    def _hits(self, rows: list[sqlite3.Row], highlight: str) -> list[Hit]: ...  # the store's

    # ---- watches -------------------------------------------------------------------------

    def add_watch(self, watch: Watch, *, backfill_days: int = 0) -> Watch:
        """Store a new watch whose watermark is the feed's head (no history), or with
        `backfill_days`, whose first matches are the articles published in those days."""
        query = prepare(parse(watch.query))  # a malformed query fails before any write
        now = utc_now()
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM watches WHERE name = ?", (watch.name,)).fetchone():
                raise watch_exists(watch.name)
            head = _head(db)
            db.execute(_INSERT_WATCH, _watch_row(watch, _iso(now), head))
            if backfill_days:
                since = (now - timedelta(days=backfill_days)).date().isoformat()
                where, params = plan(query).condition()
                ids = [r[0] for r in db.execute(
                    f"SELECT a.id FROM articles a WHERE a.analyzed_at IS NOT NULL AND "
                    f"substr(a.published_at, 1, 10) >= ? AND ({where})", [since, *params])]
                _record_matches(db, watch.name, watch.destinations, ids, now)
        return self.get_watch(watch.name)

    def import_watch(self, watch: Watch, matches: list[tuple[str, str]],
                     pending: list[OutboxRow]) -> bool:
        """A watch copied from another store (reindex) with its match history and its
        outbox rows (pending ones are sent from here); its watermark is this store's
        head, so the articles copied in do not alert again. False when a watch of that
        name is here already."""
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM watches WHERE name = ?", (watch.name,)).fetchone():
                return False
            db.execute(_INSERT_WATCH, _watch_row(watch, watch.created_at, _head(db)))
            db.executemany("INSERT OR IGNORE INTO watch_matches VALUES (?, ?, ?)",
                           [(watch.name, a, at) for a, at in matches])
            db.executemany("INSERT OR IGNORE INTO outbox VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [(r.watch, r.article_id, r.destination, r.status, r.attempts,
                             r.next_attempt_at, r.last_error, r.matched_at, r.sent_at, r.batch)
                            for r in pending])
        return True

    def get_watch(self, name: str) -> Watch:
        rows = self._query("SELECT * FROM watches WHERE name = ?", (name,))
        if not rows:
            known = [w.name for w in self.watches()]
            raise no_such_watch(name, known)
        return _watch(rows[0])

    def watches(self) -> list[Watch]:
        return [_watch(r) for r in self._query("SELECT * FROM watches ORDER BY name")]

    def update_watch(self, watch: Watch) -> Watch:
        """Change a watch's query, cadence, destinations or cap; its watermark stays."""
        prepare(parse(watch.query))
        self.get_watch(watch.name)
        with self._transaction() as db:
            db.execute("UPDATE watches SET query = ?, cadence = ?, destinations = ?, cap = ?, "
                       "allow_private = ?, max_per_day = ?, secret = ? WHERE name = ?",
                       (watch.query, watch.cadence, json.dumps(watch.destinations), watch.cap,
                        int(watch.allow_private), watch.max_per_day,
                        watch.secret or self.get_watch(watch.name).secret, watch.name))
        return self.get_watch(watch.name)

    def remove_watch(self, name: str) -> None:
        """Forget a watch, its matches and its undelivered rows (the log stays)."""
        self.get_watch(name)
        with self._transaction() as db:
            for table, column in (("watches", "name"), ("watch_matches", "watch"),
                                  ("outbox", "watch")):
                db.execute(f"DELETE FROM {table} WHERE {column} = ?", (name,))

    # ---- matching ------------------------------------------------------------------------

    def match_watches(self) -> dict[str, int]:
        """Evaluate every watch on the articles analysed past its watermark; returns
        new matches per watch. Matches, outbox rows and watermarks commit together."""
        found: dict[str, int] = {}
        now = utc_now()
        with self._transaction() as db:
            head = _head(db)
            rows = db.execute("SELECT * FROM watches WHERE watermark < ? ORDER BY name",
                              (head,))
            rows.row_factory = sqlite3.Row
            due = [_watch(r) for r in rows.fetchall()]
            if not due:
                return found
            with _new_only(db, min(w.watermark for w in due), head):
                for watch in due:
                    where, params = plan(prepare(parse(watch.query))).condition()
                    ids = [r[0] for r in db.execute(
                        "SELECT a.id FROM articles a WHERE a.rowid IN (SELECT rowid FROM "
                        f"temp.new_articles WHERE seq > ?) AND ({where}) ORDER BY a.rowid",
                        [watch.watermark, *params])]
                    found[watch.name] = _record_matches(db, watch.name, watch.destinations,
                                                        ids, now)
                    db.execute("UPDATE watches SET watermark = ? WHERE name = ?",
                               (head, watch.name))
        return found

    def watch_matches(self, name: str, limit: int = 50) -> list[tuple[str, str]]:
        """(article id, matched at) of a watch's matches, newest first."""
        rows = self._query("SELECT article_id, matched_at FROM watch_matches WHERE watch = ? "
                           "ORDER BY matched_at DESC, rowid DESC LIMIT ?", (name, limit))
        return [(r["article_id"], r["matched_at"]) for r in rows]

    def watch_hits(self, name: str, ids: list[str]) -> list[Hit]:
        """The articles `ids` as hits of a watch's query: snippets highlight its words,
        in the order given."""
        p = plan(prepare(parse(self.get_watch(name).query)))
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = self._query(f"SELECT a.rowid AS rowid, a.*, 0.0 AS score FROM articles a "
                           f"WHERE a.id IN ({marks})", ids)
        order = {article_id: i for i, article_id in enumerate(ids)}
        rows.sort(key=lambda r: order[r["id"]])
        return self._hits(rows, p.match)

    # ---- the outbox ----------------------------------------------------------------------

    def outbox(self, *, due_by: datetime | None = None, watch: str | None = None,
               status: str | None = "pending", sent_since: datetime | None = None
               ) -> list[OutboxRow]:
        """Outbox rows, oldest match first: pending ones due by `due_by`, or all;
        with `sent_since`, those sent (or folded) since then."""
        clauses, params = ["1"], []
        if sent_since is not None:
            clauses.append("sent_at >= ?")
            params.append(_iso(sent_since))
        if status:
            clauses.append("status = ?")
            params.append(status)
        if due_by is not None:
            clauses.append("next_attempt_at <= ?")
            params.append(_iso(due_by))
        if watch:
            clauses.append("watch = ?")
            params.append(watch)
        rows = self._query(f"SELECT * FROM outbox WHERE {' AND '.join(clauses)} "
                           "ORDER BY matched_at, rowid", params)
        return [OutboxRow(**dict(r)) for r in rows]

    def delivered(self, watch: str, destination: str, article_ids: Iterable[str]) -> set[str]:
        """Of these articles, those this destination already had from the watch
        (their row sent, counted or folded)."""
        ids = list(article_ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            found.update(r["article_id"] for r in self._query(
                f"SELECT article_id FROM outbox WHERE watch = ? AND destination = ? AND "
                f"status != 'pending' AND article_id IN ({', '.join('?' * len(part))})",
                [watch, destination, *part]))
        return found

    def claim(self, rows: list[OutboxRow], batch: str) -> list[OutboxRow]:
        """Give unclaimed rows the batch id they will be sent under, before the send:
        a send cut by a crash is repeated as the same batch (same rows, same id), so
        the receiver can tell it is the one it may already have."""
        with self._transaction() as db:
            db.executemany("UPDATE outbox SET batch = ? WHERE watch = ? AND article_id = ? "
                           "AND destination = ? AND batch IS NULL",
                           [(batch, r.watch, r.article_id, r.destination) for r in rows])
        for r in rows:
            r.batch = r.batch or batch
        return rows

    def mark_sent(self, rows: Iterable[OutboxRow], delivery: Delivery,
                  status: str = "sent", counted: Iterable[OutboxRow] = ()) -> None:
        """Rows delivered (or `folded`), those only `counted` in it ("và N bài
        khác"), and the log line of their delivery, in one transaction."""
        with self._transaction() as db:
            db.executemany("UPDATE outbox SET status = ?, sent_at = ?, attempts = "
                           "attempts + 1, last_error = '' WHERE watch = ? AND article_id = ? "
                           "AND destination = ?",
                           [(state, delivery.at, r.watch, r.article_id, r.destination)
                            for state, part in ((status, rows), ("counted", counted))
                            for r in part])
            _log(db, delivery)

    def mark_failed(self, rows: Iterable[OutboxRow], delivery: Delivery) -> None:
        """Rows stay pending, retried after a backoff that grows with each failure."""
        at = datetime.fromisoformat(delivery.at)
        with self._transaction() as db:
            for r in rows:
                attempts = r.attempts + 1
                db.execute("UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ? "
                           "WHERE watch = ? AND article_id = ? AND destination = ?",
                           (attempts, delivery.response,
                            _iso(at + timedelta(seconds=backoff(attempts))), r.watch,
                            r.article_id, r.destination))
            _log(db, delivery)

    def deliveries(self, watch: str | None = None, limit: int = 50) -> list[Delivery]:
        """The delivery log, newest first."""
        where, params = ("WHERE watch = ?", [watch]) if watch else ("", [])
        rows = self._query(f"SELECT watch, destination, articles, ok, response, at FROM "
                           f"deliveries {where} ORDER BY id DESC LIMIT ?", [*params, limit])
        return [Delivery(r["watch"], r["destination"], r["articles"], bool(r["ok"]),
                         r["response"], r["at"]) for r in rows]

    def last_sent(self, watch: str, destination: str) -> str | None:
        """When a destination last accepted a delivery of a watch (digest periods)."""
        rows = self._query("SELECT MAX(at) AS at FROM deliveries WHERE watch = ? AND "
                           "destination = ? AND ok", (watch, destination))
        return rows[0]["at"]


def feed_analysed(db: sqlite3.Connection, article_id: str) -> None:
    """Note an analysis written, in the writer's transaction: the watches' feed."""
    db.execute("INSERT INTO analysis_feed (article_id) VALUES (?)", (article_id,))


def _head(db: sqlite3.Connection) -> int:
    return db.execute("SELECT COALESCE(MAX(seq), 0) FROM analysis_feed").fetchone()[0]


#: The tables a compiled condition reads per article (see sqlite/compiler.py); `names`
#: is a lookup of keys and `articles` is joined by rowid, so neither is copied.
_SHADOWED = ("units", "entities", "campaigns", "awards")


@contextmanager
def _new_only(db: sqlite3.Connection, since: int, head: int) -> Iterator[None]:
    """Within this block, the compiled conditions see only the articles analysed in
    (since, head]: temp tables of the same names hold just their rows, and SQLite
    resolves an unqualified name to temp first. The same SQL as search, on a store
    of a thousand articles instead of a hundred thousand: a common word or has:award
    no longer reads every match in the store once per watch."""
    db.execute("CREATE TEMP TABLE new_articles (rowid INTEGER PRIMARY KEY, id TEXT, seq INTEGER)")
    try:
        db.execute("INSERT INTO temp.new_articles SELECT a.rowid, a.id, MAX(f.seq) FROM "
                   "analysis_feed f JOIN articles a ON a.id = f.article_id WHERE f.seq > ? "
                   "AND f.seq <= ? GROUP BY a.rowid", (since, head))
        db.execute("CREATE VIRTUAL TABLE temp.articles_fts USING fts5(title, sapo, body, "
                   "names, tokenize = 'unicode61 remove_diacritics 2')")
        db.execute("INSERT INTO temp.articles_fts (rowid, title, sapo, body, names) SELECT "
                   "rowid, title, sapo, body, names FROM main.articles_fts WHERE rowid IN "
                   "(SELECT rowid FROM temp.new_articles)")
        for table in _SHADOWED:
            db.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM main.{table} "
                       "WHERE article_id IN (SELECT id FROM temp.new_articles)")
        yield
    finally:
        for table in ("new_articles", "articles_fts", *_SHADOWED):
            db.execute(f"DROP TABLE IF EXISTS temp.{table}")


def _record_matches(db: sqlite3.Connection, watch: str, destinations: list[str],
                    ids: Iterable[str], now: datetime) -> int:
    """New (watch, article) matches and one outbox row per destination each; an
    article matched before (edited, re-analysed, reindexed) is not matched again."""
    new = 0
    at = _iso(now)
    for article_id in ids:
        cur = db.execute("INSERT OR IGNORE INTO watch_matches VALUES (?, ?, ?)",
                         (watch, article_id, at))
        if not cur.rowcount:
            continue
        new += 1
        db.executemany("INSERT OR IGNORE INTO outbox VALUES "
                       "(?, ?, ?, 'pending', 0, ?, '', ?, NULL, NULL)",
                       [(watch, article_id, d, at, at) for d in destinations])
    return new


def _log(db: sqlite3.Connection, d: Delivery) -> None:
    db.execute("INSERT INTO deliveries (watch, destination, articles, ok, response, at) "
               "VALUES (?, ?, ?, ?, ?, ?)", (d.watch, d.destination, d.articles, int(d.ok),
                                              d.response, d.at))



