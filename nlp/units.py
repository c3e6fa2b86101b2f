"""The units an article is about: canonical ORG and LOC names ranked by mentions.

A body named inside an award's giver ("Bằng khen của Chủ tịch UBND tỉnh Nghệ An") counts as
a mention of that body, and the place that qualifies a body ("UBND tỉnh Nghệ An") as a
mention of that place: an article about Nghệ An's committee is about Nghệ An. Bodies left
unresolved ("UBND tỉnh" with no clear province, "Sở Y tế" alone) and countries are not units.
"""

from __future__ import annotations

from collections import Counter

from .entities import Reading
from .orgs import Org
from .places import Place

MAX_UNITS = 10


def rank_units(reading: Reading, limit: int = MAX_UNITS) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}

    def mention(name: str, pos: int) -> None:
        counts[name] += 1
        first.setdefault(name, pos)

    awards = [(c.start, c.end) for c in reading.of_type("AWARD")]
    orgs: list[Org] = [c.source for c in reading.of_type("ORG")]
    for org in reading.orgs:  # givers inside award mentions, each read at its longest
        inside = any(s <= org.start and org.end <= e for s, e in awards)
        longest = not any(o.start == org.start and o.end > org.end for o in reading.orgs)
        if inside and longest and org not in orgs:
            orgs.append(org)
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
