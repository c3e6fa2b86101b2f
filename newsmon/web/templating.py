"""The Jinja2 environment: autoescaping on for every template, and the filters
that write dates and numbers the Vietnamese way."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from newsmon.web.formatting import vn_date, vn_datetime, vn_number

TEMPLATES = Path(__file__).parent / "templates"

STATUS_VI = {"awarded": "đã trao", "proposed": "đề nghị", "target": "chỉ tiêu"}
ROLE_VI = {"viewer": "xem", "editor": "biên tập", "admin": "quản trị"}
VERDICT_VI = {"discrepancy": "Chênh lệch", "agree": "Khớp nhau", "single": "Một nguồn"}


def _query(**params: Any) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "", False)})


def make_templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.filters.update(
        vn_date=vn_date,
        vn_datetime=vn_datetime,
        vn_number=vn_number,
        status_vi=lambda s: STATUS_VI.get(s, s),
        verdict_vi=lambda s: VERDICT_VI.get(s, s),
        role_vi=lambda s: ROLE_VI.get(s, s),
    )
    env.globals["qs"] = _query
    return Jinja2Templates(env=env)


def render(request: Request, template: str, status_code: int = 200, **context: Any):
    """A page with the user and CSRF token every template needs."""
    templates = request.app.state.web.templates
    context.setdefault("user", getattr(request.state, "user", None))
    context.setdefault("csrf", getattr(request.state, "csrf", ""))
    return templates.TemplateResponse(request, template, context, status_code=status_code)
