"""One parsed page shared by the metadata and generic extractors and the page
classifier: the parsel tree, JSON-LD and OpenGraph (via extruct), and the main
text as trafilatura reads it. Everything is computed once, on first use."""

from __future__ import annotations

import logging
import re
from functools import cached_property
from typing import Any

import extruct
import trafilatura
from extruct.jsonld import JsonLdExtractor
from parsel import Selector

from crawler.extract.common import (
    MIN_ARTICLE_CHARS,
    base_url,
    clean,
    collect_images,
    meta,
    node_text,
    selector,
    split_list,
)

log = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
    "BackgroundNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle", "BlogPosting",
    "LiveBlogPosting", "Report",
})
INDEX_TYPES = frozenset({
    "WebSite", "CollectionPage", "ItemList", "SearchResultsPage", "SiteNavigationElement",
})

# Boxes pruned before trafilatura reads the page: related links, comments,
# share buttons, ads, tag lists and photos (captions are not body text). A box
# that holds the headline or several long paragraphs is a wrapper (a <body
# class="has-comments">), never pruned.
_CLASS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
_NOISE_BOX = " or ".join((
    "contains(@class, 'relate')", "contains(@id, 'Relation')", "contains(@class, 'concern')",
    "contains(@class, 'comment')", "contains(@id, 'comment')", "contains(@class, 'share')",
    "contains(@class, 'social')", _CLASS.format("ads"), "contains(@class, 'ad-slot')",
    "contains(@class, 'banner')", "contains(@class, 'tagname')", _CLASS.format("tags"),
    "contains(@class, 'breadcrumb')",
))
_WRAPPER = "self::html or self::body or .//h1 or .//p[string-length(normalize-space()) > 150][3]"
_PRUNE = [f"//*[({_NOISE_BOX}) and not({_WRAPPER})]", "//figure",
          "//table[contains(@class, 'image')]"]
_PHOTOS = ", ".join(
    f"{holder}:not(:has(a[href]:not([href$='.jpg']):not([href$='.jpeg']):not([href$='.png'])"
    f":not([href$='.webp']):not([href$='.gif']) img))"
    for holder in ("figure", "table.image", "div.article-photo")
)
_CAPTIONS = "figcaption|td.image_desc|.caption"
# Lines that trafilatura may keep but that are never article text.
_NOISE_LINE = re.compile(
    r"^(xem thêm|đọc thêm|tin liên quan|bài liên quan|tin cùng chuyên mục|"
    r"quảng cáo|advertisement)\b", re.I)


def schema_type(item: dict) -> set[str]:
    """{"@type": ["schema:NewsArticle"]} → {"NewsArticle"}."""
    raw = item.get("@type") or []
    types = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/:#]", str(t))[-1] for t in types if t}


