"""Ctrl-C at every stage, with real processes: SIGINT goes to the whole process
group, as a terminal sends it, so the analysis workers receive it too."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from newsmon.index import open_store
from newsmon.sample_site.server import SITES, SampleSite
from tests.helpers import ROOT, cli_json, write_sources


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newsmon", *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "COLUMNS": "200"}, start_new_session=True)


def _interrupt_when(proc: subprocess.Popen[str], ready: Callable[[], bool],
                    timeout: float = 120) -> tuple[int, str, str, float]:
    """Send Ctrl-C to the process group once `ready()`; (code, stdout, stderr,
    seconds from the signal to the exit)."""
    deadline = time.monotonic() + timeout
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the command ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    sent = time.monotonic()
    try:
        stdout, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        raise AssertionError(f"still running 60 s after Ctrl-C:\n{stderr}") from None
    return proc.returncode, stdout, stderr, time.monotonic() - sent


def _count(db: Path, where: str = "1") -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute(f"SELECT COUNT(*) FROM articles WHERE {where}").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _assert_interrupted(code: int, stderr: str) -> None:
    assert code == 130, stderr
    assert "Interrupted" in stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr


def test_ctrl_c_during_the_crawl_stops_before_the_analysis(tmp_path):
    db = tmp_path / "crawl.db"
    with SampleSite(delay=0.3) as site:
        sources = write_sources(tmp_path / "sources.toml", site)
        proc = _start("crawl", "--allow-private", "--sources", str(sources), "--store", f"sqlite:///{db}",
                      "--workers", "2")
        pages = lambda: sum(p.endswith((".htm", ".vnp", ".html"))  # noqa: E731
                            for name in SITES
                            for p in site.requests(name))
        code, stdout, stderr, _ = _interrupt_when(proc, lambda: pages() >= 3)
    _assert_interrupted(code, stderr)
    assert "Stopping" in stderr  # the Ctrl-C is acknowledged while pages finish
    assert "analysed" not in stdout  # no report, no analysis after the Ctrl-C
    assert _count(db, "analyzed_at IS NOT NULL") == 0


def test_ctrl_c_during_the_analysis_stops_the_workers_quietly(sample_site, tmp_path):
    db = tmp_path / "analysis.db"
    store_url = f"sqlite:///{db}"
    sources = write_sources(tmp_path / "sources.toml", sample_site)
    cli_json("crawl", "--allow-private",
             "--sources", str(sources), "--store", store_url, "--no-analyze")
    store = open_store(store_url)
    originals = store.pending_analysis()
    store.add_articles([replace(a, id="", canonical_url=f"{a.canonical_url}?copy={n}")
                        for n in range(6) for a in originals])
    total = store.count()
    store.close()
    proc = _start("crawl", "--analyze-only", "--store", store_url, "--workers", "2")
    code, _, stderr, seconds = _interrupt_when(
        proc, lambda: _count(db, "analyzed_at IS NOT NULL") >= 8)
    _assert_interrupted(code, stderr)
    assert seconds < 15, "the queued analyses must not run after Ctrl-C"
    assert _count(db, "analyzed_at IS NOT NULL") < total


def test_ctrl_c_during_the_demo_never_says_done(tmp_path):
    db = tmp_path / "demo.db"
    proc = _start("demo", "--store", f"sqlite:///{db}", "--workers", "2")
    code, stdout, stderr, _ = _interrupt_when(proc, lambda: _count(db) > 0)
    _assert_interrupted(code, stderr)
    assert "Done" not in stdout


def test_ctrl_c_while_starting_up(tmp_path):
    """The signal arrives while newsmon's own modules are being imported: Python
    reports each import as it completes (-X importtime), and the first of ours
    to complete means the CLI's imports are under way, however fast the machine."""
    proc = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "newsmon", "search", "khen thưởng",
         "--store", f"sqlite:///{tmp_path / 'x.db'}"],
        cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "200"}, start_new_session=True)

    def importing_newsmon() -> bool:
        for line in proc.stderr:  # type: ignore[union-attr]
            if line.split("|")[-1].strip().startswith("newsmon."):
                break
        return True

    code, _, stderr, _ = _interrupt_when(proc, importing_newsmon)
    _assert_interrupted(code, stderr)


def test_ctrl_c_while_the_workers_start(sample_site, tmp_path):
    store_url = f"sqlite:///{tmp_path / 'start.db'}"
    sources = write_sources(tmp_path / "sources.toml", sample_site)
    cli_json("crawl", "--allow-private",
             "--sources", str(sources), "--store", store_url, "--no-analyze")
    proc = _start("crawl", "--analyze-only", "--store", store_url, "--workers", "2")
    started = time.monotonic()
    code, _, stderr, _ = _interrupt_when(proc, lambda: time.monotonic() - started > 2.5)
    _assert_interrupted(code, stderr)
