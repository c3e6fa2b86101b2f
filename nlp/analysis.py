"""`analyze`: text in, `Analysis` out, read by the spaCy pipeline (`pipeline`)."""

from __future__ import annotations

from .pipeline import pipeline
from .types import Analysis, Entity


def analyze(text: str) -> Analysis:
    """Entities, units, campaigns and award figures of one article's text.

    Offsets are Python string offsets into `text` exactly as given."""
    if not text.strip():
        return Analysis()
    doc = pipeline()(text)
    entities = [Entity(start=e.start_char, end=e.end_char, text=e.text, type=e.label_,  # type: ignore[arg-type]
                       canonical=e.kb_id_) for e in doc.ents]
    campaigns: list[Entity] = []
    seen: set[str] = set()
    for e in entities:
        if e.type == "CAMPAIGN" and e.canonical not in seen:
            seen.add(e.canonical)
            campaigns.append(e)
    return Analysis(entities=entities, units=list(doc._.units), campaigns=campaigns,
                    awards=list(doc._.awards))
