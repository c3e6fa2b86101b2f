"""Nguồn: each configured source's health as `newsmon sources` shows it, the
layout-change alarm in plain words, and (for editors) adding and removing sources."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from newsmon.config import ConfigError, Source, load_sources
from newsmon.health import overview
from newsmon.web.auth import Editor, require_user
from newsmon.web.templating import render

router = APIRouter(dependencies=[Depends(require_user)])


def _page(request: Request, error: str = "", added: str = "", removed: str = "", status: int = 200):
    web = request.app.state.web
    configured = load_sources(web.sources_file)
    with web.store() as db:
        seen = overview([s.name for s in configured], db.source_health())
    return render(
        request,
        "sources.html",
        status_code=status,
        seen=seen,
        starts={s.name: s.start_urls for s in configured},
        error=error,
        added=added,
        removed=removed,
        title="Nguồn",
    )


@router.get("/sources")
def sources_page(request: Request, added: str = "", removed: str = ""):
    return _page(request, added=added, removed=removed)


@router.post("/sources/{name}/remove")
def remove_source_form(request: Request, name: str, user: Editor):
    """Stop collecting a source, as `newsmon sources remove` does; its articles stay."""
    from newsmon.sources import remove_source

    web = request.app.state.web
    if name not in {s.name for s in load_sources(web.sources_file)}:
        return _page(request, error=f"Không có nguồn “{name}” (có thể vừa bị bỏ).", status=404)
    remove_source(name, web.sources_file)
    return RedirectResponse(f"/sources?{urlencode({'removed': name})}", status_code=303)


@router.post("/sources")
async def add_source_form(request: Request, user: Editor):
    """Add a site: its feeds and sitemaps are found as `newsmon sources add`
    finds them, through the same egress policy (no private addresses)."""
    from newsmon.crawler.settings import USER_AGENT
    from newsmon.sources import add_source, detect
    from newsmon.urls import check_public_url

    form = await request.form()
    url = str(form.get("url") or "").strip()
    name = str(form.get("name") or "").strip()
    web = request.app.state.web
    try:
        if not url:
            raise ConfigError("Nhập địa chỉ trang chủ, RSS hoặc sitemap của trang báo.")
        found = detect(check_public_url(url), USER_AGENT)
        if name:
            found = Source(name, found.spider, found.start_urls)
        add_source(found, web.sources_file)
    except ConfigError as exc:
        return _page(request, error=f"Không thêm được nguồn: {exc}", status=400)
    return RedirectResponse(f"/sources?added={found.name}", status_code=303)
