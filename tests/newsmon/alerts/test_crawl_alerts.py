"""The issue's acceptance test: the sample site crawled in two steps (one source,
then both, so new articles appear), and each watch receives exactly the new
matching articles, once, by email and webhook, with a valid Atom feed."""

from __future__ import annotations

import os
from pathlib import Path

import feedparser

from tests.helpers import cli_json, run_cli, write_sources
from tests.newsmon.alerts.servers import SmtpServer, WebhookServer

QUERIES = {"khen": "has:award", "huanchuong": '"huân chương"'}


def search_ids(store: str, query: str) -> set[str]:
    hits = cli_json("search", query, "--all-copies", "--limit", "500", "--store", store)
    return {h["id"] for h in (hits["hits"] if isinstance(hits, dict) else hits)}


def test_two_crawls_alert_on_exactly_the_new_matches(sample_site, tmp_path):
    sources = write_sources(tmp_path / "sources.toml", sample_site)
    store = f"sqlite:///{tmp_path / 'crawl.db'}"
    crawl = ("crawl", "--allow-private", "--sources", str(sources), "--store", store,
             "--workers", "2")
    with SmtpServer() as smtp, WebhookServer() as hook:
        env = {"NEWSMON_SMTP_HOST": "127.0.0.1", "NEWSMON_SMTP_PORT": str(smtp.port)}
        cli_json(*crawl, "-s", "baotintuc", env=env)
        before = {name: search_ids(store, q) for name, q in QUERIES.items()}
        for name, query in QUERIES.items():
            cli_json("watch", "add", name, query, "--email", f"{name}@test.vn", "--webhook",
                     hook.url, "--allow-private", "--store", store)
        report = cli_json(*crawl, env=env)
        third = run_cli(*crawl, env=env)  # finds nothing new and sends nothing
        assert third.returncode == 0, third.stderr
        assert "alerts: 0 new matches, 0 deliveries sent" in third.stdout
        after = {name: search_ids(store, q) for name, q in QUERIES.items()}
        feeds = Path(os.environ["NEWSMON_DATA_DIR"]) / "feeds"

        for name in QUERIES:
            expected = after[name] - before[name]
            assert expected, f"the second crawl should bring new {name} matches"
            assert report["alerts"]["matched"][name] == len(expected)
            mails = [m for m in smtp.box.messages if m["To"] == f"{name}@test.vn"]
            assert len(mails) == 1
            posts = [p for p in hook.payloads() if p["watch"] == name]
            assert len(posts) == 1
            stories = len(posts[0]["articles"])  # one entry per story
            told = f" ({stories} tin)" if stories != len(expected) else ""
            assert mails[0]["Subject"] == f"[newsmon] {name}: {len(expected)} bài mới{told}"
            assert {i for a in posts[0]["articles"]  # entries and their reprints
                    for i in (a["id"], *(c["id"] for c in a["copies"]))} == expected
            feed = feedparser.parse((feeds / f"{name}.xml").read_bytes())
            assert not feed.bozo, feed.get("bozo_exception")
            # one entry per story, as in the mail and the webhook
            assert {e.id.rsplit(":", 1)[1] for e in feed.entries} == {
                a["id"] for a in posts[0]["articles"]}
    log = cli_json("watch", "log", "--store", store)
    assert len(log) == 2 * len(QUERIES) and all(d["ok"] for d in log)
