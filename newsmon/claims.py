"""Checking a claim ("Khánh Hòa có 19 tập thể, 122 cá nhân được khen thưởng cấp
Nhà nước") against the award ledger: the claim is read by the same reader as
the press, each of its numbers is matched to the ledger rows of the same event,
and each gets a verdict that cites what the sources said.

Verdicts: consistent (every matching source reports the claimed number),
different (some source reports another number; each is listed), not found.
A number matches a row when the recipient kind and status are the same and,
where the claim names them, the unit, level, award form and period agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from newsmon.index.ledger import LedgerRow, LedgerSource
from newsmon.nlp.normalize import name_key
from newsmon.nlp.types import Analysis, AwardFigure

VERDICT_RATING = {"consistent": (5, "Đúng / consistent"), "different": (2, "Khác / different"),
                  "not found": (0, "Không tìm thấy / not found")}


@dataclass
class NumberVerdict:
    count: int
    recipient_kind: str
    verdict: str
    sources: list[LedgerSource] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"count": self.count, "recipient_kind": self.recipient_kind,
                "verdict": self.verdict, "sources": [vars(s) for s in self.sources]}


def _unit_key(name: str) -> str:
    return name_key(name).removeprefix("uy ban nhan dan ")


def _same_unit(claim_units: list[str], unit: str) -> bool:
    if not claim_units:
        return True
    row = _unit_key(unit)
    return bool(row) and any(c and (c in row or row in c)
                             for c in (_unit_key(u) for u in claim_units))


def _matches(figure: AwardFigure, units: list[str], row: LedgerRow) -> bool:
    if row.recipient_kind != figure.recipient_kind or row.status != figure.status:
        return False
    if figure.level and name_key(figure.level) != name_key(row.level):
        return False
    if figure.award:
        want, have = name_key(figure.award), name_key(row.award)
        if not have or (want not in have and have not in want):
            return False
    claimed = figure.period or (str(figure.year) if figure.year else "")
    if claimed and row.period and claimed != row.period:
        return False
    return _same_unit(units, row.unit)


def check(claim: Analysis, ledger: list[LedgerRow]) -> list[NumberVerdict]:
    """A verdict for each number of the claim, in the claim's order."""
    verdicts = []
    for figure in claim.awards:
        rows = [row for row in ledger if _matches(figure, claim.units, row)]
        if not figure.award and any(not row.award for row in rows):
            # a claim that names no form is about the figure reported without one
            # ("19 tập thể được khen thưởng cấp Nhà nước"), not about each form's share
            rows = [row for row in rows if not row.award]
        sources = [s for row in rows for s in row.sources]
        if not sources:
            verdict = "not found"
        elif all(s.count == figure.count for s in sources):
            verdict = "consistent"
        else:
            verdict = "different"
        verdicts.append(NumberVerdict(figure.count, figure.recipient_kind, verdict, sources))
    return verdicts


def claim_review(claim: str, verdicts: list[NumberVerdict], today: date) -> dict:
    """A schema.org ClaimReview (JSON-LD) of the whole claim: its rating is the
    worst verdict among its numbers; every cited source is an appearance."""
    worst = min((v.verdict for v in verdicts), key=lambda v: VERDICT_RATING[v][0],
                default="not found")
    value, name = VERDICT_RATING[worst]
    urls = list(dict.fromkeys(s.url for v in verdicts for s in v.sources))
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "datePublished": today.isoformat(),
        "claimReviewed": claim,
        "author": {"@type": "Organization", "name": "newsmon"},
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                         "worstRating": 0, "alternateName": name},
        "itemReviewed": {"@type": "Claim", "appearance": [
            {"@type": "CreativeWork", "url": url} for url in urls]},
        "reviewBody": "; ".join(f"{v.count} {v.recipient_kind}: {v.verdict}"
                                + "".join(f" ({s.source} {s.count})" for s in v.sources
                                          if s.count != v.count)
                                for v in verdicts),
    }
