"""Sentence spans are offsets into the text, one paragraph at a time."""

from newsmon.nlp.sentences import paragraphs, sentences


def test_spans_slice_the_text() -> None:
    text = (
        "Tiêu đề không có dấu chấm\nSáng 1/3, tại TP. Cần Thơ, hội nghị diễn ra.  "
        "Ông A phát biểu!"
    )
    spans = sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Tiêu đề không có dấu chấm",
        "Sáng 1/3, tại TP. Cần Thơ, hội nghị diễn ra.",
        "Ông A phát biểu!",
    ]


def test_no_split_after_abbreviation() -> None:
    text = "Đoàn đến TX. Cửa Lò và làm việc với GS. Nguyễn Văn Hùng. Sau đó về Hà Nội."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Đoàn đến TX. Cửa Lò và làm việc với GS. Nguyễn Văn Hùng.",
        "Sau đó về Hà Nội.",
    ]


def test_paragraphs_skip_blank_lines() -> None:
    text = "  Một.\n\n Hai. \n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["Một.", "Hai."]
