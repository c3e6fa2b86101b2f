"""Reading the entities of a text: candidates from each finder, the article's province,
and one non-overlapping choice among them.

Order matters once: bodies written with a bare level word ("UBND tỉnh", "Tỉnh ủy") are
named after the province the article is about, which is known only after a first count of
the provinces mentioned; award givers are read after that, so that "Bằng khen của UBND
tỉnh" names the same body as the rest of the article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .award_forms import find_award_mentions
from .campaigns import find_campaigns
from .gazetteer import Province
from .orgs import Org, find_orgs, resolve
from .persons import find_persons
from .places import Place, find_places
from .spans import PRIORITY, Candidate, select
from .textview import TextView


@dataclass(frozen=True)
class Reading:
    chosen: list[Candidate]  # the entities, in text order
    orgs: list[Org]  # every ORG candidate (resolved), nested ones included
    province: Province | None  # the province the article is about, if one dominates

    def org_at(self, pos: int) -> Org | None:
        """The longest body named from `pos`."""
        best = None
        for org in self.orgs:
            if org.start == pos and (best is None or org.end > best.end):
                best = org
        return best

    def of_type(self, kind: str) -> list[Candidate]:
        return [c for c in self.chosen if c.type == kind]


def _org(o: Org) -> Candidate:
    rank = PRIORITY["ORG"] if o.resolved else PRIORITY["ORG_UNRESOLVED"]
    return Candidate(o.start, o.end, "ORG", o.canonical, rank, o)


def _loc(p: Place) -> Candidate:
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


def read(view: TextView) -> Reading:
    places = find_places(view)
    orgs = find_orgs(view)
    province = dominant_province(select([*map(_org, orgs), *map(_loc, places)]))
    orgs = [resolve(o, province) for o in orgs]
    longest: dict[int, Org] = {}
    for o in orgs:
        if o.start not in longest or o.end > longest[o.start].end:
            longest[o.start] = o
    awards = find_award_mentions(view, longest.get)
    candidates = [*map(_org, orgs), *map(_loc, places)]
    candidates += [Candidate(a.start, a.end, "AWARD", a.canonical, PRIORITY["AWARD"], a)
                   for a in awards]
    candidates += [Candidate(c.start, c.end, "CAMPAIGN", c.canonical, PRIORITY["CAMPAIGN"], c)
                   for c in find_campaigns(view)]
    for p in find_persons(view):
        rank = PRIORITY["PER_TITLE" if p.how == "title" else
                        "PER_BYLINE" if p.how == "byline" else "PER"]
        candidates.append(Candidate(p.start, p.end, "PER", p.canonical, rank, p))
    return Reading(select(candidates), orgs, province)

