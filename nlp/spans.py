"""Choosing among overlapping candidate spans, so that entities never overlap or nest.

Stronger readings win (an award form over the body inside its giver, a prefixed place over
a bare province name, a title-led name over a surname-led one); among equals, the longer
span, then the earlier one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: Higher wins.
PRIORITY = {
    "AWARD": 90, "CAMPAIGN": 80, "ORG": 70, "ORG_UNRESOLVED": 68, "LOC": 60, "LOC_BARE": 55,
    "PER_TITLE": 50, "PER_BYLINE": 50, "PER": 40,
}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str  # ORG | LOC | PER | AWARD | CAMPAIGN
    canonical: str
    rank: int
    source: Any = None  # the Org, Place, ... it came from


def select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Greedy choice of non-overlapping candidates, in text order."""
    chosen: list[Candidate] = []
    # The spans taken so far never overlap, so sorted by start they are sorted by
    # end too: a candidate can only overlap its neighbours in that order.
    starts: list[int] = []
    ends: list[int] = []
    ordered = sorted(candidates, key=lambda c: (-c.rank, -(c.end - c.start), c.start))
    for cand in ordered:
        if cand.end <= cand.start:
            continue
        i = bisect_left(starts, cand.end)  # taken spans starting before cand ends
        if i and ends[i - 1] > cand.start:
            continue
        chosen.append(cand)
        starts.insert(i, cand.start)
        ends.insert(i, cand.end)
    chosen.sort(key=lambda c: c.start)
    return chosen
