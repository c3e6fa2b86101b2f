"""A publisher's page layout written as data, and the one reader for all of them.

Most outlets differ only in where the headline, sapo, body, byline and date
sit; their parsers are then a `Layout` per layout era (newest first) and
`read_layouts`. Pages a layout does not recognise (no headline or no body
where it expects them) give None, so the next era, and after the last one the
metadata path, is tried. A site whose pages need more than selectors writes
its own function for that era (`Era`), as crawler/sites/baotintuc.py does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from parsel import Selector

from newsmon.crawler.extract.common import (
    ExtractedArticle,
    ExtractError,
    all_texts,
    base_url,
    byline_paragraph,
    canonical_url,
    clean,
    collect_images,
    drop,
    first_text,
    meta,
    node_text,
    paragraph_list,
    parse_vietnamese_datetime,
    selector,
    split_byline,
    split_list,
    strip_leading_credit,
)

# Boxes no outlet wants in a body: related-article cards, share bars, ads,
# scripts, app banners.
COMMON_NOISE = (
    "script", "style", "noscript", "iframe", "[class*=relate]:not(p):not(a):not(span)",
    "[class*=share]", "[class*=social]", "[class*=banner]", "[class~=ads]", "[class*=ads-]",
    "[class*=-ads]", "[class*=advert]", ".app-download",
)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


@dataclass(frozen=True)
class Layout:
    """Where one layout era keeps each field; every selector list is tried in
    order. `date` entries may read an attribute (`time::attr(datetime)`).
    `byline_last` says the byline is the body's closing bold or right-aligned
    paragraph; `category` is the last match (a breadcrumb's deepest link)."""

    era: str
    title: tuple[str, ...]
    body: tuple[str, ...]
    sapo: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    byline_last: bool = False
    category: str = ""
    tags: str = ""
    noise: tuple[str, ...] = ()
    photos: str = "figure"
    captions: str = "figcaption"
    sapo_stamp: str = ""  # a location stamp opening the sapo ("HÀ NỘI"), joined with " - "


#: One layout era: selectors as data, or a function that reads the page itself.
#: Either gives None, without changing the page, when it does not recognise it,
#: so the next era reads the same parsed page.
Era = Layout | Callable[[Selector, str], ExtractedArticle | None]


def read_layouts(html: str, url: str, parser: str, layouts: tuple[Era, ...]
                 ) -> ExtractedArticle:
    """The article as the first recognising layout reads it; ExtractError
    ("not_an_article") when none recognises the page, ("empty") when one does
    but its body has no text."""
    root = selector(html)
    for layout in layouts:
        article = (read_layout(root, url, parser, layout) if isinstance(layout, Layout)
                   else layout(root, url))
        if article is not None:
            return article
    raise ExtractError(f"no {parser} layout recognised here")


def read_layout(root: Selector, url: str, parser: str, layout: Layout
                ) -> ExtractedArticle | None:
    title = first_text(root, *layout.title)
    boxes = [box for css in layout.body for box in root.css(css)[:1]]
    if not title or not boxes:
        return None
    body_box = boxes[0]
    sapo, agency = strip_leading_credit(_sapo(root, layout))
    published = _date(root, layout)
    drop(body_box, *COMMON_NOISE, *layout.noise)
    images = collect_images(body_box, base_url(root, url), layout.photos, layout.captions)
    for holder in body_box.css(layout.photos):
        if holder.css("img, picture, video"):  # a photo-less figure is a boxed quote: text
            holder.drop()
    byline = byline_paragraph(body_box) if layout.byline_last else None
    byline_text = node_text(byline) if byline is not None else ""
    authors, credit = split_byline(_names(root, layout.authors) or byline_text)
    paras = paragraph_list(body_box, sapo, (byline_text,) if byline_text else ())
    if not paras:
        raise ExtractError(f"{parser} layout {layout.era} recognised but the body is empty",
                           "empty")
    return ExtractedArticle(
        title=title,
        sapo=sapo,
        body="\n\n".join(paras),
        canonical_url=canonical_url(root, url),
        authors=authors,
        published_at=published,
        category=_last(root, layout.category) or meta(root, "article:section"),
        tags=(all_texts(root, layout.tags) if layout.tags else [])
        or split_list(meta(root, "news_keywords")),
        agency=agency or credit,
        images=images,
        parser=parser,
    )


def _sapo(root: Selector, layout: Layout) -> str:
    """The sapo; a location stamp printed in its own element before it
    ("<span class='location-stamp'>Hà Nội</span>Sáng 2/12…") is set off by " - "."""
    for css in layout.sapo:
        for node in root.css(css):
            text = node_text(node)
            if not text:
                continue
            stamp = first_text(node, layout.sapo_stamp) if layout.sapo_stamp else ""
            if stamp and text.startswith(stamp):
                return clean(f"{stamp} - {text[len(stamp):]}")
            return text
    return ""


def _date(root: Selector, layout: Layout) -> datetime | None:
    for css in layout.date:
        for value in (root.css(css).getall() if "::attr(" in css else
                      [node_text(n) for n in root.css(css)]):
            found = parse_vietnamese_datetime(value)
            if found:
                return found
    for prop in ("article:published_time", "pubdate", "datePublished"):
        found = parse_vietnamese_datetime(meta(root, prop))
        if found:
            return found
    for script in root.css('script[type="application/ld+json"]::text').getall():
        m = _LD_DATE.search(script)
        if m and (found := parse_vietnamese_datetime(m.group(1))):
            return found
    return None


def _names(root: Selector, css_list: tuple[str, ...]) -> str:
    """The byline: every name the first matching selector finds, joined by commas
    (two `a.name` links are two authors)."""
    for css in css_list:
        names = all_texts(root, css)
        if names:
            return ", ".join(names)
    return ""


def _last(root: Selector, css: str) -> str:
    texts = all_texts(root, css) if css else []
    return texts[-1] if texts else ""
