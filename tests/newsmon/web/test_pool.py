"""The pool of read-only stores the web app lends to requests (real SQLite files)."""

from __future__ import annotations

import os
import sqlite3
import threading

import pytest

from newsmon.index import StoreError, open_store
from newsmon.index.query import parse
from newsmon.web.pool import StorePool
from tests.index.corpus import make_article


def _pool(path, size: int = 2) -> tuple[StorePool, list]:
    opened: list = []

    def opener():
        opened.append(open_store(f"sqlite:///{path}", read_only=True))
        return opened[-1]

    return StorePool(opener, size=size), opened


def _write(path, *articles) -> None:
    with open_store(f"sqlite:///{path}") as store:
        store.add_articles(list(articles))


@pytest.fixture
def path(tmp_path):
    """A store of one article."""
    path = tmp_path / "s.db"
    _write(path, make_article(1, "Tin một", "Khen thưởng."))
    return path


def test_a_kept_store_is_lent_again_and_sees_what_was_written_since(path):
    pool, opened = _pool(path)
    with pool.borrow() as db:
        assert db.count() == 1
    _write(path, make_article(2, "Tin hai", "Khen thưởng."))
    with pool.borrow() as db:
        assert db.count() == 2
        assert db.search(parse("khen"), facets=True).total == 2
    assert len(opened) == 1


def test_a_store_is_used_from_another_thread_than_the_one_that_opened_it(path):
    """Requests and streamed exports run on whichever worker thread is free."""
    pool, _ = _pool(path)
    with pool.borrow() as db:
        db.count()
    counts: list = []
    errors: list = []

    def request() -> None:
        try:
            with pool.borrow() as db:
                counts.append(db.count())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    worker = threading.Thread(target=request)
    worker.start()
    worker.join()
    assert errors == [] and counts == [1]


def test_a_replaced_store_file_is_reopened(tmp_path, path):
    pool, opened = _pool(path)
    with pool.borrow() as db:
        assert db.count() == 1
    fresh = tmp_path / "fresh.db"
    _write(
        fresh,
        make_article(1, "Tin một", "Khen."),
        make_article(2, "Tin hai", "Khen."),
        make_article(3, "Tin ba", "Khen."),
    )
    os.replace(fresh, path)
    with pool.borrow() as db:
        assert db.count() == 3
    assert len(opened) == 2


def test_a_store_that_failed_is_closed_not_kept(path):
    pool, opened = _pool(path)
    with pytest.raises(StoreError), pool.borrow() as db:
        db._query("SELECT * FROM no_such_table")
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        opened[0].db.execute("SELECT 1")
    with pool.borrow() as db:
        assert db.count() == 1
    assert len(opened) == 2


def test_no_more_than_size_stores_are_kept(path):
    pool, opened = _pool(path, size=1)
    with pool.borrow(), pool.borrow():  # two requests at once
        pass
    with pool.borrow(), pool.borrow():
        pass
    assert len(opened) == 3
    pool.close()
