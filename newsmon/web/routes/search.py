"""Tìm kiếm: the query box and its builder, hits with reprints collapsed,
facets to narrow, the timeline, paging, and exports of every match.

The query goes through the CLI's own steps (`query_text`, `parse`, `hints`,
then `search_stories` or `search`, `suggest`), so a query answers the same
here as in `newsmon search`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, StreamingResponse

from newsmon import render as cli_render
from newsmon.config import ConfigError
from newsmon.index.query import Query, QueryError, hints, parse
from newsmon.index.store import INTERVALS
from newsmon.querytext import query_text
from newsmon.web.auth import require_user
from newsmon.web.builder import BuilderError, build, combine, narrowed
from newsmon.web.highlight import snippet_segments
from newsmon.web.messages import query_error
from newsmon.web.templating import render
from newsmon.web.timeline import timeline

router = APIRouter(dependencies=[Depends(require_user)])

PAGE_SIZE = 20
#: facet groups: title, query field, Facets attribute
FACETS = (
    ("Đơn vị", "unit", "units"),
    ("Phong trào thi đua", "campaign", "campaigns"),
    ("Nguồn", "source", "sources"),
    ("Nhân vật", "person", "people"),
    ("Hình thức khen thưởng", "award", "awards"),
)
EXPORT_BATCH = 200


def read_query(text: str) -> Query:
    """The CLI's reading of a query: invisible characters dropped, control
    characters refused, then parsed into the tree every backend compiles."""
    return parse(query_text([text]))


@router.get("/")
def search_page(
    request: Request,
    q: str = "",
    page: int = 1,
    order: str = "",
    interval: str = "month",
    all: int = 0,
):
    params = request.query_params
    if any(k.startswith("b_") and params.get(k) for k in params):
        try:
            built = build(params)
        except BuilderError as exc:
            return render(
                request,
                "search.html",
                status_code=400,
                q=q,
                error={"message": str(exc), "pointer": ""},
                form=params,
                title="Tìm kiếm",
            )
        target = {"q": combine(q, built), "order": order, "interval": interval, "all": all}
        return RedirectResponse(
            "/?" + urlencode({k: v for k, v in target.items() if v}), status_code=303
        )
    chosen = order if order in ("relevance", "date") else ""
    order = chosen or ("relevance" if q.strip() else "date")
    interval = interval if interval in INTERVALS else "month"
    page = max(1, page)
    context: dict = {
        "q": q,
        "order": order,
        "chosen_order": chosen,
        "interval": interval,
        "all": all,
        "page": page,
        "title": f"{q} – Tìm kiếm" if q else "Tìm kiếm",
        "form": {},
        "page_size": PAGE_SIZE,
    }
    try:
        tree = read_query(q)
    except (QueryError, ConfigError) as exc:
        return render(request, "search.html", status_code=400, error=query_error(exc), **context)
    web = request.app.state.web
    with web.store() as db:
        run = db.search if all else db.search_stories
        result = run(
            tree,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
            order=order,
            facets=True,
            interval=interval,
        )
        suggestions = db.suggest(tree) if not result.total else []
    facets = []
    if result.facets:
        for title, field, attr in FACETS:
            rows = getattr(result.facets, attr)[:10]
            if rows:
                peak = max(n for _, n in rows)
                facets.append(
                    {
                        "title": title,
                        "field": field,
                        "peak": peak,
                        "rows": [
                            {"value": v, "count": n, "q": narrowed(q, field, v)} for v, n in rows
                        ],
                    }
                )
    hits = [
        {"hit": h, "snippet": snippet_segments(h.snippet.text, h.snippet.highlights)}
        for h in result.hits
    ]
    pages = max(1, -(-result.total // PAGE_SIZE))
    return render(
        request,
        "search.html",
        result=result,
        hits=hits,
        facets=facets,
        chart=timeline(result.facets.histogram if result.facets else [], interval),
        hints=hints(q),
        suggestions=suggestions,
        pages=pages,
        first=(page - 1) * PAGE_SIZE + 1,
        **context,
    )


def _export_tree(request: Request, q: str) -> Query:
    try:
        return read_query(q)
    except (QueryError, ConfigError) as exc:
        from starlette.exceptions import HTTPException

        raise HTTPException(400, query_error(exc)["message"]) from None


def _stream(request: Request, tree: Query, write) -> Iterator[bytes]:
    """Every match, in batches, from a store kept open while the download runs."""
    web = request.app.state.web
    with web.store() as db:
        batch: list = []
        for hit in db.iter_hits(tree, order="date"):
            batch.append(hit)
            if len(batch) >= EXPORT_BATCH:
                yield write(batch)
                batch = []
        yield write(batch, last=True)


def _filename(q: str, ext: str) -> str:
    return f'attachment; filename="newsmon-export.{ext}"'


@router.get("/export.csv")
def export_csv(request: Request, q: str = ""):
    """All matches as CSV, UTF-8 with a byte-order mark so Excel reads Vietnamese
    right; the same columns as `newsmon search --all --csv`."""
    tree = _export_tree(request, q)
    header = io.StringIO()
    csv.DictWriter(header, fieldnames=list(cli_render._HIT_COLUMNS)).writeheader()

    def write(hits, last: bool = False) -> bytes:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(cli_render._HIT_COLUMNS))
        writer.writerows(cli_render._hit_row(h) for h in hits)
        return buffer.getvalue().encode("utf-8")

    def body() -> Iterator[bytes]:
        yield "\ufeff".encode() + header.getvalue().encode("utf-8")
        yield from _stream(request, tree, write)

    return StreamingResponse(
        body(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": _filename(q, "csv")},
    )


@router.get("/export.json")
def export_json(request: Request, q: str = ""):
    """All matches as one JSON array, each hit as in `newsmon search --json`."""
    tree = _export_tree(request, q)
    state = {"first": True}

    def write(hits, last: bool = False) -> bytes:
        parts = []
        for h in hits:
            parts.append(
                ("" if state["first"] else ",\n")
                + json.dumps(cli_render.hit_json(h), ensure_ascii=False, default=str)
            )
            state["first"] = False
        return ("".join(parts) + ("\n]\n" if last else "")).encode("utf-8")

    def body() -> Iterator[bytes]:
        yield b"[\n"
        yield from _stream(request, tree, write)

    return StreamingResponse(
        body(), media_type="application/json", headers={"Content-Disposition": _filename(q, "json")}
    )
