"""vietnamplus.vn (Vietnam+, TTXVN), including en.vietnamplus.vn.

Layouts, tried newest first (selectors from ../shared/reference/ttxvn-sites.md):

- current `article__*` BEM layout (about 2023–2026): share buttons, ads,
  related cards and the agency line `div.article__source` are nested *inside*
  the body, so they are dropped before reading;
- `details__*` layout (about 2019–2021): `h1.details__headline`, body
  `div.content.article-body.cms-body`, byline and time in `div.source`;
- `article-header` layout (about 2014–2018): `header.article-header h1`, byline
  `p.meta span.author`, body `div.article-body`; the 2017 pages carry
  `time[datetime]` and injected ad players (`div#sas_*`), the 2014 ones only a
  visible time `lúc : 11/07/14 11:35`.

Images are lazy-loaded: the real address is in `data-src`.
"""

from __future__ import annotations

import re

from parsel import Selector

from newsmon.crawler.extract.common import (
    ExtractedArticle,
    agency_credit,
    all_texts,
    base_url,
    canonical_url,
    collect_images,
    drop,
    first_text,
    image_url,
    joined_body,
    meta,
    node_text,
    paragraph_list,
    parse_vietnamese_datetime,
    split_authors,
    split_byline,
)
from newsmon.crawler.sites import Site

NOISE = ("div.article__social", "div.sda_middle", "div.article-relate", "script", "style")
OLD_NOISE = (
    "div.article-related",
    "div.article-relate",
    "[id^=AdAsia]",
    "[id^=sas_]",
    "div.sas-ad",
    "div.social",
    "div.social-share",
    "script",
    "style",
    "noscript",
)
PHOTOS = "div.article-photo, figure"
PHOTO_CAPTION = ".caption|figcaption|span|p"


def _current(root: Selector, url: str) -> ExtractedArticle | None:
    title = first_text(root, "h1.article__title", "h1.cms-title")
    body_box = root.css("div.article__body")
    if not title or not body_box:
        return None
    sapo = first_text(root, "div.article__sapo", "h2.article__sapo")
    agency = agency_credit(first_text(body_box, "div.article__source"))
    drop(root, *NOISE, "div.article__source")
    images: list[dict[str, str]] = []
    for img in body_box.css("img"):
        src = image_url(img, base_url(root, url))
        if src and all(i["url"] != src for i in images):
            caption = first_text(img.xpath("ancestor::figure[1]"), "figcaption")
            images.append({"url": src, "caption": caption})
    drop(body_box, "figure", "figcaption")
    published = parse_vietnamese_datetime(
        root.css(".article__meta time::attr(datetime)").get("")
    ) or parse_vietnamese_datetime(meta(root, "article:published_time"))
    return ExtractedArticle(
        title=title,
        sapo=sapo,
        body=joined_body(paragraph_list(body_box[0], sapo), "vietnamplus"),
        canonical_url=canonical_url(root, url),
        authors=split_authors(first_text(root, ".article__meta .author", "div.article__author")),
        published_at=published,
        category=meta(root, "article:section")
        or first_text(root, ".breadcrumb li:last-child a", ".article__meta .cate a"),
        tags=all_texts(root, "div.article__tag a"),
        agency=agency,
        images=images,
        parser="vietnamplus",
    )


def _details_2020(root: Selector, url: str) -> ExtractedArticle | None:
    title = first_text(root, "h1.details__headline")
    body_box = root.css("div.cms-body") or root.css("div.article-body")
    if not title or not body_box:
        return None
    source = root.css("div.source")
    byline = first_text(source, "span.cms-author", ".author") or _first_line(source)
    published = parse_vietnamese_datetime(
        source.css("time::attr(datetime)").get("")
    ) or parse_vietnamese_datetime(first_text(source, "time"))
    return _older(
        root,
        url,
        title,
        body_box[0],
        byline,
        published,
        category=(_last(all_texts(root, "div.direction a")) or meta(root, "article:section")),
        sapo=first_text(root, "div.details__summary", "div.cms-desc"),
    )


def _article_header_2014_2018(root: Selector, url: str) -> ExtractedArticle | None:
    header = root.css("header.article-header")
    title = first_text(header, "h1")
    body_box = root.css("div.article-body")
    if not title or not body_box:
        return None
    time = header.css("time")
    published = parse_vietnamese_datetime(
        time.attrib.get("datetime", "")
    ) or parse_vietnamese_datetime(node_text(time[0]) if time else "")
    return _older(
        root,
        url,
        title,
        body_box[0],
        first_text(header, "span.author"),
        published,
        category=_last(all_texts(root, "div.breadcrumb a:not(.home)"))
        or meta(root, "article:section"),
        sapo=first_text(root, "div.article-summary", "div.cms-desc", "h2.sapo"),
    )


def _older(
    root: Selector,
    url: str,
    title: str,
    body_box: Selector,
    byline: str,
    published,
    category: str,
    sapo: str,
) -> ExtractedArticle:
    """What the 2014–2021 layouts share once their title, body and byline are found."""
    drop(root, *OLD_NOISE)
    images = collect_images(body_box, base_url(root, url), PHOTOS, PHOTO_CAPTION)
    drop(body_box, "div.article-photo", "figure")
    authors, agency = split_byline(byline)
    return ExtractedArticle(
        title=title,
        sapo=sapo,
        body=joined_body(paragraph_list(body_box, sapo), "vietnamplus"),
        canonical_url=canonical_url(root, url),
        authors=authors,
        published_at=published,
        category=category,
        tags=all_texts(root, "div.tags a"),
        agency=agency,
        images=images,
        parser="vietnamplus",
    )


def _first_line(source) -> str:
    texts = [t.strip() for t in source.xpath(".//text()").getall() if t.strip()]
    return texts[0] if texts else ""


def _last(items: list[str]) -> str:
    return items[-1] if items else ""



SITE = Site(
    name="vietnamplus",
    title="VietnamPlus (TTXVN)",
    hosts=("vietnamplus.vn",),
    # The monthly news sitemaps (https://www.vietnamplus.vn/sitemap.xml) reach back years:
    # add them for a backfill, bounded with `newsmon crawl --since YYYY-MM-DD`.
    start_urls=("https://www.vietnamplus.vn/rss/home.rss",),
    # /<slug>-post<ID>.vnp (current) and /<slug>/<ID>.vnp (2014–2021)
    article_path=re.compile(r"/[a-z0-9-]+-post\d+\.vnp$|/[a-z0-9-]+/\d+\.vnp$"),
    # sections /<section>/ (/<section>/<sub>/) and their pages /<section>/trang-<N>.vnp
    list_path=re.compile(r"^/(?!tag/|images/)[a-z0-9-]+/(?:[a-z0-9-]+/)?(?:trang-\d+\.vnp)?$"),
    layouts=(_current, _details_2020, _article_header_2014_2018),  # None before changing root
)
