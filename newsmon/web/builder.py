"""The query builder: form fields turned into query-language text, which the
search box then shows and the user can edit by hand. The same function runs
in the browser (static/app.js) for the live preview; the server's answer is
the one that counts."""

from __future__ import annotations

from collections.abc import Mapping

from newsmon.web.formatting import iso_day

#: builder field → query field, in the order they are written
FIELDS = (
    ("unit", "unit"),
    ("campaign", "campaign"),
    ("place", "place"),
    ("person", "person"),
    ("source", "source"),
    ("award", "award"),
)


class BuilderError(ValueError):
    """A builder value that cannot become a query (a date in another form)."""


def _quoted(value: str) -> str:
    value = " ".join(value.replace('"', " ").split())
    return f'"{value}"' if any(c.isspace() or c in "():" for c in value) else value


def build(form: Mapping[str, str]) -> str:
    """`unit:"UBND tỉnh Nghệ An" from:2026-11-01 has:award` from the builder's
    fields (b_unit, b_from, b_has_award…); "" when all are empty."""
    parts = []
    for key, name in FIELDS:
        value = (form.get(f"b_{key}") or "").strip()
        if value:
            parts.append(f"{name}:{_quoted(value)}")
    for key in ("from", "to"):
        value = (form.get(f"b_{key}") or "").strip()
        if value:
            day = iso_day(value)
            if day is None:
                label = "Từ ngày" if key == "from" else "Đến ngày"
                raise BuilderError(f"{label}: “{value}” không phải ngày dd/mm/yyyy.")
            parts.append(f"{key}:{day}")
    if form.get("b_has_award"):
        parts.append("has:award")
    return " ".join(parts)


def combine(query: str, built: str) -> str:
    return " ".join(p for p in (query.strip(), built) if p)


def narrowed(query: str, field: str, value: str) -> str:
    """The query with one more field (a clicked facet)."""
    return combine(query, f"{field}:{_quoted(value)}")
