"""The embedded default backend: SQLite with FTS5."""

from newsmon.index.backends.sqlite.store import SQLiteStore

__all__ = ["SQLiteStore"]
