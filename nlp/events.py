"""Names of events (festivals, tournaments, fairs): spans whose places are not entities.

The annotation spec leaves places inside an event's name unannotated ("Lễ hội văn hóa, thể
thao và du lịch quốc gia - Ninh Bình 2018", "Giải vô địch Bóng đá nam U23 châu Á", "Ngày
hội ... các dân tộc vùng Tây Bắc"): the place is part of the title, not a place the text
talks about. A place after the name ("... tại Hà Giang", "... của tỉnh Sơn La") is one, so
the name is read only as far as Vietnamese titles go: from a capitalised event head over
words, lower-case list items after commas and a dash before the edition's place and year,
and it stops at a verb or preposition that starts the rest of the sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import read_list
from .matching import trie_pattern
from .textview import TextView

#: Longest name read after the head, in words.
MAX_WORDS = 16

_WORD = re.compile(r"[ \t]*(?:(,)[ \t]*|(-)[ \t]*)?([^\W_]+(?:\.[^\W_]+)*)")


@lru_cache(maxsize=1)
def _heads() -> re.Pattern[str]:
    return re.compile("(?:" + trie_pattern(read_list("event_heads.txt")) + ")")


@lru_cache(maxsize=1)
def stop_words() -> re.Pattern[str]:
    """Words that end a title: a verb or preposition that goes on with the sentence."""
    return re.compile("(?:" + trie_pattern(read_list("event_stops.txt")) + ")")


def event_names(view: TextView) -> list[tuple[int, int]]:
    """(start, end) of each event name, head included, in text order."""
    out = []
    for m in _heads().finditer(view.low):
        if not view.norm[m.start()].isupper():
            continue  # "tại lễ hội lần này": a common noun, no title follows
        end = pos = m.end()
        for _ in range(MAX_WORDS):
            w = _WORD.match(view.norm, pos)
            if w is None or stop_words().match(view.low, w.start(3)):
                break
            if w.group(1) and w.group(3)[:1].isupper():
                break  # ", Phú Thọ": a place after the name, not a list item inside it
            end = pos = w.end()
        if end > m.end():
            out.append((m.start(), end))
    return out


def inside_event(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the event names, after its head."""
    return any(s < start and end <= e for s, e in spans)
