"""The sample site's `[expect]` tables are the right answers for its articles: every one is
checked against `nlp.analyze` of the article's text (title, sapo and body, as stored).

Figures are matched as the real-text scorer (`shared/realtext/score.py`) matches them: same
count, recipient kinds where one contains the other (case-folded), awards where one contains
the other ("Bằng khen" as written for "Bằng khen của Chủ tịch UBND tỉnh …" said with the giver
before it), or both empty; status, level and is_total must be equal. A figure the article
states twice is kept at its first statement, so its evidence may be an earlier sentence that
states the same count and kind (a headline or sapo before the body's full sentence).
"""

from __future__ import annotations

import pytest

from newsmon.nlp import Analysis, AwardFigure, analyze
from newsmon.nlp.campaigns import canonical_name
from newsmon.nlp.normalize import name_key
from newsmon.sample_site.articles import load_content

EXPECTING = [doc for doc in load_content() if "expect" in doc]


def text_of(doc: dict) -> str:
    return "\n\n".join(part for part in (doc["title"], doc["sapo"], *doc["paragraphs"]) if part)


def _fold(s: str) -> str:
    return " ".join(s.casefold().split())


def _related(a: str, b: str) -> bool:
    a, b = _fold(a), _fold(b)
    return (not a and not b) or (bool(a) and bool(b) and (a in b or b in a))


def _match(found: list[AwardFigure], want: dict) -> AwardFigure | None:
    for f in found:
        if f.count == want["count"] and _fold(f.recipient_kind) and _related(
                f.recipient_kind, want["recipient_kind"]):
            return f
    return None


@pytest.fixture(scope="module")
def analyses() -> dict[str, Analysis]:
    return {doc["file"]: analyze(text_of(doc)) for doc in EXPECTING}


def test_every_article_with_awards_has_expectations() -> None:
    assert len(EXPECTING) >= 20
    assert sum(len(doc["expect"].get("awards", [])) for doc in EXPECTING) >= 100


@pytest.mark.parametrize("doc", EXPECTING, ids=[d["file"][:3] for d in EXPECTING])
def test_award_figures(doc: dict, analyses: dict[str, Analysis]) -> None:
    text = text_of(doc)
    found = list(analyses[doc["file"]].awards)
    problems = []
    for want in doc["expect"].get("awards", []):
        f = _match(found, want)
        where = f"{want['count']} {want['recipient_kind']}"
        if f is None:
            problems.append(f"{where}: not found")
            continue
        found.remove(f)
        for key in ("status", "level", "is_total"):
            if getattr(f, key) != want[key]:
                problems.append(f"{where}: {key} {getattr(f, key)!r}, want {want[key]!r}")
        if not _related(f.award, want["award"]):
            problems.append(f"{where}: award {f.award!r}, want {want['award']!r}")
        assert want["sentence"] in text, f"{doc['file']}: expected sentence not in the text"
        if f.sentence != want["sentence"]:
            first = text.index(f.sentence) <= text.index(want["sentence"])
            restated = text[f.start:f.end] in want["sentence"]
            if not (first and restated):
                problems.append(f"{where}: evidence {f.sentence!r}")
    problems += [f"{f.count} {f.recipient_kind}: not expected" for f in found]
    assert not problems, f"{doc['file']}:\n" + "\n".join(problems)


@pytest.mark.parametrize("doc", EXPECTING, ids=[d["file"][:3] for d in EXPECTING])
def test_units_people_campaigns(doc: dict, analyses: dict[str, Analysis]) -> None:
    analysis = analyses[doc["file"]]
    expect = doc["expect"]
    units = {name_key(u) for u in analysis.units}
    assert {name_key(u) for u in expect.get("units", [])} <= units
    people = {e.canonical for e in analysis.entities if e.type == "PER"}
    assert set(expect.get("people", [])) <= people
    # a campaign known under another name is the same campaign (nlp/data/campaigns.tsv)
    campaigns = {c.canonical for c in analysis.campaigns}
    assert {canonical_name(c) for c in expect.get("campaigns", [])} <= campaigns
