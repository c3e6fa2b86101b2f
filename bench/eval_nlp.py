"""Accuracy of the reader on our gold set, beside underthesea's `ner`.

    python bench/eval_nlp.py                 # dev and held-out parts, with underthesea
    python bench/eval_nlp.py --part dev --no-underthesea

Entities are scored by exact span and type (ORG, LOC, PER, AWARD, CAMPAIGN);
"overall" is ORG+LOC+PER, the goal's measure. Award figures are matched on
count and recipient kind, then their status is checked. underthesea's CRF
`ner` tags only PER, LOC and ORG (and MISC, ignored here).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp import analyze  # noqa: E402
from nlp.evaluation import (  # noqa: E402
    ENTITY_TYPES,
    AwardReport,
    EntityReport,
    parse_marked,
    score_awards,
    score_entities,
)

GOLD = ROOT / "tests" / "nlp" / "gold"


def load(part: str) -> list[dict]:
    docs = []
    for number, line in enumerate((GOLD / f"{part}.jsonl").read_text("utf-8").splitlines(), 1):
        if line.strip():
            doc = json.loads(line)
            doc["plain"], doc["entities"] = parse_marked(doc["text"])
            doc["line"] = number
            docs.append(doc)
    return docs


def underthesea_spans(text: str) -> list[tuple[int, int, str, str]]:
    """underthesea's BIO tags turned into character spans of the text."""
    from underthesea import ner

    spans: list[tuple[int, int, str, str]] = []
    pos = 0
    current: list = []
    for word, _pos, _chunk, tag in ner(text):
        at = text.find(word, pos)
        if at < 0:
            continue
        pos = at + len(word)
        kind = tag[2:] if tag != "O" else ""
        if tag.startswith("B-") or (tag.startswith("I-") and (not current or current[2] != kind)):
            if current:
                spans.append(tuple(current))
            current = [at, pos, kind, ""]
        elif tag.startswith("I-"):
            current[1] = pos
        else:
            if current:
                spans.append(tuple(current))
            current = []
    if current:
        spans.append(tuple(current))
    return [(s, e, k, text[s:e]) for s, e, k, _ in spans if k in ("PER", "LOC", "ORG")]


def evaluate(docs: list[dict], with_underthesea: bool) -> dict:
    ours, theirs, awards = EntityReport(), EntityReport(), AwardReport()
    seconds = {"ours": 0.0, "underthesea": 0.0}
    for doc in docs:
        started = time.perf_counter()
        analysis = analyze(doc["plain"])
        seconds["ours"] += time.perf_counter() - started
        score_entities(ours, doc["entities"],
                       [(e.start, e.end, e.type, e.canonical) for e in analysis.entities])
        score_awards(awards, doc.get("awards", []),
                     [{"count": a.count, "recipient_kind": a.recipient_kind,
                       "status": a.status} for a in analysis.awards])
        if with_underthesea:
            started = time.perf_counter()
            found = underthesea_spans(doc["plain"])
            seconds["underthesea"] += time.perf_counter() - started
            score_entities(theirs, doc["entities"], found)
    return {"ours": ours, "theirs": theirs if with_underthesea else None, "awards": awards,
            "seconds": seconds, "docs": len(docs),
            "chars": sum(len(d["plain"]) for d in docs)}


def show(part: str, result: dict) -> None:
    ours, theirs = result["ours"], result["theirs"]
    print(f"\n== {part}: {result['docs']} texts, {result['chars']:,} characters")
    header = f"{'type':<10}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}"
    print(header + (f"   | underthesea ner{'P':>5}{'R':>7}{'F1':>7}" if theirs else ""))
    rows = [(t, ours.by_type[t], theirs.by_type[t] if theirs else None) for t in ENTITY_TYPES]
    rows.append(("overall", ours.overall(), theirs.overall() if theirs else None))
    for name, s, t in rows:
        line = f"{name:<10}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp + s.fn:>7}"
        if t is not None and name in ("ORG", "LOC", "PER", "overall"):
            line += f"   | {'':>15}{t.precision:>5.3f}{t.recall:>7.3f}{t.f1:>7.3f}"
        print(line)
    print(f"canonical names right on matched spans: {ours.canonical.precision:.3f}")
    a = result["awards"]
    print(f"award figures: P {a.figures.precision:.3f}  R {a.figures.recall:.3f}  "
          f"F1 {a.figures.f1:.3f}  (gold {a.figures.tp + a.figures.fn}); status right "
          f"{a.status_accuracy:.3f} of {a.status_checked} matched")
    speed = result["seconds"]
    line = f"time: ours {1000 * speed['ours'] / result['docs']:.1f} ms/text"
    if theirs:
        line += f", underthesea ner {1000 * speed['underthesea'] / result['docs']:.0f} ms/text"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "heldout", "both"), default="both")
    parser.add_argument("--no-underthesea", action="store_true")
    args = parser.parse_args()
    parts = ("dev", "heldout") if args.part == "both" else (args.part,)
    for part in parts:
        show(part, evaluate(load(part), not args.no_underthesea))


if __name__ == "__main__":
    main()
