"""Nguồn for editors: removing a source from the page does what `newsmon
sources remove` does (its articles stay), and only editors may."""

from __future__ import annotations

import tomllib

import pytest

from newsmon.config import load_sources
from newsmon.index import open_store
from newsmon.sources import dump_sources
from tests.index.corpus import build
from tests.newsmon.web.clients import csrf_of, logged_in


@pytest.fixture
def app_setup(tmp_path):
    store = f"sqlite:///{tmp_path / 'web.db'}"
    with open_store(store) as db:
        db.add_analyzed(build())
    data = tmp_path / "data"
    data.mkdir()
    sources = tmp_path / "sources.toml"
    sources.write_text(dump_sources(load_sources(bundled=True)), encoding="utf-8")
    return store, data, sources


def test_an_editor_removes_a_source_and_its_articles_stay(app_setup):
    store, data, sources = app_setup
    editor = logged_in(store, data, "editor", sources_file=sources)
    page = editor.get("/sources")
    assert 'action="/sources/bnews/remove"' in page.text
    answer = editor.post("/sources/bnews/remove", data={"csrf": csrf_of(page.text)})
    assert answer.status_code == 200 and "Đã bỏ nguồn bnews" in answer.text
    assert 'action="/sources/bnews/remove"' not in answer.text
    left = tomllib.loads(sources.read_text("utf-8"))
    assert "bnews" not in left and "baotintuc" in left
    with open_store(store, read_only=True) as db:
        assert db.count() == len(build())
    missing = editor.post("/sources/bnews/remove", data={"csrf": csrf_of(answer.text)})
    assert missing.status_code == 404 and "Không có nguồn “bnews”" in missing.text


def test_a_viewer_sees_the_sources_but_cannot_remove_one(app_setup):
    store, data, sources = app_setup
    viewer = logged_in(store, data, "viewer", sources_file=sources)
    page = viewer.get("/sources")
    assert "bnews" in page.text and "/remove" not in page.text
    answer = viewer.post("/sources/bnews/remove", data={"csrf": csrf_of(page.text)})
    assert answer.status_code == 403
    assert "bnews" in tomllib.loads(sources.read_text("utf-8"))  # nothing written