class Page:
    def __init__(self, html: str, url: str) -> None:
        self.html = html
        self.url = url
        self.root: Selector = selector(html)

    # ------------------------------------------------------------ structured data

    @cached_property
    def ld_items(self) -> list[dict[str, Any]]:
        """Every JSON-LD object of the page, `@graph` members included; a
        malformed script costs only itself."""
        extractor = JsonLdExtractor()
        items: list[dict[str, Any]] = []
        for script in self.root.root.xpath('//script[@type="application/ld+json"]'):
            try:
                found = extractor.extract_items(script)
            except Exception as exc:  # any JSON error: skip this script
                log.debug("unreadable JSON-LD on %s: %s", self.url, exc)
                continue
            items.extend(_flatten(found))
        return items

    @cached_property
    def ld_types(self) -> set[str]:
        return set().union(*(schema_type(i) for i in self.ld_items)) if self.ld_items else set()

    @cached_property
    def ld_article(self) -> dict[str, Any]:
        for item in self.ld_items:
            if schema_type(item) & ARTICLE_TYPES:
                return item
        return {}

    @cached_property
    def og(self) -> dict[str, Any]:
        """OpenGraph and `article:*` properties; repeated ones (article:tag) as lists."""
        try:
            data = extruct.extract(self.root.root, base_url=self.url, syntaxes=["opengraph"],
                                   uniform=True, with_og_array=True, errors="ignore")
        except Exception:  # extruct on a broken tree
            return {}
        merged: dict[str, Any] = {}
        for obj in data.get("opengraph", []):
            for key, value in obj.items():
                merged.setdefault(key, value)
        return merged

    def og_value(self, key: str) -> str:
        value = self.og.get(key) or ""
        if isinstance(value, list):
            value = value[0] if value else ""
        return clean(str(value)) if value else meta(self.root, key)

    def og_list(self, key: str) -> list[str]:
        value = self.og.get(key) or []
        values = value if isinstance(value, list) else [value]
        out: list[str] = []
        for v in values:
            for part in split_list(str(v)):
                if part not in out:
                    out.append(part)
        return out

    @cached_property
    def og_type(self) -> str:
        return str(self.og.get("@type") or meta(self.root, "og:type")).lower()

    # ------------------------------------------------------------ main text

    @cached_property
    def trafilatura(self):
        try:
            return trafilatura.bare_extraction(
                self.html, url=self.url, favor_precision=True, include_comments=False,
                include_tables=False, include_images=False, include_links=True,
                with_metadata=True, deduplicate=False, prune_xpath=_PRUNE,
            )
        except Exception as exc:  # trafilatura on a page it cannot parse
            log.debug("trafilatura failed on %s: %s", self.url, exc)
            return None

    @cached_property
    def main_paragraphs(self) -> list[str]:
        """The main text's paragraphs as trafilatura found them, list items one
        by one; noise lines ("Xem thêm: …") and paragraphs that are wholly a
        link (related headlines) left out."""
        doc = self.trafilatura
        body = getattr(doc, "body", None)
        if body is None:
            return []
        out: list[str] = []
        for child in body:
            items = child.findall(".//item") if child.tag == "list" else [child]
            for item in items:
                text = clean("".join(item.itertext()))
                linked = clean(" ".join("".join(r.itertext()) for r in item.iter("ref")))
                if text and text != linked and not _NOISE_LINE.match(text) and text not in out:
                    out.append(text)
        return out

    @cached_property
    def _layout(self) -> tuple[Selector | None, bool]:
        """(container, dense): the element that holds the main text, i.e. the
        nearest common ancestor of the elements holding 80% of its paragraphs;
        and whether one element alone holds three paragraphs or more and an
        article's worth of text (an article body, not teasers in cards)."""
        wanted = set(self.main_paragraphs)
        chars: dict[Any, int] = {}
        count: dict[Any, int] = {}
        for p in self.root.css("p, li, h2, h3"):
            text = node_text(p)
            if text in wanted:
                parent = p.root.getparent()
                chars[parent] = chars.get(parent, 0) + len(text)
                count[parent] = count.get(parent, 0) + 1
        if not chars:
            return None, False
        ranked = sorted(chars, key=chars.__getitem__, reverse=True)
        dense = count[ranked[0]] >= 3 and chars[ranked[0]] >= MIN_ARTICLE_CHARS
        total, covered, box = sum(chars.values()), 0, ranked[0]
        for parent in ranked:
            if covered >= 0.8 * total:
                break
            covered += chars[parent]
            box = _common_ancestor(box, parent)
        return Selector(root=box, type="html"), dense

    @property
    def container(self) -> Selector | None:
        return self._layout[0]

    @property
    def dense_body(self) -> bool:
        return self._layout[1]

    @cached_property
    def images(self) -> list[dict[str, str]]:
        """Photos in the main text; teaser thumbnails (an image that links to
        another page) and related boxes are not the article's."""
        box = self.container
        if box is None:
            return []
        return collect_images(box, base_url(self.root, self.url), _PHOTOS, _CAPTIONS)

    # ------------------------------------------------------------ structure

    @cached_property
    def headline_links(self) -> int:
        """Teaser links (a headline that links elsewhere): many on list pages."""
        return len(self.root.css("h2 a[href], h3 a[href], h4 a[href], a.thumb[href]"))

    @cached_property
    def figures(self) -> int:
        return len(self.root.css("figure, table.image, div.article-photo"))

    @cached_property
    def has_player(self) -> bool:
        return bool(self.root.css(
            "video, iframe[src*=youtube], iframe[src*=vimeo], iframe[src*=player], "
            "iframe[src*=video], div.video-player, [class*=jwplayer]"))


def _common_ancestor(a, b):
    ancestors = {a, *a.iterancestors()}
    for node in (b, *b.iterancestors()):
        if node in ancestors:
            return node
    return a


def _flatten(items) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, list):
            out.extend(_flatten(item))
        elif isinstance(item, dict):
            graph = item.get("@graph")
            if graph:
                out.extend(_flatten(graph))
            if "@type" in item:
                out.append(item)
    return out
