"""baotintuc.vn (Báo Tin tức, TTXVN).

Layouts, tried newest first (selectors from ../shared/reference/ttxvn-sites.md):

- current (about 2023–2026): `h1.detail-title`, `div.boxdetail div.contents`;
- longform pages: `.sc-longform-header-title`, `.boxdetail`;
- ASP.NET (about 2015–2018): `h1.title`, `#plhMain_NewsDetail1_divContentLive`.

Related links, widgets and share boxes sit inside or beside the body and are
dropped before the paragraphs are read.
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
    collect_images,
    drop,
    first_text,
    joined_body,
    meta,
    node_text,
    paragraph_list,
    parse_vietnamese_datetime,
    split_authors,
    split_byline,
    url_timestamp,
)
from newsmon.crawler.sites import Site

NOISE = (
    "ul.list-concern",
    "#plhMain_NewsDetail1_divRelation",
    "div.widget",
    "#plhMain_NewsDetail1_divSharelink",
    "div.banner-ads",
    "script",
    "style",
)
# Photos in tables, captions in td.image_desc (sometimes holding a <p>).
TABLE_PHOTOS = ("table.image, figure", "td.image_desc|figcaption")
OLD_NOISE = (*NOISE, "div.relatednews", "div.social", "div.comment", "div.tinkhac")


def _current(root: Selector, url: str) -> ExtractedArticle | None:
    title = first_text(root, "h1.detail-title")
    body_box = root.css("div.boxdetail div.contents")
    if not title or not body_box:
        return None
    sapo = first_text(root, "div.content h2.sapo", "h2.sapo")
    drop(root, *NOISE)
    images = collect_images(body_box, base_url(root, url), "figure", "figcaption")
    drop(body_box, "figure", "figcaption")
    author_box = root.css("div.author")
    published = parse_vietnamese_datetime(
        first_text(root, "div.action-link div.date span.txt", "div.date span.txt")
    ) or parse_vietnamese_datetime(meta(root, "article:published_time"))
    return ExtractedArticle(
        title=title,
        sapo=sapo,
        body=joined_body(paragraph_list(body_box[0], sapo), "baotintuc"),
        canonical_url=canonical_url(root, url),
        authors=split_authors(first_text(author_box, "strong")),
        published_at=published,
        category=first_text(root, "div.date h4.cate a", "h4.cate a"),
        tags=all_texts(root, "div.tagname a"),
        agency=agency_credit(first_text(author_box, "em")),
        images=images,
        parser="baotintuc",
    )


def _longform(root: Selector, url: str) -> ExtractedArticle | None:
    title = first_text(root, ".sc-longform-header-title")
    body_box = root.css(".boxdetail")
    if not title or not body_box:
        return None
    sapo = first_text(root, "h2.sapo", ".sc-longform-header-sapo", ".sapo")
    drop(root, *NOISE)
    images = collect_images(body_box, base_url(root, url), "figure", "figcaption")
    drop(body_box, "figure", "figcaption", "h2.sapo")
    return _finish(
        root,
        url,
        title,
        sapo,
        body_box[0],
        images,
        published=(
            parse_vietnamese_datetime(meta(root, "article:published_time"))
            or parse_vietnamese_datetime(first_text(root, "div.date span.txt", ".time"))
        ),
    )


def _aspnet_2016(root: Selector, url: str) -> ExtractedArticle | None:
    title = first_text(root, "h1.title")
    body_box = root.css("#plhMain_NewsDetail1_divContentLive") or root.css("div.boxdetail")
    if not title or not body_box:
        return None
    sapo = first_text(root, "#plhMain_NewsDetail1_divSapoLive", "h2.sapo")
    drop(root, *OLD_NOISE)
    images = collect_images(body_box, base_url(root, url), *TABLE_PHOTOS)
    drop(body_box, "table.image", "figure")
    published = parse_vietnamese_datetime(first_text(root, "div.boxtime div.time", "div.time"))
    return _finish(root, url, title, sapo, body_box[0], images, published=published)


def _finish(
    root: Selector,
    url: str,
    title: str,
    sapo: str,
    body_box: Selector,
    images: list[dict],
    published,
) -> ExtractedArticle:
    """Older layouts: the byline is the body's closing right-aligned paragraph."""
    byline = byline_paragraph(body_box)
    authors, agency = split_byline(node_text(byline)) if byline is not None else ([], "")
    canonical = canonical_url(root, url)
    return ExtractedArticle(
        title=title,
        sapo=sapo,
        body=joined_body(
            paragraph_list(body_box, sapo, (node_text(byline),) if byline else ()), "baotintuc"),
        canonical_url=canonical,
        authors=authors,
        published_at=published or url_timestamp(canonical),
        category=first_text(root, "div.breakcrum a.active", "div.date h4.cate a")
        or meta(root, "article:section"),
        tags=all_texts(root, "div.tagname a"),
        agency=agency,
        images=images,
        parser="baotintuc",
    )



SITE = Site(
    name="baotintuc",
    title="Báo Tin tức (TTXVN)",
    hosts=("baotintuc.vn",),
    start_urls=("https://baotintuc.vn/tin-moi-nhat.rss",),
    # /<category>/<slug>-<17-digit timestamp>.htm
    article_path=re.compile(r"/[a-z0-9-]+/[a-z0-9-]+-\d{17}\.htm$"),
    # /<category>-<id>ct<parent>.htm and its pages /<category>-<id>ct<parent>/trang-<N>.htm
    list_path=re.compile(r"/[a-z0-9-]+-\d+ct\d+(?:/trang-\d+)?\.htm$"),
    layouts=(_current, _longform, _aspnet_2016),  # each returns None before changing root
)
