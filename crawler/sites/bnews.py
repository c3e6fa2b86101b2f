"""bnews.vn (Bnews, TTXVN economic news); the Lao News Agency (KPL) runs the same CMS.

`.post-top-entry h1`, body `.post-ct-entry`, date `span.post-time`
(`dd/mm/yyyy HH:MM` after an icon), tags `ul.post-tags a`, category the last
breadcrumb link. The sapo `div.post-summary` opens with the agency credit in a
`<span>` ("(BNEWS)", "(TTXVN)") and sits *inside* the body on some pages,
sometimes wrapped in a `<p>`: it is read, then removed, so the body never
repeats it. The byline is the body's closing bold paragraph ("A - B").
"""

from __future__ import annotations

import re

from parsel import Selector

from newsmon.crawler.extract.common import (
    ExtractedArticle,
    agency_credit,
    all_texts,
    base_url,
    byline_paragraph,
    canonical_url,
    clean,
    collect_images,
    drop,
    first_text,
    joined_body,
    meta,
    node_text,
    paragraph_list,
    parse_vietnamese_datetime,
    split_byline,
    strip_leading_credit,
)
from newsmon.crawler.sites import Site

# Photos in tables, captions in td.image_desc (sometimes holding a <p>).
TABLE_PHOTOS = ("table.image, figure", "td.image_desc|figcaption")
NOISE = (
    "div.post-related-inline",
    "div.post-related",
    "div.ads",
    "div.post-share",
    "script",
    "style",
    "noscript",
)


def _post_entry(root: Selector, url: str) -> ExtractedArticle | None:
    title = first_text(root, ".post-top-entry h1", "article.post-entry h1")
    body_box = root.css(".post-ct-entry")
    if not title or not body_box:
        return None
    sapo, agency = _summary(root)
    drop(root, "div.post-summary", *NOISE)
    images = collect_images(body_box, base_url(root, url), *TABLE_PHOTOS)
    drop(body_box, "table.image", "figure")
    byline = byline_paragraph(body_box[0])
    byline_text = node_text(byline) if byline is not None else ""
    authors, credit = split_byline(byline_text)
    body = joined_body(paragraph_list(body_box[0], sapo, (byline_text,)), "bnews")
    return ExtractedArticle(
        title=title,
        sapo=sapo,
        body=body,
        canonical_url=canonical_url(root, url),
        authors=authors,
        published_at=parse_vietnamese_datetime(first_text(root, "span.post-time", ".post-time"))
        or parse_vietnamese_datetime(meta(root, "article:published_time")),
        category=_category(root),
        tags=all_texts(root, "ul.post-tags li a"),
        agency=agency or credit,
        images=images,
        parser="bnews",
    )


def _summary(root: Selector) -> tuple[str, str]:
    """(sapo, agency): the summary's text less its leading credit span."""
    box = root.css("div.post-summary")
    if not box:
        return "", ""
    credit = first_text(box, "span")
    text = node_text(box[0])
    if credit and text.startswith(credit):
        return clean(text[len(credit) :]), agency_credit(credit)
    text, agency = strip_leading_credit(text)
    return text, agency


def _category(root: Selector) -> str:
    links = [a for a in root.css("ul.breadcrumb a") if a.attrib.get("href") not in ("/", "")]
    return node_text(links[-1]) if links else meta(root, "article:section")


SITE = Site(
    name="bnews",
    title="Bnews (TTXVN, kinh tế)",
    hosts=("bnews.vn",),
    start_urls=("https://bnews.vn/",),
    # /<slug>/<ID>.html
    article_path=re.compile(r"/[a-z0-9-]+/\d+\.html$"),
    # sections /<section>/<ID>/ and their pages
    list_path=re.compile(r"/[a-z0-9-]+/\d+/?$|/[a-z0-9-]+/trang-\d+\.html$"),
    layouts=(_post_entry,),
)
