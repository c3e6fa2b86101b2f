"""Any news site that describes its articles: JSON-LD (NewsArticle, Article,
ReportageNewsArticle…, also inside `@graph`), OpenGraph and `article:*` meta,
read with extruct; the body is trafilatura's main text (precision first).

Title and publication date must come from the metadata, else ExtractError and
the generic extractor takes over. Naive dates are Vietnam time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from newsmon.crawler.extract.classify import check, to_text
from newsmon.crawler.extract.common import (
    ExtractedArticle,
    ExtractError,
    canonical_url,
    first_text,
    meta,
    node_text,
    parse_vietnamese_datetime,
    split_authors,
    split_byline,
    split_list,
    strip_leading_credit,
    unescape,
)
from newsmon.crawler.extract.page import Page

_DATE_META = ("article:published_time", "og:published_time", "datePublished", "pubdate",
              "publishdate", "publish-date", "dc.date.issued", "date")


@dataclass
class Fields:
    """What the page's metadata says about the article."""

    title: str = ""
    sapo: str = ""
    authors: list[str] = field(default_factory=list)
    agency: str = ""
    published_at: datetime | None = None
    category: str = ""
    tags: list[str] = field(default_factory=list)
    canonical_url: str = ""


def extract(html: str, url: str) -> ExtractedArticle:
    return extract_page(Page(to_text(html), url))


def extract_page(page: Page) -> ExtractedArticle:
    fields = read_fields(page)
    if not fields.title or fields.published_at is None:
        check(page, sum(map(len, page.main_paragraphs)))
        raise ExtractError("no title or no publication date in the page's metadata")
    return build(page, fields, "metadata")


def read_fields(page: Page) -> Fields:
    ld = page.ld_article
    sapo, agency = strip_leading_credit(
        unescape(_text(ld.get("description"))) or page.og_value("og:description")
        or meta(page.root, "description"))
    authors, credit = _authors(ld.get("author")) if ld.get("author") else ([], "")
    if not authors:
        authors, credit = split_byline(meta(page.root, "author"))
    return Fields(
        title=page.headline or unescape(_text(ld.get("headline") or ld.get("name")))
        or page.og_value("og:title"),
        sapo=sapo,
        authors=authors,
        agency=agency or credit,
        published_at=_published(page, ld),
        category=unescape(_text(ld.get("articleSection"))) or page.og_value("article:section")
        or _breadcrumb_category(page),
        tags=_keywords(ld.get("keywords")) or page.og_list("article:tag")
        or split_list(meta(page.root, "news_keywords") or meta(page.root, "keywords")),
        canonical_url=_canonical(page, ld),
    )


def build(page: Page, fields: Fields, parser: str) -> ExtractedArticle:
    """The article from its fields and the page's main text; ExtractError when
    the page is a video, a gallery, a list page or too short."""
    paras, byline = _body(page, fields)
    check(page, sum(map(len, paras)))
    _credit(page, fields, byline)
    return ExtractedArticle(
        title=fields.title,
        sapo=fields.sapo,
        body="\n\n".join(paras),
        canonical_url=fields.canonical_url,
        authors=fields.authors,
        published_at=fields.published_at,
        category=fields.category,
        tags=fields.tags,
        agency=fields.agency,
        images=page.images,
        parser=parser,
    )


# ------------------------------------------------------------------ body

_BYLINE_NODES = (".byline", "[rel=author]", "[itemprop=author]", ".author", ".article-author",
                 ".cms-author", ".article__author")
_NAME_LINE = re.compile(r"^[\w.\- –,&/+]+(?:\([^()]{1,40}\))?$")


