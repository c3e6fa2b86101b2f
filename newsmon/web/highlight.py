"""Text cut into segments, each with the marks that cover it, so a template
shows units, people, places, campaigns, award forms and figures highlighted
while every character stays escaped text (crawled HTML is never HTML here)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsmon.nlp.types import Analysis

#: CSS class per entity type
CLASSES = {
    "ORG": "m-unit",
    "LOC": "m-place",
    "PER": "m-person",
    "CAMPAIGN": "m-campaign",
    "AWARD": "m-award",
}


@dataclass(frozen=True)
class Segment:
    text: str
    classes: str = ""
    #: an anchor id on the first segment of an award figure ("fig-3")
    anchor: str = ""


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str
    anchor: str = ""


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """The text in pieces at every mark boundary; a piece carries the classes
    of all marks over it. Marks outside the text are dropped."""
    kept = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in kept), *(m.end for m in kept)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        over = [m for m in kept if m.start <= a and b <= m.end]
        anchor = next((m.anchor for m in over if m.anchor and m.start == a), "")
        out.append(Segment(text[a:b], " ".join(sorted({m.css for m in over})), anchor))
    return out


def paragraphs(text: str, marks: list[Mark]) -> list[list[Segment]]:
    """The text's paragraphs (split at blank lines, offsets kept), each as segments."""
    out = []
    start = 0
    while start <= len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            local = [
                Mark(
                    max(m.start, start) - start,
                    min(m.end, end) - start,
                    m.css,
                    m.anchor if m.start >= start else "",
                )
                for m in marks
                if m.start < end and m.end > start
            ]
            out.append(segments(text[start:end], local))
        start = end + 2
    return out


def article_marks(analysis: Analysis) -> list[Mark]:
    marks = [Mark(e.start, e.end, CLASSES[e.type]) for e in analysis.entities if e.type in CLASSES]
    marks += [
        Mark(a.start, a.end, "m-figure", f"fig-{n}") for n, a in enumerate(analysis.awards, start=1)
    ]
    return marks


def snippet_segments(text: str, spans: Iterable[tuple[int, int]]) -> list[Segment]:
    return segments(text, [Mark(s, e, "hl") for s, e in spans])
