"""Named venues used as places (LOC): "tại Trung tâm Hội nghị Quốc gia", "tại Nhà văn hóa
huyện", "ở Sân vận động Mỹ Đình".

The spec counts a named facility as a place when the text uses it as one. A locative
preposition ("tại", "ở") before a capitalised venue head is what says so: the same words
after "của" ("nghệ sĩ của Nhà hát Tuổi Trẻ") name the body that runs the venue, which is
an organisation. The span runs from the head over the venue's own name (capitalised
syllables) and at most one place qualifier: a prefixed place ("tỉnh Sơn La"), a bare level
word ("huyện") or a country or province written alone ("Việt Nam").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .events import stop_words
from .gazetteer import read_list
from .matching import skip_space, trie_pattern
from .names import clean, is_name_syllable, syllable_after
from .places import Place, bare_level_at, country_matcher, place_at, province_matcher
from .textview import TextView


@lru_cache(maxsize=1)
def _venue_after_preposition() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:tại|ở)[ \t]+(" + trie_pattern(read_list("venue_heads.txt")) + ")")


def _qualifier_end(view: TextView, pos: int) -> int | None:
    """End of one place qualifier starting at `pos`, if there is one."""
    place = place_at(view, pos)
    if place is not None:
        return place.end
    bare = bare_level_at(view, pos)
    if bare is not None:
        return bare[0]
    hit = province_matcher().match(view, pos) or country_matcher().match(view, pos)
    # a province or country alone, not the start of a longer name ("Mỹ Đình")
    if (
        hit is not None
        and view.norm[pos].isupper()
        and not is_name_syllable(syllable_after(view, hit.end))
    ):
        return hit.end
    return None


_SYLLABLE = re.compile(r"[^\W\d_]+")
_GAP = re.compile(r" (?=\w)|[ \t]*-[ \t]*(?=[^\W\d_])")


def _venue_end(view: TextView, pos: int) -> int:
    """End of a venue's own name and qualifier from `pos` (== `pos` when there is none).

    Titles capitalise the first syllable of each word ("Quốc gia", "Lao động Hữu nghị"), so
    one lower-case syllable may follow a single capitalised one; after a proper name, all of
    whose syllables are capitalised ("Mỹ Đình"), a lower-case syllable is the sentence
    going on. A place qualifier ends the name."""
    end, caps = pos, 0
    for _ in range(10):
        qual = _qualifier_end(view, pos)
        if qual is not None:
            return qual
        m = _SYLLABLE.match(view.norm, pos)
        if m is None:
            break
        if m.group()[:1].isupper():
            caps += 1
        elif caps == 1 and not stop_words().match(view.low, pos):
            caps = 0
        else:
            break
        end = m.end()
        gap = _GAP.match(view.norm, end)
        if gap is None:
            break
        pos = gap.end()
    return end


def find_venues(view: TextView) -> list[Place]:
    """Venues after a locative preposition, as LOC candidates."""
    out = []
    for m in _venue_after_preposition().finditer(view.low):
        start = m.start(1)
        if not view.norm[start].isupper():
            continue  # "tại nhà văn hóa thôn": a common noun, the place is the village
        q = skip_space(view.norm, m.end(1))
        end = _venue_end(view, q) if q > m.end(1) else q
        if end > q:  # a head alone ("tại Trung tâm hội nghị") refers back
            out.append(Place(start, end, clean(view.norm[start:end]), "feature"))
    return out
