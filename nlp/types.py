"""What the reader finds in a text. Offsets are Python string offsets into the
text exactly as given to `nlp.analyze`, so every finding can be highlighted
and checked against its sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["ORG", "LOC", "PER", "AWARD", "CAMPAIGN"]
AwardStatus = Literal["awarded", "proposed", "target"]


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    type: EntityType
    canonical: str


@dataclass(frozen=True)
class StatusCue:
    """The words that set a figure's status (a clause's "đề nghị", or the heading of the
    list it stands in), so that a reader can check why it is proposed or a target."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class AwardFigure:
    count: int
    recipient_kind: str
    award: str
    level: str
    status: AwardStatus
    start: int
    end: int
    sentence: str
    sentence_start: int
    giver: str = ""
    recipient: str = ""
    year: int | None = None
    is_total: bool = False
    #: What set `status`; None when nothing did and the default (awarded) applied.
    status_cue: StatusCue | None = None
    #: the period the award is for as the sentence states it ("2022", "2021-2025"),
    #: "" when it states none (`nlp.periods`)
    period: str = ""


@dataclass
class Analysis:
    entities: list[Entity] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    campaigns: list[Entity] = field(default_factory=list)
    awards: list[AwardFigure] = field(default_factory=list)
    #: where reading stopped on a text longer than the reader's limit (None: read whole)
    truncated_at: int | None = None

    def to_dict(self) -> dict:
        # Field by field rather than dataclasses.asdict, which deep-copies: this runs
        # for every stored article.
        return {
            "entities": [dict(e.__dict__) for e in self.entities],
            "units": list(self.units),
            "campaigns": [
                {"start": c.start, "end": c.end, "text": c.text, "canonical": c.canonical}
                for c in self.campaigns
            ],
            "awards": [_figure_dict(a) for a in self.awards],
            "truncated_at": self.truncated_at,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        return cls(
            entities=[Entity(**e) for e in data.get("entities", [])],
            units=list(data.get("units", [])),
            campaigns=[Entity(type="CAMPAIGN", **c) for c in data.get("campaigns", [])],
            awards=[_figure_of(a) for a in data.get("awards", [])],
            truncated_at=data.get("truncated_at"),
        )


def _figure_dict(figure: AwardFigure) -> dict:
    out = dict(figure.__dict__)
    cue = figure.status_cue
    out["status_cue"] = None if cue is None else dict(cue.__dict__)
    return out


def _figure_of(data: dict) -> AwardFigure:
    """A figure from its dict; analyses stored before `status_cue` existed have none."""
    cue = data.get("status_cue")
    return AwardFigure(**{**data, "status_cue": StatusCue(**cue) if cue else None})
