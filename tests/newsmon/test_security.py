"""Server-side request forgery and forged identity, reproduced against
loopback sites standing in for public hosts (see tests/egress_world.py): each
attack is refused and nothing of it is stored."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from newsmon.config import Source
from tests.egress_world import INTERNAL, PUBLIC, ScriptedSite
from tests.helpers import ROOT

GOOD = (Path(__file__).parents[1] / "crawler" / "fixtures" / "generic" / "kinh-te" /
        "hop-tac-xa-ca-long-tam-nong-dat-doanh-thu-ky-luc.html").read_text("utf-8")
RSS = "application/rss+xml"


def world(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """The CLI run inside the test world (patched resolver, loopback 'public' hosts)."""
    return subprocess.run([sys.executable, "-m", "tests.egress_world", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=180,
                          env={"NEWSMON_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin",
                               "COLUMNS": "200"})


def redirect(to: str) -> tuple[int, dict[str, str], bytes]:
    return 302, {"Location": to}, b""


def feed(*links: str) -> tuple[int, dict[str, str], bytes]:
    items = "".join(f"<item><title>t</title><link>{u}</link></item>" for u in links)
    return 200, {"Content-Type": RSS}, (f'<?xml version="1.0"?><rss version="2.0"><channel>'
                                        f"{items}</channel></rss>").encode()


def article(canonical: str) -> tuple[int, dict[str, str], bytes]:
    page = GOOD.replace(
        "https://songhong.example/kinh-te/hop-tac-xa-ca-long-tam-nong-dat-doanh-thu-ky-luc.html",
        canonical)
    return 200, {}, page.encode()


def stored(db: Path) -> list[tuple[str, str, str]]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT url, canonical_url, title FROM articles").fetchall()


@pytest.fixture
def internal():
    """The internal service an attacker wants to reach: it must see no request."""
    with ScriptedSite(INTERNAL, {"/feed.rss": feed(), "/robots.txt": (200, {}, b""),
                                 "/secret.html": article("http://127.0.0.1/secret")}) as site:
        yield site


def test_sources_add_refuses_a_redirect_to_an_internal_address(tmp_path, internal):
    with ScriptedSite(PUBLIC["public.test"],
                      {"/": redirect(f"http://{INTERNAL}:{internal.port}/feed.rss")}) as public:
        result = world("sources", "add", public.url("public.test"), data_dir=tmp_path)
    assert result.returncode == 1
    assert "not a public address" in result.stderr
    assert internal.requests == []
    assert not (tmp_path / "sources.toml").exists()


def test_sources_add_refuses_a_name_that_resolves_inside(tmp_path, internal):
    """A subdomain of the public site that resolves to 127.0.0.1: caught on the
    address actually connected to."""
    target = f"http://inside.public.test:{internal.port}/feed.rss"
    with ScriptedSite(PUBLIC["public.test"], {"/": redirect(target)}) as public:
        result = world("sources", "add", public.url("public.test"), data_dir=tmp_path)
    assert result.returncode == 1 and "127.0.0.1" in result.stderr
    assert internal.requests == []


def test_a_private_url_in_the_sources_file_is_refused_like_a_typed_one(tmp_path, internal):
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[inside]\nspider = "news"\nstart_urls = ["http://{INTERNAL}:'
                       f'{internal.port}/feed.rss"]\n', "utf-8")
    result = world("crawl", "--sources", str(sources), "--store",
                   f"sqlite:///{tmp_path / 'x.db'}", data_dir=tmp_path)
    assert result.returncode == 1
    assert "Source [inside]" in result.stderr and "not a public address" in result.stderr
    assert internal.requests == []


def test_crawl_refuses_robots_redirects_links_and_sitemaps_that_lead_inside(tmp_path, internal):
    inside = f"http://inside.public.test:{internal.port}"
    db = tmp_path / "s.db"
    with ScriptedSite(PUBLIC["public.test"], {}) as public:
        home = public.url("public.test")
        public.pages.update({
            "/robots.txt": redirect(f"http://{INTERNAL}:{internal.port}/robots.txt"),
            "/rss.xml": feed(public.url("public.test", "/bai/tot.html"),
                             f"{inside}/secret.html"),
            "/sitemap.xml": (200, {"Content-Type": "application/xml"}, (
                '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9"><sitemap><loc>http://{INTERNAL}:{internal.port}/feed.rss</loc>'
                "</sitemap></sitemapindex>").encode()),
            "/bai/tot.html": article(public.url("public.test", "/bai/tot.html")),
        })
        result = world("crawl", home + "rss.xml", home + "sitemap.xml", "--no-analyze",
                       "--store", f"sqlite:///{db}", "--json", data_dir=tmp_path)
    assert internal.requests == []
    assert result.returncode == 0, result.stderr
    assert [row[0] for row in stored(db)] == [home + "bai/tot.html"]


def test_a_name_resolving_inside_is_refused_at_connect_time(tmp_path, internal):
    """A host name passes every check on its form; the resolver sees where it
    points and refuses, and the crawl records why."""
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[sub]\nspider = "news"\nstart_urls = ["http://inside.public.test:'
                       f'{internal.port}/feed.rss"]\n', "utf-8")
    result = world("crawl", "--sources", str(sources), "--no-analyze", "--json", "--store",
                   f"sqlite:///{tmp_path / 'sub.db'}", data_dir=tmp_path)
    assert internal.requests == []
    report = json.loads(result.stdout)
    failures = [reason for s in report["sources"] for _, reason in s.get("failures", [])]
    assert failures and all("not a public address" in reason for reason in failures), failures
    assert stored(tmp_path / "sub.db") == []


def test_a_page_cannot_take_the_identity_of_another_sites_article(tmp_path):
    db = tmp_path / "id.db"
    with ScriptedSite(PUBLIC["public.test"], {}) as real, \
            ScriptedSite(PUBLIC["evil.test"], {}) as evil:
        genuine = real.url("public.test", "/bai/that.html")
        real.pages["/bai/that.html"] = article(genuine)
        evil.pages["/bai/forged.html"] = article(genuine)
        first = world("crawl", genuine, "--no-analyze", "--store", f"sqlite:///{db}",
                      data_dir=tmp_path)
        second = world("crawl", evil.url("evil.test", "/bai/forged.html"), "--no-analyze",
                       "--store", f"sqlite:///{db}", data_dir=tmp_path)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    rows = {url: canonical for url, canonical, _ in stored(db)}
    assert rows[genuine] == genuine  # the stored article is still the genuine one
    forged = evil.url("evil.test", "/bai/forged.html")
    assert rows[forged] == forged  # kept under its own URL, the claim ignored


def test_a_feed_link_with_a_control_character_cannot_break_the_sources_file(tmp_path):
    page = (b'<html><head><link rel="alternate" type="application/rss+xml" href="/good.rss">'
            b'<link rel="alternate" type="application/rss+xml" href="/bad\x0b.rss">'
            b"</head><body>tin</body></html>")
    with ScriptedSite(PUBLIC["public.test"], {"/": (200, {}, page)}) as public:
        result = world("sources", "add", public.url("public.test"), data_dir=tmp_path)
        listed = world("sources", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    with (tmp_path / "sources.toml").open("rb") as f:
        sources = tomllib.load(f)
    assert sources["public.test"]["start_urls"] == [public.url("public.test", "/good.rss")]
    assert "Cannot read" not in listed.stderr


def test_the_sources_file_round_trips_any_url(tmp_path):
    from newsmon.config import load_sources
    from newsmon.sources import dump_sources

    odd = Source('tên "lạ"', "news", ['https://example.vn/a"b\\c?q=1&r=ư'])
    path = tmp_path / "sources.toml"
    path.write_text(dump_sources([odd]), "utf-8")
    assert load_sources(path) == [odd]
