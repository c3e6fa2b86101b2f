"""The embedded default backend: SQLite with FTS5."""

from index.backends.sqlite.store import SQLiteStore

__all__ = ["SQLiteStore"]
