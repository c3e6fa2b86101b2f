"""What the entity components share: candidates made from each finder's readings, the
province an article is about, the word-boundary check, and the `Reading` (the chosen
entities with every ORG reading) that award figures and units are read from.

Order matters once (see `pipeline`): bodies written with a bare level word ("UBND tỉnh",
"Tỉnh ủy") are named after the province the article is about, which is known only after a
first count of the provinces mentioned; award givers are read after that, so that "Bằng
khen của UBND tỉnh" names the same body as the rest of the article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .gazetteer import Province, lookup_key, provinces_by_key, read_list
from .orgs import Org
from .places import Place
from .spans import PRIORITY, Candidate
from .textview import TextView
from .tokens import Words

__all__ = ["PRIORITY", "Reading", "dominant_province", "fits_words", "org_candidate",
           "place_candidate"]


@dataclass(frozen=True)
class Reading:
    chosen: list[Candidate]  # the entities, in text order
    orgs: list[Org]  # every ORG candidate (resolved), nested ones included
    province: Province | None  # the province the article is about, if one dominates

    def org_at(self, pos: int) -> Org | None:
        """The longest body named from `pos`."""
        return self._longest_org_at.get(pos)

    @cached_property
    def _longest_org_at(self) -> dict[int, Org]:
        """Asked at every position of every sentence with a figure: an index,
        not a scan, keeps reading linear in the text."""
        longest: dict[int, Org] = {}
        for org in self.orgs:
            best = longest.get(org.start)
            if best is None or org.end > best.end:
                longest[org.start] = org
        return longest

    def of_type(self, kind: str) -> list[Candidate]:
        return [c for c in self.chosen if c.type == kind]


def org_candidate(o: Org) -> Candidate:
    rank = PRIORITY["ORG"] if o.resolved else PRIORITY["ORG_UNRESOLVED"]
    return Candidate(o.start, o.end, "ORG", o.canonical, rank, o)


def place_candidate(p: Place) -> Candidate:
    return Candidate(p.start, p.end, "LOC", p.canonical,
                     PRIORITY["LOC"] if p.prefixed else PRIORITY["LOC_BARE"], p)


def dominant_province(chosen: list[Candidate]) -> Province | None:
    """The province most mentioned, if it is the only one or has at least twice the
    mentions of the next."""
    counts: Counter[str] = Counter()
    by_name: dict[str, Province] = {}
    for c in chosen:
        province = c.source.province if isinstance(c.source, Org | Place) else None
        if province is not None and (not isinstance(c.source, Place)
                                     or c.source.level == "province"):
            counts[province.name] += 1
            by_name[province.name] = province
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    if rest and n < 2 * rest[0][1]:
        return None
    return by_name[top]


def _glued(text: str, start: int, end: int) -> bool:
    """Part of a code such as "1254/KH-UBND" or "QĐ-UBND": an abbreviation or number
    joined to it by "-" or "/"."""
    if start < 2 or text[start - 1] not in "-/":
        return False
    m = re.search(r"(\w+)$", text[max(0, start - 12):start - 1])
    return m is not None and (m.group(1).isupper() or m.group(1).isdigit())


#: An award form right before a body makes the body its giver, part of the award's name
#: ("Huy hiệu 70 năm tuổi Đảng", "Bằng khen Thủ tướng Chính phủ", "Cờ thi đua Chính phủ"),
#: even where the award finder did not read the whole form.
_AWARD_BEFORE = re.compile(
    r"(?<!\w)(?:bằng khen|giấy khen|cờ thi đua|huy hiệu(?:[ \t]+\d+[ \t]+năm[ \t]+tuổi)?)"
    r"(?:[ \t]+của)?(?:[ \t]+(?:thủ tướng|chủ tịch|bộ trưởng))?[ \t]+$")


def fits_words(view: TextView, ws: Words, c: Candidate) -> bool:
    """Whether a candidate agrees with the text's words: not glued into a code, and a
    one-syllable name not cut out of a longer word ("Hội" of "Hội đồng", "Bảo" of "Bảo
    tàng", read as persons after "Chủ tịch", "Giám đốc")."""
    if c.type == "ORG" and _glued(view.norm, c.start, c.end):
        return False
    if c.type == "ORG" and _AWARD_BEFORE.search(view.low, max(0, c.start - 50), c.start):
        return False
    if c.type == "ORG" and " " not in view.norm[c.start:c.end]:
        return c.end in ws.boundaries  # "Đảng" but not "Đảng viên", one word

    if c.type == "PER":
        written = view.norm[c.start:c.end]
        if " " not in written:
            return c.end in ws.boundaries
        return not _place_name(written)
    return True


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    return frozenset(lookup_key(c) for c in read_list("countries.txt"))


def _place_name(written: str) -> bool:
    """A person-looking name that is a place: a country ("Việt Nam" after "Nhà giáo"), or a
    province name and more ("Đồng Tháp Mười"). A name that is exactly a province's may be a
    person's ("Hồ Chí Minh", "ông Hòa Bình")."""
    syllables = written.split()
    if lookup_key(written) in _country_keys():
        return True
    return any(lookup_key(" ".join(syllables[:n])) in provinces_by_key()
               for n in range(2, len(syllables)))
