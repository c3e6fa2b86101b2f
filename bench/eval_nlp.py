"""Accuracy of the reader on our gold set and on real press text, beside
underthesea's `ner`.

    python bench/eval_nlp.py                 # dev, held-out and real text, with underthesea
    python bench/eval_nlp.py --part real --no-underthesea

Entities are scored by exact span and type (ORG, LOC, PER, AWARD, CAMPAIGN);
"overall" is ORG+LOC+PER, the goal's measure. Award figures are matched on
count and recipient kind (one containing the other), then their status and
award form are checked, as `../shared/realtext/score.py` does. The real-text
set (`../shared/realtext`, other people's writing annotated to the spec) is
reported as a whole and per batch (ann1 provincial lists, ann2 national
honours, ann3 general news); it is skipped when the folder is absent.
underthesea's CRF `ner` tags only PER, LOC and ORG (and MISC, ignored here).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsmon.nlp import analyze  # noqa: E402
from newsmon.nlp.evaluation import (  # noqa: E402
    ENTITY_TYPES,
    EntityReport,
    GoldDoc,
    evaluate,
    marked_docs,
    realtext_docs,
    score_entities,
)

GOLD = ROOT / "tests" / "nlp" / "gold"
REALTEXT = ROOT.parent / "shared" / "realtext"


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def load(part: str) -> dict[str, list[GoldDoc]]:
    """The documents of a part, by the name each report gets."""
    if part != "real":
        return {part: marked_docs(_lines(GOLD / f"{part}.jsonl"))}
    docs = realtext_docs(*(_lines(REALTEXT / f"{name}.jsonl")
                           for name in ("articles", "entities", "figures")))
    batches = {f"real {b}": [d for d in docs if d.batch == b] for b in sorted({d.batch
                                                                                 for d in docs})}
    return {"real (all)": docs, **batches}


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


def measure(docs: list[GoldDoc], with_underthesea: bool) -> dict:
    seconds = {"ours": 0.0, "underthesea": 0.0}

    def timed(text: str):
        started = time.perf_counter()
        try:
            return analyze(text)
        finally:
            seconds["ours"] += time.perf_counter() - started

    ours, awards = evaluate(docs, timed)
    theirs = None
    if with_underthesea:
        theirs = EntityReport()
        for doc in docs:
            started = time.perf_counter()
            found = underthesea_spans(doc.text)
            seconds["underthesea"] += time.perf_counter() - started
            score_entities(theirs, doc.entities, found)
    return {"ours": ours, "theirs": theirs, "awards": awards, "seconds": seconds,
            "docs": len(docs), "chars": sum(len(d.text) for d in docs)}


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
    if a.figures.tp + a.figures.fn + a.figures.fp:
        print(f"award figures: P {a.figures.precision:.3f}  R {a.figures.recall:.3f}  "
              f"F1 {a.figures.f1:.3f}  (gold {a.figures.tp + a.figures.fn}); of "
              f"{a.status_checked} matched: status right {a.status_accuracy:.3f}, "
              f"form right {a.form_accuracy:.3f}")
    else:
        print("award figures: none in the gold, none found")
    speed = result["seconds"]
    line = f"time: ours {1000 * speed['ours'] / result['docs']:.1f} ms/text"
    if theirs:
        line += f", underthesea ner {1000 * speed['underthesea'] / result['docs']:.0f} ms/text"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "heldout", "real", "all"), default="all")
    parser.add_argument("--no-underthesea", action="store_true")
    args = parser.parse_args()
    parts = ("dev", "heldout", "real") if args.part == "all" else (args.part,)
    for part in parts:
        if part == "real" and not (REALTEXT / "articles.jsonl").exists():
            print(f"\n== real text: skipped, no set at {REALTEXT}")
            continue
        for name, docs in load(part).items():
            show(name, measure(docs, not args.no_underthesea))


if __name__ == "__main__":
    main()
