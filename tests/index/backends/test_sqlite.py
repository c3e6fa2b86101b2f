"""The SQLite backend beyond the conformance suite: files that cannot be a store,
URLs, read-only opening, and ranking bounded to the most recent matches."""

from __future__ import annotations

import sqlite3

import pytest

import newsmon.index.backends.sqlite.compiler as compiler
from newsmon.index import StoreError, open_store
from newsmon.index.backends.sqlite.store import APPLICATION_ID
from newsmon.index.query import parse
from tests.index.corpus import ARTICLES, make_article


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
    with pytest.raises(StoreError, match="is a newsmon store"):
        open_store(f"sqlite:///{bad}", read_only=True)


@pytest.mark.parametrize("url", ["sqlite://x.db", "ftp://x", "mysql://localhost/newsmon"])
def test_unusable_urls_say_what_to_write(url):
    with pytest.raises(StoreError, match="sqlite:///"):
        open_store(url)


def test_read_only_refuses_a_missing_file_and_never_writes(tmp_path):
    missing = tmp_path / "typo.db"
    with pytest.raises(StoreError, match="No store at .*typo.db"):
        open_store(f"sqlite:///{missing}", read_only=True)
    assert not missing.exists()
    path = tmp_path / "x.db"
    with open_store(f"sqlite:///{path}") as store:
        store.add_articles(ARTICLES)
    with open_store(f"sqlite:///{path}", read_only=True) as reader:
        assert reader.search(parse("cần thơ")).total == 1
        with pytest.raises(StoreError, match="failed"):
            reader.add_articles([make_article(9, "Mới", "Bài mới.")])
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3


def test_broad_queries_rank_the_most_recent_matches_first(tmp_path, monkeypatch):
    """With more matches than the window, the newest stored matches are ranked first,
    then the older ones: page 1 scores only the window, the total counts every match,
    and pages of any size are cut from one order."""
    import newsmon.index.backends.sqlite.store as store_module

    monkeypatch.setattr(compiler, "RANK_WINDOW", 5)
    monkeypatch.setattr(store_module, "RANK_WINDOW", 5)
    strong = make_article(1, "Khen thưởng khen thưởng", "Khen thưởng khen thưởng khen thưởng.")
    weak = [make_article(n, f"Tin {n}", "Một lần khen thưởng trong bài dài " + "chữ " * 40)
            for n in range(2, 12)]
    with open_store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        store.add_articles([strong, *weak])  # the strong match is stored first: oldest
        query = parse("khen thuong")
        first = store.search(query, limit=3)
        assert first.total == 11
        assert {h.id for h in first.hits} <= {a.id for a in weak[-5:]}
        every = [h.id for h in store.search(query, limit=20).hits]
        assert set(every[:5]) == {a.id for a in weak[-5:]} and every[5] == strong.id
        assert len(set(every)) == 11
        for size in (2, 3, 4):
            paged = [h.id for page in range(0, 11, size)
                     for h in store.search(query, limit=size, offset=page).hits]
            assert paged == every


def test_another_programs_sqlite_file_is_refused_and_left_as_it_was(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO articles VALUES (1, 'not ours')")
    before = other.read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="not a newsmon store"):
            open_store(f"sqlite:///{other}", read_only=read_only)
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no WAL, no journal


def test_a_store_made_before_the_marker_still_opens_and_gets_it(tmp_path):
    path = tmp_path / "old.db"
    open_store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        conn.execute("PRAGMA application_id = 0")  # as a store of the previous release
    store = open_store(f"sqlite:///{path}")
    store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_store_from_before_status_cues_gains_the_column(tmp_path):
    from tests.index.corpus import build

    path = tmp_path / "cues.db"
    open_store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE awards DROP COLUMN status_cue")
    with open_store(f"sqlite:///{path}") as store:
        store.add_analyzed(build())
        assert "đề nghị" in {f.status_cue for f in store.figures()}


