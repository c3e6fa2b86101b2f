"""Every fixture page in tests/crawler/fixtures/**/NAME.html against NAME.expected.json:
articles must come out exactly as written (fields, paragraphs, images, which
parser read them); skipped pages must raise ExtractError with the expected reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsmon.crawler.extract import SITE_PARSERS, ExtractError, extract_article, generic, metadata

FIXTURES = Path(__file__).parent / "fixtures"
LOCAL = "http://127.0.0.1:8765"
PAGES = sorted(p for p in FIXTURES.glob("**/*.html") if p.with_suffix(".expected.json").exists())


def expected(page: Path) -> dict:
    return json.loads(page.with_suffix(".expected.json").read_text("utf-8"))


def served_url(page: Path) -> str:
    """Where the crawler would have fetched it: the generic folder is a site root,
    the site fixtures are fetched from their real address."""
    rel = page.relative_to(FIXTURES)
    if rel.parts[0] == "generic":
        return f"{LOCAL}/{'/'.join(rel.parts[1:])}"
    return expected(page)["canonical_url"]


def as_expected(article) -> dict:
    return {
        "title": article.title,
        "sapo": article.sapo,
        "body": article.body.split("\n\n"),
        "authors": article.authors,
        "agency": article.agency,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "category": article.category,
        "tags": article.tags,
        "canonical_url": article.canonical_url,
        "images": [{"caption": image["caption"]} for image in article.images],
        "parser": article.parser,
    }


ARTICLES = [p for p in PAGES if "skip" not in expected(p)]
SKIPPED = [p for p in PAGES if expected(p).get("skip") not in (None, "robots")]
ROBOTS = [p for p in PAGES if expected(p).get("skip") == "robots"]


def ids(pages):
    return [str(p.relative_to(FIXTURES)) for p in pages]


def test_the_fixtures_are_all_here():
    assert len(ARTICLES) == 37 and len(SKIPPED) == 4 and len(ROBOTS) == 1


@pytest.mark.parametrize("page", ARTICLES, ids=ids(ARTICLES))
def test_article_pages_read_exactly_as_written(page):
    want = expected(page)
    got = extract_article(page.read_text("utf-8"), served_url(page))
    assert as_expected(got) == want
    assert got.published_at.utcoffset() is not None
    assert all(image["url"].startswith(("http://", "https://")) for image in got.images)
    assert all("\n" not in p and "  " not in p for p in got.body.split("\n\n"))


@pytest.mark.parametrize("page", [p for p in ARTICLES if expected(p)["parser"] in SITE_PARSERS],
                         ids=ids(p for p in ARTICLES if expected(p)["parser"] in SITE_PARSERS))
def test_site_parsers_read_their_pages_from_any_address(page):
    """Called directly (or named), a site parser needs no host to match."""
    want = expected(page)
    local = f"{LOCAL}/{page.name}"
    assert as_expected(SITE_PARSERS[want["parser"]](page.read_text("utf-8"), local)) == want
    assert as_expected(extract_article(page.read_text("utf-8"), local, parser=want["parser"])) \
        == want


@pytest.mark.parametrize("page", ARTICLES, ids=ids(ARTICLES))
def test_the_fallbacks_still_read_the_text(page):
    """Metadata and generic extraction read the same paragraphs as the site
    parsers do, even on the pages meant for a site parser (minus the dates
    metadata cannot give, where metadata refuses)."""
    want = expected(page)
    html, url = page.read_text("utf-8"), served_url(page)
    got = generic.extract(html, url)
    assert got.body.split("\n\n") == want["body"]
    assert got.title == want["title"]
    assert got.parser == "generic"
    try:
        meta = metadata.extract(html, url)
    except ExtractError as exc:
        assert exc.reason == "not_an_article"
    else:
        assert meta.body.split("\n\n") == want["body"]
        assert meta.parser == "metadata"


@pytest.mark.parametrize("page", SKIPPED, ids=ids(SKIPPED))
def test_pages_that_are_not_articles_raise_with_their_reason(page):
    reason = expected(page)["skip"]
    html = page.read_text("utf-8")
    with pytest.raises(ExtractError) as caught:
        extract_article(html, served_url(page))
    assert caught.value.reason == reason
    for extractor in (metadata.extract, generic.extract):
        with pytest.raises(ExtractError) as caught:
            extractor(html, served_url(page))
        assert caught.value.reason == reason


@pytest.mark.parametrize("page", ROBOTS, ids=ids(ROBOTS))
def test_robots_pages_are_articles_to_the_extractor(page):
    """Whether to fetch them is the crawler's concern; the page itself is an article."""
    got = extract_article(page.read_text("utf-8"), served_url(page))
    assert got.title and got.published_at and len(got.body) > 300
    assert got.parser == "metadata"
