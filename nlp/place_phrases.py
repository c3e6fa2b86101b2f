"""Places named by the phrase around them rather than by a level word right before them.

"huyện miền núi Kon Plông" (a level word and a description), "quê Châu Thành, Kiên Giang"
(a hometown before its province), "các huyện Mai Châu, Lạc Sơn" (one plural level word for a
list) and "sang Đức, Bỉ và Italy" (a country that is also a given name, among countries).
Each reading is one pattern of how Vietnamese press writes places; `places` finds the
places that a level word or the gazetteer names by themselves.
"""

from __future__ import annotations

import re

from .events import event_names, inside_event
from .matching import skip_space
from .names import clean, is_name_syllable, name_run, syllable_after
from .places import (
    Place,
    Prefix,
    name_after,
    person_like,
    prefix_matcher,
    province_at,
)
from .textview import TextView


def phrase_places(view: TextView, found: list[Place]) -> list[Place]:
    """Places read from their phrase; `found` are the places already read (for lists of
    countries). Places inside an event's name are left out, as `find_places` does."""
    out = described_places(view) + hometowns(view) + listed_places(view)
    out += listed_countries(view, found)
    events = event_names(view)
    return [p for p in out if not inside_event(events, p.start, p.end)]


#: "huyện miền núi Kon Plông", "xã đảo Thạnh An": a level word, a description, then the name.
_DESCRIPTION = re.compile(
    r"[ \t]+(?:miền núi|vùng cao|vùng sâu|vùng xa|biên giới|ven biển|ven sông|đảo|trung du|"
    r"nghèo|ngoại thành)[ \t]+"
)


def described_places(view: TextView) -> list[Place]:
    """Names after a level word and a description ("huyện miền núi Kon Plông"). The
    annotation takes the name alone, since the level word no longer touches it."""
    out = []
    for hit in prefix_matcher().finditer(view):
        m = _DESCRIPTION.match(view.low, hit.end)
        if m is None or hit.form[1:2].isupper():  # "TP", "TX": abbreviations never do this
            continue
        prefix: Prefix = hit.value
        if prefix.level == "province":
            continue  # provinces are in the gazetteer and found alone
        after = name_after(view, m.end(), prefix.level)
        if after is not None and not after[1].isdigit():
            end, name = after
            out.append(
                Place(m.end(), end, f"{prefix.canonical} {name}", prefix.level, prefixed=False)
            )
    return out


#: "các huyện Mai Châu, Lạc Sơn", "các huyện miền núi như Nam Trà My, Tây Giang": a plural
#: level word, an optional description closed by "như"/"là"/"gồm"/":", then the names.
_PLURAL_LEVEL = re.compile(r"(?<!\w)(?:các|những|hai|ba|bốn|năm|sáu|\d{1,2})[ \t]+$")
_LIST_OPENER = re.compile(r"[^.;:!?\n]{0,50}?[ \t](?:như|là|gồm|gồm có)[ \t]+|[ \t]*:[ \t]*")
_LIST_SEP = re.compile(r",[ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+")


def listed_places(view: TextView) -> list[Place]:
    """Each name in a list under one plural level word ("các huyện Mai Châu, Lạc Sơn"): the
    level word is written once for the whole list, so every item is a place of that level."""
    out = []
    for hit in prefix_matcher().finditer(view):
        prefix: Prefix = hit.value
        if prefix.level == "province" or not _PLURAL_LEVEL.search(
            view.low, max(0, hit.start - 10), hit.start
        ):
            continue
        pos = skip_space(view.norm, hit.end)
        if not is_name_syllable(syllable_after(view, hit.end)):
            opener = _LIST_OPENER.match(view.low, hit.end)
            if opener is None:
                continue
            pos = opener.end()
        while True:
            after = name_after(view, pos, prefix.level)
            if after is None or after[1].isdigit():
                break
            end, name = after
            out.append(Place(pos, end, f"{prefix.canonical} {name}", prefix.level, prefixed=False))
            sep = _LIST_SEP.match(view.norm, end)
            if sep is None:
                break
            pos = sep.end()
    return out


#: Where a person comes from or lives, before a place and its province: "quê Châu Thành,
#: Kiên Giang", "trú tại Quỳ Châu, Nghệ An".
_HOMETOWN = re.compile(
    r"(?<!\w)(?:quê (?:ở|tại)|quê|(?:thường |tạm )?trú (?:tại|ở)|trú|ngụ (?:tại|ở)|ngụ)[ \t]+"
)


def hometowns(view: TextView) -> list[Place]:
    """A name of two or three syllables between a hometown or residence word and ", " plus a
    province: the place the person comes from, even when its first syllable is a surname
    ("Châu Thành"): the province after the comma qualifies a place, never a person."""
    out = []
    for m in _HOMETOWN.finditer(view.low):
        run = name_run(view, m.end(), max_len=3)
        if not 2 <= len(run) <= 3 or province_at(view, m.end()) is not None:
            continue
        end = run[-1][1]
        if len(run) == 3 and person_like(clean(view.norm[m.end() : end])):
            continue  # "trú tại Nguyễn Văn Cừ, Hà Nội": a street named after a person
        comma = re.compile(r",[ \t]*").match(view.norm, end)
        if comma is None or province_at(view, comma.end(), alone=True) is None:
            continue
        out.append(Place(m.end(), end, clean(view.norm[m.end() : end]), "district", prefixed=False))
    return out


#: Countries whose names are also given names or words, left out of the lexicon.
_AMBIGUOUS_COUNTRIES = re.compile(r"(?<!\w)(?:Đức|Anh|Ý|Áo)(?!\w)")


def listed_countries(view: TextView, found: list[Place]) -> list[Place]:
    """ "Đức", "Anh", "Ý", "Áo" as countries when they are items of a list of countries
    ("sang Đức, Bỉ và Italy", "Pháp, Anh"): a list holds things of one kind."""
    countries = [p for p in found if p.level == "country"]
    starts = {p.start for p in countries}
    ends = {p.end for p in countries}
    out = []
    for m in _AMBIGUOUS_COUNTRIES.finditer(view.norm):
        sep = _LIST_SEP.match(view.norm, m.end())
        before = any(
            _LIST_SEP.fullmatch(view.norm, e, m.start())
            for e in ends
            if m.start() - 6 <= e < m.start()
        )
        if before or (sep is not None and sep.end() in starts):
            out.append(Place(m.start(), m.end(), m.group(), "country", prefixed=False))
    return out
