"""What the reader reads of a text too long or too strange to be an article."""

from __future__ import annotations

from newsmon.nlp import analyze
from newsmon.nlp.analysis import readable
from newsmon.nlp.sentences import MAX_SENTENCE, sentences


def test_unreadable_runs_are_blanked_in_place():
    text = ("Sở Y tế tỉnh Nghệ An xem https://x.vn/" + "a" * 100
            + " rồi trao Bằng khen cho 3 tập thể.")
    shown, cut = readable(text)
    assert cut is None and len(shown) == len(text)
    assert "a" * 80 not in shown and shown.startswith("Sở Y tế tỉnh Nghệ An xem ")
    found = analyze(text)
    assert [e.text for e in found.entities if e.type == "ORG"] == ["Sở Y tế tỉnh Nghệ An"]
    assert [(a.count, a.recipient_kind) for a in found.awards] == [(3, "tập thể")]


def test_long_texts_are_cut_at_a_paragraph_end_and_say_where():
    paragraph = "Ủy ban nhân dân tỉnh khen thưởng 3 tập thể và 2 cá nhân.\n"
    text = paragraph * 3000
    shown, cut = readable(text, max_words=1000)
    assert cut is not None and shown == text[:cut] and shown.endswith("\n")
    assert len(shown.split()) <= 1000
    assert analyze(text).truncated_at is not None
    assert analyze(paragraph).truncated_at is None


def test_sentences_are_bounded_and_cover_the_paragraph():
    text = "Tỉnh trao Bằng khen cho 5 tập thể, " * 200
    spans = sentences(text)
    assert all(e - s <= MAX_SENTENCE for s, e in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
