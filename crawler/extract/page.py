"""One parsed page shared by the metadata and generic extractors and the page
classifier: the parsel tree, JSON-LD and OpenGraph (via extruct), and the main
text as trafilatura reads it. Everything is computed once, on first use."""

from __future__ import annotations

import copy
import logging
import re
from functools import cached_property
from typing import Any

import extruct
import trafilatura
from extruct.jsonld import JsonLdExtractor
from parsel import Selector

from newsmon.crawler.extract.common import (
    MIN_ARTICLE_CHARS,
    base_url,
    clean,
    collect_images,
    meta,
    node_text,
    selector,
    split_list,
    unescape,
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
# Inline markup is never a box: a keyword link inside a sentence
# (<a class="cms-relate">) carries words of that sentence.
_INLINE = ("self::a or self::span or self::em or self::i or self::strong or self::b "
           "or self::u or self::mark or self::abbr or self::small or ancestor::p")
# Photos go (captions are not body text); a figure or table without a photo is
# a boxed part of the article (a quote, a "what you need to know" panel) and stays.
_PHOTO = ".//img or .//picture or .//video"
# Captions outside a <figure> ("div.PhotoCMS_Caption", "p.caption") are not body text either.
_CAPTION_BOX = "contains(translate(@class, 'CAPTION', 'caption'), 'caption')"
_PRUNE = [f"//*[({_NOISE_BOX} or {_CAPTION_BOX}) and not({_WRAPPER}) and not({_INLINE})]",
          f"//figure[{_PHOTO}]", f"//table[contains(@class, 'image') and ({_PHOTO})]"]
_PHOTOS = ", ".join(
    f"{holder}:not(:has(a[href]:not([href$='.jpg']):not([href$='.jpeg']):not([href$='.png'])"
    f":not([href$='.webp']):not([href$='.gif']) img))"
    for holder in ("figure", "table.image", "div.article-photo")
)
_CAPTIONS = "figcaption|td.image_desc|.caption"
_HEADLINE_IN_ARTICLE = "//article//h1 | //main//h1"
_HEADLINE = "//h1[not(ancestor::nav or ancestor::footer or ancestor::aside)]"
_LOGO = ("self::*[contains(@class, 'logo')] or .//img "
         "or (count(.//a) = 1 and normalize-space(.//a) = normalize-space(.))")
# Lines that trafilatura may keep but that are never article text.
_NOISE_LINE = re.compile(
    r"^(xem thêm|đọc thêm|tin liên quan|bài liên quan|tin cùng chuyên mục|"
    r"quảng cáo|advertisement|tải ứng dụng|theo dõi .{0,40}trên google news)\b", re.I)
_MASTHEAD = re.compile(r"^(báo điện tử|tạp chí điện tử|cơ quan (ngôn luận|chủ quản))\b", re.I)
_DATE_LINE = re.compile(r"^[\w ,]{0,12}\d{1,2}/\d{1,2}/\d{2,4}[\s,-]*(\d{1,2}[:h]\d{2})?"
                        r"\s*(\(?GMT\s*\+\s*7\)?)?$", re.I)


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
        return unescape(str(value)) if value else meta(self.root, key)

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

    @cached_property
    def headline(self) -> str:
        """The headline printed on the page: the first <h1> inside the article
        (or main), else the page's only <h1>; never a logo (an <h1> that is a
        link or an image) nor one in the site's navigation or footer. SEO
        titles (<title>, og:title, often the JSON-LD headline) are written for
        search engines and may differ from it."""
        found = self.root.xpath(_HEADLINE_IN_ARTICLE)
        if not found:
            found = self.root.xpath(_HEADLINE)
            if len(found) != 1:
                return ""
        for node in found:
            text = node_text(node)
            if len(text) >= 10 and not node.root.xpath(_LOGO):
                return text
        return ""

    # ------------------------------------------------------------ main text

    @cached_property
    def reading_tree(self):
        """A copy of the page for trafilatura, with boxes it would drop turned
        into plain blocks: a layout table holding paragraphs (an editor's box,
        a "what you need to know" panel), a figure or blockquote without a
        photo (a boxed quote). Their prose is the article's."""
        tree = copy.deepcopy(self.root.root)
        for table in tree.xpath(f"//table[.//p and not({_PHOTO})]"):
            for node in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
                node.tag = "div"
        for node in tree.xpath(f"//figure[not({_PHOTO})] | //blockquote[.//p]"):
            node.tag = "div"
        return tree

    def _trafilatura(self, precise: bool):
        try:
            return trafilatura.bare_extraction(
                copy.deepcopy(self.reading_tree), url=self.url, favor_precision=precise,
                include_comments=False, include_tables=not precise, include_images=False,
                include_links=True, with_metadata=precise, deduplicate=False,
                prune_xpath=_PRUNE,
            )
        except Exception as exc:  # trafilatura on a page it cannot parse
            log.debug("trafilatura failed on %s: %s", self.url, exc)
            return None

    @cached_property
    def trafilatura(self):
        """trafilatura's reading, precision first (few false paragraphs)."""
        return self._trafilatura(precise=True)

    @cached_property
    def main_paragraphs(self) -> list[str]:
        """The main text's paragraphs, list items one by one; noise lines
        ("Xem thêm: …"), site chrome ("Tải ứng dụng", "BÁO ĐIỆN TỬ …") and
        paragraphs that are wholly a link (related headlines) left out.

        Read precision first; when plain trafilatura (recall first, tables
        included) finds clearly more text, a closing box or the end of the
        body was cut, and its reading is taken instead."""
        precise = _paragraphs(self.trafilatura)
        plain = _paragraphs(self._trafilatura(precise=False))
        return plain if _longer(plain, precise) else precise

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


def _paragraphs(doc) -> list[str]:
    body = getattr(doc, "body", None)
    if body is None:
        return []
    out: list[str] = []
    for child in body:
        items = child.findall(".//item") if child.tag == "list" else [child]
        for item in items:
            text = clean("".join(item.itertext()))
            linked = clean(" ".join("".join(r.itertext()) for r in item.iter("ref")))
            if text and text != linked and not is_noise_line(text) and text not in out:
                out.append(text)
    return out


def is_noise_line(text: str) -> bool:
    """A line that is never article text: "Xem thêm: …", an app banner, the
    site's masthead in capitals ("BÁO ĐIỆN TỬ …"), a bare date and time."""
    if _NOISE_LINE.match(text) or _DATE_LINE.match(text):
        return True
    head = text[:20]
    return bool(_MASTHEAD.match(text)) and head.upper() == head


def _longer(plain: list[str], precise: list[str]) -> bool:
    """Clearly more of the same text: every precise paragraph is in the plain
    reading (it extends the body, it does not read another part of the page),
    which has a quarter more and at least one paragraph's worth besides."""
    ours, theirs = sum(map(len, precise)), sum(map(len, plain))
    return set(precise) <= set(plain) and theirs > 1.25 * ours and theirs - ours >= 80
