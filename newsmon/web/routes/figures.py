"""Số liệu khen thưởng: the award figures of the matching articles, filtered
like `newsmon figures`, with the same per-kind sums, and the ledger view
(`figures --compare`)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from newsmon.config import ConfigError
from newsmon.figuring import (
    VERDICT_CHOICES,
    figure_filter,
    one_per_story,
    verdict_counts,
    with_verdict,
)
from newsmon.index.ledger import LedgerRow
from newsmon.index.prepare import status_value
from newsmon.index.query import QueryError
from newsmon.index.store import SUM_BY
from newsmon.web.auth import require_user
from newsmon.web.messages import query_error
from newsmon.web.routes.search import read_query
from newsmon.web.templating import render

router = APIRouter(dependencies=[Depends(require_user)])

PAGE_SIZE = 50
#: ledger rows per page: each row lists every source's sentence, so fewer fit
LEDGER_PAGE_SIZE = 20
VERDICT_LABELS = {
    "compared": "Nhiều nguồn",
    "discrepancy": "Chênh lệch",
    "agree": "Khớp nhau",
    "single": "Một nguồn",
    "all": "Tất cả",
}
SUM_LABELS = {
    "unit": "đơn vị",
    "level": "cấp",
    "award": "hình thức",
    "status": "tình trạng",
    "source": "nguồn",
}
LEVELS = ("Nhà nước", "Chính phủ", "bộ/ngành", "tỉnh", "huyện", "cơ sở")


@router.get("/figures")
def figures_page(
    request: Request,
    q: str = "",
    unit: str = "",
    campaign: str = "",
    level: str = "",
    award: str = "",
    status: str = "",
    year: str = "",
    sum_by: str = "level",
    view: str = "table",
    verdict: str = "compared",
    page: int = 1,
):
    form = {
        "q": q,
        "unit": unit,
        "campaign": campaign,
        "level": level,
        "award": award,
        "status": status,
        "year": year,
        "sum_by": sum_by,
        "view": view,
    }
    if view == "compare":
        verdict = verdict if verdict in VERDICT_CHOICES else "compared"
        form["verdict"] = verdict
    context = {
        "form": form,
        "title": "Số liệu khen thưởng",
        "sum_by_choices": SUM_LABELS,
        "levels": LEVELS,
        "view": view,
    }
    try:
        flt = _filter(q, unit, campaign, level, award, status, year)
    except (QueryError, ConfigError) as exc:
        return render(request, "figures.html", status_code=400, error=query_error(exc), **context)
    sum_by = sum_by if sum_by in SUM_BY else "level"
    web = request.app.state.web
    with web.store() as db:
        if view == "compare":
            ledger = db.ledger(flt)
            return _compare(request, ledger, verdict, page, context)
        sums = db.figure_sums(flt, sum_by)
        rows = db.figures(flt)
        story_of = db.story_of(list(dict.fromkeys(r.article_id for r in rows)))
    shown = one_per_story(rows, story_of)
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(max(1, page), pages)
    return render(
        request,
        "figures.html",
        sums=sums,
        sum_label=SUM_LABELS[sum_by],
        rows=shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(shown),
        copies=len(rows),
        stories=len(set(story_of.values())),
        page=page,
        pages=pages,
        **context,
    )


def _compare(request: Request, ledger: list[LedgerRow], verdict: str, page: int, context: dict):
    """The ledger view: the rows of one verdict choice, a page at a time, with the
    count of every choice (the same rows and counts as `figures --compare
    --verdict`, from the same ledger code)."""
    counts = verdict_counts(ledger)
    rows = with_verdict(ledger, verdict)
    pages = max(1, -(-len(rows) // LEDGER_PAGE_SIZE))
    page = min(max(1, page), pages)
    base = {k: v for k, v in context["form"].items() if k != "verdict"}
    return render(
        request,
        "figures.html",
        ledger=rows[(page - 1) * LEDGER_PAGE_SIZE : page * LEDGER_PAGE_SIZE],
        verdict=verdict,
        verdicts=[
            {"value": v, "label": VERDICT_LABELS[v], "count": counts[v], "params": base}
            for v in VERDICT_CHOICES
        ],
        shown=len(rows),
        first=(page - 1) * LEDGER_PAGE_SIZE + 1,
        page=page,
        pages=pages,
        **context,
    )


def _filter(q: str, unit: str, campaign: str, level: str, award: str, status: str, year: str):
    """The CLI's figure filter from the form; ConfigError in Vietnamese for a bad
    status or year, QueryError for a bad query."""
    year = year.strip()
    if year and not (year.isdigit() and len(year) == 4):
        raise ConfigError(f"Năm “{year}” không hợp lệ: viết bốn chữ số, ví dụ 2026.")
    try:
        status_v = status_value(status) if status else None
    except QueryError:
        raise ConfigError("Tình trạng là đã trao, đề nghị hoặc chỉ tiêu.") from None
    return figure_filter(
        read_query(q),
        unit=unit.strip() or None,
        campaign=campaign.strip() or None,
        level=level or None,
        award=award.strip() or None,
        status=status_v,
        year=int(year) if year else None,
    )
