"""Idempotence and resumability of the pipeline, with real processes and SIGKILL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace

from newsmon.index import open_store
from newsmon.sample_site.articles import load_content
from tests.helpers import ROOT, cli_json, copy_sqlite, write_sources


def test_demo_twice_leaves_the_same_articles(demo_store, tmp_path):
    # the first demo is the session's (tests/conftest.py); the second runs on a copy of its store
    first = demo_store["summary"]
    store = copy_sqlite(demo_store["store"], tmp_path / "demo.db")
    second = cli_json("demo", "--store", store, "--workers", "2")
    expected = sum(len(doc["sites"]) for doc in load_content())
    assert first["articles"] == second["articles"] == expected
    assert sum(s["new"] for s in second["pipeline"]["sources"]) == 0
    assert second["pipeline"]["analysis"]["analyzed"] == 0
    assert first["figures"] == second["figures"] and first["figures"]
    assert first["example_search"]["total"] > 0


def _analysed(db_path) -> int:
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT COUNT(*) FROM articles WHERE analyzed_at IS NOT NULL"
                          ).fetchone()[0]


def test_analysis_killed_midway_resumes_without_loss_or_duplicates(sample_site, tmp_path):
    db_path = tmp_path / "kill.db"
    store_url = f"sqlite:///{db_path}"
    sources = write_sources(tmp_path / "sources.toml", sample_site)
    cli_json("crawl", "--allow-private",
             "--sources", str(sources), "--store", store_url, "--no-analyze")
    # Enough copies of the crawled articles that the analysis takes several seconds.
    store = open_store(store_url)
    originals = store.pending_analysis()
    copies = [replace(a, id="", canonical_url=f"{a.canonical_url}?copy={n}")
              for n in range(6) for a in originals]
    store.add_articles(copies)
    total = store.count()
    store.close()

    proc = subprocess.Popen(
        [sys.executable, "-m", "newsmon", "crawl", "--analyze-only", "--store", store_url,
         "--workers", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    deadline = time.monotonic() + 120
    while _analysed(db_path) < 16 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = _analysed(db_path)
    assert 0 < done_before < total, "the kill must land midway"

    report = cli_json("crawl", "--analyze-only", "--store", store_url, "--workers", "2")
    assert report["analysis"]["analyzed"] == total - done_before
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == total
        assert _analysed(db_path) == total
        dupes = db.execute(
            "SELECT COUNT(*) FROM (SELECT article_id, start, type FROM entities "
            "GROUP BY article_id, start, type HAVING COUNT(*) > 1)").fetchone()[0]
        assert dupes == 0
        figure_dupes = db.execute(
            "SELECT COUNT(*) FROM (SELECT article_id, start FROM awards "
            "GROUP BY article_id, start HAVING COUNT(*) > 1)").fetchone()[0]
        assert figure_dupes == 0