def test_a_store_from_before_periods_reads_them_from_the_sentences(tmp_path):
    from newsmon.nlp.types import Analysis
    from tests.index.corpus import NGHEAN, _article, _figure

    path = tmp_path / "periods.db"
    a = _article("old", "2026-03-02T08:00:00", "baotintuc", "Nghệ An khen thưởng",
                 "Tỉnh tặng Bằng khen cho 26 tập thể có thành tích giai đoạn 2021-2025.")
    with open_store(f"sqlite:///{path}") as store:
        store.add_analyzed([(a, Analysis(units=[NGHEAN], awards=[
            _figure(a.text, "26 tập thể", 26, "tập thể", "Bằng khen", "tỉnh")]))])
    with sqlite3.connect(path) as conn:  # as the previous release wrote it
        conn.execute("ALTER TABLE awards DROP COLUMN period")
    with open_store(f"sqlite:///{path}", read_only=True) as reader:  # read-only: read, not kept
        assert [f.period for f in reader.figures()] == ["2021-2025"]
    with open_store(f"sqlite:///{path}") as store:
        assert [f.period for f in store.figures()] == ["2021-2025"]
        assert [r.period for r in store.ledger()] == ["2021-2025"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT period FROM awards").fetchall() == [("2021-2025",)]


def test_value_facets_of_a_broad_query_count_a_sample_and_say_so(tmp_path, monkeypatch):
    """Past FACET_SAMPLE matches, units (like campaigns, people, award forms) are
    counted over the most recently stored matches only, and `sampled` says how
    many; the total, the sources and the timeline still count every match."""
    import newsmon.index.backends.sqlite.store as store_module
    from newsmon.nlp.types import Analysis

    monkeypatch.setattr(store_module, "FACET_SAMPLE", 4)
    old = [make_article(n, f"Tin cũ {n}", "Khen thưởng ở Nghệ An.") for n in range(1, 7)]
    new = [make_article(n, f"Tin mới {n}", "Khen thưởng ở Cần Thơ.", source="vietnamplus")
           for n in range(7, 11)]
    with open_store(f"sqlite:///{tmp_path / 'f.db'}") as store:
        store.add_analyzed([(a, Analysis(units=["tỉnh Nghệ An"])) for a in old])
        store.add_analyzed([(a, Analysis(units=["thành phố Cần Thơ"])) for a in new])
        broad = store.search(parse("khen thuong"), limit=1, facets=True)
        assert broad.total == 10 and broad.facets.sampled == 4
        assert broad.facets.units == [("thành phố Cần Thơ", 4)]
        assert dict(broad.facets.sources) == {"baotintuc": 6, "vietnamplus": 4}
        assert sum(n for _, n in broad.facets.histogram) == 10
        everything = store.search(parse(""), limit=1, facets=True).facets
        assert everything.sampled == 4 and everything.units == [("thành phố Cần Thơ", 4)]
        narrow = store.search(parse("can tho"), limit=1, facets=True)
        assert narrow.total == 4 and narrow.facets.sampled is None
        assert narrow.facets.units == [("thành phố Cần Thơ", 4)]


def test_days_fold_into_the_weeks_and_months_sqlite_names():
    """The timeline counts days in SQL and folds them here: a week is named by its
    Monday, as SQLite's date(d, '-6 days', 'weekday 1') names it."""
    import sqlite3 as db

    from newsmon.index.backends.sqlite.store import _BUCKETS, fold_days

    days = {"2026-11-23": 2, "2026-11-29": 3, "2026-11-30": 1, "2026-12-01": 4, None: 7,
            "not a date": 1}
    conn = db.connect(":memory:")
    for interval in ("day", "week", "month"):
        expected: dict[str, int] = {}
        for day, n in days.items():
            name = conn.execute(f"SELECT {_BUCKETS[interval].replace('a.published_at', '?')}",
                                (day,)).fetchone()[0]
            if name is not None and day and day[0].isdigit():
                expected[name] = expected.get(name, 0) + n
        assert fold_days(days, interval) == expected
    assert fold_days(days, "week") == {"2026-11-23": 5, "2026-11-30": 5}


def _facet_counts(store, text: str) -> tuple:
    found = store.search(parse(text), limit=1, facets=True, interval="day")
    return found.total, dict(found.facets.sources), dict(found.facets.histogram)


def _dated_corpus() -> list:
    """Articles over three sources and several days, one without a date."""
    articles = [make_article(n, f"Tin {n}", "Khen thưởng tập thể.", source=source)
                for n, source in enumerate(["baotintuc", "vietnamplus", "bnews"] * 4, start=1)]
    articles.append(make_article(20, "Tin không ngày", "Khen thưởng.", published_at=None))
    return articles


def _expected_counts(articles: list) -> tuple:
    sources: dict[str, int] = {}
    days: dict[str, int] = {}
    for a in articles:
        sources[a.source] = sources.get(a.source, 0) + 1
        if a.published_at:
            day = a.published_at.isoformat()[:10]
            days[day] = days.get(day, 0) + 1
    return len(articles), sources, days


@pytest.mark.parametrize("few", [0, 10**9])
def test_sources_and_days_count_every_match_read_either_way(tmp_path, monkeypatch, few):
    """Many matches are counted by a scan of the (source, day) index, a few from their
    own rows: both give the counts of the matching articles themselves."""
    import newsmon.index.backends.sqlite.store as store_module

    monkeypatch.setattr(store_module, "_FEW_MATCHES", few)
    articles = _dated_corpus()
    with open_store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        store.add_articles(articles)
        store.add_articles([make_article(30, "Tin khác", "Thời tiết hôm nay.")])
        assert _facet_counts(store, "khen thuong") == _expected_counts(articles)
        assert _facet_counts(store, "khen source:bnews") == _expected_counts(
            [a for a in articles if a.source == "bnews"])


def test_a_store_from_before_the_day_column_counts_the_same(tmp_path):
    """A store the previous release wrote has no day column: read-only (not migrated)
    it counts sources and days from the dates themselves, and opened for writing it
    gains the column, filled, and the index the counts use."""
    path = tmp_path / "old.db"
    articles = _dated_corpus()
    with open_store(f"sqlite:///{path}") as store:
        store.add_articles(articles)
    with sqlite3.connect(path) as conn:  # as the previous release wrote it
        conn.execute("DROP INDEX articles_source_day")
        conn.execute("ALTER TABLE articles DROP COLUMN day")
        conn.execute("CREATE INDEX articles_source ON articles (source)")
    expected = _expected_counts(articles)
    with open_store(f"sqlite:///{path}", read_only=True) as reader:
        assert _facet_counts(reader, "khen thuong") == expected
        assert _facet_counts(reader, "") == expected
    with open_store(f"sqlite:///{path}") as store:
        assert _facet_counts(store, "khen thuong") == expected
    with sqlite3.connect(path) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master "
                                              "WHERE type = 'index'")}
        assert "articles_source_day" in indexes and "articles_source" not in indexes
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE day IS NULL").fetchone() == (1,)


def test_facets_of_one_search_do_not_leak_into_the_next(tmp_path):
    """The matches a search keeps for its facets are replaced by the next search's."""
    articles = _dated_corpus()
    with open_store(f"sqlite:///{tmp_path / 'n.db'}") as store:
        store.add_articles(articles)
        assert _facet_counts(store, "khen thuong")[0] == len(articles)
        total, sources, _ = _facet_counts(store, "source:vietnamplus khen")
        assert total == 4 and sources == {"vietnamplus": 4}
        assert _facet_counts(store, "khen thuong") == _expected_counts(articles)
