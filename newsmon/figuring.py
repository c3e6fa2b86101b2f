"""Award figures as `newsmon figures` and the web's figures page both read them:
the filter built from a query and the figure's own fields, and each figure
shown once for all the reprinted copies of its story."""

from __future__ import annotations

from newsmon.index.ledger import LedgerRow
from newsmon.index.query import And, Field, Query
from newsmon.index.store import FigureFilter, FigureRow


def figure_filter(
    tree: Query,
    *,
    unit: str | None = None,
    campaign: str | None = None,
    level: str | None = None,
    award: str | None = None,
    status: str | None = None,
    year: int | None = None,
) -> FigureFilter:
    """The figures of the articles a query (and a unit, a campaign) matches,
    narrowed by level, award form, status (already a status value) and year."""
    fields = [Field("unit", unit)] if unit else []
    fields += [Field("campaign", campaign)] if campaign else []
    tree = And((tree, *fields)) if fields else tree
    return FigureFilter(query=tree, level=level, award=award, status=status, year=year)


def one_per_story(
    rows: list[FigureRow], story_of: dict[str, str]
) -> list[tuple[FigureRow, list[str]]]:
    """One row per figure of a story, however many copies report it, with every
    outlet that printed it and the sentence of its earliest copy. The sentence is
    not part of the key: a reprint that edits the sentence still reports the same
    figure, while one that changed a number reports another figure."""
    shown: dict[tuple, tuple[FigureRow, list[str]]] = {}
    for f in rows:
        key = (story_of.get(f.article_id, f.article_id), f.count, f.recipient_kind, f.award,
               f.level, f.status)
        if key not in shown:
            shown[key] = (f, [f.source])
            continue
        row, sources = shown[key]
        if f.source not in sources:
            sources.append(f.source)
        if (f.published_at or "") < (row.published_at or ""):
            shown[key] = (f, sources)
    return list(shown.values())


#: The ledger's verdict choices, as `figures --compare --verdict` and the web's
#: comparison view offer them: "compared" is every event at least two
#: independent sources reported (discrepancies first, then agreements), the
#: rows a reader checking numbers starts from; "all" adds the single sources.
VERDICT_CHOICES = ("compared", "discrepancy", "agree", "single", "all")


def verdict_counts(ledger: list[LedgerRow]) -> dict[str, int]:
    """How many ledger rows each verdict choice keeps."""
    counts = {v: sum(r.verdict == v for r in ledger) for v in ("discrepancy", "agree", "single")}
    return {"compared": counts["discrepancy"] + counts["agree"], **counts, "all": len(ledger)}


def with_verdict(ledger: list[LedgerRow], verdict: str) -> list[LedgerRow]:
    """The ledger rows one verdict choice keeps, in the ledger's order."""
    if verdict == "all":
        return ledger
    if verdict == "compared":
        return [r for r in ledger if r.verdict != "single"]
    return [r for r in ledger if r.verdict == verdict]
