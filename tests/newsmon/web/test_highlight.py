"""Highlighting cuts text into segments; every character stays in order."""

from __future__ import annotations

from newsmon.nlp.types import Analysis, AwardFigure, Entity
from newsmon.web.highlight import Mark, article_marks, paragraphs, segments


def test_segments_keep_every_character_and_carry_overlapping_marks():
    text = "UBND tỉnh Nghệ An tặng Bằng khen cho 12 tập thể."
    figure, kind = text.index("12 tập thể"), text.index("tập thể")
    marks = [
        Mark(0, 17, "m-unit"),
        Mark(23, 32, "m-award"),
        Mark(figure, figure + 10, "m-figure", "fig-1"),
        Mark(kind, kind + 7, "m-place"),
    ]
    parts = segments(text, marks)
    assert "".join(p.text for p in parts) == text
    assert [p.classes for p in parts if p.text == "12 "] == ["m-figure"]
    assert [p.classes for p in parts if p.text == "tập thể"] == ["m-figure m-place"]
    assert [p.anchor for p in parts if p.anchor] == ["fig-1"]


def test_marks_outside_the_text_are_dropped():
    assert segments("abc", [Mark(2, 9, "x"), Mark(-1, 1, "y")]) == segments("abc", [])


def test_paragraphs_keep_offsets_across_blank_lines():
    text = "Tiêu đề\n\nĐoạn một có Cần Thơ.\n\nĐoạn hai."
    start = text.index("Cần Thơ")
    paras = paragraphs(text, [Mark(start, start + 7, "m-place")])
    assert ["".join(s.text for s in p) for p in paras] == [
        "Tiêu đề",
        "Đoạn một có Cần Thơ.",
        "Đoạn hai.",
    ]
    assert [s.text for s in paras[1] if s.classes] == ["Cần Thơ"]


def test_article_marks_cover_entities_and_figures():
    analysis = Analysis(
        entities=[Entity(0, 4, "UBND", "ORG", "UBND")],
        awards=[
            AwardFigure(
                count=12,
                recipient_kind="tập thể",
                award="",
                level="",
                status="awarded",
                start=5,
                end=15,
                sentence="",
                sentence_start=0,
            )
        ],
    )
    assert [(m.css, m.anchor) for m in article_marks(analysis)] == [
        ("m-unit", ""),
        ("m-figure", "fig-1"),
    ]
