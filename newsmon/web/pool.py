"""Read-only stores kept open between requests.

Opening a store per request, as each CLI command does, starts every request
with an empty SQLite page cache: a broad search then reads a quarter more from
the file than on a connection that served the request before. The pool keeps a
few open read-only stores and lends one per request. SQLite gives each read its
own snapshot, so a kept connection sees what the crawler wrote since; a store
file replaced on disk (another inode) is noticed and reopened.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from newsmon.index.store import Store


def _identity(db: Store) -> tuple[int, int] | None:
    """The file behind a SQLite store (device, inode); None for a server store."""
    path = getattr(db, "path", None)
    if not isinstance(path, Path):
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return (-1, -1)
    return stat.st_dev, stat.st_ino


class StorePool:
    """At most `size` idle read-only stores; a request finds one or opens its own."""

    def __init__(self, opener: Callable[[], Store], size: int = 4) -> None:
        self._open = opener
        self._size = size
        self._idle: list[tuple[Store, tuple[int, int] | None]] = []
        self._lock = threading.Lock()

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        """A store for one request. One that raised is closed, not kept: its
        connection may be in any state."""
        db, identity = self._take()
        try:
            yield db
        except BaseException:
            db.close()
            raise
        self._give(db, identity)

    def _take(self) -> tuple[Store, tuple[int, int] | None]:
        while True:
            with self._lock:
                if not self._idle:
                    break
                db, identity = self._idle.pop()
            if _identity(db) == identity:
                return db, identity
            db.close()  # the file was replaced or removed: read the new one
        db = self._open()
        return db, _identity(db)

    def _give(self, db: Store, identity: tuple[int, int] | None) -> None:
        with self._lock:
            if len(self._idle) < self._size:
                self._idle.append((db, identity))
                return
        db.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for db, _ in idle:
            db.close()
