"""Typed unit and place names looked up in the lexicons (no reader run), and the
provinces of the 2025 merger."""

import pytest

from newsmon.nlp.lookup import (
    canonical_unit,
    former_unit_keys,
    known_name,
    known_unit,
    province_predecessors,
    province_successor,
    unit_key,
)


@pytest.mark.parametrize(("typed", "canonical"), [
    ("ubnd tp can tho", "Ủy ban nhân dân thành phố Cần Thơ"),
    ("UBND TP. Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"),
    ("Uỷ ban nhân dân thành phố Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"),
    ("UBND Quảng Ninh", "Ủy ban nhân dân tỉnh Quảng Ninh"),
    ("HĐND tỉnh Nghệ An", "Hội đồng nhân dân tỉnh Nghệ An"),
    ("Sở GD&ĐT tỉnh Nghệ An", "Sở Giáo dục và Đào tạo tỉnh Nghệ An"),
    ("nghe an", "tỉnh Nghệ An"),
    ("Đoàn TNCS Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("xã Hoà Bình", "xã Hòa Bình"),
    ("thành phố Hòa Bình", "thành phố Hòa Bình"),
    ("TP Cần Thơ", "thành phố Cần Thơ"),
])
def test_typed_names_are_spelled_as_analyses_spell_them(typed, canonical):
    assert canonical_unit(typed) == canonical


def test_unit_keys_ignore_case_diacritics_and_punctuation():
    assert unit_key("UBND tinh Quang Ninh") == unit_key("ủy ban nhân dân TỈNH QUẢNG NINH") == \
        "uy ban nhan dan tinh quang ninh"


def test_old_and_new_provinces_are_linked():
    assert province_successor("tỉnh Bình Dương") == "thành phố Hồ Chí Minh"
    assert province_successor("Khánh Hoà") == "tỉnh Khánh Hòa"
    assert province_successor("Gotham") is None
    assert "tỉnh Bình Dương" in province_predecessors("thành phố Hồ Chí Minh")
    assert set(former_unit_keys("uy ban nhan dan thanh pho ho chi minh")) == {
        "uy ban nhan dan tinh binh duong", "uy ban nhan dan tinh ba ria - vung tau"}
    assert former_unit_keys("tinh binh duong") == former_unit_keys("tinh nghe an") == []


@pytest.mark.parametrize(("words", "known"), [
    (("Đồng", "Tháp"), True), (("dong", "thap"), True), (("tỉnh", "Đồng", "Tháp"), True),
    (("đồng", "thấp"), False), (("Quốc", "hội"), True), (("khen", "thưởng"), False),
    (("Cần",), False)])
def test_known_names_are_spelled_as_the_lexicon_or_without_diacritics(words, known):
    assert known_name(words) is known


@pytest.mark.parametrize(("words", "canonical"), [
    (("UBND", "TP", "Cần", "Thơ"), "Ủy ban nhân dân thành phố Cần Thơ"),
    (("ubnd", "tinh", "quang", "ninh"), "Ủy ban nhân dân tỉnh Quảng Ninh"),
    (("Sở", "GD&ĐT", "Nghệ", "An"), "Sở Giáo dục và Đào tạo tỉnh Nghệ An"),
    (("UBND", "xã", "Hòa", "Bình"), None), (("khen", "thưởng"), None), (("UBND",), None)])
def test_local_bodies_typed_as_words(words, canonical):
    assert known_unit(words) == canonical
