"""Which event a figure belongs to when its sentence states no period."""

from newsmon.index.ledger import build_ledger
from newsmon.index.store import FigureRow


def row(article: str, day: str, count: int, period: str = "") -> FigureRow:
    return FigureRow(article_id=article, title="", source=article, url=f"https://x.vn/{article}",
                     published_at=f"{day}T09:00:00+07:00", count=count,
                     recipient_kind="tập thể", award="Cờ thi đua của Chính phủ", level="",
                     status="awarded", sentence=f"{count} tập thể", is_total=False,
                     period=period)


def periods(rows: list[FigureRow]) -> dict[str, list[int]]:
    ledger = build_ledger(rows, {}, lambda _: "tỉnh Thái Nguyên")
    return {r.period: sorted(s.count for s in r.sources) for r in ledger}


def test_a_report_of_the_same_week_without_the_year_joins_the_stated_event():
    """The flag "năm 2025" handed out in late 2026: a paper that leaves the year
    out reports the same ceremony, not an event "2026"."""
    assert periods([row("a", "2026-11-26", 4, "2025"), row("b", "2026-11-25", 5)]) == {
        "2025": [4, 5]}


def test_a_report_months_away_is_another_event():
    assert periods([row("a", "2026-03-02", 4, "2025"), row("b", "2026-05-02", 5)]) == {
        "2025": [4], "2026": [5]}


def test_an_older_period_or_two_candidates_leave_the_publication_year():
    assert periods([row("a", "2026-11-26", 4, "2022"), row("b", "2026-11-25", 5)]) == {
        "2022": [4], "2026": [5]}
    assert periods([row("a", "2026-11-26", 4, "2025"), row("c", "2026-11-26", 6, "2021-2025"),
                    row("b", "2026-11-25", 5)]) == {"2025": [4], "2021-2025": [6], "2026": [5]}
