"""One suite for every backend (Wagtail-style): each store call, query feature,
facet and figure query must give the same answer on SQLite and on Elasticsearch.
Backend-specific behaviour (files, URLs, templates, retries) is in tests/index/backends/."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsmon.index import CrawlRun, open_store
from newsmon.index.query import QueryError, parse
from newsmon.index.store import FigureFilter
from newsmon.nlp.periods import award_period
from newsmon.nlp.types import Analysis, Entity
from tests.index.corpus import ARTICLES, CANTHO, CORPUS, IDS, NGHEAN, VN, _article, make_article
from tests.index.story_cases import families


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
    # why it is a proposal, and where a reader checks it
    assert figure.status_cue == "đề nghị"
    assert figure.canonical_url == "https://vietnamplus.vn/ct-2.htm"
    assert {f.status_cue for f in store.figures(FigureFilter(status="awarded"))} == {""}


def test_figure_sums_leave_stated_totals_out_and_keep_kinds_apart(store):
    by_unit = {(s.key, s.kind): s.total for s in
               store.figure_sums(FigureFilter(status="awarded"), "unit")}
    assert by_unit == {(CANTHO, "tập thể"): 32, (CANTHO, "cá nhân"): 45,
                       (NGHEAN, "tập thể"): 102, (NGHEAN, "cá nhân"): 50}
    by_level = {(s.key, s.kind): (s.total, s.figures) for s in
                store.figure_sums(FigureFilter(), "level")}
    assert by_level == {("tỉnh", "tập thể"): (132, 2), ("tỉnh", "cá nhân"): (95, 2),
                        ("Chính phủ", "tập thể"): (5, 1), ("Nhà nước", "tập thể"): (2, 1)}


def test_articles_with_their_analyses_in_one_pass(any_store):
    assert any_store.add_analyzed(CORPUS) == len(CORPUS)
    assert any_store.add_analyzed(CORPUS) == 0
    assert any_store.count() == len(CORPUS) and any_store.pending_count() == 0
    assert sorted(f.count for f in any_store.figures()) == [2, 5, 32, 45, 50, 100, 150]
    assert search(any_store, 'unit:"UBND TP Cần Thơ"') == {"ct-1", "ct-2"}


# ---- forgiving queries -------------------------------------------------------------------


@pytest.mark.parametrize("typed", [
    "UBND TP Cần Thơ", "ubnd tp cần thơ", "UBND TP. Can Tho", "uy ban nhan dan thanh pho can tho",
    "Ủy ban nhân dân Cần Thơ", "ỦY BAN NHÂN DÂN TP CẦN THƠ"])
def test_units_match_in_any_case_with_or_without_diacritics_or_abbreviations(store, typed):
    assert search(store, f'unit:"{typed}"') == {"ct-1", "ct-2"}


@pytest.mark.parametrize("typed", ["ubnd tỉnh nghệ an", "UBND tinh Nghe An", "UBND Nghệ An"])
def test_units_in_figure_queries_too(store, typed):
    flt = FigureFilter(query=parse(f'unit:"{typed}"'), status="đã trao", level="cấp tỉnh")
    assert sorted(f.count for f in store.figures(flt)) == [50, 100, 150]
    assert {(s.key, s.kind): s.total for s in store.figure_sums(flt, "unit")} == {
        (NGHEAN, "tập thể"): 100, (NGHEAN, "cá nhân"): 50}


def test_like_wildcards_are_letters(store):
    assert search(store, "unit:_") == search(store, "unit:%") == set()
    assert search(store, 'campaign:"%"') == search(store, "person:_") == set()


def test_month_and_year_dates_mean_the_same_days_everywhere(store):
    assert search(store, "from:2026-11 to:2026-11") == {"ct-1", "ct-2", "bd-1", "na-2"}
    assert search(store, "to:2026-10") == {"na-1"}
    assert search(store, "from:2026 to:2026") == {"ct-1", "ct-2", "bd-1", "na-1", "na-2"}


@pytest.mark.parametrize("query", ["from:20260101", "to:2026-W01"])
def test_other_date_forms_are_refused_before_any_backend(query):
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        parse(query)


@pytest.mark.parametrize("typed", ["UBND TP Cần Thơ", "ubnd tp can tho",
                                   "Ủy ban nhân dân thành phố Cần Thơ"])
def test_a_local_body_typed_as_words_is_its_name_however_an_article_wrote_it(store, typed):
    assert search(store, typed) == {"ct-1", "ct-2"}
    assert search(store, typed + " thi đua") == {"ct-1"}


def _dong_thap(store):
    """An article about Đồng Tháp and one whose words only fold to it."""
    about = _article("dt-1", "2026-11-10T08:00:00", "baotintuc", "Khen thưởng ở Đồng Tháp",
                     "UBND tỉnh Đồng Tháp khen thưởng nông dân giỏi.")
    low = _article("dt-2", "2026-11-12T08:00:00", "baotintuc", "Đồng thấp, đồng thấp",
                   "Ruộng đồng thấp trũng: đồng thấp ngập nước, đồng thấp mất mùa.")
    prices = _article("dt-3", "2026-11-13T08:00:00", "baotintuc", "Giá lúa",
                      "Giá lúa 5 triệu đồng một tấn, vẫn thấp hơn năm trước.")
    store.add_analyzed([(about, Analysis(units=["Ủy ban nhân dân tỉnh Đồng Tháp"])),
                        (low, Analysis()), (prices, Analysis())])
    return about, low, prices


def test_known_names_typed_as_words_are_phrases_and_exact_spellings_rank_first(store):
    about, low, prices = _dong_thap(store)
    for typed in ("Đồng Tháp", "đồng tháp"):
        found = [h.id for h in store.search(parse(typed), limit=10).hits]
        assert found == [about.id, low.id]  # "đồng thấp" folds to it: found, ranked below
    assert [h.id for h in store.search(parse("đồng thấp"), limit=10).hits][0] == low.id
    assert {h.id for h in store.search(parse("dong thap"), limit=10).hits} == {about.id, low.id}
    assert store.search(parse("triệu đồng thấp")).total == 1  # not a name: words anywhere
    assert store.search(parse("triệu Đồng Tháp")).total == 0


def test_former_provinces_through_the_python_api(any_store):
    old = make_article(1, "Bình Dương", "Tin năm 2024.",
                       published_at=datetime(2024, 5, 1, tzinfo=VN))
    new = make_article(2, "TP.HCM", "Tin năm 2026.")
    any_store.add_analyzed([(old, Analysis(units=["Ủy ban nhân dân tỉnh Bình Dương"])),
                            (new, Analysis(units=["Ủy ban nhân dân thành phố Hồ Chí Minh"]))])
    both = any_store.search(parse('unit:"UBND TP Hồ Chí Minh"'))
    assert {h.id for h in both.hits} == {old.id, new.id}
    only_old = any_store.search(parse('unit:"ubnd tinh binh duong"'))
    assert {h.id for h in only_old.hits} == {old.id}


def test_a_query_with_no_result_suggests_one_that_has(store):
    near = store.suggest(parse('campaign:"Dân vận khéeo"'))
    assert [(s.query, s.total) for s in near] == [('campaign:"Dân vận khéo"', 2)]
    assert store.suggest(parse('"Trần Văn Lâm" source:vietnamplus'))[0].query == \
        '"Trần Văn Lâm"'
    assert [(s.query, s.total) for s in store.suggest(parse('campaign:"phong trào"'))] == [
        ('"phong trào"', 2)]
    assert [(s.query, s.total) for s in store.suggest(parse("huân or bóng"))] == [
        ("huân OR bóng", 2)]
    assert store.suggest(parse("xyzzy")) == []


# ---- reading and writing, call for call -------------------------------------------------


def test_round_trip_idempotence_and_pending(any_store):
    assert any_store.add_articles(ARTICLES) == 3
    got = any_store.get_article(ARTICLES[0].id)
    assert got == ARTICLES[0] and got.published_at.utcoffset() == timedelta(hours=7)
    assert [a.id for a in any_store.pending_analysis()] == [a.id for a in ARTICLES]
    assert [a.id for a in any_store.pending_analysis(limit=2)] == [a.id for a in ARTICLES[:2]]
    any_store.add_analyses([(ARTICLES[0].id, Analysis(units=[CANTHO])),
                            ("no-such-article", Analysis())])
    assert any_store.add_articles(ARTICLES) == 0
    assert any_store.count() == 3 and any_store.pending_count() == 2
    changed = make_article(1, ARTICLES[0].title, ARTICLES[0].body + " Bổ sung.")
    assert any_store.add_articles([changed]) == 0
    assert any_store.pending_count() == 3
    assert any_store.get_analysis(changed.id) is None
    assert [a.id for a in any_store.pending_analysis()][0] == changed.id  # keeps its place
    assert any_store.search(parse("bo sung")).total == 1
    assert any_store.search(parse('unit:"Cần Thơ"')).total == 0  # the old analysis is gone


def test_analysis_feeds_fields_figures_and_stats(any_store):
    any_store.add_articles(ARTICLES)
    text = ARTICLES[0].text
    start = text.index("19 tập thể")
    from newsmon.nlp.types import AwardFigure

    analysis = Analysis(
        entities=[Entity(text.index("UBND"), text.index("UBND") + 17, "UBND TP. Cần Thơ", "ORG",
                         CANTHO)],
        units=[CANTHO],
        awards=[AwardFigure(count=19, recipient_kind="tập thể", award="khen thưởng", level="",
                            status="awarded", start=start, end=start + 10,
                            sentence="UBND TP. Cần Thơ khen thưởng 19 tập thể.",
                            sentence_start=text.index("UBND"))],
    )
    any_store.add_analyses([(ARTICLES[0].id, analysis)])
    any_store.add_analyses([(ARTICLES[0].id, analysis)])  # idempotent
    assert any_store.search(parse("has:award")).total == 1
    assert any_store.search(parse("ủy ban nhân dân")).total == 1  # canonical names searchable
    assert [f.count for f in any_store.figures()] == [19]
    stats = any_store.stats()
    assert stats.top_units == [(CANTHO, 1)]
    assert stats.by_source == {"baotintuc": 2, "vietnamplus": 1}
    assert any_store.get_analysis(ARTICLES[0].id) == analysis
    assert any_store.names("unit") == [CANTHO]


def test_page_states_and_source_health(any_store):
    any_store.save_page_states([("https://a.vn/rss", '"e1"', "Mon"), ("https://b.vn/", "", "")])
    any_store.save_page_states([("https://a.vn/rss", '"e2"', "Tue")])
    assert any_store.page_states() == {"https://a.vn/rss": ('"e2"', "Tue"),
                                       "https://b.vn/": ("", "")}
    t0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    runs = [CrawlRun("a", t0, t0 + timedelta(minutes=1), pages=5, article_pages=3, articles=3,
                     new=1, skipped={"video": 1}, failures=[("https://a.vn/x", "timeout")]),
            CrawlRun("a", t0 + timedelta(hours=1), t0 + timedelta(hours=1, minutes=1), pages=4,
                     article_pages=4, articles=0),
            CrawlRun("b", t0, t0 + timedelta(minutes=2))]
    for run in runs:
        any_store.record_run(run)
    health = {h.source: h for h in any_store.source_health()}
    assert list(health) == ["a", "b"]
    assert health["a"].last_run == runs[1] and health["a"].recent == [runs[1], runs[0]]
    assert health["a"].last_success == runs[0].finished_at
    assert health["b"].last_success is None and health["b"].last_run == runs[2]


def test_the_store_is_a_context_manager_and_reopens_read_only(any_store):
    any_store.add_articles(ARTICLES)
    with open_store(any_store.url, read_only=True) as reader:
        assert reader.count() == 3
        assert reader.search(parse("cần thơ")).total == 1


def test_pages_of_any_size_are_cut_from_one_order(store):
    _dong_thap(store)
    for typed in ("Đồng Tháp", "khen thưởng", "khen"):
        every = [h.id for h in store.search(parse(typed), limit=50).hits]
        for size in (1, 2, 3):
            paged = [h.id for start in range(0, len(every), size)
                     for h in store.search(parse(typed), limit=size, offset=start).hits]
            assert paged == every, (typed, size)


# ---- stories -----------------------------------------------------------------------------


def _figures_of(article, counts: list[tuple[int, str, bool]]) -> Analysis:
    """An analysis whose figures are (count, kind, is_total) found in the article's text."""
    from tests.index.corpus import _figure

    t = article.text
    return Analysis(units=[NGHEAN], awards=[
        _figure(t, t.split()[0], n, kind, "Bằng khen", "tỉnh", is_total=total)
        for n, kind, total in counts])


