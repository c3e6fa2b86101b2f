"""A store that goes down mid-run loses nothing: the crawl keeps what it
fetched and retries, the analysis retries, both finish once the store is back.
Tested by stopping the ES-API server (noida-db) mid-run and starting it again."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from newsmon.index.backends.elasticsearch import ElasticsearchStore
from newsmon.sample_site.articles import load_content
from newsmon.sample_site.server import SampleSite
from tests.es_server import NoidaServer
from tests.helpers import ROOT, cli_json, write_sources

TOTAL = sum(len(d["sites"]) for d in load_content())


def _count(url: str, analysed: bool = False) -> int:
    try:
        store = ElasticsearchStore(url)
    except Exception:  # noqa: BLE001 - the server may be down while we poll
        return -1
    try:
        return store.count() - store.pending_count() if analysed else store.count()
    finally:
        store.close()


def _wait_until(predicate, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


@pytest.mark.skipif(bool(os.environ.get("NEWSMON_TEST_ELASTICSEARCH_URL")),
                    reason="stops and restarts the server: only on the local noida-db")
def test_crawl_and_analysis_survive_the_store_going_down(tmp_path):
    server = NoidaServer(tmp_path).start()
    url = f"{server.url}/down-test"
    env = {**os.environ, "NEWSMON_DATA_DIR": str(tmp_path / "data")}
    try:
        with SampleSite(delay=0.15) as site:
            sources = write_sources(tmp_path / "sources.toml", site)
            crawl = subprocess.Popen(
                [sys.executable, "-m", "newsmon", "crawl", "--allow-private",
                 "--sources", str(sources),
                 "--store", url, "--no-analyze", "--json"],
                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            _wait_until(lambda: _count(url) >= 10)
            assert _count(url) < TOTAL, "the stop must land midway"
            server.stop()
            time.sleep(3)  # the crawl goes on fetching while the store is down
            server.start()
            out, err = crawl.communicate(timeout=180)
        assert crawl.returncode == 0, err[-2000:]
        assert _count(url) == TOTAL

        analysis = subprocess.Popen(
            [sys.executable, "-m", "newsmon", "crawl", "--analyze-only", "--store", url,
             "--workers", "1", "--json"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _wait_until(lambda: _count(url, analysed=True) > 0)
        assert _count(url, analysed=True) < TOTAL, "the stop must land midway"
        server.stop()
        time.sleep(3)
        server.start()
        out, err = analysis.communicate(timeout=180)
        assert analysis.returncode == 0, err[-2000:]
        stats = cli_json("stats", "--store", url)
        assert stats["articles"] == stats["analyzed"] == TOTAL
    finally:
        server.stop()


def test_an_unreachable_store_is_a_clear_error(tmp_path):
    from tests.es_server import free_port

    result = subprocess.run(
        [sys.executable, "-m", "newsmon", "stats", "--store",
         f"http://127.0.0.1:{free_port()}/newsmon"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Cannot reach the Elasticsearch store at http://127.0.0.1:" in result.stderr
    assert "Traceback" not in result.stderr
