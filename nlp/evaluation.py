"""Scoring a reader against annotated text: the gold format's markup, and
precision / recall / F1 for entities and award figures.

Pure functions: the evaluation script (bench/eval_nlp.py) and the tests
read the files; this module only parses and counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .normalize import name_key
from .types import Analysis

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
    """Figures found, and over the found ones how often the status and the
    award form are right (the spec's measures, as `realtext/score.py` counts)."""

    figures: Score = field(default_factory=Score)
    status_right: int = 0
    status_checked: int = 0
    form_right: int = 0

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.status_checked if self.status_checked else 0.0

    @property
    def form_accuracy(self) -> float:
        return self.form_right / self.status_checked if self.status_checked else 0.0


def _folded(value: object) -> str:
    return unicodedata.normalize("NFC", str(value or "")).lower().strip()


def _same_figure(gold: dict, found: dict) -> bool:
    """Same count, and recipient kinds of which one contains the other: the spec
    takes "tập thể" for "tập thể, cá nhân" and "bác sỹ" only for itself."""
    try:
        if int(found["count"]) != int(gold["count"]):
            return False
    except (KeyError, TypeError, ValueError):
        return False
    g, f = _folded(gold.get("recipient_kind")), _folded(found.get("recipient_kind"))
    return bool(g and f) and (g in f or f in g)


def _same_form(gold: dict, found: dict) -> bool:
    g, f = _folded(gold.get("award")), _folded(found.get("award"))
    return (not g and not f) or (bool(g and f) and (g in f or f in g))


def score_awards(report: AwardReport, gold: Iterable[dict], found: Iterable[dict]) -> None:
    """Each gold figure takes the first unused found figure with the same count
    and a matching recipient kind. Optional gold figures (counts of times or
    years) are neither required nor penalised, implicit ones are left out;
    status and form are checked on the required matches."""
    gold = sorted((g for g in gold if not g.get("implicit")), key=lambda g: bool(g.get("optional")))
    remaining = list(found)
    for g in gold:
        match = next((f for f in remaining if _same_figure(g, f)), None)
        if match is None:
            report.figures.fn += not g.get("optional")
            continue
        remaining.remove(match)
        if g.get("optional"):
            continue
        report.figures.tp += 1
        report.status_checked += 1
        report.status_right += match.get("status") == g.get("status")
        report.form_right += _same_form(g, match)
    report.figures.fp += len(remaining)


@dataclass
class GoldDoc:
    """One annotated text, from our own gold or the real-text set."""

    id: str
    text: str
    entities: list[GoldEntity]
    awards: list[dict]
    batch: str = ""


def realtext_docs(articles: Iterable[dict], entities: Iterable[dict],
                  figures: Iterable[dict]) -> list[GoldDoc]:
    """The real-text set's three parallel files (one line per text each) as
    documents; its figures name the recipient kind `unit`."""
    docs = []
    for number, (article, ents, figs) in enumerate(zip(articles, entities, figures, strict=True)):
        if not article["source"] == ents["source"] == figs["source"]:
            raise MarkupError(f"real-text line {number + 1}: the three files are not aligned")
        gold = [GoldEntity(e["start"], e["end"], e["text"], e["type"], e.get("canonical") or
                           e["text"]) for e in ents["entities"]]
        awards = [{**f, "recipient_kind": f.get("unit", "")} for f in figs["figures"]]
        docs.append(GoldDoc(str(number), article["text"], gold, awards, article.get("set", "")))
    return docs


def marked_docs(lines: Iterable[dict]) -> list[GoldDoc]:
    """Our own gold lines (inline markup) as documents."""
    docs = []
    for line in lines:
        text, gold = parse_marked(line["text"])
        docs.append(GoldDoc(line["id"], text, gold, line.get("awards", []), line.get("genre", "")))
    return docs


def evaluate(docs: Iterable[GoldDoc], read: Callable[[str], Analysis]
             ) -> tuple[EntityReport, AwardReport]:
    """Run the reader over the documents and score what it found."""
    entities, awards = EntityReport(), AwardReport()
    for doc in docs:
        found = read(doc.text)
        score_entities(entities, doc.entities,
                       [(e.start, e.end, e.type, e.canonical) for e in found.entities])
        score_awards(awards, doc.awards,
                     [{"count": a.count, "recipient_kind": a.recipient_kind, "status": a.status,
                       "award": a.award} for a in found.awards])
    return entities, awards