def test_reprints_join_the_story_of_their_original(any_store):
    (_, copies), (_, other) = families()[:2]
    original, mirror, trimmed, reordered = copies
    # the trimmed reprint arrives first: the original is still the TTXVN site's copy
    any_store.add_articles([trimmed, other[0]])
    any_store.add_articles([original, reordered])
    any_store.add_articles([mirror])
    stories = any_store.story_of([a.id for a in (*copies, other[0])])
    assert len({stories[a.id] for a in copies}) == 1
    assert stories[other[0].id] != stories[original.id]
    found = any_store.story(trimmed.id)
    assert [c.article_id for c in found][0] in (original.id, mirror.id)
    assert found[0].original and not any(c.original for c in found[1:])
    assert {c.source for c in found} == {"baotintuc", "vietnamplus", "nhandan", "dantri"}
    assert any_store.story("no-such-article") == []


def test_story_records_signed_by_an_earlier_version_are_signed_again_and_keep_their_story(
        any_store):
    """A store written before signatures were computed with numpy holds datasketch
    signatures (128 × uint64, no prefix): a writer opening it signs them again from
    the articles' text, keeps their stories, and places new reprints among them."""
    (_, copies), (_, other) = families()[:2]
    original, _, trimmed, _ = copies
    any_store.add_articles([original, other[0]])
    old = [replace(r, story_id="before-" + r.article_id, signature=bytes(1024))
           for r in any_store._story_records()]
    any_store._save_story_records(old)
    with open_store(any_store.url) as writer:
        writer.add_articles([trimmed])
        assert all(r.current for r in writer._story_records())
        stories = writer.story_of([original.id, other[0].id, trimmed.id])
    assert stories == {original.id: "before-" + original.id, other[0].id: "before-" + other[0].id,
                       trimmed.id: "before-" + original.id}


