"""Fault drills: the pipeline killed at random points, spools cut mid-write and
a disk that fills up. Afterwards every article is stored once and analysed
once, and the next crawl works."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsmon.crawler.files import write_atomic
from newsmon.crawler.pipelines import spool_name
from newsmon.index import Article
from newsmon.sample_site.articles import load_content
from newsmon.sample_site.server import SampleSite
from tests.helpers import ROOT, cli_json, run_cli, write_sources

KILLS = 20


def _counts(db: Path) -> tuple[int, int, int, int]:
    """Articles, distinct canonical URLs, analysed articles, duplicated findings."""
    if not db.exists():
        return 0, 0, 0, 0
    with sqlite3.connect(db) as conn:
        articles, canonical = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT canonical_url) FROM articles").fetchone()
        analysed = conn.execute(
            "SELECT COUNT(*) FROM articles WHERE analyzed_at IS NOT NULL").fetchone()[0]
        dupes = conn.execute(
            "SELECT COUNT(*) FROM (SELECT article_id, start FROM awards "
            "GROUP BY article_id, start HAVING COUNT(*) > 1)").fetchone()[0]
    return articles, canonical, analysed, dupes


def test_pipeline_killed_at_random_points_loses_and_repeats_nothing(tmp_path):
    db = tmp_path / "drill.db"
    store = f"sqlite:///{db}"
    expected = sum(len(doc["sites"]) for doc in load_content())
    rng = random.Random(20261202)  # the drill is reproducible
    with SampleSite(delay=0.02) as site:
        sources = write_sources(tmp_path / "sources.toml", site)
        command = [sys.executable, "-m", "newsmon", "crawl", "--allow-private", "--sources",
                   str(sources), "--store", store, "--workers", "1"]
        for _ in range(KILLS):
            proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
            time.sleep(rng.uniform(0.2, 4.0))  # in the crawl, between stages, in analysis
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            articles, canonical, _, dupes = _counts(db)
            assert articles == canonical and dupes == 0
        cli_json("crawl", "--allow-private", "--sources", str(sources), "--store", store,
                 "--workers", "1")  # the next crawl works (exit 0)
    articles, canonical, analysed, dupes = _counts(db)
    assert articles == canonical == analysed == expected
    assert dupes == 0


def _spool_line(n: int) -> str:
    article = Article(url=f"https://example.vn/bai/{n}.html", canonical_url="", source="example",
                      title=f"Bài {n}", body="Tỉnh trao Bằng khen cho 3 tập thể.")
    return json.dumps(article.to_dict(), ensure_ascii=False)


def test_a_spool_cut_mid_line_is_set_aside_and_the_rest_stored(sample_site, tmp_path):
    store = f"sqlite:///{tmp_path / 'spool.db'}"
    spool = Path(os.environ["NEWSMON_DATA_DIR"]) / "spool" / spool_name(store)
    spool.parent.mkdir(parents=True)
    spool.write_text(_spool_line(1) + "\n" + _spool_line(2) + "\n" + _spool_line(3)[:57],
                     "utf-8")
    sources = write_sources(tmp_path / "sources.toml", sample_site)
    report = cli_json("crawl", "--allow-private", "--sources", str(sources), "--store", store,
                      "--no-analyze")
    assert sum(s["articles"] for s in report["sources"]) > 0  # the crawl went on
    with sqlite3.connect(tmp_path / "spool.db") as conn:
        urls = {u for (u,) in conn.execute("SELECT url FROM articles")}
    assert {"https://example.vn/bai/1.html", "https://example.vn/bai/2.html"} <= urls
    assert not spool.exists()
    assert spool.with_suffix(".bad").read_text("utf-8").strip() == _spool_line(3)[:57]
    again = run_cli("crawl", "--allow-private", "--sources", str(sources), "--store", store,
                    "--no-analyze")
    assert again.returncode == 0, again.stderr


_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from newsmon.crawler.files import write_atomic
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
try:
    write_atomic(Path(sys.argv[1]), b"x" * 100_000)
except OSError as exc:
    print(exc.errno)
"""


def test_a_full_disk_leaves_the_old_file_whole_and_no_debris(tmp_path):
    target = tmp_path / "spool.jsonl"
    write_atomic(target, b"old contents\n")
    result = subprocess.run([sys.executable, "-c", _FULL_DISK, str(target)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip(), result.stderr  # the write failed with an OS error
    assert target.read_bytes() == b"old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["spool.jsonl"]
