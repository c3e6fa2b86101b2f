"""The SQLite store on a real file: round trip, idempotence, errors. Search itself
is in the backend conformance suite (test_conformance.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from index import Article, StoreError, open_store
from index.query import parse
from nlp.types import Analysis, AwardFigure, Entity

VN = timezone(timedelta(hours=7))


def make_article(n: int, title: str, body: str, source: str = "baotintuc", **kw) -> Article:
    return Article(
        url=f"http://127.0.0.1:8000/a/{n}.htm",
        canonical_url=f"https://baotintuc.vn/a/{n}.htm",
        source=source, title=title, sapo=kw.pop("sapo", ""), body=body,
        published_at=kw.pop("published_at", datetime(2026, 11, n % 28 + 1, 8, 0, tzinfo=VN)),
        authors=["Minh Anh"], tags=["thi đua"], agency="TTXVN",
        images=[{"url": "http://x/1.jpg", "caption": "Ảnh: TTXVN"}], **kw,
    )


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'test.db'}")
    yield s
    s.close()


ARTICLES = [
    make_article(1, "Cần Thơ tổng kết thi đua", "UBND TP. Cần Thơ khen thưởng 19 tập thể."),
    make_article(2, "Đà Nẵng đón khách", "Thành phố Đà Nẵng đón 1.000 du khách.",
                 source="vietnamplus"),
    make_article(3, "Bóng đá", "Trận đấu tại Hà Nội kết thúc với tỷ số 2-1."),
]


def test_round_trip_keeps_every_field(store):
    assert store.add_articles(ARTICLES) == 3
    got = store.get_article(ARTICLES[0].id)
    assert got == ARTICLES[0]
    assert got.published_at.utcoffset() == timedelta(hours=7)


def test_adding_again_adds_nothing_and_keeps_the_analysis(store):
    store.add_articles(ARTICLES)
    store.add_analyses([(ARTICLES[0].id, Analysis(units=["Ủy ban nhân dân thành phố Cần Thơ"]))])
    assert store.add_articles(ARTICLES) == 0
    assert store.count() == 3
    assert store.pending_count() == 2


def test_changed_text_is_analysed_again(store):
    store.add_articles(ARTICLES)
    store.add_analyses([(a.id, Analysis()) for a in ARTICLES])
    changed = make_article(1, ARTICLES[0].title, ARTICLES[0].body + " Bổ sung.")
    assert store.add_articles([changed]) == 0
    assert [a.id for a in store.pending_analysis()] == [changed.id]
    assert store.search(parse("bo sung")).total == 1


def test_reopening_the_file_keeps_everything(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    first = open_store(url)
    first.add_articles(ARTICLES)
    first.close()
    again = open_store(url)
    assert again.count() == 3
    again.close()


def test_analysis_feeds_fields_and_figures(store):
    store.add_articles(ARTICLES)
    text = ARTICLES[0].text
    start = text.index("19 tập thể")
    analysis = Analysis(
        entities=[Entity(text.index("UBND"), text.index("UBND") + 17, "UBND TP. Cần Thơ", "ORG",
                         "Ủy ban nhân dân thành phố Cần Thơ")],
        units=["Ủy ban nhân dân thành phố Cần Thơ"],
        awards=[AwardFigure(count=19, recipient_kind="tập thể", award="khen thưởng", level="",
                            status="awarded", start=start, end=start + 10,
                            sentence="UBND TP. Cần Thơ khen thưởng 19 tập thể.",
                            sentence_start=text.index("UBND"))],
    )
    store.add_analyses([(ARTICLES[0].id, analysis)])
    store.add_analyses([(ARTICLES[0].id, analysis)])  # idempotent
    assert store.search(parse("has:award")).total == 1
    assert store.search(parse("ủy ban nhân dân")).total == 1  # canonical names are searchable
    assert [f.count for f in store.figures()] == [19]
    stats = store.stats()
    assert stats.top_units == [("Ủy ban nhân dân thành phố Cần Thơ", 1)]
    assert stats.by_source == {"baotintuc": 2, "vietnamplus": 1}
    assert store.get_analysis(ARTICLES[0].id) == analysis


def test_unwritable_location_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Cannot open the SQLite store"):
        open_store(f"sqlite:///{blocker / 'sub' / 'x.db'}")


def test_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="is a newsmon store"):
        open_store(f"sqlite:///{bad}")


@pytest.mark.parametrize("url", ["sqlite://x.db", "ftp://x", "mysql://localhost/newsmon"])
def test_unusable_urls_say_what_to_write(url):
    with pytest.raises(StoreError, match="sqlite:///"):
        open_store(url)