def test_sums_count_a_story_once_and_use_a_total_only_without_its_parts(any_store):
    (_, copies), (_, other) = families()[2:4]
    original, _, trimmed, _ = copies
    any_store.add_analyzed([
        (original, _figures_of(original, [(12, "tập thể", False), (30, "cá nhân", False),
                                          (42, "tập thể, cá nhân", True)])),
        (trimmed, _figures_of(trimmed, [(12, "tập thể", False), (30, "cá nhân", False)])),
        (other[0], _figures_of(other[0], [(7, "tập thể, cá nhân", True)])),
    ])
    sums = {(s.kind): (s.total, s.articles) for s in
            any_store.figure_sums(FigureFilter(), "status")}
    assert sums == {"tập thể": (12, 1), "cá nhân": (30, 1), "tập thể, cá nhân": (7, 1)}


def _mixed_figures() -> list:
    """Every labelled family's copies with figures that vary by copy: kinds, totals
    with and without their parts, levels and forms spelled differently, statuses,
    units (and none), so every rule of the honest sums has something to decide."""
    import random

    from tests.index.corpus import _figure

    rng = random.Random(3)
    units = [NGHEAN, CANTHO, "UBND tỉnh Nghệ An", ""]
    docs = []
    for _, copies in families():
        base = [(rng.randint(1, 60), rng.choice(["tập thể", "cá nhân", "hộ", "lượt"]),
                 rng.choice(["Bằng khen", "bằng khen", "Cờ thi đua"]),
                 rng.choice(["tỉnh", "Tỉnh", "Nhà nước", ""]),
                 rng.choice(["awarded", "awarded", "proposed"])) for _ in range(rng.randint(1, 3))]
        with_total = rng.random() < 0.5
        unit = rng.choice(units)
        for n, copy in enumerate(copies):
            t = copy.text
            figures = [_figure(t, t.split()[0], c + (n == 3), k, a, lv, status=st)
                       for c, k, a, lv, st in base]
            if with_total and n != 2:  # the trimmed copy lost its total
                figures.append(_figure(t, t.split()[0], sum(b[0] for b in base),
                                       "tập thể, cá nhân", base[0][2], base[0][3],
                                       status=base[0][4], is_total=True))
            if rng.random() < 0.2:
                figures = [f for f in figures if f.is_total] or figures
            docs.append((copy, Analysis(units=[unit] if unit else [], awards=figures)))
    return docs


