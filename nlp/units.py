"""The units an article is about: canonical ORG and LOC names ranked by mentions.

A body named inside an award's giver ("Bằng khen của Chủ tịch UBND tỉnh Nghệ An") counts as
a mention of that body, and the place that qualifies a body ("UBND tỉnh Nghệ An") as a
mention of that place: an article about Nghệ An's committee is about Nghệ An. Bodies left
unresolved ("UBND tỉnh" with no clear province, "Sở Y tế" alone) and countries are not units.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from .entities import Reading
from .gazetteer import Province, lookup_key, provinces, provinces_by_key, successor
from .orgs import Org
from .places import Place

MAX_UNITS = 10


def rank_units(reading: Reading, limit: int = MAX_UNITS) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}

    def mention(name: str, pos: int) -> None:
        counts[name] += 1
        first.setdefault(name, pos)

    awards = sorted((c.start, c.end) for c in reading.of_type("AWARD"))
    award_starts = [s for s, _ in awards]
    orgs: list[Org] = [c.source for c in reading.of_type("ORG")]
    chosen = set(orgs)
    for org in reading.orgs:  # givers inside award mentions, each read at its longest
        i = bisect_right(award_starts, org.start)  # awards are disjoint: test the last one
        inside = bool(i) and org.end <= awards[i - 1][1]
        longest = org.end == reading.org_at(org.start).end  # type: ignore[union-attr]
        if inside and longest and org not in chosen:
            orgs.append(org)
            chosen.add(org)
    for org in orgs:
        if org.resolved:
            mention(org.canonical, org.start)
            if org.place:
                mention(org.place, org.start)
    for c in reading.of_type("LOC"):
        place: Place = c.source
        if place.level != "country":
            mention(place.canonical, place.start)
    ranked = sorted(counts, key=lambda name: (-counts[name], first[name]))
    return ranked[:limit]


def canonical_unit(name: str) -> str:
    """The canonical form of a unit name typed by a user ("UBND TP Cần Thơ" →
    "Ủy ban nhân dân thành phố Cần Thơ"), so a search by unit matches every
    spelling an article used. A name the reader does not know is returned with
    modern tone marks only."""
    from .analysis import analyze
    from .normalize import modern_tones

    stripped = name.strip()
    for entity in analyze(stripped).entities:
        if entity.type in ("ORG", "LOC") and entity.start == 0 and entity.end == len(stripped):
            return entity.canonical
    return modern_tones(stripped)


def _province(name: str) -> Province | None:
    """A province named with or without its prefix ("tỉnh Bình Dương", "Bình Dương")."""
    key = name.strip()
    for prefix in ("tỉnh ", "thành phố ", "Tỉnh ", "Thành phố ", "TP. ", "TP "):
        if key.startswith(prefix):
            key = key[len(prefix):]
            break
    return provinces_by_key().get(lookup_key(key))


def province_successor(name: str) -> str | None:
    """The canonical name of the unit that holds a province's territory since 1 July 2025
    ("tỉnh Bình Dương" -> "thành phố Hồ Chí Minh"; a unit that did not change -> itself),
    or None for a name that is not a province. Old names stay canonical in analyses (an
    article of 2024 is about "tỉnh Bình Dương"); a search for the new unit can include its
    predecessors (`province_predecessors`)."""
    p = _province(name)
    if p is None:
        return None
    new = successor(p.name)
    return new.canonical if new is not None else None


def province_predecessors(name: str) -> list[str]:
    """Canonical names of the pre-2025 provinces merged into a current one, itself included
    ("thành phố Hồ Chí Minh" -> it, "tỉnh Bình Dương", "tỉnh Bà Rịa - Vũng Tàu")."""
    p = _province(name)
    if p is None:
        return []
    new = successor(p.name) or p
    return [q.canonical for q in provinces() if successor(q.name) == new]
