"""Searching across the 2025 merger of provinces: on 1 July 2025 the 63
provinces became 34, and articles before that date name the old ones. A search
for a current province (`place:` or `unit:`) also finds what was written about
the provinces merged into it; a search for an old province finds only it.

A rewrite of the query tree, so every backend answers it the same way."""

from __future__ import annotations

from index.query import And, Field, Not, Or, Query
from nlp import canonical_unit
from nlp.units import province_predecessors, province_successor


def with_former_provinces(node: Query) -> Query:
    if isinstance(node, And | Or):
        return type(node)(tuple(with_former_provinces(item) for item in node.items))
    if isinstance(node, Not):
        return Not(with_former_provinces(node.item))
    if isinstance(node, Field) and node.name in ("place", "unit"):
        alternatives = _former(canonical_unit(node.value))
        if alternatives:
            return Or((node, *(Field(node.name, name) for name in alternatives)))
    return node


def _former(canonical: str) -> list[str]:
    """The same name with each former province in place of the current one
    ("Ủy ban nhân dân thành phố Hồ Chí Minh" → "… tỉnh Bình Dương", …)."""
    words = canonical.split()
    for k in range(len(words) - 1):
        place = " ".join(words[k:])
        if province_successor(place) != place:
            continue
        head = " ".join(words[:k])
        return [f"{head} {old}".strip() for old in province_predecessors(place) if old != place]
    return []
