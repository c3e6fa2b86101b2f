#!/usr/bin/env python3
"""Render the offline sample copy of baotintuc.vn, vietnamplus.vn and bnews.vn.

Reads every ``content/*.toml`` of the sample site (``newsmon/sample_site/``,
which ships with newsmon; this development tool does not) and writes static
pages, RSS feeds and sitemaps under its ``site/baotintuc/``, ``site/vietnamplus/``
and ``site/bnews/`` (the folders are deleted and recreated).  The output is deterministic: it
depends only on the content files and the templates, never on the clock.

Absolute links back to the sample site are written as ``__BASE__/path``; the
test server replaces ``__BASE__`` with ``http://127.0.0.1:PORT``.  Canonical
URLs (``<link rel="canonical">``, ``og:url``, JSON-LD ``url`` and
``mainEntityOfPage``) use the real domain with the same path.

Usage, from the repository root::

    python tools/sample_site/build.py
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import struct
import sys
import tomllib
import unicodedata
import zlib
from dataclasses import dataclass, field
from email.utils import format_datetime
from pathlib import Path

import jinja2

#: the sample site this tool renders: content and templates in, site/ out
HERE = Path(__file__).resolve().parents[2] / "newsmon" / "sample_site"
CONTENT_DIR = HERE / "content"
TEMPLATE_DIR = HERE / "templates"
SITE_DIR = HERE / "site"

BASE = "__BASE__"
TZ = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh, no DST
SITES = ("baotintuc", "vietnamplus", "bnews")
REAL_ORIGIN = {
    "baotintuc": "https://baotintuc.vn",
    "vietnamplus": "https://www.vietnamplus.vn",
    "bnews": "https://bnews.vn",
}
SITE_NAME = {
    "baotintuc": "Báo Tin tức",
    "vietnamplus": "Vietnam+ (VietnamPlus)",
    "bnews": "BNEWS",
}
PER_PAGE = 10  # items on a baotintuc category page

# Category ids used in baotintuc list-page URLs (<slug>-<id>ct0.htm).
# Unknown categories get a stable id derived from their slug.
BAOTINTUC_CATEGORY_IDS = {
    "thoi-su": 472,
    "the-gioi": 130,
    "kinh-te": 128,
    "xa-hoi": 129,
    "phap-luat": 137,
    "van-hoa": 158,
    "giao-duc": 135,
    "y-te": 246,
    "the-thao": 273,
    "du-lich": 320,
    "khoa-hoc-cong-nghe": 131,
    "chan-dung": 651,
    "chinh-tri": 133,
    "dia-phuong": 136,
}

# Order of the navigation bar; categories not listed follow alphabetically.
NAV_ORDER = [
    "thoi-su",
    "chinh-tri",
    "the-gioi",
    "kinh-te",
    "xa-hoi",
    "phap-luat",
    "giao-duc",
    "y-te",
    "van-hoa",
    "the-thao",
    "du-lich",
    "khoa-hoc-cong-nghe",
    "dia-phuong",
    "chan-dung",
]

WEEKDAYS_VI = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]

# vietnamplus lazy-loads photos: src is a 1x1 GIF, the real URL is data-src.
LAZY_GIF = "data:image/gif;base64,R0lGODlhAQABAAAAACw="

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# --------------------------------------------------------------------------
# helpers


def nfc(value):
    """NFC-normalise every string inside value (str, list, dict)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    return value


