"""Venues used as places (nlp/venues.py). Sentences are our own writing."""

import pytest

from newsmon.nlp import analyze


def entities(text: str) -> list[tuple[str, str]]:
    out = []
    for e in analyze(text).entities:
        assert text[e.start : e.end] == e.text
        out.append((e.text, e.type))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # title-cased venue name: one lower-case syllable after each capitalised one
        (
            "Lễ kỷ niệm diễn ra tại Trung tâm Hội nghị Quốc gia sáng nay.",
            [("Trung tâm Hội nghị Quốc gia", "LOC")],
        ),
        (
            "Buổi gặp mặt ở Cung Văn hóa Lao động Hữu nghị Việt - Xô kéo dài hai giờ.",
            [("Cung Văn hóa Lao động Hữu nghị Việt - Xô", "LOC")],
        ),
        # a place qualifier ends the venue: prefixed place, bare level word, country
        (
            "Hội thảo tổ chức tại Nhà thi đấu tỉnh Hà Tĩnh vào sáng 5/3.",
            [("Nhà thi đấu tỉnh Hà Tĩnh", "LOC")],
        ),
        ("Lễ trao huy hiệu tổ chức tại Nhà văn hóa huyện.", [("Nhà văn hóa huyện", "LOC")]),
        (
            "Hội chợ diễn ra tại Trung tâm Hội chợ Triển lãm Việt Nam.",
            [("Trung tâm Hội chợ Triển lãm Việt Nam", "LOC")],
        ),
        # a name that only begins like a country is the venue's own name
        (
            "Trận đấu diễn ra tại Sân vận động Mỹ Đình tối qua.",
            [("Sân vận động Mỹ Đình", "LOC")],
        ),
    ],
)
def test_venue_after_a_locative_preposition(text: str, expected: list[tuple[str, str]]) -> None:
    assert entities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # after "của" the same words name the body that runs the venue
        ("Nghệ sĩ của Nhà hát Tuổi Trẻ biểu diễn.", [("Nhà hát Tuổi Trẻ", "ORG")]),
        # in lower case the head is a common noun: the village is the place
        ("Cuộc họp diễn ra tại nhà văn hóa thôn Đông.", [("thôn Đông", "LOC")]),
        # a head alone refers back to a venue already named
        ("Mọi người tập trung tại Trung tâm hội nghị lúc 7 giờ.", []),
    ],
)
def test_no_venue(text: str, expected: list[tuple[str, str]]) -> None:
    assert entities(text) == expected
