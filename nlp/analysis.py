"""`analyze`: text in, `Analysis` out, read by the spaCy pipeline (`pipeline`)."""

from __future__ import annotations

import re

from .pipeline import pipeline
from .types import Analysis, Entity

#: Characters and words read of one text. A news article is under 20,000
#: characters and 5,000 words; beyond these bounds the text is not an article (a
#: dump, an attack) and reading it would only cost time and memory (a worker's
#: memory grows with the words). What is left unread is noted in
#: `Analysis.truncated_at`.
MAX_CHARS = 200_000
MAX_WORDS = 20_000

# No Vietnamese word runs this long without a space: such runs are URLs, base64,
# "a.b.c…" strings or emoji walls, on which the word and sentence splitters are
# quadratic. They are read as blanks of the same length, so offsets stay right.
_UNREADABLE_RUN = re.compile(r"\S{80,}")


def readable(text: str, max_chars: int = MAX_CHARS,
             max_words: int = MAX_WORDS) -> tuple[str, int | None]:
    """The part of `text` worth reading, with unreadable runs blanked, and where
    it was cut (at a line break shortly before the bound), if it was."""
    text = _UNREADABLE_RUN.sub(lambda m: " " * len(m.group()), text[:max_chars + 1])
    bound = min(len(text), max_chars)
    for n, word in enumerate(re.finditer(r"\S+", text), 1):
        if n > max_words:
            bound = min(bound, word.start())
            break
    if bound >= len(text):
        return text, None
    cut = text.rfind("\n", bound // 2, bound) + 1 or bound  # a paragraph's end, if near
    return text[:cut], cut


def analyze(text: str, max_chars: int = MAX_CHARS) -> Analysis:
    """Entities, units, campaigns and award figures of one article's text.

    Offsets are Python string offsets into `text` exactly as given."""
    if not text.strip():
        return Analysis()
    text, cut = readable(text, max_chars)
    doc = pipeline()(text)
    entities = [Entity(start=e.start_char, end=e.end_char, text=e.text, type=e.label_,  # type: ignore[arg-type]
                       canonical=e.kb_id_) for e in doc.ents]
    campaigns: list[Entity] = []
    seen: set[str] = set()
    for e in entities:
        if e.type == "CAMPAIGN" and e.canonical not in seen:
            seen.add(e.canonical)
            campaigns.append(e)
    return Analysis(entities=entities, units=list(doc._.units), campaigns=campaigns,
                    awards=list(doc._.awards), truncated_at=cut)
