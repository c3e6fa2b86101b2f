"""Run accounting (crawler/accounting.py): one record per crawl, built by the
extension from Scrapy's signals and stats, stored by the pipeline as source
health and printed by `newsmon crawl` — the same numbers in both places."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

from newsmon.crawler.accounting import RunRecord, skip_key
from newsmon.index import open_store
from newsmon.sample_site.server import StaticSite
from tests.helpers import cli_json

GOOD = (
    Path(__file__).parent
    / "fixtures"
    / "generic"
    / "kinh-te"
    / "hop-tac-xa-ca-long-tam-nong-dat-doanh-thu-ky-luc.html"
)


def _site(root: Path, extra: tuple[str, ...] = ()) -> None:
    """A feed of three article links: a good page, a missing one and a page cut short."""
    (root / "bai").mkdir(parents=True)
    shutil.copy(GOOD, root / "bai" / "tot.html")
    (root / "bai" / "cut.html").write_text(GOOD.read_text("utf-8")[:3000], "utf-8")
    links = ["/bai/tot.html", "/bai/mat.html", "/bai/cut.html"]
    items = "".join(f"<item><link>__BASE__{p}</link></item>" for p in links)
    items += "".join(f"<item><link>{u}</link></item>" for u in extra)
    (root / "rss.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>', "utf-8"
    )


def _crawl(tmp_path: Path, site: StaticSite, store: str) -> dict:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[songhong]\nsite = "news"\nstart_urls = ["{site.base_url}/rss.xml"]\n', "utf-8"
    )
    report = cli_json(
        "crawl", "--allow-private", "--no-analyze", "--sources", str(sources), "--store", store
    )
    (record,) = report["sources"]
    return record


def test_one_record_counts_the_run_and_is_what_the_store_keeps(tmp_path):
    store = f"sqlite:///{tmp_path / 'runs.db'}"
    _site(tmp_path / "site")
    with StaticSite(tmp_path / "site") as site:
        record = _crawl(tmp_path, site, store)
    base = site.base_url
    assert record["name"] == "songhong"
    assert record["finish_reason"] == "finished"
    assert record["articles"] == record["new"] == 1
    assert record["article_pages"] == 2  # the good page and the cut one; the 404 had no page
    assert record["pages"] >= 5  # robots.txt, the feed, three article links
    assert sorted(map(tuple, record["failures"])) == [
        (f"{base}/bai/cut.html", "truncated"),
        (f"{base}/bai/mat.html", "HTTP 404"),
    ]
    assert record["skipped"] == {"truncated": 1, "http": 1}
    assert record["transient_failures"] == 0 and record["errors"] == 0
    assert record["started_at"] <= record["finished_at"]

    db = open_store(store)
    try:
        (health,) = db.source_health()
        states = db.page_states()
    finally:
        db.close()
    run = health.last_run
    assert (run.source, run.pages, run.article_pages, run.articles, run.new, run.skipped) == (
        "songhong",
        record["pages"],
        2,
        1,
        1,
        record["skipped"],
    )
    assert sorted(run.failures) == sorted(map(tuple, record["failures"]))
    assert run.started_at.isoformat() == record["started_at"]
    # the run was complete: the feed's validators are kept for the next one
    assert f"{base}/rss.xml" in states


def test_a_transient_failure_keeps_the_feed_asked_again_next_time(tmp_path):
    with socket.socket() as s:  # a port nothing listens on: connection refused
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    store = f"sqlite:///{tmp_path / 'runs.db'}"
    _site(tmp_path / "site", extra=(f"http://127.0.0.1:{closed}/bai/xa.html",))
    with StaticSite(tmp_path / "site") as site:
        record = _crawl(tmp_path, site, store)
    assert (f"http://127.0.0.1:{closed}/bai/xa.html", "connection refused") in map(
        tuple, record["failures"]
    )
    assert record["transient_failures"] == 1
    db = open_store(store)
    try:
        assert db.page_states() == {}
        assert db.source_health()[0].last_run.articles == 1
    finally:
        db.close()


def test_the_record_says_complete_only_for_a_clean_finish():
    assert RunRecord("a", finish_reason="finished").complete
    assert not RunRecord("a", finish_reason="finished", transient_failures=1).complete
    assert not RunRecord("a", finish_reason="shutdown").complete
    assert RunRecord("a", failures=[("u", "timeout")]).unreachable
    assert not RunRecord("a", pages=1, failures=[("u", "timeout")]).unreachable


def test_skip_reasons_are_counted_by_kind():
    assert [
        skip_key(r)
        for r in (
            "HTTP 404",
            "HTTP 503",
            "limit: 500 sitemaps",
            "refused: a private address",
            "truncated",
        )
    ] == ["http", "http", "limit", "refused", "truncated"]
