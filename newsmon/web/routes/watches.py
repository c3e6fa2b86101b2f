"""Theo dõi: saved searches that alert. Everyone reads them; editors create
(from the current search in two clicks), edit, test and remove them. The
checks are the CLI's (`newsmon watch`): the same query parser, names,
cadences, addresses and webhook policy."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException

from newsmon.alerts.email import SendError
from newsmon.alerts.sender import alert_for, send
from newsmon.config import ConfigError
from newsmon.index.query import QueryError, parse
from newsmon.index.watches import Watch, WatchError, check_cadence, check_name, utc_now
from newsmon.watch_cli import destinations
from newsmon.web.auth import Editor, require_user
from newsmon.web.messages import DESTINATION_ERRORS, query_error
from newsmon.web.templating import render

router = APIRouter(dependencies=[Depends(require_user)])

CADENCE_VI = {"immediate": "ngay khi có", "daily": "hằng ngày", "weekly": "hằng tuần"}
NO_WATCHES = (
    "Kho dữ liệu này không lưu được theo dõi; dùng kho SQLite hoặc Elasticsearch của newsmon."
)


@contextmanager
def watch_store(request: Request, *, write: bool = False) -> Iterator[Any]:
    with request.app.state.web.store(write=write) as db:
        if not hasattr(db, "add_watch"):
            raise HTTPException(501, NO_WATCHES)
        yield db


def _lines(text: str) -> list[str]:
    return [p.strip() for p in text.replace(",", "\n").splitlines() if p.strip()]


def _suggested_name(query: str) -> str:
    from newsmon.nlp.normalize import fold

    words = "".join(c if c.isalnum() else "-" for c in fold(query).lower())
    return (
        "-".join(
            w
            for w in words.split("-")
            if w
            and w
            not in ("unit", "campaign", "place", "person", "source", "award", "has", "from", "to")
        )[:40]
        or "theo-doi"
    )


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: str(v) for k, v in form.items() if k != "csrf"}


def _watch_from(form: dict[str, str], base: Watch | None = None) -> Watch:
    query = form.get("query", "").strip()
    parse(query)
    cap = form.get("cap", "").strip()
    if cap and not (cap.isdigit() and int(cap) >= 1):
        raise ConfigError(f"Số bài tối đa “{cap}” phải là số nguyên dương.")
    found = []
    for field in ("emails", "webhooks"):
        for line in _lines(form.get(field, "")):
            try:
                found += destinations(
                    *([line], None) if field == "emails" else (None, [line]), False
                )
            except ConfigError as exc:
                raise ConfigError(
                    DESTINATION_ERRORS[field].format(value=line, detail=exc)
                ) from None
    fields = {
        "query": query,
        "cadence": check_cadence(form.get("cadence") or "immediate"),
        "destinations": found,
        "cap": int(cap) if cap else None,
    }
    if base is not None:
        return replace(base, **fields)
    return Watch(check_name(form.get("name", "").strip()), **fields)


def _form_page(
    request: Request, form: dict[str, str], error: Exception | None = None, editing: str = ""
):
    return render(
        request,
        "watch_form.html",
        status_code=400 if error else 200,
        form=form,
        error=query_error(error) if error else None,
        cadences=CADENCE_VI,
        editing=editing,
        title="Sửa theo dõi" if editing else "Theo dõi mới",
    )


@router.get("/watches")
def watches_page(request: Request):
    with watch_store(request) as db:
        watches = db.watches()
        pending = {w.name: len(db.outbox(watch=w.name)) for w in watches}
    return render(
        request,
        "watches.html",
        watches=watches,
        pending=pending,
        cadences=CADENCE_VI,
        title="Theo dõi",
    )


@router.get("/watches/new")
def new_watch(request: Request, user: Editor, q: str = ""):
    return _form_page(
        request, {"query": q, "name": _suggested_name(q) if q else "", "cadence": "immediate"}
    )


@router.post("/watches")
async def create_watch(request: Request, user: Editor):
    form = await _form(request)
    try:
        watch = _watch_from(form)
        backfill = form.get("backfill", "").strip()
        with watch_store(request, write=True) as db:
            db.add_watch(watch, backfill_days=int(backfill) if backfill.isdigit() else 0)
    except (QueryError, ConfigError, WatchError) as exc:
        return _form_page(request, form, exc)
    return RedirectResponse(f"/watches/{watch.name}", status_code=303)


def _detail(request: Request, name: str, **extra: Any):
    with watch_store(request) as db:
        try:
            watch = db.get_watch(name)
        except WatchError:
            raise HTTPException(404, f"Không có theo dõi “{name}”.") from None
        matches = db.watch_matches(name, 20)
        titles = {h.id: h for h in db.watch_hits(name, [m[0] for m in matches])}
        log = db.deliveries(name, 20)
        pending = db.outbox(watch=name)
    feed_url = str(request.url_for("feed", name=name, token=watch.secret)) if watch.secret else ""
    form = {
        "query": watch.query,
        "cadence": watch.cadence,
        "cap": watch.cap or "",
        "emails": "\n".join(d[6:] for d in watch.destinations if d.startswith("email:")),
        "webhooks": "\n".join(d[8:] for d in watch.destinations if d.startswith("webhook:")),
    }
    return render(
        request,
        "watch.html",
        watch=watch,
        matches=matches,
        hits=titles,
        log=log,
        pending=pending,
        feed_url=feed_url,
        cadences=CADENCE_VI,
        form=form,
        title=f"Theo dõi {name}",
        **extra,
    )


@router.get("/watches/{name}")
def watch_page(request: Request, name: str):
    return _detail(request, name)


@router.post("/watches/{name}")
async def edit_watch(request: Request, name: str, user: Editor):
    form = await _form(request)
    try:
        with watch_store(request, write=True) as db:
            try:
                current = db.get_watch(name)
            except WatchError:
                raise HTTPException(404, f"Không có theo dõi “{name}”.") from None
            db.update_watch(_watch_from(form, current))
    except (QueryError, ConfigError, WatchError) as exc:
        return _form_page(request, form, exc, editing=name)
    return RedirectResponse(f"/watches/{name}", status_code=303)


@router.post("/watches/{name}/test")
def test_watch(request: Request, name: str, user: Editor):
    """A sample alert to every destination now, as `newsmon watch test`; the
    outbox is left alone."""
    results: list[tuple[str, bool, str]] = []
    with watch_store(request) as db:
        try:
            watch = db.get_watch(name)
        except WatchError:
            raise HTTPException(404, f"Không có theo dõi “{name}”.") from None
        ids = [a for a, _ in db.watch_matches(name, 3)] or [
            h.id for h in db.search(parse(watch.query), limit=3, order="date").hits
        ]
        alert = alert_for(db, watch, ids)
        for destination in watch.destinations:
            key = f"test|{name}|{destination}|{utc_now().isoformat()}"
            try:
                results.append((destination, True, send(destination, alert, key, watch)))
            except SendError as exc:
                results.append((destination, False, str(exc)))
    if request.headers.get("hx-request"):
        return render(request, "_test_result.html", results=results, watch=watch)
    return _detail(request, name, results=results)


@router.post("/watches/{name}/delete")
def delete_watch(request: Request, name: str, user: Editor):
    with watch_store(request, write=True) as db:
        try:
            db.remove_watch(name)
        except WatchError:
            raise HTTPException(404, f"Không có theo dõi “{name}”.") from None
    return RedirectResponse("/watches", status_code=303)