def _body(page: Page, fields: Fields) -> tuple[list[str], str]:
    """Main-text paragraphs less the title, the sapo (also with its credit) and
    photo captions; and the closing byline ("A - B (TTXVN)"), taken off the end."""
    skip = {fields.title, fields.sapo, *(i["caption"] for i in page.images)}
    paras = [p for p in page.main_paragraphs
             if p not in skip and strip_leading_credit(p)[0] != fields.sapo]
    if paras and _is_byline(paras[-1], fields.authors):
        return paras[:-1], paras[-1]
    return paras, ""


def _credit(page: Page, fields: Fields, byline: str) -> None:
    """Authors and agency the metadata lacked: from the closing byline, a byline
    element, trafilatura's guess, a "(TTXVN)" credit line."""
    if not fields.authors:
        line = byline or first_text(page.root, *_BYLINE_NODES)
        if not line or len(line) > 80:  # trafilatura's guess, "A; B"
            line = unescape(getattr(page.trafilatura, "author", None)).replace(";", ",")
        fields.authors, agency = split_byline(line)
        fields.agency = fields.agency or agency
    if not fields.agency:
        fields.agency = split_byline(byline)[1] or _visible_credit(page)


def _visible_credit(page: Page) -> str:
    """"(TTXVN)" from a byline or source line such as "Thu Hà (TTXVN)"."""
    for css in (*_BYLINE_NODES, ".article__source", ".source"):
        for node in page.root.css(css)[:3]:
            text = node_text(node)
            if len(text) <= 80:
                credit = split_byline(text)[1]
                if credit:
                    return credit
    return ""


def _is_byline(text: str, authors: list[str]) -> bool:
    """"Trần Bảo Ngọc - Vũ Khánh", "Đức Hoàng (TTXVN)": short, names only."""
    if len(text) > 80 or not _NAME_LINE.match(text):
        return False
    names = split_authors(text)
    if authors and set(names) <= set(authors):
        return True
    words = re.sub(r"\([^()]*\)", "", text).replace("-", " ").replace(",", " ").split()
    return bool(words) and len(words) <= 12 and all(w[0].isupper() for w in words)


# ------------------------------------------------------------------ fields

def _text(value: Any) -> str:
    """A JSON-LD value as text: the first of a list, the name of an object."""
    if isinstance(value, list):
        return _text(value[0]) if value else ""
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or "")
    return str(value) if value else ""


def _authors(value: Any) -> tuple[list[str], str]:
    names: list[str] = []
    agency = ""
    for item in value if isinstance(value, list) else [value]:
        found, credit = split_byline(_text(item))
        agency = agency or credit
        names.extend(n for n in found if n not in names)
    return names, agency


def _keywords(value: Any) -> list[str]:
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        for word in split_list(_text(item)):
            if word not in out:
                out.append(word)
    return out


def _published(page: Page, ld: dict) -> datetime | None:
    for value in (_text(ld.get("datePublished")), _text(ld.get("dateCreated"))):
        found = parse_vietnamese_datetime(value)
        if found:
            return found
    for prop in _DATE_META:
        found = parse_vietnamese_datetime(page.og_value(prop) if ":" in prop
                                          else meta(page.root, prop))
        if found:
            return found
    value = page.root.css('[itemprop="datePublished"]::attr(content), '
                          '[itemprop="datePublished"]::attr(datetime)').get("")
    return parse_vietnamese_datetime(value)


def _breadcrumb_category(page: Page) -> str:
    for item in page.ld_items:
        if "BreadcrumbList" in str(item.get("@type")):
            elements = item.get("itemListElement") or []
            names = [unescape(_text(e.get("name") or e.get("item"))) for e in elements
                     if isinstance(e, dict)]
            names = [n for n in names if n and not n.startswith("http")]
            if len(names) > 1:
                return names[-1]
    return ""


def _canonical(page: Page, ld: dict) -> str:
    found = canonical_url(page.root, "")
    if found:
        return found
    main = ld.get("mainEntityOfPage")
    candidate = _text(ld.get("url")) or (main.get("@id") if isinstance(main, dict) else main)
    return urljoin(page.url, str(candidate)) if candidate else page.url
