"""The reader on the development part of our gold set: a floor under its
quality, so a change that makes reading worse fails here. (The held-out part
is only measured, by bench/eval_nlp.py, never tested against while developing.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsmon.nlp import analyze
from newsmon.nlp.evaluation import AwardReport, EntityReport, evaluate, marked_docs, parse_marked

GOLD = Path(__file__).parent / "gold"


def _read(text: str):
    found = analyze(text)
    for e in found.entities:
        assert text[e.start:e.end] == e.text
    return found


@pytest.fixture(scope="module")
def reports() -> tuple[EntityReport, AwardReport]:
    lines = [json.loads(line) for line in (GOLD / "dev.jsonl").read_text("utf-8").splitlines()]
    return evaluate(marked_docs(lines), _read)


def test_every_gold_text_is_readable_markup():
    for part in ("dev", "heldout"):
        for number, line in enumerate((GOLD / f"{part}.jsonl").read_text("utf-8").splitlines(),
                                      1):
            doc = json.loads(line)
            text, entities = parse_marked(doc["text"])
            assert entities, f"{part}.jsonl line {number} has no entity"
            assert all(text[e.start:e.end] == e.text for e in entities)


def test_entities_on_dev(reports):
    entities, _ = reports
    assert entities.overall().f1 >= 0.94
    assert entities.by_type["ORG"].f1 >= 0.95
    assert entities.canonical.precision >= 0.95


def test_award_figures_on_dev(reports):
    _, awards = reports
    assert awards.figures.f1 >= 0.96
    assert awards.status_accuracy >= 0.98
    assert awards.form_accuracy >= 0.96