@pytest.mark.parametrize("by", ["unit", "level", "award", "status", "source"])
def test_sums_in_the_store_match_the_reference_rules(any_store, by):
    from newsmon.index.backends.base import BaseStore
    from newsmon.index.prepare import prepare_figures

    any_store.add_analyzed(_mixed_figures())
    for flt in (FigureFilter(), FigureFilter(status="awarded"), FigureFilter(level="tỉnh"),
                FigureFilter(query=parse("source:dantri OR source:baotintuc"))):
        found = any_store.figure_sums(flt, by)
        reference = BaseStore._figure_sums(any_store, prepare_figures(flt), by)
        assert found == reference, (flt, by)
    assert any_store.figure_sums(FigureFilter(), by)  # the set has something to add


def test_search_collapses_reprints_onto_one_hit_per_story(any_store):
    (_, copies), (_, other) = families()[:2]
    any_store.add_articles([*copies, *other[:2]])
    everything = parse("")
    assert any_store.search(everything, limit=50).total == 6
    found = any_store.search_stories(everything, limit=50, order="date")
    assert found.total == 6 and found.stories == 2 and len(found.hits) == 2
    assert any_store.stats().stories == 2
    by_story = {h.id in {c.id for c in copies}: h for h in found.hits}
    assert by_story[True].reprints == 3 and len(by_story[True].outlets) == 3
    assert by_story[False].reprints == 1
    second = any_store.search_stories(everything, limit=1, offset=1, order="date")
    assert [h.id for h in second.hits] == [found.hits[1].id]


