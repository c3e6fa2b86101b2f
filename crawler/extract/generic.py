"""The last resort, for pages whose metadata gives no title or no date:
trafilatura's title, author and main text; the date from a visible Vietnamese
timestamp ("Thứ Hai, 09/11/2026 - 07:30") near the headline, else htmldate.
Whatever metadata there is (description, author, section, tags) is still used.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

import htmldate

from newsmon.crawler.extract.classify import check, to_text
from newsmon.crawler.extract.common import (
    ExtractedArticle,
    ExtractError,
    first_text,
    node_text,
    parse_vietnamese_datetime,
    strip_leading_credit,
)
from newsmon.crawler.extract.metadata import build, read_fields
from newsmon.crawler.extract.page import Page

log = logging.getLogger(__name__)

_BREADCRUMB = (".breadcrumb a", ".breakcrum a", ".breadcrumbs a", "nav.breadcrumb a",
               ".direction a")
_SAPO_NODES = ("p.lead", ".sapo", ".lead", ".summary", ".description", "h2.sapo")


def extract(html: str, url: str) -> ExtractedArticle:
    return extract_page(Page(to_text(html), url))


def extract_page(page: Page) -> ExtractedArticle:
    fields = read_fields(page)
    doc = page.trafilatura
    fields.title = (first_text(page.root, "article h1", "main h1") or fields.title
                    or _clean_attr(doc, "title") or first_text(page.root, "h1"))
    if not fields.title:
        check(page, sum(map(len, page.main_paragraphs)))
        raise ExtractError("no title found on the page")
    if not fields.sapo:
        fields.sapo, agency = strip_leading_credit(first_text(page.root, *_SAPO_NODES))
        fields.agency = fields.agency or agency
    fields.published_at = fields.published_at or visible_date(page) or _htmldate(page)
    fields.category = fields.category or _breadcrumb(page)
    return build(page, fields, "generic")


def visible_date(page: Page) -> datetime | None:
    """The timestamp nearest the headline: among date-like elements (`time`,
    `itemprop=datePublished`, class *date*/*time*/*publish*), those sharing the
    deepest ancestor with the first <h1> come first, then those after it, then
    the closest; their `datetime`/`content` attribute is read first, else their text."""
    root = page.root.root
    h1 = next(iter(root.iter("h1")), None)
    # keyed by the elements themselves, which keeps lxml's proxies (and their identity) alive
    depth = {node: d for d, node in enumerate(h1.iterancestors())} if h1 is not None else {}
    candidates: list[tuple[int, Any]] = []
    h1_position = 0
    for position, node in enumerate(n for n in root.iter() if isinstance(n.tag, str)):
        if node is h1:
            h1_position = position
        elif _is_date_node(node):
            candidates.append((position, node))

    def rank(candidate: tuple[int, Any]) -> tuple[int, bool, int]:
        position, node = candidate
        shared = next((depth[a] for a in node.iterancestors() if a in depth), len(depth))
        return shared, position < h1_position, abs(position - h1_position)

    for _, node in sorted(candidates, key=rank):
        text = node.get("datetime") or node.get("content") or node.xpath("string()")
        found = parse_vietnamese_datetime(text[:200]) if text else None
        if found:
            return found
    return None


def _is_date_node(node) -> bool:
    if node.tag == "time" or node.get("itemprop") == "datePublished":
        return True
    classes = (node.get("class") or "").lower()
    return any(word in classes for word in ("date", "time", "publish"))


def _breadcrumb(page: Page) -> str:
    for css in _BREADCRUMB:
        links = [a for a in page.root.css(css) if a.attrib.get("href") not in ("/", "")
                 and "home" not in a.attrib.get("class", "")]
        if links:
            return node_text(links[-1])
    return ""


def _htmldate(page: Page) -> datetime | None:
    try:
        found = htmldate.find_date(page.html, extensive_search=True, original_date=True,
                                   url=page.url)
    except Exception as exc:  # htmldate on a tree it cannot read
        log.debug("htmldate failed on %s: %s", page.url, exc)
        return None
    return parse_vietnamese_datetime(found) if found else None


def _clean_attr(doc, name: str) -> str:
    value = getattr(doc, name, None) or ""
    return re.sub(r"\s+", " ", str(value)).strip()
