"""The award ledger: the figures of one event, as every independent source
reported them, side by side (RIPTIDES' comparable-number tables).

An event is a unit (the article's main unit), an award form, a status, a level,
a recipient kind and a period: the year or term the award is for, as the
figure's sentence states it ("năm 2022", "giai đoạn 2021-2025", see
`nlp.periods`). A figure whose sentence states no period joins the one event
of its unit, form, status, level and kind whose stated period ends in its
publication year or the year before and that another source reported within
CEREMONY_DAYS of it: a ceremony honours the year or term just ended ("Cờ thi
đua … năm 2025" is handed out in 2026), and the other papers reporting it that
week often leave the year out. Else its period is the publication year.
Sources are independent
when they are different stories: the copies of one reprinted story are one
source, read from one copy (`index.sums.one_copy`). A row where the sources'
numbers differ is a discrepancy; where they are the same, they agree; one
source is single.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from newsmon.index.store import FigureRow
from newsmon.index.sums import one_copy
from newsmon.nlp.normalize import name_key

VERDICTS = ("discrepancy", "agree", "single")
#: reports of one ceremony appear within days of each other
CEREMONY_DAYS = 7


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
    copies = one_copy(rows, story_of)
    stated = [f for f in copies if f.period]
    for f in stated + [f for f in copies if not f.period]:
        unit = unit_of(f.article_id)
        event = (name_key(unit), name_key(f.award), f.status, name_key(f.level),
                 f.recipient_kind)
        period = f.period or _stated_period(ledger, event, f.published_at)
        row = ledger.setdefault((*event, period), LedgerRow(unit, f.award, f.status, f.level,
                                                            f.recipient_kind, period))
        if any(s.article_id == f.article_id for s in row.sources):
            continue  # one number per source: its first mention
        row.sources.append(LedgerSource(f.count, f.sentence, f.source, f.published_at,
                                        f.canonical_url or f.url, f.article_id))
    return sorted(ledger.values(), key=lambda r: (VERDICTS.index(r.verdict), r.unit, r.award,
                                                   r.recipient_kind))


def _stated_period(ledger: dict[tuple, LedgerRow], event: tuple, published_at: str | None) -> str:
    """The period of the one stated event a figure without a period belongs to, or
    its publication year when there is none or more than one."""
    year = (published_at or "")[:4]
    day = _day(published_at)
    if day is None:
        return year
    recent = {str(day.year - 1), year}
    found = {key[-1] for key, row in ledger.items()
             if key[:-1] == event and key[-1] != year and key[-1][-4:] in recent
             and any((d := _day(s.published_at)) is not None
                     and abs((d - day).days) <= CEREMONY_DAYS for s in row.sources)}
    return found.pop() if len(found) == 1 else year


def _day(published_at: str | None) -> date | None:
    try:
        return date.fromisoformat((published_at or "")[:10])
    except ValueError:
        return None
