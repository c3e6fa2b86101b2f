"""Places named by their phrase (nlp/place_phrases.py): a description after the level word,
a hometown before its province, a list under one plural level word, a country among
countries. Sentences are our own writing; each case names the class of language."""

import pytest

from newsmon.nlp import analyze
from tests.nlp.readings import places


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # level word + description + name: the name alone, the level word kept in canonical
        ("Tại huyện miền núi Kon Plông, người dân trồng sâm.", [("Kon Plông", "huyện Kon Plông")]),
        ("Huyện biên giới Mường Nhé có 11 xã.", [("Mường Nhé", "huyện Mường Nhé")]),
        # no name after the description: nothing
        ("Các xã vùng cao đã có đường nhựa.", []),
    ],
)
def test_described_places(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(e.text, e.canonical) for e in analyze(text).entities if e.type == "LOC"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hometown / residence + name + ", " + province: a place, even surname-led
        (
            "Đối tượng Trần Văn Nam (sinh năm 1970, quê Châu Thành, Kiên Giang) bị bắt.",
            ["Châu Thành", "Kiên Giang"],
        ),
        ("Anh trú tại Quỳ Châu, Nghệ An.", ["Quỳ Châu", "Nghệ An"]),
        ("Bà quê ở Đức Thọ, Hà Tĩnh, đã về hưu.", ["Đức Thọ", "Hà Tĩnh"]),
        # a full personal name there is a street named after a person, not read as a place
        ("Chị trú tại Nguyễn Văn Cừ, Hà Nội.", ["Hà Nội"]),
        # no province after the comma: no reading
        ("Anh trú tại Quỳ Châu, làm nghề mộc.", []),
    ],
)
def test_hometowns(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one plural level word for a whole list: each item is a place of that level
        (
            "Các huyện Bảo Lâm, Na Rì và Pác Nặm đã hoàn thành kế hoạch.",
            ["huyện Bảo Lâm", "huyện Na Rì", "huyện Pác Nặm"],
        ),
        # a description closed by "như" / "là" / ":" comes before the list
        (
            "Tại các xã vùng cao như Pà Cò, Hang Kia, đường đã được trải nhựa.",
            ["xã Pà Cò", "xã Hang Kia"],
        ),
        ("Hai phường được khen là Tân An và Đông Hòa.", ["phường Tân An", "phường Đông Hòa"]),
        # the list ends where a body's name starts
        ("Các xã Mỹ Lộc, Mỹ Thành, Sở Nội vụ đã thẩm định.", ["xã Mỹ Lộc", "xã Mỹ Thành"]),
        # a plural level word with no names after it: nothing
        ("Các xã đã hoàn thành, Ủy ban tỉnh biểu dương.", []),
    ],
)
def test_listed_places(text: str, expected: list[str]) -> None:
    found = [e.canonical for e in analyze(text).entities if e.type == "LOC"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country that is also a given name is a country among other countries
        ("Hàng được xuất sang Đức, Bỉ và Hoa Kỳ.", ["Đức", "Bỉ", "Hoa Kỳ"]),
        ("Đoàn công tác thăm Pháp và Đức trong tháng Năm.", ["Pháp", "Đức"]),
        # among people it stays a person's name
        ("Ông Đức, bà Hoa cùng dự lễ.", []),
    ],
)
def test_ambiguous_countries_in_lists(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a two-syllable plural level word is left out whole, never half of it
        ("Các thành phố Hà Nội, Đà Nẵng và Cần Thơ được chọn.", ["Hà Nội", "Đà Nẵng", "Cần Thơ"]),
        ("Đoàn làm việc với các thị xã Hồng Lĩnh, Kỳ Anh.", ["Hồng Lĩnh", "Kỳ Anh"]),
    ],
)
def test_plural_two_syllable_level_words(text: str, expected: list[str]) -> None:
    assert places(text) == expected
