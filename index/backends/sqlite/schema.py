"""The SQLite store's tables: articles, their analyses as rows for fields, facets and
figures, the distinct names for partial matching, crawl records, and the FTS5 index.

The FTS table holds *folded* text (no case, no diacritics, đ → d), which
unicode61 alone cannot do for "đ". Folding keeps lengths, so the offsets of
a match in the folded copy are offsets into the original text too; that is
how snippets are highlighted in the original spelling.
"""

from __future__ import annotations

import sqlite3

from newsmon.nlp.normalize import name_key
from newsmon.nlp.periods import award_period

SCHEMA_VERSION = 1

SCHEMA = """
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
    analysis TEXT,
    day TEXT
);
CREATE INDEX IF NOT EXISTS articles_pending ON articles (analyzed_at) WHERE analyzed_at IS NULL;
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
    sentence_start INTEGER NOT NULL, award_key TEXT NOT NULL, level_key TEXT NOT NULL,
    status_cue TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT ''
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
CREATE TABLE IF NOT EXISTS stories (
    article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, source TEXT NOT NULL,
    published_at TEXT, wire INTEGER NOT NULL, size INTEGER NOT NULL,
    content_hash TEXT NOT NULL, signature BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_story ON stories (story_id);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, sapo, body, names, tokenize = 'unicode61 remove_diacritics 2'
);
"""

ARTICLE_COLUMNS = (
    "id", "url", "canonical_url", "source", "title", "sapo", "body", "authors", "published_at",
    "category", "tags", "agency", "images", "fetched_at", "language", "parser", "content_hash",
    "day",
)




_FILL_NAMES = """
INSERT OR IGNORE INTO names
SELECT 'unit', key, MIN(name) FROM units GROUP BY key
UNION ALL SELECT 'campaign', key, MIN(name) FROM campaigns GROUP BY key
UNION ALL SELECT type, key, MIN(canonical) FROM entities WHERE type IN ('PER', 'LOC')
    GROUP BY type, key
UNION ALL SELECT 'award', award_key, MIN(award) FROM awards GROUP BY award_key
"""


def migrate(db: sqlite3.Connection) -> None:
    """Bring a store written by an older version up to this schema."""
    if "day" not in {r[1] for r in db.execute("PRAGMA table_info(articles)")}:
        # stores before the day column: the facets' covering index needs it
        db.execute("ALTER TABLE articles ADD COLUMN day TEXT")
        db.execute("UPDATE articles SET day = substr(published_at, 1, 10)")
    # Matches per source and per day in one scan of a narrow index (`_sources_and_days`);
    # it also serves `source:` filters, so the older index on source alone goes.
    db.execute("DROP INDEX IF EXISTS articles_source")
    db.execute("CREATE INDEX IF NOT EXISTS articles_source_day ON articles (source, day)")
    if not db.execute("SELECT 1 FROM names LIMIT 1").fetchone():
        db.execute(_FILL_NAMES)
    columns = {r[1] for r in db.execute("PRAGMA table_info(awards)")}
    if "status_cue" not in columns:  # stores before status cues: the cue stays unknown ("")
        db.execute("ALTER TABLE awards ADD COLUMN status_cue TEXT NOT NULL DEFAULT ''")
    if "period" not in columns:  # stores before periods: read them from the sentences
        db.execute("ALTER TABLE awards ADD COLUMN period TEXT NOT NULL DEFAULT ''")
        db.executemany("UPDATE awards SET period = ? WHERE rowid = ?", [
            (award_period(sentence), rowid)
            for rowid, sentence in db.execute("SELECT rowid, sentence FROM awards").fetchall()])
    if "level_key" not in columns:
        db.execute("ALTER TABLE awards ADD COLUMN level_key TEXT NOT NULL DEFAULT ''")
        for rowid, level in db.execute("SELECT rowid, level FROM awards").fetchall():
            db.execute("UPDATE awards SET level_key = ? WHERE rowid = ?",
                       (name_key(level), rowid))
