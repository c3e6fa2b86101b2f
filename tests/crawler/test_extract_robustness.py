"""Broken input never breaks the chain: truncated pages, empty and binary input,
mixed encodings, NFD text. The only error it raises is ExtractError."""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest

from newsmon.crawler.extract import (
    REASONS,
    SITE_PARSERS,
    ExtractError,
    extract_article,
    generic,
    metadata,
)

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p for p in FIXTURES.glob("**/*.html") if p.with_suffix(".expected.json").exists())
URLS = ["https://baotintuc.vn/x-20160311142000123.htm", "https://www.vietnamplus.vn/x/1.vnp",
        "https://bnews.vn/x/1.html", "https://songhong.example/x.html"]


def expected(page: Path) -> dict:
    return json.loads(page.with_suffix(".expected.json").read_text("utf-8"))


def assert_clean(article) -> None:
    for text in (article.title, article.sapo, *article.body.split("\n\n"), *article.authors):
        assert text == unicodedata.normalize("NFC", text)
        assert text == text.strip() and "  " not in text and "\n" not in text
    assert article.title and article.body


@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.7])
@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(FIXTURES)) for p in PAGES])
def test_a_truncated_page_gives_what_is_left_or_an_extract_error(page, fraction):
    html = page.read_text("utf-8")
    cut = html[: int(len(html) * fraction)]
    for url in URLS:
        try:
            article = extract_article(cut, url)
        except ExtractError as exc:
            assert exc.reason in REASONS
        else:
            assert_clean(article)
            assert article.published_at is None or article.published_at.utcoffset() is not None


def test_half_a_site_page_keeps_the_paragraphs_it_has():
    page = FIXTURES / "bnews/ngan-hang-giam-lai-suat.html"
    html = page.read_text("utf-8")
    cut = html[: html.index("Ngoài lãi suất")]
    article = extract_article(cut, "https://bnews.vn/x/1.html")
    assert article.parser == "bnews"
    assert article.body.split("\n\n") == expected(page)["body"][:2]


@pytest.mark.parametrize(("data", "reason"), [
    ("", "empty"),
    ("  \n\t ", "empty"),
    (b"", "empty"),
    ("\ufeff", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not_html"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_html"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "not_html"),
    (b"PK\x03\x04\x14\x00\x06\x00", "not_html"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "not_html"),
    ("\x00\xff garbage", "not_html"),
    ("\x00" * 50, "not_html"),
    ('{"title": "Không phải trang HTML"}', "not_html"),
    ("[1, 2, 3]", "not_html"),
    ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel></channel></rss>',
     "not_html"),
    ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
     "not_html"),
    ("Chỉ là văn bản thường, không có thẻ HTML nào cả.", "not_html"),
    ("<html>", "empty"),
    ("<html><head><title>Trang</title></head><body></body></html>", "empty"),
    ("<h1 class='detail-title'>x</h1>", "empty"),
    ("<html><body><h1>Tiêu đề</h1><p>Một câu ngắn.</p></body></html>", "not_an_article"),
])
@pytest.mark.parametrize("url", URLS)
def test_empty_and_garbage_input(data, reason, url):
    with pytest.raises(ExtractError) as caught:
        extract_article(data, url)
    assert caught.value.reason == reason


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_never_raise_anything_else(seed):
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000)))
    for payload in (data, data.decode("latin-1"), data.decode("utf-8", errors="replace")):
        for url in URLS:
            with pytest.raises(ExtractError):
                extract_article(payload, url)
    for extractor in (*SITE_PARSERS.values(), metadata.extract, generic.extract):
        with pytest.raises(ExtractError):
            extractor(data.decode("latin-1"), URLS[0])


def test_a_page_mixing_encodings_still_reads():
    """One paragraph saved in Windows-1258 inside a UTF-8 page, decoded with
    errors="replace": the other paragraphs come out intact."""
    page = FIXTURES / "vietnamplus-2020/ca-mau-gia-tom-su.html"
    want = expected(page)
    broken = want["body"][1]
    raw = page.read_bytes().replace(broken.encode("utf-8"), broken.encode("cp1258", "replace"))
    html = raw.decode("utf-8", errors="replace")
    assert "\ufffd" in html
    got = extract_article(html, want["canonical_url"])
    body = got.body.split("\n\n")
    assert got.title == want["title"]
    assert len(body) == len(want["body"])
    assert body[0] == want["body"][0] and body[2:] == want["body"][2:]
    assert "\ufffd" in body[1]
    assert_clean(got)


def test_a_latin1_misread_page_is_mojibake_not_an_exception():
    page = FIXTURES / "generic/kinh-te/hop-tac-xa-ca-long-tam-nong-dat-doanh-thu-ky-luc.html"
    html = page.read_bytes().decode("latin-1")
    try:
        got = extract_article(html, "https://songhong.example/x.html")
    except ExtractError as exc:
        assert exc.reason in REASONS
    else:
        assert_clean(got)


ARTICLES = [p for p in PAGES if "skip" not in expected(p)]
ARTICLE_IDS = [str(p.relative_to(FIXTURES)) for p in ARTICLES]


def url_for(page: Path) -> str:
    """The generic folder is a site served locally; every other fixture is read
    from its real address."""
    rel = page.relative_to(FIXTURES)
    if rel.parts[0] != "generic":
        return expected(page)["canonical_url"]
    return "http://127.0.0.1:8765/" + "/".join(rel.parts[1:])


@pytest.mark.parametrize("page", ARTICLES, ids=ARTICLE_IDS)
def test_decomposed_text_comes_out_nfc(page):
    want = expected(page)
    got = extract_article(unicodedata.normalize("NFD", page.read_text("utf-8")), url_for(page))
    assert got.title == want["title"]
    assert got.body.split("\n\n") == want["body"]
    assert got.authors == want["authors"]
    assert got.tags == want["tags"]


@pytest.mark.parametrize("page", ARTICLES, ids=ARTICLE_IDS)
def test_an_xml_declaration_does_not_make_the_page_xml(page):
    """XHTML pages open with <?xml …?>; they are still parsed as HTML."""
    want = expected(page)
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + page.read_text("utf-8")
    got = extract_article(html, url_for(page))
    assert got.parser == want["parser"]
    assert got.body.split("\n\n") == want["body"]
    assert [i["caption"] for i in got.images] == [i["caption"] for i in want["images"]]
