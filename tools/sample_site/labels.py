"""The hand-written labels of the sample content, read for the tests and benches
that check stories, the ledger, claims and sums against them.

Labels live in `content/*.toml` (see the README): `story` names the story a file
is a copy of (default: its own slug; one file on two sites is two copies of
one story), `event` names a ceremony several stories report independently,
`discrepancy = true` on an `[[expect.awards]]` figure marks a number that
deliberately differs between the outlets of one event, and `[[claims]]` are
claims with the verdict expected for each of their numbers.

Nothing here reads a store: the expected answers come from the labels only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from newsmon.sample_site.articles import load_content
from tools.sample_site.build import REAL_ORIGIN, load_entries


@dataclass(frozen=True)
class Page:
    """One article page of one sample site."""

    site: str
    slug: str
    url: str  # canonical
    published: str
    story: str
    event: str


@dataclass(frozen=True)
class Cite:
    slug: str
    count: int


@dataclass(frozen=True)
class ClaimNumber:
    count: int
    recipient_kind: str
    verdict: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class Claim:
    text: str
    numbers: tuple[ClaimNumber, ...]


@cache
def _docs() -> dict[str, dict]:
    return {doc["slug"]: doc for doc in load_content()}


def doc(slug: str) -> dict:
    """A content file's data by slug."""
    return _docs()[slug]


def story_of(d: dict) -> str:
    return d.get("story") or d["slug"]


@cache
def pages() -> tuple[Page, ...]:
    """Every article page, as the crawler finds them (one per file and site)."""
    out = []
    for entry in load_entries():
        d = doc(entry.slug)
        for site in entry.sites:
            out.append(
                Page(
                    site,
                    entry.slug,
                    REAL_ORIGIN[site] + entry.paths[site],
                    d["published"],
                    story_of(d),
                    d.get("event", ""),
                )
            )
    return tuple(out)


def page_by_url() -> dict[str, Page]:
    return {p.url: p for p in pages()}


def pair_scores(groups: dict[str, str]) -> tuple[float, float]:
    """Pair precision and recall of a grouping (canonical URL → story id found)
    against the story labels: a pair is two pages of one story."""
    label = {p.url: p.story for p in pages()}
    tp = fp = fn = 0
    for a, b in combinations(sorted(label), 2):
        same, found = label[a] == label[b], groups[a] == groups[b]
        tp += same and found
        fp += found and not same
        fn += same and not found
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def story_original(story: str) -> str:
    """The slug whose figures count for a story: its earliest copy (every sample
    outlet is a TTXVN site, so the earliest is the original)."""
    copies = [d for d in _docs().values() if story_of(d) == story]
    return min(copies, key=lambda d: (d["published"], d["slug"]))["slug"]


def counted_figures() -> list[tuple[str, dict]]:
    """(slug, figure) a hand count adds: each story once (its original's figures),
    a stated total only when its article does not report its parts."""
    out = []
    for story in sorted({story_of(d) for d in _docs().values()}):
        slug = story_original(story)
        figures = doc(slug).get("expect", {}).get("awards", [])
        parts = {f["status"] for f in figures if not f["is_total"]}
        out += [(slug, f) for f in figures if not (f["is_total"] and f["status"] in parts)]
    return out


def _event_key(slug: str, f: dict) -> tuple:
    return (doc(slug).get("event", ""), f["recipient_kind"], f["status"], f["level"], f["award"])


def ledger_rows(verdict: str) -> set[frozenset[tuple[str, int]]]:
    """The ledger rows the labels call for, each as {(slug, count)} of its sources:
    "discrepancy" rows group the figures labelled `discrepancy`; "agree" rows the
    other figures of one event that two or more stories report."""
    groups: dict[tuple, set[tuple[str, int]]] = defaultdict(set)
    for d in _docs().values():
        if not d.get("event"):
            continue
        for f in d.get("expect", {}).get("awards", []):
            if bool(f.get("discrepancy")) == (verdict == "discrepancy"):
                groups[_event_key(d["slug"], f)].add((d["slug"], f["count"]))
    return {frozenset(found) for found in groups.values() if len(found) > 1}


def claims() -> list[Claim]:
    """Every seeded claim, in file order."""
    out = []
    for d in _docs().values():
        for c in d.get("claims", []):
            numbers = tuple(
                ClaimNumber(
                    n["count"],
                    n["recipient_kind"],
                    n["verdict"],
                    tuple(Cite(x["article"], x["count"]) for x in n.get("cites", [])),
                )
                for n in c["numbers"]
            )
            out.append(Claim(c["text"], numbers))
    return out


def figure_sentence(slug: str, count: int, recipient_kind: str) -> str:
    """The labelled sentence of a figure of one file."""
    for f in doc(slug).get("expect", {}).get("awards", []):
        if f["count"] == count and f["recipient_kind"] == recipient_kind:
            return f["sentence"]
    raise KeyError(f"{slug}: no labelled figure {count} {recipient_kind}")
