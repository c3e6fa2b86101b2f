"""The ledger's verdict choices (newsmon/figuring.py) that the CLI's
`figures --compare --verdict` and the web's comparison view both use."""

from __future__ import annotations

from newsmon.figuring import VERDICT_CHOICES, verdict_counts, with_verdict
from newsmon.index.ledger import build_ledger
from newsmon.index.store import FigureRow
from tests.helpers import run_cli


def row(article: str, unit_award: str, count: int) -> FigureRow:
    return FigureRow(
        article_id=article,
        title="",
        source=article,
        url=f"https://x.vn/{article}",
        published_at="2026-11-20T09:00:00+07:00",
        count=count,
        recipient_kind="tập thể",
        award=unit_award,
        level="",
        status="awarded",
        sentence=f"{count} tập thể",
        is_total=False,
        period="2026",
    )


LEDGER = build_ledger(
    [
        row("a1", "Bằng khen", 12),
        row("a2", "Bằng khen", 15),  # disagrees with a1: discrepancy
        row("b1", "Giấy khen", 7),
        row("b2", "Giấy khen", 7),  # agrees with b1
        row("c1", "Cờ thi đua", 3),  # single
        row("d1", "Huân chương", 2),  # single
    ],
    {},
    lambda _: "UBND tỉnh Nghệ An",
)


def test_counts_of_every_choice():
    assert verdict_counts(LEDGER) == {
        "compared": 2,
        "discrepancy": 1,
        "agree": 1,
        "single": 2,
        "all": 4,
    }
    assert set(verdict_counts(LEDGER)) == set(VERDICT_CHOICES)


def test_each_choice_keeps_its_rows_in_ledger_order():
    assert [r.verdict for r in with_verdict(LEDGER, "compared")] == ["discrepancy", "agree"]
    assert [r.award for r in with_verdict(LEDGER, "discrepancy")] == ["Bằng khen"]
    assert [r.award for r in with_verdict(LEDGER, "single")] == ["Cờ thi đua", "Huân chương"]
    assert with_verdict(LEDGER, "all") == LEDGER
    for choice in VERDICT_CHOICES:
        assert len(with_verdict(LEDGER, choice)) == verdict_counts(LEDGER)[choice]


def test_cli_verdict_needs_compare_and_a_known_choice(tmp_path):
    store = f"sqlite:///{tmp_path / 'empty.db'}"
    alone = run_cli("figures", "--verdict", "single", "--store", store)
    assert alone.returncode != 0 and "add --compare" in alone.stderr
    wrong = run_cli("figures", "--compare", "--verdict", "wrong", "--store", store)
    assert wrong.returncode != 0 and "--verdict takes compared" in wrong.stderr
    assert "Traceback" not in alone.stderr + wrong.stderr