def slugify(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return text or "x"


def crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def category_id(cat_slug: str) -> int:
    return BAOTINTUC_CATEGORY_IDS.get(cat_slug, 700 + crc(cat_slug) % 300)


def split_names(author: str) -> list[str]:
    return [n.strip() for n in re.split(r"\s+-\s+|,|;", author) if n.strip()]


def json_ld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("</", "<\\/")


# --------------------------------------------------------------------------
# tiny binary assets, written with the standard library only


def _placeholder_jpeg(width: int, height: int) -> bytes:
    """A valid baseline greyscale JPEG of one flat mid-grey colour.

    Every 8x8 block has DC difference 0 and no AC coefficients; with
    one-symbol Huffman tables (as libjpeg's optimiser emits) each block is two
    0 bits, so the entropy-coded data is all zero bytes.
    """

    def seg(marker: int, payload: bytes) -> bytes:
        return struct.pack(">HH", marker, len(payload) + 2) + payload

    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    scan = bytes((blocks * 2 + 7) // 8)
    one_symbol = bytes([1] + [0] * 15) + b"\x00"
    return b"".join(
        [
            b"\xff\xd8",
            seg(0xFFE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            seg(0xFFDB, b"\x00" + bytes([1] * 64)),
            seg(0xFFC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"),
            seg(0xFFC4, b"\x00" + one_symbol),  # DC table 0
            seg(0xFFC4, b"\x10" + one_symbol),  # AC table 0
            seg(0xFFDA, b"\x01\x01\x00\x00\x3f\x00"),
            scan,
            b"\xff\xd9",
        ]
    )


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(rgb) * width
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
            chunk(b"IDAT", zlib.compress(row * height, 9)),
            chunk(b"IEND", b""),
        ]
    )


PHOTO = _placeholder_jpeg(160, 96)
LOGO_RGB = {"baotintuc": (190, 30, 45), "vietnamplus": (0, 84, 166), "bnews": (0, 120, 70)}
LOGO = {k: _png(120, 30, rgb) for k, rgb in LOGO_RGB.items()}
NO_IMAGE = "/images/no-image.jpg"


# --------------------------------------------------------------------------
# content


@dataclass
class Image:
    caption: str
    path: str  # site-relative path, e.g. /images/2026/11/18/slug-1.jpg

    @property
    def alt(self) -> str:
        # the caption without its photo credit ("Ảnh: …")
        head = re.split(r"\s*\(?Ảnh(?: minh họa)?\s*:", self.caption)[0]
        return head.strip().rstrip(".") or self.caption


@dataclass
class Entry:
    source: str
    slug: str
    sites: list[str]
    category: str
    cat_slug: str
    published: dt.datetime
    author: str
    agency: str
    title: str
    sapo: str
    paragraphs: list[str]
    tags: list[str]
    kind: str
    images: list[Image]
    vietnamplus_title: str
    paths: dict[str, str] = field(default_factory=dict)

    @property
    def on_both(self) -> bool:
        return {"baotintuc", "vietnamplus"} <= set(self.sites)

    def title_on(self, site: str) -> str:
        if site == "vietnamplus" and self.vietnamplus_title:
            return self.vietnamplus_title
        return self.title

    def agency_on(self, site: str) -> str:
        # a TTXVN story reprinted on Vietnam+ is credited to both
        if site == "vietnamplus" and self.on_both and self.agency == "TTXVN":
            return "TTXVN/Vietnam+"
        return self.agency

    @property
    def iso(self) -> str:
        return self.published.isoformat()

    @property
    def month_key(self) -> tuple[int, int]:
        return (self.published.year, self.published.month)


def load_entries() -> list[Entry]:
    entries = []
    for path in sorted(CONTENT_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            raw = nfc(tomllib.load(fh))
        where = path.name
        slug = raw.get("slug", "")
        if not SLUG_RE.match(slug):
            raise SystemExit(f"{where}: bad slug {slug!r}")
        sites = list(raw.get("sites", []))
        if not sites or any(s not in SITES for s in sites):
            raise SystemExit(f"{where}: sites must be a non-empty subset of {SITES}")
        published = dt.datetime.fromisoformat(raw["published"])
        if published.tzinfo is None:
            published = published.replace(tzinfo=TZ)
        published = published.astimezone(TZ)
        category = raw.get("category", "Thời sự").strip() or "Thời sự"
        paragraphs = [p.strip() for p in raw.get("paragraphs", []) if p.strip()]
        if not paragraphs or not raw.get("title"):
            raise SystemExit(f"{where}: title and paragraphs are required")
        images = []
        for i, img in enumerate(raw.get("images", []), start=1):
            caption = img.get("caption", "").strip()
            images.append(
                Image(caption=caption, path=f"/images/{published:%Y/%m/%d}/{slug}-{i}.jpg")
            )
        entries.append(
            Entry(
                source=where,
                slug=slug,
                sites=[s for s in SITES if s in sites],
                category=category,
                cat_slug=slugify(category),
                published=published,
                author=raw.get("author", "").strip(),
                agency=raw.get("agency", "").strip(),
                title=raw["title"].strip(),
                sapo=raw.get("sapo", "").strip(),
                paragraphs=paragraphs,
                tags=[t.strip() for t in raw.get("tags", []) if t.strip()],
                kind=raw.get("kind", "news"),
                images=images,
                vietnamplus_title=raw.get("vietnamplus_title", "").strip(),
            )
        )
    seen = {}
    for e in entries:
        if e.slug in seen:
            raise SystemExit(f"duplicate slug {e.slug!r} in {seen[e.slug]} and {e.source}")
        seen[e.slug] = e.source
    # newest first; slug breaks ties so the order never depends on the disk
    entries.sort(key=lambda e: (-e.published.timestamp(), e.slug))
    assign_paths(entries)
    return entries


def assign_paths(entries: list[Entry]) -> None:
    # baotintuc: /<category>/<slug>-<yyyymmddHHMMSSmmm>.htm, ms from the slug
    for e in entries:
        if "baotintuc" in e.sites:
            ms = crc(e.slug) % 1000
            e.paths["baotintuc"] = f"/{e.cat_slug}/{e.slug}-{e.published:%Y%m%d%H%M%S}{ms:03d}.htm"
    # vietnamplus: /<slug>-post<ID>.vnp, ID grows with the publication minute
    epoch = dt.datetime(2025, 1, 1, tzinfo=TZ)
    used: set[int] = set()
    for e in sorted(entries, key=lambda e: (e.published, e.slug)):
        if "vietnamplus" in e.sites:
            post_id = 1_000_000 + int((e.published - epoch).total_seconds() // 60)
            while post_id in used:
                post_id += 1
            if not 1_000_000 <= post_id <= 9_999_999:
                raise SystemExit(f"{e.source}: published date out of range for a 7-digit id")
            used.add(post_id)
            e.paths["vietnamplus"] = f"/{e.slug}-post{post_id}.vnp"
    # bnews: /<slug>/<ID>.html, ID grows with the publication time (10-minute steps)
    used = set()
    for e in sorted(entries, key=lambda e: (e.published, e.slug)):
        if "bnews" in e.sites:
            post_id = 100_000 + int((e.published - epoch).total_seconds() // 600)
            while post_id in used:
                post_id += 1
            used.add(post_id)
            e.paths["bnews"] = f"/{e.slug}/{post_id}.html"


# --------------------------------------------------------------------------
# per-site views


def vi_datetime(d: dt.datetime) -> str:
    return f"{WEEKDAYS_VI[d.weekday()]}, {d:%d/%m/%Y %H:%M}"


def related_for(entry: Entry, pool: list[Entry], count: int) -> list[Entry]:
    """Other articles of the same site: same category first, then nearest in time."""
    others = [e for e in pool if e.slug != entry.slug]
    others.sort(
        key=lambda e: (
            e.cat_slug != entry.cat_slug,
            abs((e.published - entry.published).total_seconds()),
            e.slug,
        )
    )
    return others[:count]


def bnews_blocks(
    paragraphs: list[str], images: list[dict], related: list[dict]
) -> list[tuple[str, object]]:
    """bnews body blocks in reading order: photo tables after the first and the
    third paragraph, the inline related box after the second, an ad slot."""
    blocks: list[tuple[str, object]] = []
    for i, p in enumerate(paragraphs, start=1):
        blocks.append(("p", p))
        if i == 1 and images:
            blocks.append(("img", images[0]))
        if i == 2 and related:
            blocks.append(("relate", related))
        if i == 3 and len(images) > 1:
            blocks.append(("img", images[1]))
    if len(paragraphs) < 3:
        blocks += [("img", img) for img in images[1:]]
    blocks.append(("ad", None))
    return blocks


class Site:
    def __init__(self, key: str, entries: list[Entry], env: jinja2.Environment,
                 root: Path = SITE_DIR):
        self.key = key
        self.env = env
        self.out = root / key
        self.entries = [e for e in entries if key in e.sites]
        self.real = REAL_ORIGIN[key]
        self.name = SITE_NAME[key]
        cats: dict[str, str] = {}
        for e in self.entries:
            cats.setdefault(e.cat_slug, e.category)
        order = {s: i for i, s in enumerate(NAV_ORDER)}
        self.categories = [
            {"slug": s, "name": cats[s], "id": category_id(s)}
            for s in sorted(cats, key=lambda s: (order.get(s, len(order)), s))
        ]
        self.written: list[str] = []

    # paths --------------------------------------------------------------
    def url(self, path: str) -> str:
        return BASE + path

    def canonical(self, path: str) -> str:
        return self.real + path

    def image_url(self, entry: Entry | None) -> str:
        if entry is not None and entry.images:
            return self.url(entry.images[0].path)
        return self.url(NO_IMAGE)

    # output -------------------------------------------------------------
    def write(self, path: str, text: str) -> None:
        target = self.out / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        self.written.append(path)

    def write_bytes(self, path: str, data: bytes) -> None:
        target = self.out / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def render(self, template: str, **ctx) -> str:
        return self.env.get_template(template).render(site=self, **ctx)

    def card(self, e: Entry) -> dict:
        path = e.paths[self.key]
        return {
            "entry": e,
            "path": path,
            "url": self.url(path),
            "title": e.title_on(self.key),
            "sapo": e.sapo,
            "image": self.image_url(e),
            "category": e.category,
            "cat_slug": e.cat_slug,
            "time": f"{e.published:%d/%m/%Y %H:%M}",
            "iso": e.iso,
        }

    def article_ld(self, e: Entry, path: str) -> str:
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": self.canonical(path)},
            "url": self.canonical(path),
            "headline": e.title_on(self.key),
            "description": e.sapo,
            "datePublished": e.iso,
            "dateModified": e.iso,
            "articleSection": e.category,
            "keywords": ", ".join(e.tags),
            "inLanguage": "vi",
        }
        if e.images:
            data["image"] = [self.url(i.path) for i in e.images]
        names = split_names(e.author)
        if names:
            data["author"] = [{"@type": "Person", "name": n} for n in names]
        data["publisher"] = {
            "@type": "Organization",
            "name": self.name,
            "url": self.real + "/",
            "logo": {"@type": "ImageObject", "url": self.url("/images/logo.png")},
        }
        return json_ld(data)

    # build --------------------------------------------------------------
    def build(self) -> None:
        self.write_bytes("/images/logo.png", LOGO[self.key])
        self.write_bytes("/favicon.ico", _png(16, 16, LOGO_RGB[self.key]))
        self.write_bytes(NO_IMAGE, PHOTO)
        for e in self.entries:
            for img in e.images:
                self.write_bytes(img.path, PHOTO)
        latest = [self.card(e) for e in self.entries]
        for e in self.entries:
            self.write_article(e, latest)
        self.write_home(latest)
        self.write_lists(latest)
        self.write_feeds()
        self.write_sitemaps()
        self.write("/robots.txt", self.render("common/robots.txt"))

    def sidebar(self, latest: list[dict], exclude: str = "") -> list[dict]:
        return [c for c in latest if c["entry"].slug != exclude][:5]

    def write_article(self, e: Entry, latest: list[dict]) -> None:
        path = e.paths[self.key]
        related = [self.card(r) for r in related_for(e, self.entries, 4)]
        n = len(e.paragraphs)
        ctx = {
            "e": e,
            "path": path,
            "title": e.title_on(self.key),
            "agency": e.agency_on(self.key),
            "canonical": self.canonical(path),
            "vi_date": vi_datetime(e.published),
            "short_date": f"{e.published:%d/%m/%Y %H:%M}",
            "images": [
                {"src": self.url(i.path), "caption": i.caption, "alt": i.alt} for i in e.images
            ],
            "og_image": self.image_url(e),
            "ld": self.article_ld(e, path),
            "latest": self.sidebar(latest, e.slug),
            "cat": next(c for c in self.categories if c["slug"] == e.cat_slug),
        }
        if self.key == "bnews":
            ctx.update(
                blocks=bnews_blocks(e.paragraphs, ctx["images"], related[:2]),
                related=related[:3],
                tag_links=[{"name": t, "href": self.tag_path(t)} for t in e.tags],
            )
        elif self.key == "baotintuc":
            split = max(1, n // 2)
            ctx.update(
                first=e.paragraphs[:split],
                rest=e.paragraphs[split:],
                related=related[:3],
                widget=related[3] if len(related) > 3 else (related[-1] if related else None),
                tag_links=[{"name": t, "href": self.tag_path(t)} for t in e.tags],
            )
            # image 1 after the first paragraph, image 2 after the first of divend
            ctx["first_images"] = ctx["images"][:1]
            ctx["rest_images"] = ctx["images"][1:]
        else:
            # body blocks in reading order, with the site's noise nested inside
            blocks: list[tuple[str, object]] = [("social", None)]
            second_img_after = max(2, (n + 1) // 2 + 1)
            relate_after = max(3, n - 1)
            for i, p in enumerate(e.paragraphs, start=1):
                blocks.append(("p", p))
                if i == 1 and ctx["images"]:
                    blocks.append(("img", ctx["images"][0]))
                if i == 2:
                    blocks.append(("ad", None))
                if i == second_img_after and len(ctx["images"]) > 1:
                    blocks.append(("img", ctx["images"][1]))
                if i == relate_after:
                    blocks.append(("relate", related[:2]))
            if n < 2:
                blocks.append(("ad", None))
            if n < 3:
                blocks.append(("relate", related[:2]))
            for img in ctx["images"][1:]:
                if ("img", img) not in blocks:
                    blocks.append(("img", img))
            ctx.update(
                blocks=blocks,
                related=related[:2],
                tag_links=[{"name": t, "href": self.tag_path(t)} for t in e.tags],
            )
        self.write(path, self.render(f"{self.key}/article.html", **ctx))

    def write_home(self, latest: list[dict]) -> None:
        sections = []
        for c in self.categories:
            items = [x for x in latest if x["cat_slug"] == c["slug"]][:4]
            sections.append({"cat": c, "cards": items})
        self.write(
            "/index.html",
            self.render(
                f"{self.key}/home.html",
                items=latest,
                sections=sections,
                canonical=self.real + "/",
                page_title=self.name,
                latest=latest[:5],
            ),
        )

    def list_path(self, cat: dict, page: int = 1) -> str:
        if self.key == "baotintuc":
            stem = f"/{cat['slug']}-{cat['id']}ct0"
            return f"{stem}.htm" if page == 1 else f"{stem}/trang-{page}.htm"
        if self.key == "bnews":
            return f"/{cat['slug']}/{cat['id']}/"
        return f"/{cat['slug']}/"

    def tag_path(self, tag: str) -> str:
        key = slugify(tag)
        if self.key == "baotintuc":
            return f"/tag/{key}.htm"
        if self.key == "bnews":
            return f"/tag/{key}.html"
        return f"/tag/{key}-tag{crc(key) % 100000}.vnp"

    def write_lists(self, latest: list[dict]) -> None:
        for cat in self.categories:
            items = [x for x in latest if x["cat_slug"] == cat["slug"]]
            if self.key == "baotintuc":
                pages = [items[i : i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
                links = [self.list_path(cat, i) for i in range(1, len(pages) + 1)]
                for num, chunk in enumerate(pages, start=1):
                    html = self.render(
                        "baotintuc/list.html",
                        items=chunk,
                        cat=cat,
                        page=num,
                        pages=links,
                        page_title=cat["name"],
                        latest=latest[:5],
                        canonical=self.canonical(self.list_path(cat, num)),
                    )
                    self.write(self.list_path(cat, num), html)
                    if num == 1:
                        # crawlers also ask for trang-1.htm; same page
                        self.write(f"/{cat['slug']}-{cat['id']}ct0/trang-1.htm", html)
            else:
                self.write(
                    self.list_path(cat),
                    self.render(
                        f"{self.key}/list.html",
                        items=items,
                        cat=cat,
                        page=1,
                        pages=[],
                        page_title=cat["name"],
                        latest=latest[:5],
                        canonical=self.canonical(self.list_path(cat)),
                    ),
                )
        # tag pages; spellings that differ only in tone marks ("Hòa"/"Hoà") share one page
        tags: dict[str, tuple[str, list[dict]]] = {}
        for x in latest:
            for t in x["entry"].tags:
                cards = tags.setdefault(slugify(t), (t, []))[1]
                if x not in cards:
                    cards.append(x)
        self.tag_paths = []
        for key in sorted(tags):
            name, items = tags[key]
            path = self.tag_path(name)
            self.tag_paths.append(path)
            self.write(
                path,
                self.render(
                    "common/tag.html", items=items, page_title=name, canonical=self.canonical(path)
                ),
            )

    def feed_path(self, cat: dict | None) -> str:
        if self.key == "baotintuc":
            return "/tin-moi-nhat.rss" if cat is None else f"/{cat['slug']}.rss"
        if self.key == "bnews":
            return "/rss/trang-chu.rss" if cat is None else f"/rss/{cat['slug']}.rss"
        return "/rss/home.rss" if cat is None else f"/rss/{cat['slug']}.rss"

    def rss_item(self, e: Entry) -> dict:
        path = e.paths[self.key]
        return {
            "title": e.title_on(self.key),
            "link": self.url(path),
            "description": e.sapo,
            "image": self.url(e.images[0].path) if e.images else "",
            "pubdate": format_datetime(e.published),
            "category": e.category,
            "author": e.author,
        }

    def write_feeds(self) -> None:
        groups = [(None, self.entries)] + [
            (c, [e for e in self.entries if e.cat_slug == c["slug"]]) for c in self.categories
        ]
        self.feed_paths = []
        for cat, items in groups:
            path = self.feed_path(cat)
            self.feed_paths.append(path)
            title = self.name if cat is None else f"{cat['name']} - {self.name}"
            home = "/" if cat is None else self.list_path(cat)
            self.write(
                path,
                self.render(
                    "common/rss.xml",
                    title=title,
                    link=self.url(home),
                    self_url=self.url(path),
                    items=[self.rss_item(e) for e in items],
                    build_date=format_datetime(items[0].published) if items else "",
                ),
            )

    def write_sitemaps(self) -> None:
        months = sorted({e.month_key for e in self.entries}, reverse=True)
        sitemaps = []
        for y, m in months:
            name = f"news-{y}-{m}.xml" if self.key == "vietnamplus" else f"news-{y}-{m:02d}.xml"
            path = f"/sitemaps/{name}"
            urls = [
                {
                    "loc": self.url(e.paths[self.key]),
                    "lastmod": e.iso,
                    "image": self.url(e.images[0].path) if e.images else "",
                }
                for e in self.entries
                if e.month_key == (y, m)
            ]
            self.write(path, self.render("common/urlset.xml", urls=urls))
            sitemaps.append({"loc": self.url(path), "lastmod": urls[0]["lastmod"]})
        newest = self.entries[0].iso if self.entries else ""
        cat_urls = [{"loc": self.url(self.list_path(c)), "lastmod": ""} for c in self.categories]
        self.write("/sitemaps/categories.xml", self.render("common/urlset.xml", urls=cat_urls))
        sitemaps.append({"loc": self.url("/sitemaps/categories.xml"), "lastmod": newest})
        if self.key == "vietnamplus":
            topic_urls = [{"loc": self.url(p), "lastmod": ""} for p in self.tag_paths]
            self.write("/sitemaps/topics.xml", self.render("common/urlset.xml", urls=topic_urls))
            sitemaps.append({"loc": self.url("/sitemaps/topics.xml"), "lastmod": newest})
            news = [
                {"loc": self.url(e.paths[self.key]), "date": e.iso, "title": e.title_on(self.key)}
                for e in self.entries
            ]
            self.write(
                "/sitemaps/google-news.xml",
                self.render("common/google-news.xml", urls=news, name="Vietnam+"),
            )
            sitemaps.append({"loc": self.url("/sitemaps/google-news.xml"), "lastmod": newest})
        self.sitemap_paths = [s["loc"][len(BASE) :] for s in sitemaps]
        self.write("/sitemap.xml", self.render("common/sitemapindex.xml", sitemaps=sitemaps))


def make_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["BASE"] = BASE
    env.globals["LAZY_GIF"] = LAZY_GIF
    env.globals["photo_len"] = len(PHOTO)
    return env


def main(argv: list[str]) -> int:
    """`build.py [-q] [--out DIR]`: DIR defaults to newsmon/sample_site/site/."""
    root = Path(argv[argv.index("--out") + 1]) if "--out" in argv else SITE_DIR
    entries = load_entries()
    env = make_env()
    for key in SITES:
        out = root / key
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
    summary = []
    for key in SITES:
        site = Site(key, entries, env, root)
        site.build()
        summary.append(
            f"{key}: {len(site.entries)} articles, {len(site.written)} text files; "
            f"feeds {', '.join(site.feed_paths[:1])} (+{len(site.feed_paths) - 1}); "
            f"sitemaps {', '.join(site.sitemap_paths)}"
        )
    if "-q" not in argv:
        print(f"{len(entries)} content files -> {root}")
        print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
