"""baotintuc.vn (Báo Tin tức, TTXVN), current layout (about 2023–2026).

Selectors from ../shared/reference/ttxvn-sites.md. Related links, the
related widget and the share box sit inside or beside the body and are
dropped before the paragraphs are read.
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

NOISE = (
    "ul.list-concern", "#plhMain_NewsDetail1_divRelation", "div.widget",
    "#plhMain_NewsDetail1_divSharelink", "div.banner-ads", "script", "style",
)


def extract(html: str, url: str) -> ExtractedArticle:
    root = Selector(text=html)
    title = first_text(root, "h1.detail-title")
    body_box = root.css("div.boxdetail div.contents")
    if not title or not body_box:
        raise ExtractError("no baotintuc article here (h1.detail-title or div.contents missing)")
    sapo = first_text(root, "div.content h2.sapo", "h2.sapo")
    drop(root, *NOISE)
    images = [
        {"url": urljoin(url, fig.css("img::attr(src)").get("")),
         "caption": node_text(fig.css("figcaption")[0]) if fig.css("figcaption") else ""}
        for fig in body_box.css("figure")
        if fig.css("img::attr(src)").get()
    ]
    drop(body_box, "figure", "figcaption")
    body = paragraphs(body_box[0], sapo)
    if not body:
        raise ExtractError("article body is empty")
    author_box = root.css("div.author")
    authors = split_authors(node_text(author_box.css("strong")[0])) if author_box.css(
        "strong") else []
    agency = agency_credit(node_text(author_box.css("em")[0])) if author_box.css("em") else ""
    published = parse_vietnamese_datetime(
        first_text(root, "div.action-link div.date span.txt", "div.date span.txt")
    ) or parse_vietnamese_datetime(meta(root, "article:published_time"))
    return ExtractedArticle(
        title=title,
        sapo=sapo,
        body=body,
        canonical_url=canonical_url(root, url),
        authors=authors,
        published_at=published,
        category=first_text(root, "div.date h4.cate a", "h4.cate a"),
        tags=[t for t in (clean(x) for x in root.css("div.tagname a::text").getall()) if t],
        agency=agency,
        images=images,
        parser="baotintuc",
    )