def test_facets_count_stories_when_asked(any_store):
    """A story reprinted by four outlets is four articles but one story in each
    facet value its copies share; an article without a story record is its own."""
    (_, copies), (_, other) = families()[:2]
    any_store.add_analyzed([*((c, Analysis(units=[NGHEAN])) for c in copies),
                            (other[0], Analysis(units=[NGHEAN, CANTHO])),
                            (other[1], Analysis(units=[CANTHO]))])
    everything = parse("")
    by_article = any_store.search(everything, facets=True).facets
    by_story = any_store.search(everything, facets=True, facets_by="story").facets
    assert by_article.units == [(NGHEAN, 5), (CANTHO, 2)]
    assert by_story.units == [(NGHEAN, 2), (CANTHO, 1)]
    assert sum(n for _, n in by_article.sources) == 6
    assert dict(by_story.sources) == {"baotintuc": 2, "vietnamplus": 2, "nhandan": 1,
                                      "dantri": 1}
    assert sum(n for _, n in by_article.histogram) == 6
    # a story counts once in each month one of its copies appeared in
    months = {(story, c.published_at.strftime("%Y-%m"))
              for story, group in (("a", copies), ("b", other[:2])) for c in group}
    assert sum(n for _, n in by_story.histogram) == len(months)
    stories = any_store.search_stories(everything, facets=True, facets_by="story")
    assert stories.facets == by_story and stories.stories == 2
    with pytest.raises(ValueError, match="facets_by"):
        any_store.search(everything, facets=True, facets_by="stories")


# ---- the award ledger: one ceremony told by three outlets, and a reprint --------------------

_EVENT = [
    ("ev-a", "baotintuc", "2026-11-05T08:00:00",
     "Sáng 4/11, UBND tỉnh Nghệ An tổ chức lễ tổng kết phong trào thi đua năm học 2025-2026. "
     "Tại buổi lễ, Chủ tịch UBND tỉnh tặng Bằng khen cho 40 tập thể và 65 cá nhân có thành tích "
     "xuất sắc. Ngành giáo dục tỉnh đặt mục tiêu giữ vững chất lượng mũi nhọn.",
     [(40, "40 tập thể"), (65, "65 cá nhân")]),
    ("ev-b", "nhandan", "2026-11-05T10:00:00",
     "Ngày 4/11, tỉnh Nghệ An khen thưởng các điển hình của ngành giáo dục. Có 40 tập thể cùng "
     "56 cá nhân nhận Bằng khen của Chủ tịch UBND tỉnh vì đóng góp cho phong trào dạy tốt, học "
     "tốt trong năm qua.",
     [(40, "40 tập thể"), (56, "56 cá nhân")]),
    ("ev-c", "dantri", "2026-11-06T07:00:00",
     "Giáo dục Nghệ An vừa có buổi lễ tôn vinh thầy cô giáo và học sinh tiêu biểu; 40 tập thể "
     "được nhận Bằng khen. Nhiều trường vùng cao lần đầu có tên trong danh sách khen thưởng.",
     [(40, "40 tập thể")]),
]


