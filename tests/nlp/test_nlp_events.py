"""Event names (nlp/events.py): where a festival's or tournament's title ends, and no place
or person read inside it. Sentences are our own writing."""

import pytest

from newsmon.nlp import analyze
from newsmon.nlp.events import event_names
from newsmon.nlp.textview import TextView


def names(text: str) -> list[str]:
    return [text[s:e] for s, e in event_names(TextView.of(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lower-case items after commas and the edition's place after a dash stay inside
        (
            "Tỉnh khai mạc Liên hoan ẩm thực, nghề truyền thống và du lịch - Ninh Bình 2025 "
            "với nhiều gian hàng.",
            ["Liên hoan ẩm thực, nghề truyền thống và du lịch - Ninh Bình 2025"],
        ),
        # a verb or a preposition ends the title
        (
            "Lễ hội Hoa ban lần thứ X tại Điện Biên thu hút nhiều du khách.",
            ["Lễ hội Hoa ban lần thứ X"],
        ),
        (
            "Giải vô địch Bóng chuyền nữ châu Á sẽ khởi tranh vào tháng Tám.",
            ["Giải vô địch Bóng chuyền nữ châu Á"],
        ),
        # a capitalised place after a comma is where the event is, not its title
        (
            "Hội diễn văn nghệ quần chúng, Lạng Sơn năm nay có 30 đội.",
            ["Hội diễn văn nghệ quần chúng"],
        ),
        # no title: the head alone, or the head in lower case
        ("Ngày hội nhằm quảng bá văn hóa các dân tộc vùng Tây Nguyên.", []),
        ("Tại lễ hội lần này, Hà Giang đón nhiều khách.", []),
    ],
)
def test_event_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Tỉnh khai mạc Liên hoan ẩm thực, nghề truyền thống và du lịch - Ninh Bình 2025 "
            "với nhiều gian hàng.",
            [],
        ),
        (
            "Đội tuyển vào chung kết Giải vô địch Bóng chuyền nữ châu Á tổ chức tại Thái Lan.",
            ["Thái Lan"],
        ),
        ("Lễ hội Hoa ban lần thứ X tại Điện Biên thu hút nhiều du khách.", ["Điện Biên"]),
        ("Ngày hội nhằm quảng bá văn hóa các dân tộc vùng Tây Nguyên.", ["vùng Tây Nguyên"]),
    ],
)
def test_no_place_or_person_inside_an_event_name(text: str, places: list[str]) -> None:
    entities = analyze(text).entities
    assert [e.text for e in entities if e.type == "LOC"] == places
    assert [e.text for e in entities if e.type == "PER"] == []
