"""The web pages over both backends: the same corpus in SQLite and in
Elasticsearch (noida-db, or the cluster of NEWSMON_TEST_ELASTICSEARCH_URL) gives
the same search page, article page and figure sums, and each matches what the
store answers the CLI."""

from __future__ import annotations

import re

import pytest

from newsmon.index import open_store
from newsmon.index.query import parse
from tests.index.conftest import elasticsearch_url, es_index_url  # noqa: F401 - fixtures
from tests.index.corpus import build
from tests.newsmon.web.clients import logged_in


@pytest.fixture(params=["sqlite", "elasticsearch"])
def site(request, tmp_path):
    """(client, store URL) for an app over the corpus in one backend."""
    url = (
        f"sqlite:///{tmp_path / 'web.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("es_index_url")
    )
    with open_store(url) as store:
        store.add_analyzed(build())
    data = tmp_path / "data"
    data.mkdir()
    client = logged_in(url, data, "viewer")
    yield client, url
    client.close()


def _shown(page: str) -> int:
    return int(re.search(r"<strong>([\d.]+)</strong> bài khớp", page).group(1).replace(".", ""))


@pytest.mark.parametrize("query", ["khen thưởng", 'unit:"Cần Thơ"', "source:vietnamplus", ""])
def test_the_search_page_counts_what_the_store_counts(site, query):
    client, url = site
    page = client.get("/", params={"q": query})
    assert page.status_code == 200
    with open_store(url, read_only=True) as store:
        found = store.search_stories(parse(query), limit=20, facets=True)
    assert _shown(page.text) == found.total > 0
    shown = dict(
        re.findall(
            r'data-facet="source"[^>]*>([^<]+)</a>\s*<meter[^>]*>'
            r'</meter><span class="n">(\d+)</span>',
            page.text,
        )
    )
    assert shown == {source: str(n) for source, n in found.facets.sources}
    for hit in found.hits:
        assert f"/article/{hit.id}" in page.text


def test_the_article_and_figures_pages_read_either_backend(site):
    client, url = site
    with open_store(url, read_only=True) as store:
        hit = store.search(parse('unit:"Cần Thơ" khen'), limit=1).hits[0]
        figures = store.figures()
    article = client.get(f"/article/{hit.id}")
    assert article.status_code == 200 and hit.title in article.text
    page = client.get("/figures")
    assert page.status_code == 200
    assert figures and {f.article_id for f in figures} == set(
        re.findall(r'href="/article/([^"#]+)#figures"', page.text)
    )
