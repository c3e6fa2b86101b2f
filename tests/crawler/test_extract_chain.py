"""The extraction chain: which parser a URL gets, the order site parser →
metadata → generic, and which errors stop it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsmon.crawler.extract as chain
from newsmon.config import load_sources
from newsmon.crawler.extract import (
    PARSERS,
    REASONS,
    ExtractedArticle,
    ExtractError,
    extract_article,
    parser_for_url,
)

FIXTURES = Path(__file__).parent / "fixtures"
KINH_TE = FIXTURES / "generic/kinh-te/hop-tac-xa-ca-long-tam-nong-dat-doanh-thu-ky-luc.html"
VAN_HOA = FIXTURES / "generic/van-hoa/lien-hoan-hat-xoan-thu-hut-22-cau-lac-bo.html"
VIDEO = FIXTURES / "generic/video/clip.html"
GALLERY = FIXTURES / "generic/gallery/anh.html"
HOME = FIXTURES / "generic/index.html"
BNEWS = FIXTURES / "bnews/gia-ca-phe-tay-nguyen.html"
VNP_2020 = FIXTURES / "vietnamplus-2020/ca-mau-gia-tom-su.html"


def expected(page: Path) -> dict:
    return json.loads(page.with_suffix(".expected.json").read_text("utf-8"))


@pytest.mark.parametrize(("url", "parser"), [
    ("https://baotintuc.vn/thoi-su/x-20230513172628530.htm", "baotintuc"),
    ("http://www.baotintuc.vn/x.htm", "baotintuc"),
    ("https://baotintuc.vn:443/x.htm", "baotintuc"),
    ("https://www.vietnamplus.vn/x-post1061508.vnp", "vietnamplus"),
    ("https://vietnamplus.vn/x/270431.vnp", "vietnamplus"),
    ("https://en.vietnamplus.vn/x-post1.vnp", "vietnamplus"),
    ("HTTPS://WWW.VIETNAMPLUS.VN/X", "vietnamplus"),
    ("https://bnews.vn/gia-ca-phe/13051.html", "bnews"),
    ("https://www.bnews.vn/x.html", "bnews"),
    ("https://vnexpress.net/ha-noi-4800030.html", "vnexpress"),
    ("https://tuoitre.vn/x-20261126180512345.htm", "tuoitre"),
    ("https://thanhnien.vn/x-185261125091012345.htm", "thanhnien"),
    ("https://baochinhphu.vn/x-102261120111512345.htm", "baochinhphu"),
    ("https://dantri.com.vn/xa-hoi/x-20261126180500123.htm", "dantri"),
    ("https://vietnamnet.vn/x-2345678.html", "vietnamnet"),
    ("https://nhandan.vn/x-post812345.html", "nhandan"),
    ("https://www.qdnd.vn/xa-hoi/tin-tuc/x-812345", "qdnd"),
    ("https://cand.com.vn/Xa-hoi/x-i712345/", "cand"),
    ("https://laodong.vn/xa-hoi/x-1234567.ldo", "laodong"),
    ("https://vov.vn/xa-hoi/x-post1012345.vov", "vov"),
    ("https://tienphong.vn/x-post1690123.tpo", "cms"),
    ("https://plo.vn/x-post812345.html", "cms"),
    ("https://notvnexpress.net/x.html", None),
    ("https://bnews.vn.example.com/x.html", None),
    ("https://notbnews.vn/x.html", None),
    ("https://songhong.example/kinh-te/x.html", None),
    ("http://127.0.0.1:8765/x.html", None),
    ("/relative/path.html", None),
    ("", None),
    ("http://[::1", None),
])
def test_parser_for_url(url, parser):
    assert parser_for_url(url) == parser


def test_extract_error_is_a_value_error_with_a_reason():
    error = ExtractError("no title")
    assert isinstance(error, ValueError)
    assert error.reason == "not_an_article"
    assert str(error) == "no title"
    assert ExtractError("x", "video").reason == "video"
    assert set(REASONS) == {"video", "gallery", "index", "not_html", "empty", "not_an_article"}


def test_the_url_picks_the_site_parser():
    got = extract_article(BNEWS.read_text("utf-8"), expected(BNEWS)["canonical_url"])
    assert got.parser == "bnews"


def test_a_site_url_with_an_unknown_layout_falls_back_to_metadata():
    want = expected(KINH_TE)
    got = extract_article(KINH_TE.read_text("utf-8"), "https://baotintuc.vn/kinh-te/x-1.htm")
    assert got.parser == "metadata"
    assert got.body.split("\n\n") == want["body"]
    assert got.title == want["title"]
    assert got.canonical_url == want["canonical_url"]


def test_then_to_generic_when_the_metadata_has_no_date():
    want = expected(VAN_HOA)
    got = extract_article(VAN_HOA.read_text("utf-8"), "https://www.vietnamplus.vn/x-post1.vnp")
    assert got.parser == "generic"
    assert got.published_at.isoformat() == want["published_at"]
    assert got.body.split("\n\n") == want["body"]


def test_another_sites_page_under_a_site_url_still_reads():
    """A bnews page at a baotintuc address: baotintuc fails, no metadata date, generic reads it."""
    want = expected(BNEWS)
    got = extract_article(BNEWS.read_text("utf-8"), "https://baotintuc.vn/x-20140722091600123.htm")
    assert got.parser == "generic"
    assert got.title == want["title"]
    assert got.body.split("\n\n") == want["body"]
    assert got.published_at.isoformat() == want["published_at"]


@pytest.mark.parametrize(("parser", "used"), [
    ("vietnamplus", "vietnamplus"), ("baotintuc", "metadata"), ("bnews", "metadata"),
    ("metadata", "metadata"), ("generic", "generic"), (None, "metadata"),
])
def test_the_parser_argument_names_where_the_chain_starts(parser, used):
    got = extract_article(VNP_2020.read_text("utf-8"), "http://127.0.0.1:8765/x", parser=parser)
    assert got.parser == used
    assert got.body.split("\n\n") == expected(VNP_2020)["body"]


def test_every_parser_name_is_known():
    assert set(PARSERS) == {"baotintuc", "vietnamplus", "bnews", "vnexpress", "tuoitre",
                            "thanhnien", "baochinhphu", "dantri", "vietnamnet", "nhandan", "qdnd",
                            "cand", "laodong", "vov", "cms", "metadata", "generic"}


def test_a_named_site_parser_beats_the_url():
    got = extract_article(BNEWS.read_text("utf-8"), "https://baotintuc.vn/x.htm", parser="bnews")
    assert got.parser == "bnews"


def test_an_unknown_parser_name_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown parser"):
        extract_article("<html></html>", "https://bnews.vn/x", parser="kpl")


@pytest.mark.parametrize(("page", "reason"), [(VIDEO, "video"), (GALLERY, "gallery"),
                                              (HOME, "index")])
@pytest.mark.parametrize("url", ["https://www.vietnamplus.vn/x-post1.vnp",
                                 "https://songhong.example/x.html"])
def test_classification_errors_propagate_with_their_reason(page, reason, url):
    with pytest.raises(ExtractError) as caught:
        extract_article(page.read_text("utf-8"), url)
    assert caught.value.reason == reason


def _article(parser: str) -> ExtractedArticle:
    return ExtractedArticle(title="t", body="b", canonical_url="u", parser=parser)


def test_a_final_reason_from_a_site_parser_stops_the_chain(monkeypatch):
    calls = []

    def video_page(html, url):
        raise ExtractError("a video in the site's own layout", "video")

    monkeypatch.setitem(chain.SITE_PARSERS, "bnews", video_page)
    monkeypatch.setattr(chain.metadata, "extract_page", lambda page: calls.append(page))
    with pytest.raises(ExtractError) as caught:
        extract_article(KINH_TE.read_text("utf-8"), "https://bnews.vn/x.html")
    assert caught.value.reason == "video"
    assert calls == []


@pytest.mark.parametrize("reason", ["not_an_article", "empty"])
def test_other_site_parser_errors_fall_through_in_order(monkeypatch, reason):
    calls = []

    def refuse(name, why):
        def step(*args):
            calls.append(name)
            raise ExtractError(name, why)
        return step

    monkeypatch.setitem(chain.SITE_PARSERS, "bnews", refuse("bnews", reason))
    monkeypatch.setattr(chain.metadata, "extract_page", refuse("metadata", "not_an_article"))
    monkeypatch.setattr(chain.generic, "extract_page", lambda page: _article("generic"))
    got = extract_article(KINH_TE.read_text("utf-8"), "https://bnews.vn/x.html")
    assert calls == ["bnews", "metadata"]
    assert got.parser == "generic"


def test_when_every_step_fails_the_last_error_is_raised(monkeypatch):
    def refuse(page):
        raise ExtractError("too short", "not_an_article")

    monkeypatch.setattr(chain.metadata, "extract_page", refuse)
    monkeypatch.setattr(chain.generic, "extract_page",
                        lambda page: (_ for _ in ()).throw(ExtractError("nothing", "empty")))
    with pytest.raises(ExtractError) as caught:
        extract_article(KINH_TE.read_text("utf-8"), "https://songhong.example/x.html")
    assert caught.value.reason == "empty"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_bytes_are_read_as_utf8_or_by_their_bom(encoding):
    page = KINH_TE.read_text("utf-8").encode(encoding)
    got = extract_article(page, "https://songhong.example/x.html")
    assert got.title == expected(KINH_TE)["title"]
    assert got.body.split("\n\n") == expected(KINH_TE)["body"]


@pytest.mark.parametrize("host", sorted(chain.HOSTS))
def test_a_layout_the_outlet_parser_does_not_know_falls_through_to_metadata(host):
    """A redesign the outlet's parser has not met yet still gives the article."""
    want = expected(KINH_TE)
    got = extract_article(KINH_TE.read_text("utf-8"), f"https://{host}/kinh-te/bai-moi.html")
    assert got.parser == "metadata"
    assert got.body.split("\n\n") == want["body"]
    assert got.title == want["title"]


def test_every_bundled_outlet_is_read_by_its_own_parser():
    """sources.toml and the site registry agree: an outlet crawled by default is
    never left to the generic path for want of a host entry."""
    sources = load_sources(bundled=True)
    assert len(sources) >= 15
    for source in sources:
        assert source.spider in chain.SITE_PARSERS, source.name
        for url in source.start_urls:
            assert parser_for_url(url) == source.spider, (source.name, url)
