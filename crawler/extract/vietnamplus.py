"""vietnamplus.vn (Vietnam+, TTXVN), current `article__*` layout (about 2023–2026).

Share buttons, ads and related cards are nested *inside* the body, and the
agency line `div.article__source` too, so they are dropped before reading.
Images are lazy-loaded: the real address is in `data-src`.
"""

from __future__ import annotations

from urllib.parse import urljoin

from parsel import Selector

from crawler.extract.common import (
    ExtractedArticle,
    ExtractError,
    agency_credit,
    canonical_url,
    clean,
    drop,
    first_text,
    meta,
    node_text,
    paragraphs,
    parse_vietnamese_datetime,
    split_authors,
)

NOISE = ("div.article__social", "div.sda_middle", "div.article-relate", "script", "style")


def extract(html: str, url: str) -> ExtractedArticle:
    root = Selector(text=html)
    title = first_text(root, "h1.article__title", "h1.cms-title")
    body_box = root.css("div.article__body")
    if not title or not body_box:
        raise ExtractError("no vietnamplus article here (h1.article__title or "
                           "div.article__body missing)")
    sapo = first_text(root, "div.article__sapo", "h2.article__sapo")
    agency = agency_credit(first_text(body_box[0], "div.article__source"))
    drop(root, *NOISE, "div.article__source")
    images = []
    for img in body_box.css("img"):
        src = img.attrib.get("data-src") or img.attrib.get("src", "")
        if not src or src.startswith("data:"):
            continue
        figure = img.xpath("ancestor::figure[1]")
        caption = node_text(figure.css("figcaption")[0]) if figure.css("figcaption") else ""
        images.append({"url": urljoin(url, src), "caption": caption})
    drop(body_box, "figure", "figcaption")
    body = paragraphs(body_box[0], sapo)
    if not body:
        raise ExtractError("article body is empty")
    published = parse_vietnamese_datetime(
        root.css(".article__meta time::attr(datetime)").get("")
    ) or parse_vietnamese_datetime(meta(root, "article:published_time"))
    return ExtractedArticle(
        title=title,
        sapo=sapo,
        body=body,
        canonical_url=canonical_url(root, url),
        authors=split_authors(first_text(root, ".article__meta .author", "div.article__author")),
        published_at=published,
        category=meta(root, "article:section")
        or first_text(root, ".breadcrumb li:last-child a", ".article__meta .cate a"),
        tags=[t for t in (clean(x) for x in root.css("div.article__tag a::text").getall()) if t],
        agency=agency,
        images=images,
        parser="vietnamplus",
    )
