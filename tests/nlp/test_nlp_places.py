"""Places (nlp/places.py) on classes of press language: where a place stands alone.

Sentences are our own writing; each case names the class of language it stands for."""

import pytest

from newsmon.nlp import analyze
from tests.nlp.readings import places


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
        # a romanised name with a hyphenated given name is a person too
        (
            "Thủ tướng tiếp Bộ trưởng Ngoại giao Hàn Quốc Park Jin-woo tại Hà Nội.",
            ["Hàn Quốc", "Hà Nội"],
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cà phê của tỉnh được xuất sang Bỉ, Hà Lan và Italy.", ["Bỉ", "Hà Lan", "Italy"]),
        (
            "Đoàn doanh nghiệp từ Osaka và khu tự trị Quảng Tây làm việc với tỉnh.",
            ["Osaka", "Quảng Tây"],
        ),
        # words and given names that spell a country are left out of the lexicon
        ("Ý kiến của cử tri được tổng hợp gửi Quốc hội.", []),
    ],
)
def test_foreign_places(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đội cứu hộ tìm thấy em ở bãi biển Mỹ Khê sau 20 phút.", ["bãi biển Mỹ Khê"]),
        ("Người dân quanh lòng hồ thủy điện Bản Vẽ được di dời.", ["thủy điện Bản Vẽ"]),
        # inside a company's name the feature is part of the organisation
        ("Công ty cổ phần Thủy điện Sông Ba Hạ được khen.", []),
    ],
)
def test_named_features(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "khánh thành cầu ...": "thành" ends a verb here, it makes no "thành phố"
        ("Tỉnh khánh thành cầu Vàm Cống 3 vào sáng nay.", ["cầu Vàm Cống 3"]),
        ("Ông trở về khu phố Bình Minh sau giờ làm.", []),
        # a street named for a date
        ("Cấm xe trên đường 30 Tháng 4 từ 19 giờ.", ["đường 30 Tháng 4"]),
        ("Quốc lộ 14 Tháng 3 vừa được thảm nhựa.", ["Quốc lộ 14"]),
    ],
)
def test_features_after_verbs_and_date_streets(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after a level word, "Hội" / "Trường" begin a place's name, not a body's
        ("Du khách đổ về thành phố Hội An dịp cuối tuần.", ["thành phố Hội An"]),
        (
            "Mô hình có ở phường Bến Thủy, phường Trường Thi.",
            ["phường Bến Thủy", "phường Trường Thi"],
        ),
        # a preposition that opens the sentence is no part of the place
        ("Tại Gia Lai, mưa lớn kéo dài ba ngày.", ["Gia Lai"]),
        ("Ở Nhật Bản, nhiều ngành thiếu lao động.", ["Nhật Bản"]),
    ],
)
def test_place_names_after_level_words_and_openers(text: str, expected: list[str]) -> None:
    assert places(text) == expected


def test_a_body_after_a_level_word_is_still_a_body() -> None:
    # "Hội Nông dân" is a body's name as a whole, so "xã Hội Nông" is no place
    found = [(e.text, e.type) for e in analyze("Đại diện UBND xã Hội Nông dân xã dự họp.").entities]
    assert found == [("UBND xã", "ORG"), ("Hội Nông dân xã", "ORG")]
