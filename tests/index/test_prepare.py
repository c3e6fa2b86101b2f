"""Preparing a parsed query: typed unit and place names resolved to keys, former
provinces added, known names made phrases, figure labels read. What the stores
answer with a prepared query is in the conformance suite."""

import pytest

from newsmon.index.prepare import level_key, prepare, prepare_figures, status_value
from newsmon.index.query import And, Field, Phrase, QueryError, Term, parse
from newsmon.index.store import FigureFilter


@pytest.mark.parametrize("typed", ["ubnd tỉnh quảng ninh", "UBND tinh Quang Ninh",
                                   "Ủy ban nhân dân tỉnh Quảng Ninh", "UBND Quảng Ninh",
                                   "uỷ ban nhân dân TỈNH QUẢNG NINH"])
def test_unit_names_resolve_to_one_key_whatever_the_spelling(typed):
    field = prepare(parse(f'unit:"{typed}"'))
    assert field.keys[0] == "uy ban nhan dan tinh quang ninh"


def test_department_and_council_abbreviations_are_written_out():
    assert prepare(parse('unit:"Sở GD&ĐT tỉnh Nghệ An"')).keys[0] == \
        "so giao duc va dao tao tinh nghe an"
    assert prepare(parse('unit:"HĐND TP. Hà Nội"')).keys[0] == \
        "hoi dong nhan dan thanh pho ha noi"


def test_a_current_province_also_names_the_provinces_merged_into_it():
    place = prepare(parse('place:"TP Hồ Chí Minh" khen')).items[0]
    assert set(place.keys) >= {"thanh pho ho chi minh", "tinh binh duong",
                               "tinh ba ria - vung tau"}
    unit = prepare(parse('unit:"UBND TP Cần Thơ"'))
    assert "uy ban nhan dan tinh soc trang" in unit.keys


def test_an_old_or_unchanged_province_has_no_former_names():
    assert prepare(parse('place:"Bình Dương"')).keys == ("tinh binh duong", "binh duong")
    assert "tinh" not in " ".join(prepare(parse('unit:"UBND tỉnh Nghệ An"')).keys).replace(
        "tinh nghe an", "")


def test_known_names_typed_as_words_become_phrases():
    assert prepare(parse("Đồng Tháp")) == Phrase("Đồng Tháp")
    assert prepare(parse("khen Quốc hội nay")) == And(
        (Term("khen"), Phrase("Quốc hội"), Term("nay")))
    assert prepare(parse("triệu đồng thấp")) == parse("triệu đồng thấp")


def test_preparing_twice_changes_nothing():
    once = prepare(parse('unit:"UBND TP Cần Thơ" Đồng Tháp'))
    assert prepare(once) == once
    assert isinstance(once.items[0], Field)


@pytest.mark.parametrize(("typed", "key"), [("cấp tỉnh", "tinh"), ("tỉnh", "tinh"),
                                            ("Nhà nước", "nha nuoc")])
def test_levels_as_shown_or_typed(typed, key):
    assert level_key(typed) == key


@pytest.mark.parametrize(("typed", "status"), [
    ("đề nghị", "proposed"), ("de nghi", "proposed"), ("proposed", "proposed"),
    ("đã trao", "awarded"), ("awarded", "awarded"), ("chỉ tiêu", "target"),
    ("Target", "target")])
def test_statuses_as_shown_or_in_english(typed, status):
    assert status_value(typed) == status
    assert prepare_figures(FigureFilter(status=typed)).status == status


def test_an_unknown_status_names_the_accepted_words():
    with pytest.raises(QueryError, match="awarded .*proposed .*target"):
        status_value("maybe")
