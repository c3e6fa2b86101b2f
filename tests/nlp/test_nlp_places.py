"""Places (nlp/places.py) on classes of press language: where a place stands alone.

Sentences are our own writing; each case names the class of language it stands for."""

import pytest

from newsmon.nlp import analyze


def places(text: str) -> list[str]:
    """The LOC entities of a text as written, checking offsets."""
    out = []
    for e in analyze(text).entities:
        assert text[e.start : e.end] == e.text
        if e.type == "LOC":
            out.append(e.text)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title names its holder right after the country it is for
        (
            "Đại sứ Việt Nam tại Canada Phạm Vinh Quang tiếp đoàn công tác của tỉnh.",
            ["Việt Nam", "Canada"],
        ),
        (
            "Tổng Lãnh sự Việt Nam tại Nhật Bản Ngô Trịnh Hà dự buổi gặp mặt.",
            ["Việt Nam", "Nhật Bản"],
        ),
        # a capitalised run that is no person keeps the place inside a longer name
        ("Tàu hàng đi qua Thái Bình Dương trong ba tuần.", ["Thái Bình Dương"]),
        ("Đoàn xe về tới Lào Cai Nguyễn Văn Hòa đón.", ["Lào Cai"]),
    ],
)
def test_place_before_a_person(text: str, expected: list[str]) -> None:
    assert places(text) == expected


def test_a_person_named_like_a_country_is_no_place() -> None:
    assert places("Ông Lào Văn Minh và bà Đức Thị Hoa được khen.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a fixed day named for a group of people and its country: no place inside
        ("Bệnh viện kỷ niệm 70 năm Ngày Thầy thuốc Việt Nam vào sáng nay.", []),
        ("Trường tổ chức lễ mừng ngày Nhà giáo Việt Nam 20/11 tại hội trường.", []),
        # a date, or a day described in lower case, keeps its place
        ("Ngày 20/11, Việt Nam đón đoàn khách quốc tế.", ["Việt Nam"]),
        ("Nhân ngày hội ngộ, Việt Nam và Lào ký biên bản hợp tác.", ["Việt Nam", "Lào"]),
    ],
)
def test_places_inside_day_names(text: str, expected: list[str]) -> None:
    assert places(text) == expected
