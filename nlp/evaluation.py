"""Scoring a reader against annotated text: the gold format's markup, and
precision / recall / F1 for entities and award figures.

Pure functions: the evaluation script (bench/eval_nlp.py) and the tests
read the files; this module only parses and counts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .normalize import name_key

ENTITY_TYPES = ("ORG", "LOC", "PER", "AWARD", "CAMPAIGN")
_MARK = re.compile(r"\[([^\[\]{}]+)\]\{(ORG|LOC|PER|AWARD|CAMPAIGN)(?:\|([^{}]*))?\}")


class MarkupError(ValueError):
    """Gold text whose markup cannot be read."""


@dataclass(frozen=True)
class GoldEntity:
    start: int
    end: int
    text: str
    type: str
    canonical: str


def parse_marked(marked: str) -> tuple[str, list[GoldEntity]]:
    """`[UBND TP. Cần Thơ]{ORG|Ủy ban nhân dân thành phố Cần Thơ}` markup → the
    plain text and its entities with offsets into the plain text."""
    plain: list[str] = []
    entities: list[GoldEntity] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        before = marked[pos:m.start()]
        plain.append(before)
        length += len(before)
        surface = m.group(1)
        entities.append(GoldEntity(length, length + len(surface), surface, m.group(2),
                                   (m.group(3) or surface).strip()))
        plain.append(surface)
        length += len(surface)
        pos = m.end()
    plain.append(marked[pos:])
    text = "".join(plain)
    leftover = re.search(r"\]\{|\{(ORG|LOC|PER|AWARD|CAMPAIGN)", text)
    if leftover:
        raise MarkupError(f"unreadable markup near {text[max(0, leftover.start() - 30):][:60]!r}")
    return text, entities


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Counter, found: Counter) -> None:
        hit = sum((gold & found).values())
        self.tp += hit
        self.fp += sum(found.values()) - hit
        self.fn += sum(gold.values()) - hit


@dataclass
class EntityReport:
    by_type: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in ENTITY_TYPES})
    canonical: Score = field(default_factory=Score)

    def overall(self, types: Iterable[str] = ("ORG", "LOC", "PER")) -> Score:
        total = Score()
        for t in types:
            s = self.by_type[t]
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        return total


def score_entities(report: EntityReport, gold: Iterable[GoldEntity],
                   found: Iterable[tuple[int, int, str, str]]) -> None:
    """Exact-span matching per type (start, end, type); canonical names are
    scored apart on the spans both agree on, compared by `name_key`."""
    gold = list(gold)
    found = list(found)
    for t in ENTITY_TYPES:
        report.by_type[t].add(Counter((g.start, g.end) for g in gold if g.type == t),
                              Counter((s, e) for s, e, ty, _ in found if ty == t))
    gold_names = {(g.start, g.end, g.type): name_key(g.canonical) for g in gold}
    for s, e, ty, canonical in found:
        if (s, e, ty) in gold_names:
            right = gold_names[(s, e, ty)] == name_key(canonical)
            report.canonical.tp += right
            report.canonical.fp += not right


@dataclass
class AwardReport:
    figures: Score = field(default_factory=Score)
    status_right: int = 0
    status_checked: int = 0

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.status_checked if self.status_checked else 0.0


def score_awards(report: AwardReport, gold: Iterable[dict], found: Iterable[dict]) -> None:
    """Figures match on (count, recipient kind); the status of each matched
    figure is checked against the gold one."""
    gold = list(gold)
    found = list(found)

    def key(a: dict) -> tuple[int, str]:
        return int(a["count"]), name_key(a["recipient_kind"])

    report.figures.add(Counter(map(key, gold)), Counter(map(key, found)))
    remaining = list(found)
    for g in gold:
        match = next((f for f in remaining if key(f) == key(g)), None)
        if match is None:
            continue
        remaining.remove(match)
        report.status_checked += 1
        report.status_right += match["status"] == g["status"]
