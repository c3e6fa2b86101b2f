"""Real `scrapy crawl` runs, from the repository root, against the sample site on loopback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsmon.index import open_store
from newsmon.sample_site.articles import load_content
from newsmon.sample_site.server import StaticSite
from tests.helpers import ROOT


@pytest.mark.parametrize("spider", ["baotintuc", "vietnamplus", "bnews"])
def test_scrapy_crawl_stores_every_article_of_the_site(spider, sample_site, tmp_path):
    store_url = f"sqlite:///{tmp_path / 'crawl.db'}"
    out = tmp_path / "items.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", spider, "-s", "NEWSMON_ALLOW_PRIVATE=1",
         "-a", "start_urls=" + ",".join(sample_site.start_urls(spider)),
         "-s", f"NEWSMON_STORE={store_url}", "-s", "AUTOTHROTTLE_START_DELAY=0.05",
         "-s", "LOG_LEVEL=INFO", "-O", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "'robotstxt/request_count': 1" in result.stderr  # politeness: robots.txt read
    items = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(items) == sum(1 for doc in load_content() if spider in doc["sites"])
    store = open_store(store_url)
    try:
        assert store.count() == len(items)
        stored = [store.get_article(a.id) for a in store.pending_analysis()]
    finally:
        store.close()
    for article in stored:
        assert article.source == spider
        assert article.parser == spider
        assert article.published_at is not None and article.published_at.utcoffset()
        assert article.canonical_url.startswith("https://")
        assert article.body and article.title


def test_scrapy_crawl_bnews_from_its_home_page(tmp_path):
    """bnews has no feed we know of: the spider starts from the home page and
    follows article links (/<slug>/<id>.html)."""
    fixtures = Path(__file__).parent / "fixtures" / "bnews"
    links = []
    for n, page in enumerate(sorted(fixtures.glob("*.html")), start=1):
        target = tmp_path / "site" / page.stem / f"{1000 + n}.html"
        target.parent.mkdir(parents=True)
        shutil.copy(page, target)
        links.append(f'<li><a href="/{page.stem}/{1000 + n}.html">{page.stem}</a></li>')
    (tmp_path / "site" / "index.html").write_text(
        f"<html><body><ul>{''.join(links)}</ul></body></html>", "utf-8")
    store_url = f"sqlite:///{tmp_path / 'bnews.db'}"
    with StaticSite(tmp_path / "site") as site:
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "bnews", "-s", "NEWSMON_ALLOW_PRIVATE=1",
             "-a",
             f"start_urls={site.base_url}/", "-s", f"NEWSMON_STORE={store_url}",
             "-s", "AUTOTHROTTLE_START_DELAY=0.05"],
            cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    store = open_store(store_url)
    try:
        articles = store.pending_analysis()
    finally:
        store.close()
    assert len(articles) == 3
    assert {a.parser for a in articles} == {"bnews"}
    assert all(a.canonical_url.startswith("https://bnews.vn/") for a in articles)
