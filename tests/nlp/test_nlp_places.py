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
