from newsmon.index.snippets import CLOSE, OPEN, make_snippet, match_spans
from newsmon.nlp.normalize import fold


def test_match_spans_are_offsets_in_the_unmarked_text():
    marked = f"ab {OPEN}cd{CLOSE} e {OPEN}f{CLOSE}"
    assert match_spans(marked) == [(3, 5), (8, 9)]


def test_snippet_highlights_the_original_spelling():
    original = "Sáng nay, UBND TP. Cần Thơ tổ chức hội nghị. " * 3
    folded = fold(original)
    start = folded.index("can tho")
    marked = folded[:start] + OPEN + "can tho" + CLOSE + folded[start + 7:]
    snippet = make_snippet(original, marked, width=40)
    (s, e), = snippet.highlights
    assert snippet.text[s:e] == "Cần Thơ"


def test_snippet_without_matches_is_the_beginning_cut_at_a_word():
    snippet = make_snippet("một hai ba bốn năm sáu", None, width=9)
    assert snippet.text == "một hai ba…"
    assert snippet.highlights == ()
