"""Snippets cut from the original text around the words a search matched.

The store hands over a folded copy of the text with \x01 / \x02 around each
matched word; since folding keeps lengths, the marker positions translate
straight into offsets of the original text.
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN, CLOSE = "\x01", "\x02"


@dataclass(frozen=True)
class Snippet:
    text: str
    highlights: tuple[tuple[int, int], ...]


def match_spans(marked: str) -> list[tuple[int, int]]:
    """Offsets (in the unmarked text) of the spans between OPEN and CLOSE markers."""
    spans: list[tuple[int, int]] = []
    shift = 0
    start = 0
    for i, ch in enumerate(marked):
        if ch == OPEN:
            start = i - shift
            shift += 1
        elif ch == CLOSE:
            spans.append((start, i - shift))
            shift += 1
    return spans


def make_snippet(original: str, marked: str | None, width: int = 240) -> Snippet:
    """A window of about `width` characters around the densest matches, cut at
    word boundaries; the first `width` characters when nothing matched."""
    spans = match_spans(marked) if marked else []
    if not spans:
        end = _cut_right(original, min(len(original), width))
        return Snippet(_ellipsis(original, 0, end), ())
    best = max(range(len(spans)),
               key=lambda i: sum(1 for s in spans[i:] if s[0] < spans[i][0] + width))
    start = _cut_left(original, max(0, spans[best][0] - width // 4))
    end = _cut_right(original, min(len(original), start + width))
    text = _ellipsis(original, start, end)
    lead = 1 if start > 0 else 0
    inside = tuple((s - start + lead, e - start + lead) for s, e in spans
                   if s >= start and e <= end)
    return Snippet(text, inside)


def _cut_left(text: str, pos: int) -> int:
    while 0 < pos < len(text) and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _cut_right(text: str, pos: int) -> int:
    while 0 < pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def _ellipsis(text: str, start: int, end: int) -> str:
    piece = text[start:end].replace("\n", " ")
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
