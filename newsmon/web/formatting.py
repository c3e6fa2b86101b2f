"""Dates and numbers as Vietnamese readers write them: dd/mm/yyyy, 1.234."""

from __future__ import annotations

import re
from datetime import datetime

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\s*$")


def vn_date(value: str | datetime | None) -> str:
    """ "2026-11-18T07:45:00+07:00" → "18/11/2026"; "" for none."""
    if not value:
        return ""
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    y, m, d = text[:4], text[5:7], text[8:10]
    if d:
        return f"{d}/{m}/{y}"
    return f"{m}/{y}" if m else y


def vn_datetime(value: str | datetime | None) -> str:
    """ "2026-11-18T07:45:00+07:00" → "18/11/2026 07:45"."""
    if not value:
        return ""
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    clock = text[11:16]
    return f"{vn_date(text)} {clock}".strip()


def bucket_label(bucket: str, interval: str) -> str:
    """A timeline bucket ("2026-11", "2026-11-16") as dd/mm/yyyy or mm/yyyy."""
    return vn_date(bucket) if interval != "month" else f"{bucket[5:7]}/{bucket[:4]}"


def vn_number(value: int | float) -> str:
    return f"{value:,}".replace(",", ".")


def iso_day(text: str) -> str | None:
    """A date typed as dd/mm/yyyy (or YYYY[-MM[-DD]]) in the query language's
    form; None when it is neither."""
    m = _DMY.match(text)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        try:
            return datetime(y, mo, d).strftime("%Y-%m-%d")
        except ValueError:
            return None
    return text.strip() if _ISO.match(text) else None
