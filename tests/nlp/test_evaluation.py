import pytest

from newsmon.nlp.evaluation import (
    AwardReport,
    EntityReport,
    GoldEntity,
    MarkupError,
    parse_marked,
    realtext_docs,
    score_awards,
    score_entities,
)


def test_markup_gives_plain_text_and_offsets():
    text, ents = parse_marked("Sáng 2/10, [UBND TP. Cần Thơ]{ORG|Ủy ban nhân dân thành phố "
                              "Cần Thơ} khen [ông Hùng]{PER}.")
    assert text == "Sáng 2/10, UBND TP. Cần Thơ khen ông Hùng."
    assert [text[e.start:e.end] for e in ents] == ["UBND TP. Cần Thơ", "ông Hùng"]
    assert ents[0].canonical == "Ủy ban nhân dân thành phố Cần Thơ"
    assert ents[1].canonical == "ông Hùng"


def test_broken_markup_is_an_error():
    with pytest.raises(MarkupError):
        parse_marked("[UBND]{ORG x")


def test_entity_scores_are_exact_span_per_type():
    gold = [GoldEntity(0, 4, "UBND", "ORG", "Ủy ban nhân dân"), GoldEntity(10, 14, "Hùng",
                                                                         "PER", "Hùng")]
    report = EntityReport()
    score_entities(report, gold, [(0, 4, "ORG", "Uỷ ban nhân dân"), (10, 13, "PER", "Hùn"),
                                  (20, 25, "LOC", "x")])
    assert (report.by_type["ORG"].tp, report.by_type["PER"].fn, report.by_type["PER"].fp) == (
        1, 1, 1)
    assert report.by_type["LOC"].fp == 1
    assert report.canonical.tp == 1  # tone-mark placement does not matter
    overall = report.overall()
    assert (overall.tp, overall.fp, overall.fn) == (1, 2, 1)
    assert overall.precision == pytest.approx(1 / 3) and overall.recall == pytest.approx(0.5)


def test_award_scores_match_count_and_kind_then_check_status():
    report = AwardReport()
    gold = [{"count": 19, "recipient_kind": "tập thể", "status": "awarded"},
            {"count": 5, "recipient_kind": "cá nhân", "status": "proposed"}]
    found = [{"count": 19, "recipient_kind": "tập thể", "status": "awarded"},
             {"count": 5, "recipient_kind": "cá nhân", "status": "awarded"},
             {"count": 265, "recipient_kind": "đại biểu", "status": "awarded"}]
    score_awards(report, gold, found)
    assert (report.figures.tp, report.figures.fp, report.figures.fn) == (2, 1, 0)
    assert report.status_accuracy == 0.5


def test_award_kinds_match_by_containment_and_forms_are_checked():
    report = AwardReport()
    gold = [{"count": 26, "recipient_kind": "tập thể, cá nhân", "award": "", "status": "awarded"},
            {"count": 3, "recipient_kind": "tập thể", "award": "Cờ thi đua của Chính phủ",
             "status": "proposed"}]
    found = [{"count": 26, "recipient_kind": "tập thể", "award": "", "status": "awarded"},
             {"count": 3, "recipient_kind": "tập thể", "award": "Bằng khen",
              "status": "proposed"}]
    score_awards(report, gold, found)
    assert (report.figures.tp, report.figures.fp, report.figures.fn) == (2, 0, 0)
    assert report.status_accuracy == 1.0
    assert report.form_accuracy == 0.5


def test_optional_figures_are_neither_required_nor_penalised():
    gold = [{"count": 2, "recipient_kind": "lần", "optional": True, "status": "awarded"},
            {"count": 1, "recipient_kind": "tập thể", "implicit": True, "status": "awarded"}]
    missed, found = AwardReport(), AwardReport()
    score_awards(missed, gold, [])
    score_awards(found, gold, [{"count": 2, "recipient_kind": "lần", "status": "awarded"}])
    for report in (missed, found):
        assert (report.figures.tp, report.figures.fp, report.figures.fn) == (0, 0, 0)


def test_real_text_lines_become_documents_with_batches():
    docs = realtext_docs(
        [{"source": "u", "set": "ann1", "text": "UBND tỉnh khen 3 tập thể."}],
        [{"source": "u", "entities": [{"start": 0, "end": 9, "text": "UBND tỉnh",
                                        "type": "ORG", "canonical": "Ủy ban nhân dân tỉnh"}]}],
        [{"source": "u", "figures": [{"count": 3, "unit": "tập thể", "status": "awarded"}]}])
    assert docs[0].batch == "ann1"
    assert docs[0].entities[0].canonical == "Ủy ban nhân dân tỉnh"
    assert docs[0].awards[0]["recipient_kind"] == "tập thể"
    with pytest.raises(MarkupError):
        realtext_docs([{"source": "a", "text": ""}], [{"source": "b", "entities": []}],
                      [{"source": "a", "figures": []}])
