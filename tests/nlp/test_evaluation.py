import pytest

from nlp.evaluation import (
    AwardReport,
    EntityReport,
    GoldEntity,
    MarkupError,
    parse_marked,
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
