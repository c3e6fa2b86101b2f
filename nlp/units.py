"""The units an article is about: canonical ORG and LOC names ranked by mentions.

A body named inside an award's giver ("Bằng khen của Chủ tịch UBND tỉnh Nghệ An") counts as
a mention of that body, and the place that qualifies a body ("UBND tỉnh Nghệ An") as a
mention of that place: an article about Nghệ An's committee is about Nghệ An. Bodies left
unresolved ("UBND tỉnh" with no clear province, "Sở Y tế" alone) are not units, and of the
places only localities are: a country is larger than any unit a communications office
answers for, and a feature (a river, a region, a bridge, a venue: "sông Hậu", "Tây
Nguyên", "Sân vận động Mỹ Đình") is where something happened, not a body or an
administration that coverage is about.
"""

from __future__ import annotations

from bisect import bisect_right
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
        if place.level not in ("country", "feature"):
            mention(place.canonical, place.start)
    ranked = sorted(counts, key=lambda name: (-counts[name], first[name]))
    return ranked[:limit]
