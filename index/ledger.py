"""The award ledger: the figures of one event, as every independent source
reported them, side by side (RIPTIDES' comparable-number tables).

An event is a unit (the article's main unit), an award form, a status, a level,
a recipient kind and a period: the year or term the award is for, as the
figure's sentence states it ("năm 2022", "giai đoạn 2021-2025", see
`nlp.periods`), else the article's publication year. Sources are independent
when they are different stories: the copies of one reprinted story are one
source, read from one copy (`index.sums.one_copy`). A row where the sources'
numbers differ is a discrepancy; where they are the same, they agree; one
source is single.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from index.store import FigureRow
from index.sums import one_copy
from nlp.normalize import name_key

VERDICTS = ("discrepancy", "agree", "single")


@dataclass
class LedgerSource:
    count: int
    sentence: str
    source: str
    published_at: str | None
    url: str
    article_id: str


@dataclass
class LedgerRow:
    unit: str
    award: str
    status: str
    level: str
    recipient_kind: str
    #: "2022", "2021-2025": the period stated, else the publication year
    period: str
    sources: list[LedgerSource] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if len(self.sources) == 1:
            return "single"
        return "agree" if len({s.count for s in self.sources}) == 1 else "discrepancy"

    def to_dict(self) -> dict:
        return {"unit": self.unit, "award": self.award, "status": self.status,
                "level": self.level, "recipient_kind": self.recipient_kind, "period": self.period,
                "verdict": self.verdict, "sources": [vars(s) for s in self.sources]}


def build_ledger(rows: list[FigureRow], story_of: dict[str, str],
                 unit_of: Callable[[str], str]) -> list[LedgerRow]:
    """Ledger rows, discrepancies first, then agreements, then single sources."""
    ledger: dict[tuple, LedgerRow] = {}
    for f in one_copy(rows, story_of):
        unit = unit_of(f.article_id)
        period = f.period or (f.published_at or "")[:4]
        key = (name_key(unit), name_key(f.award), f.status, name_key(f.level),
               f.recipient_kind, period)
        row = ledger.setdefault(key, LedgerRow(unit, f.award, f.status, f.level,
                                               f.recipient_kind, period))
        if any(s.article_id == f.article_id for s in row.sources):
            continue  # one number per source: its first mention
        row.sources.append(LedgerSource(f.count, f.sentence, f.source, f.published_at,
                                        f.canonical_url or f.url, f.article_id))
    return sorted(ledger.values(), key=lambda r: (VERDICTS.index(r.verdict), r.unit, r.award,
                                                   r.recipient_kind))
