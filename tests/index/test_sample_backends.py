"""Both backends give the same stories and the same award ledger on the labelled
sample sites: each store is filled by a real crawl of the three sample outlets
(`newsmon crawl`, with the analysis), then read through the store API and the
CLI. The labels (`newsmon/sample_site/labels.py`) say what both must find. The
SQLite store is the session's `crawled` one (tests/conftest.py): the same
crawl, made once for every test that reads it."""

from __future__ import annotations

import pytest

from newsmon.index import open_store
from newsmon.index.documents import article_id
from tests.helpers import cli_json, write_sources
from tools.sample_site import labels


def _crawl(url: str, sample_site, tmp_path) -> dict:
    sources = write_sources(tmp_path / "sources.toml", sample_site)
    report = cli_json(
        "crawl", "--allow-private", "--sources", str(sources), "--store", url, timeout=400
    )
    return _read(url, report)


def _read(url: str, report: dict) -> dict:
    assert report["analysis"]["analyzed"] == len(labels.pages())
    urls = [p.url for p in labels.pages()]
    store = open_store(url, read_only=True)
    try:
        found = store.story_of([article_id(u) for u in urls])
    finally:
        store.close()
    stories: dict[str, set[str]] = {}
    for u in urls:
        stories.setdefault(found[article_id(u)], set()).add(u)
    ledger = cli_json("figures", "--compare", "--store", url)
    for row in ledger:
        for source in row["sources"]:
            source.pop("article_id")
    return {
        "stories": {frozenset(s) for s in stories.values()},
        "groups": {u: found[article_id(u)] for u in urls},
        "ledger": ledger,
    }


@pytest.fixture
def both(crawled, sample_site, tmp_path, es_index_url) -> tuple[dict, dict]:
    sqlite = _read(crawled["store"], crawled["report"])
    return sqlite, _crawl(es_index_url, sample_site, tmp_path)


def test_both_backends_give_the_same_stories_and_ledger(both):
    sqlite, es = both
    assert sqlite["stories"] == es["stories"]
    precision, recall = labels.pair_scores(es["groups"])
    assert precision >= 0.97 and recall >= 0.93, (precision, recall)
    assert sqlite["ledger"] == es["ledger"]
    verdicts = {row["verdict"] for row in es["ledger"]}
    assert verdicts == {"discrepancy", "agree", "single"}
