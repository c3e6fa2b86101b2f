"""One suite for every backend (Wagtail-style): each query feature, facet and
figure query must give the same answer on SQLite and on Elasticsearch."""

from __future__ import annotations

import pytest

from index.query import parse
from index.store import FigureFilter
from tests.index.corpus import CANTHO, CORPUS, IDS, NGHEAN


@pytest.fixture
def store(any_store):
    any_store.add_articles(a for a, _ in CORPUS)
    any_store.add_analyses((a.id, analysis) for a, analysis in CORPUS)
    return any_store


def ids(result) -> set[str]:
    inverse = {v: k for k, v in IDS.items()}
    return {inverse[h.id] for h in result.hits}


def search(store, query: str, **kwargs) -> set[str]:
    return ids(store.search(parse(query), limit=50, **kwargs))


@pytest.mark.parametrize("query", ["can tho", "Cần Thơ", "CẦN THƠ", '"can tho"', "“cần thơ”"])
def test_case_diacritics_and_quotes_are_ignored(store, query):
    assert search(store, query) == {"ct-1", "ct-2", "bd-1"}


def test_d_with_stroke_and_tone_placement(store):
    assert search(store, "da nang") == {"ct-2"}
    assert search(store, '"uy ban nhan dan thanh pho can tho"') == {"ct-1", "ct-2"}
    assert search(store, "Uỷ") == search(store, "Ủy") == {"ct-1", "ct-2", "na-1", "na-2"}


def test_phrases_need_adjacent_words(store):
    assert search(store, '"thi đua"') == {"ct-1", "na-1"}
    assert search(store, '"đua thi"') == set()


def test_boolean_operators(store):
    assert search(store, "huân OR bóng") == {"na-1", "bd-1"}
    assert search(store, "cần thơ -bóng") == {"ct-1", "ct-2"}
    assert search(store, "cần thơ NOT (bóng OR đề)") == {"ct-1"}
    assert search(store, "khen AND nghệ") == {"na-2"}


def test_unit_matches_canonical_names_whatever_the_spelling(store):
    assert search(store, 'unit:"UBND TP Cần Thơ"') == {"ct-1", "ct-2"}
    assert search(store, 'unit:"Uỷ ban nhân dân thành phố Cần Thơ"') == {"ct-1", "ct-2"}
    assert search(store, 'unit:"nghe an"') == {"na-1", "na-2"}


def test_other_fields(store):
    assert search(store, 'campaign:"dân vận khéo"') == {"ct-1", "na-2"}
    assert search(store, 'person:"Trần Văn Lâm"') == {"ct-1"}
    assert search(store, 'place:"Đà Nẵng"') == {"ct-2"}
    assert search(store, "source:vietnamplus") == {"ct-2", "na-2"}
    assert search(store, 'award:"huân chương lao động"') == {"na-1"}
    assert search(store, "has:award") == {"ct-1", "ct-2", "na-1", "na-2"}
    assert search(store, "from:2026-11-03 to:2026-11-20") == {"bd-1", "ct-2"}
    assert search(store, "has:award from:2026-11-01 -source:vietnamplus") == {"ct-1"}


def test_relevance_ranks_title_matches_first_and_date_orders_newest_first(store):
    ranked = store.search(parse("nghệ an"), limit=10).hits
    assert [h.id for h in ranked][:2] == [IDS["na-2"], IDS["na-1"]] or \
        [h.id for h in ranked][:2] == [IDS["na-1"], IDS["na-2"]]
    by_date = store.search(parse("khen"), order="date", limit=10).hits
    dates = [h.published_at for h in by_date]
    assert dates == sorted(dates, reverse=True)


def test_pagination_has_no_overlap_and_a_stable_total(store):
    first = store.search(parse(""), limit=2, offset=0, order="date")
    second = store.search(parse(""), limit=2, offset=2, order="date")
    third = store.search(parse(""), limit=2, offset=4, order="date")
    assert first.total == second.total == third.total == len(CORPUS)
    seen = [h.id for r in (first, second, third) for h in r.hits]
    assert len(seen) == len(set(seen)) == len(CORPUS)


def test_snippets_highlight_the_original_words(store):
    hit = store.search(parse("tap the"), limit=1).hits[0]
    words = {hit.snippet.text[s:e] for s, e in hit.snippet.highlights}
    assert words <= {"tập", "thể"} and words


def test_iter_hits_streams_every_match(store):
    assert {h.id for h in store.iter_hits(parse("khen"))} == {IDS[k] for k in
                                                            ("ct-1", "ct-2", "na-2")}


def test_facets_count_all_matching_articles(store):
    result = store.search(parse("has:award"), limit=1, facets=True, interval="month")
    f = result.facets
    assert dict(f.units)[CANTHO] == 2 and dict(f.units)[NGHEAN] == 2
    assert dict(f.campaigns) == {"Dân vận khéo": 2}
    assert dict(f.sources) == {"baotintuc": 2, "vietnamplus": 2}
    assert dict(f.people) == {"Trần Văn Lâm": 1, "Nguyễn Thị Mai": 1}
    assert dict(f.awards)["Bằng khen"] == 1
    assert f.histogram == [("2026-10", 1), ("2026-11", 3)]


@pytest.mark.parametrize(("interval", "expected"), [
    ("day", [("2026-10-15", 1), ("2026-11-02", 1), ("2026-11-03", 1), ("2026-11-20", 1),
             ("2026-11-25", 1)]),
    ("week", [("2026-10-12", 1), ("2026-11-02", 2), ("2026-11-16", 1), ("2026-11-23", 1)]),
])
def test_date_histogram_intervals(store, interval, expected):
    assert store.search(parse(""), facets=True, interval=interval).facets.histogram == expected


def test_figures_filter_by_level_form_status_year_and_unit(store):
    def counts(**kwargs) -> list[int]:
        return sorted(f.count for f in store.figures(FigureFilter(**kwargs)))

    assert counts() == [2, 5, 32, 45, 50, 100, 150]
    assert counts(status="proposed") == [5]
    assert counts(level="Nhà nước") == [2]
    assert counts(award="bằng khen") == [5, 32, 45]
    assert counts(query=parse('unit:"UBND tỉnh Nghệ An"')) == [2, 50, 100, 150]
    assert counts(query=parse('campaign:"Dân vận khéo"'), level="tỉnh") == [32, 45, 50, 100, 150]
    assert counts(year=2026, status="awarded") == [2, 32, 45, 50, 100, 150]
    figure = store.figures(FigureFilter(status="proposed"))[0]
    assert "5 tập thể" in figure.sentence and figure.source == "vietnamplus"


def test_figure_sums_leave_stated_totals_out(store):
    by_unit = {s.key: s.total for s in store.figure_sums(FigureFilter(status="awarded"), "unit")}
    assert by_unit == {CANTHO: 77, NGHEAN: 152}
    by_level = {s.key: (s.total, s.figures) for s in
                store.figure_sums(FigureFilter(), "level")}
    assert by_level == {"tỉnh": (227, 4), "Chính phủ": (5, 1), "Nhà nước": (2, 1)}


def test_articles_with_their_analyses_in_one_pass(any_store):
    assert any_store.add_analyzed(CORPUS) == len(CORPUS)
    assert any_store.add_analyzed(CORPUS) == 0
    assert any_store.count() == len(CORPUS) and any_store.pending_count() == 0
    assert sorted(f.count for f in any_store.figures()) == [2, 5, 32, 45, 50, 100, 150]
    assert search(any_store, 'unit:"UBND TP Cần Thơ"') == {"ct-1", "ct-2"}
