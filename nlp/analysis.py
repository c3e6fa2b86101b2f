"""`analyze`: text in, `Analysis` out. The pipeline in one place; each step is a module."""

from __future__ import annotations

from .awards import find_figures
from .entities import read
from .sentences import sentences
from .spans import Candidate
from .textview import TextView
from .types import Analysis, Entity
from .units import rank_units


def _entity(view: TextView, c: Candidate) -> Entity:
    start, end = view.to_orig(c.start), view.to_orig(c.end)
    return Entity(start=start, end=end, text=view.text[start:end], type=c.type,  # type: ignore[arg-type]
                  canonical=c.canonical)


def analyze(text: str) -> Analysis:
    """Entities, units, campaigns and award figures of one article's text.

    Offsets are Python string offsets into `text` exactly as given."""
    view = TextView.of(text)
    reading = read(view)
    entities = [_entity(view, c) for c in reading.chosen]
    campaigns: list[Entity] = []
    seen: set[str] = set()
    for e in entities:
        if e.type == "CAMPAIGN" and e.canonical not in seen:
            seen.add(e.canonical)
            campaigns.append(e)
    return Analysis(
        entities=entities,
        units=rank_units(reading),
        campaigns=campaigns,
        awards=find_figures(view, sentences(view.norm), reading),
    )
