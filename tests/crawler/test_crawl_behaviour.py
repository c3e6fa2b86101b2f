"""Crawls as a user runs them, against servers on loopback: incremental and
conditional fetching, bounds, a crawl killed with SIGKILL, bad pages, any site."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from newsmon.index import open_store
from newsmon.sample_site.articles import load_content
from newsmon.sample_site.server import SITES, SampleSite, StaticSite
from tests.crawler.nasty_site import EXPECTED, GENERIC, SITEMAP_FANOUT, NastySite
from tests.helpers import ROOT, cli_json, write_sources

PAGES = {site: sum(1 for d in load_content() if site in d["sites"])
         for site in SITES}


def _article_paths(paths: list[str]) -> list[str]:
    return [p for p in paths if "-post" in p or (p.endswith(".htm") and p[-8:-4].isdigit()
                                                   and "/trang-" not in p and "ct0" not in p)
            or re.search(r"/\d+\.html$", p)]


def test_second_crawl_fetches_no_known_article_and_asks_feeds_if_changed(tmp_path):
    store = f"sqlite:///{tmp_path / 'inc.db'}"
    with SampleSite() as site:
        sources = write_sources(tmp_path / "sources.toml", site)
        first = cli_json("crawl", "--allow-private",
                         "--sources", str(sources), "--store", store, "--no-analyze")
        served_first = {n: list(site.requests(n)) for n in PAGES}
        for name in PAGES:
            site.requests(name).clear()
        second = cli_json("crawl", "--allow-private",
                          "--sources", str(sources), "--store", store, "--no-analyze")
        served_second = {n: list(site.requests(n)) for n in PAGES}
    assert {s["name"]: s["articles"] for s in first["sources"]} == PAGES
    assert all(len(_article_paths(served_first[n])) == PAGES[n] for n in PAGES)
    assert sum(s["articles"] for s in second["sources"]) == 0
    assert all(_article_paths(served_second[n]) == [] for n in PAGES), served_second
    # feeds and sitemaps answered 304 Not Modified: their entries were not read again
    assert all(s["not_modified"] > 0 for s in second["sources"])


def test_since_and_max_articles_bound_the_crawl(sample_site, tmp_path):
    store = f"sqlite:///{tmp_path / 'bound.db'}"
    sources = write_sources(tmp_path / "sources.toml", sample_site)
    since = date(2026, 11, 15)
    report = cli_json("crawl", "--allow-private",
                      "--sources", str(sources), "--store", store, "--no-analyze",
                      "--since", since.isoformat())
    expected = {site: sum(1 for d in load_content() if site in d["sites"]
                          and date.fromisoformat(d["published"][:10]) >= since)
                for site in PAGES}
    assert {s["name"]: s["articles"] for s in report["sources"]} == expected
    limited = cli_json("crawl", "--allow-private", "--sources", str(sources), "--store",
                       f"sqlite:///{tmp_path / 'max.db'}", "--no-analyze", "--max-articles", "3")
    assert [s["articles"] for s in limited["sources"]] == [3] * len(SITES)


def test_crawl_killed_midway_resumes_without_loss_or_duplicates(tmp_path):
    db = tmp_path / "kill.db"
    store = f"sqlite:///{db}"
    total = sum(PAGES.values())
    with SampleSite(delay=0.1) as site:
        sources = write_sources(tmp_path / "sources.toml", site)
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsmon", "crawl", "--allow-private",
             "--sources", str(sources), "--store",
             store, "--no-analyze"], cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 120
        stored = 0
        while stored < 10 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            if db.exists():
                with sqlite3.connect(db) as conn:
                    try:
                        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                    except sqlite3.OperationalError:
                        stored = 0
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert 0 < stored < total, "the kill must land midway"
        resumed = cli_json("crawl", "--allow-private",
                           "--sources", str(sources), "--store", store, "--no-analyze")
    with sqlite3.connect(db) as conn:
        count, distinct = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT canonical_url) FROM articles").fetchone()
    assert count == distinct == total
    assert sum(s["new"] for s in resumed["sources"]) == total - stored


def test_any_site_through_its_home_page(tmp_path):
    store = f"sqlite:///{tmp_path / 'generic.db'}"
    with StaticSite(GENERIC) as site:
        report = cli_json("crawl", site.base_url + "/", "--allow-private", "--store", store,
                          "--no-analyze")
    (source,) = report["sources"]
    assert source["articles"] == 4
    reasons = {reason for _, reason in source["failures"]}
    assert {"video", "gallery", "index", "forbidden by robots.txt"} <= reasons
    db = open_store(store)
    try:
        parsers = sorted(a.parser for a in db.pending_analysis())
    finally:
        db.close()
    assert parsers == ["generic", "metadata", "metadata", "metadata"]


def test_crawl_refuses_private_hosts_without_the_flag(tmp_path):
    result = subprocess.run([sys.executable, "-m", "newsmon", "crawl", "http://127.0.0.1/",
                             "--store", f"sqlite:///{tmp_path / 'x.db'}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "127.0.0.1, which is not a public address" in result.stderr
    assert "--allow-private" in result.stderr


def test_bad_pages_are_skipped_with_their_reason_and_never_stored(tmp_path):
    store = f"sqlite:///{tmp_path / 'nasty.db'}"
    with NastySite() as site:
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "news", "-s", "NEWSMON_ALLOW_PRIVATE=1", "-a",
             f"start_urls={site.base_url}/rss.xml", "-s", f"NEWSMON_STORE={store}",
             "-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=0", "-s", "LOG_LEVEL=WARNING",
             "-s", "AUTOTHROTTLE_START_DELAY=0.01"],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    db = open_store(store)
    try:
        (health,) = db.source_health()
        stored = sorted(a.canonical_url for a in db.pending_analysis())
    finally:
        db.close()
    recorded = {url.removeprefix(site.base_url): reason for url, reason in health.last_run.failures}
    for path, reason in EXPECTED.items():
        if reason is None:
            assert path not in recorded
        else:
            assert recorded.get(path) == reason, (path, recorded.get(path))
    # the good page, and the same page in Windows-1258; nothing else became an article
    assert len(set(stored)) == len(stored) == 2


def _sitemap_bomb(tmp_path: Path, *settings: str) -> tuple[int, set[str]]:
    """Sitemaps fetched from an endless nest of indexes, and the reasons recorded."""
    store = f"sqlite:///{tmp_path / 'bomb.db'}"
    with NastySite() as site:
        args = [a for setting in settings for a in ("-s", setting)]
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "news", "-s", "NEWSMON_ALLOW_PRIVATE=1",
             "-a", f"start_urls={site.base_url}/sm/root.xml", "-s", f"NEWSMON_STORE={store}",
             "-s", "LOG_LEVEL=WARNING", "-s", "AUTOTHROTTLE_ENABLED=0",
             "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", *args],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
        fetched = sum(1 for p in site.served if p.startswith("/sm/"))
    assert result.returncode == 0, result.stderr[-2000:]
    db = open_store(store)
    try:
        (health,) = db.source_health()
    finally:
        db.close()
    return fetched, {reason for _, reason in health.last_run.failures}


def test_sitemap_indexes_are_bounded_in_count_and_depth(tmp_path):
    fetched, reasons = _sitemap_bomb(tmp_path, "NEWSMON_MAX_SITEMAPS=60")
    assert fetched == 61  # the root and the 60 allowed
    assert "limit: more than 60 sitemaps (NEWSMON_MAX_SITEMAPS)" in reasons
    fetched, reasons = _sitemap_bomb(tmp_path, "NEWSMON_MAX_SITEMAP_DEPTH=1")
    assert fetched == 1 + SITEMAP_FANOUT  # the root and its children, not theirs
    assert "limit: sitemap index nested deeper than 1 (NEWSMON_MAX_SITEMAP_DEPTH)" in reasons


def test_cp1258_page_reads_like_its_utf8_original(tmp_path):
    from newsmon.crawler.extract import extract_article
    from tests.crawler.nasty_site import GOOD, to_cp1258

    html = GOOD.read_text("utf-8")
    original = extract_article(html, "https://songhong.example/kinh-te/a.html")
    legacy = to_cp1258(html).decode("cp1258")
    assert extract_article(legacy, "https://songhong.example/kinh-te/a.html").body == original.body


def test_category_pages_are_followed_through_their_pagination(tmp_path):
    store = f"sqlite:///{tmp_path / 'list.db'}"
    in_section = sum(1 for d in load_content() if "baotintuc" in d["sites"]
                     and d["category"] == "Xã hội")
    assert in_section > 10  # more than one list page
    with SampleSite() as site:
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "baotintuc", "-s", "NEWSMON_ALLOW_PRIVATE=1",
             "-a", f"start_urls={site.base_url('baotintuc')}/xa-hoi-129ct0.htm",
             "-s", f"NEWSMON_STORE={store}", "-s", "AUTOTHROTTLE_START_DELAY=0.01"],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
        served = list(site.requests("baotintuc"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "/xa-hoi-129ct0/trang-2.htm" in served
    db = open_store(store)
    try:
        categories = [a.category for a in db.pending_analysis()]
    finally:
        db.close()
    assert categories.count("Xã hội") == in_section


def test_requests_identify_newsmon_and_its_contact(tmp_path):
    env_contact = "mailto:press-office@example.vn"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "settings", "--get", "USER_AGENT"], cwd=ROOT,
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "NEWSMON_CONTACT": env_contact})
    assert result.stdout.strip() == f"newsmon/0.1 (+{env_contact})"
    for key, expected in (("ROBOTSTXT_OBEY", "True"), ("AUTOTHROTTLE_ENABLED", "True"),
                          ("CONCURRENT_REQUESTS_PER_DOMAIN", "2")):
        got = subprocess.run([sys.executable, "-m", "scrapy", "settings", "--get", key],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert got.stdout.strip() == expected
