"""Paragraph and sentence spans, as offsets into the text.

Paragraphs are lines (articles are stored with one paragraph a line). Sentences come from
underthesea's `sent_tokenize` run on each paragraph, located back in the text, and joined
again where it split after an abbreviation it does not know ("TX. Cửa Lò", "Q. Ba Đình").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

Span = tuple[int, int]

#: Longer "sentences" are lists run together (or not prose at all); the readers of
#: a sentence look across all of it, so one this long is cut at clause ends to
#: keep reading time linear in the text.
MAX_SENTENCE = 1500

_ABBREV_END = re.compile(r"(?<!\w)(?:TP|Tp|TX|Q|P|H|GS|PGS|TS|ThS|BS|KS|CN|NSND|NSƯT|TT)\.$")


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], list[str]]:
    from underthesea import sent_tokenize  # imported lazily: it costs ~0.4 s once

    return sent_tokenize


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines, without their surrounding whitespace."""
    out: list[Span] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((m.start() + lead, m.start() + len(line.rstrip())))
    return out


def sentences(text: str) -> list[Span]:
    """Sentence spans in reading order; every sentence lies within one paragraph."""
    out: list[Span] = []
    for p_start, p_end in paragraphs(text):
        for start, end in _split_paragraph(text, p_start, p_end):
            out.extend(_bounded(text, start, end))
    return out


def _bounded(text: str, start: int, end: int, limit: int = MAX_SENTENCE) -> list[Span]:
    """A span, or its pieces of at most `limit` characters, each cut after the
    last clause mark ("; ", ", ", ": "), else the last space, before the bound."""
    pieces: list[Span] = []
    while end - start > limit:
        window = text[start:start + limit]
        mark = max(window.rfind(m) for m in ("; ", ", ", ": "))
        space = window.rfind(" ")
        cut = mark + 2 if mark > 0 else space + 1 if space > 0 else limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def _split_paragraph(text: str, p_start: int, p_end: int) -> list[Span]:
    para = text[p_start:p_end]
    if len(para) > 10 * MAX_SENTENCE:
        # underthesea's splitter slows on very long paragraphs: pre-cut them.
        return [span for s, e in _bounded(text, p_start, p_end, 10 * MAX_SENTENCE)
                for span in _split_paragraph(text, s, e)]
    spans: list[Span] = []
    cursor = 0
    for sent in _tokenizer()(para):
        found = para.find(sent, cursor)
        if found < 0:  # the tokenizer changed the text: keep the paragraph whole
            return [(p_start, p_end)]
        cursor = found + len(sent)
        if spans and _ABBREV_END.search(para, spans[-1][0], spans[-1][1]):
            spans[-1] = (spans[-1][0], cursor)
        else:
            spans.append((found, cursor))
    return [(p_start + s, p_start + e) for s, e in spans] or [(p_start, p_end)]
