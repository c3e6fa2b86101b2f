"""Each site parser on every sample page, against the content it was rendered from:
the body must come out as exactly the written paragraphs, with no related links,
share boxes, ads, captions or repeated sapo."""

from __future__ import annotations

import pytest

from newsmon.crawler.extract import ExtractError
from newsmon.crawler.sites import get_site
from newsmon.sample_site.server import site_root
from tools.sample_site.build import load_entries

PARSERS = {name: get_site(name).extract for name in ("baotintuc", "vietnamplus", "bnews")}
REAL_HOSTS = {"baotintuc": "https://baotintuc.vn", "vietnamplus": "https://www.vietnamplus.vn",
              "bnews": "https://bnews.vn"}
PAGES = [(site, entry) for entry in load_entries() for site in entry.sites]


@pytest.mark.parametrize(("site", "entry"), PAGES, ids=[f"{s}:{e.slug}" for s, e in PAGES])
def test_parser_reads_the_page_as_written(site, entry):
    path = entry.paths[site]
    html = (site_root(site) / path.lstrip("/")).read_text("utf-8")
    got = PARSERS[site](html, f"http://127.0.0.1:1234{path}")
    assert got.title == entry.title_on(site)
    assert got.sapo == entry.sapo
    assert got.body.split("\n\n") == entry.paragraphs
    assert got.published_at == entry.published
    assert got.canonical_url == REAL_HOSTS[site] + path
    assert got.agency == entry.agency_on(site)
    assert got.authors == ([a.strip() for a in entry.author.split(" - ")] if entry.author else [])
    assert [i["caption"] for i in got.images] == [i.caption for i in entry.images]
    assert all(i["url"].startswith("http") for i in got.images)
    assert got.tags == entry.tags
    assert got.category == entry.category
    assert got.parser == site


@pytest.mark.parametrize("site", PARSERS)
def test_a_list_page_is_not_an_article(site):
    html = (site_root(site) / "index.html").read_text("utf-8")
    with pytest.raises(ExtractError):
        PARSERS[site](html, "http://127.0.0.1/")


@pytest.mark.parametrize("site", PARSERS)
@pytest.mark.parametrize("html", ["", "<html>", "<h1 class='detail-title'>x</h1>",
                                  "\x00\xff garbage"])
def test_malformed_pages_give_a_clear_error(site, html):
    with pytest.raises(ExtractError):
        PARSERS[site](html, "http://127.0.0.1/x")
