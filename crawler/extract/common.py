"""What every site parser shares: the result type, text cleaning, Vietnamese dates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from parsel import Selector

VIETNAM = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


class ExtractError(ValueError):
    """The page is not an article this parser can read (missing title or body)."""


@dataclass
class ExtractedArticle:
    title: str
    body: str
    canonical_url: str
    sapo: str = ""
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    category: str = ""
    tags: list[str] = field(default_factory=list)
    agency: str = ""
    images: list[dict[str, str]] = field(default_factory=list)
    parser: str = ""


_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """NFC, one space between words, no leading or trailing blanks."""
    text = unicodedata.normalize("NFC", text or "").replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def node_text(sel: Selector | None) -> str:
    if sel is None:
        return ""
    return clean(" ".join(sel.xpath(".//text()").getall()))


def first_text(root: Selector, *css: str) -> str:
    for query in css:
        found = root.css(query)
        if found:
            text = node_text(found[0])
            if text:
                return text
    return ""


def drop(root: Selector, *css: str) -> None:
    """Remove noise (related links, share boxes, ads) before reading the body."""
    for query in css:
        for node in root.css(query):
            node.drop()


def paragraphs(container: Selector, sapo: str = "") -> str:
    """Body text as paragraphs separated by blank lines; the repeated sapo and
    empty paragraphs are left out."""
    seen: set[str] = set()
    out: list[str] = []
    for p in container.css("p"):
        text = node_text(p)
        if not text or text == sapo or text in seen:
            continue
        seen.add(text)
        out.append(text)
    return "\n\n".join(out)


_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:\D+?(\d{1,2})[:h](\d{2}))?")


def parse_vietnamese_datetime(text: str) -> datetime | None:
    """Dates as the sites write them: "Thứ Bảy, 13/05/2023 17:27",
    "lúc : 11/07/14 11:35", or ISO 8601; naive times are Vietnam time."""
    text = clean(text)
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return value if value.tzinfo else value.replace(tzinfo=VIETNAM)
    except ValueError:
        pass
    m = _DATE.search(text)
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if year < 100:
        year += 2000
    hour, minute = int(m.group(4) or 0), int(m.group(5) or 0)
    try:
        return datetime(year, month, day, hour, minute, tzinfo=VIETNAM)
    except ValueError:
        return None


def canonical_url(root: Selector, url: str) -> str:
    return (root.css('link[rel="canonical"]::attr(href)').get()
            or root.css('meta[property="og:url"]::attr(content)').get()
            or url).strip()


def meta(root: Selector, prop: str) -> str:
    return clean(root.css(f'meta[property="{prop}"]::attr(content)').get()
                 or root.css(f'meta[name="{prop}"]::attr(content)').get())


_AGENCY = re.compile(r"^\(?\s*([^()]*?)\s*\)?$")


def agency_credit(text: str) -> str:
    """"(TTXVN/Vietnam+)" → "TTXVN/Vietnam+"."""
    m = _AGENCY.match(clean(text))
    return m.group(1) if m else ""


def split_authors(text: str) -> list[str]:
    text = re.sub(r"\(.*?\)", "", clean(text))
    parts = re.split(r"\s*(?:,|;| - | và |/)\s*", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]