def _event_corpus() -> list:
    from tests.index.corpus import _figure

    docs = []
    for key, source, day, body, counts in _EVENT:
        a = _article(key, day, source, "Nghệ An khen thưởng ngành giáo dục", body)
        docs.append((a, Analysis(units=[NGHEAN], awards=[
            _figure(a.text, surface, n, surface.split(" ", 1)[1], "Bằng khen", "tỉnh")
            for n, surface in counts])))
    reprint = _article("ev-a-reprint", "2026-11-05T09:00:00", "vietnamplus",
                       "Nghệ An: 105 tập thể, cá nhân được tặng Bằng khen", _EVENT[0][3])
    docs.append((reprint, Analysis(units=[NGHEAN], awards=[
        _figure(reprint.text, s, n, s.split(" ", 1)[1], "Bằng khen", "tỉnh")
        for n, s in _EVENT[0][4]])))
    return docs


def test_ledger_shows_what_each_independent_source_said(any_store):
    any_store.add_analyzed(_event_corpus())
    rows = {r.recipient_kind: r for r in any_store.ledger()}
    assert set(rows) == {"tập thể", "cá nhân"}
    individuals, collectives = rows["cá nhân"], rows["tập thể"]
    assert individuals.verdict == "discrepancy"
    assert sorted((s.count, s.source) for s in individuals.sources) == [
        (56, "nhandan"), (65, "baotintuc")]
    assert collectives.verdict == "agree"
    # the reprint is the same source as its original, not a fourth witness
    assert sorted(s.source for s in collectives.sources) == ["baotintuc", "dantri", "nhandan"]
    cited = next(s for s in individuals.sources if s.source == "nhandan")
    assert "56 cá nhân" in cited.sentence and cited.url.endswith("ev-b.htm")
    assert cited.published_at.startswith("2026-11-05")


def test_ledger_rows_are_the_period_the_award_is_for_not_the_publication_year(any_store):
    """One province's 2022 awards and its 2021-2025 awards are different events even
    when reported the same day; a sentence with no period falls back to the year the
    article was published in, and the same period reported a year later is the same
    event."""
    from tests.index.corpus import _figure

    said = [
        ("p-a", "baotintuc", "2026-03-02T08:00:00",
         "Tỉnh Nghệ An tặng Bằng khen cho 26 tập thể có thành tích năm 2022."),
        ("p-b", "nhandan", "2026-03-02T09:00:00",
         "Nghệ An khen thưởng 30 tập thể có thành tích giai đoạn 2021-2025."),
        ("p-c", "dantri", "2027-01-10T09:00:00",
         "Trước đó, tỉnh Nghệ An đã tặng Bằng khen cho 28 tập thể vì thành tích năm 2022."),
        ("p-d", "laodong", "2026-05-02T09:00:00",
         "Tỉnh Nghệ An vừa tặng Bằng khen cho 9 tập thể."),
    ]
    docs = []
    for key, source, day, body in said:
        a = _article(key, day, source, "Nghệ An khen thưởng", body)
        surface = next(w for w in body.split(" tập thể")[0].split()[::-1] if w.isdigit())
        fig = _figure(a.text, surface + " tập thể", int(surface), "tập thể", "Bằng khen", "tỉnh")
        docs.append((a, Analysis(units=[NGHEAN], awards=[replace(
            fig, period=award_period(fig.sentence))])))
    any_store.add_analyzed(docs)
    assert {f.period for f in any_store.figures()} == {"2022", "2021-2025", ""}
    rows = {r.period: r for r in any_store.ledger()}
    assert set(rows) == {"2022", "2021-2025", "2026"}
    assert rows["2022"].verdict == "discrepancy"
    assert sorted((s.count, s.source) for s in rows["2022"].sources) == [
        (26, "baotintuc"), (28, "dantri")]
    assert [s.count for s in rows["2021-2025"].sources] == [30]
    assert [s.count for s in rows["2026"].sources] == [9]
    assert rows["2022"].to_dict()["period"] == "2022"
