"""What every extractor shares: the result type, the error with its reason, text
cleaning, Vietnamese dates, bylines and images."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from html import unescape as decode_entities
from urllib.parse import urljoin

from parsel import Selector

VIETNAM = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")

# Below this many characters of body text a page is not an article, unless a
# site parser recognised its layout.
MIN_ARTICLE_CHARS = 300

# Why a page gave no article. The first four are final: the chain does not try
# another extractor after them.
REASONS = ("video", "gallery", "index", "not_html", "empty", "not_an_article")
FINAL_REASONS = frozenset({"video", "gallery", "index", "not_html"})


class ExtractError(ValueError):
    """The page is not an article this extractor can read; `reason` says why
    (one of REASONS)."""

    def __init__(self, message: str = "", reason: str = "not_an_article") -> None:
        super().__init__(message or reason)
        self.reason = reason


@dataclass
class ExtractedArticle:
    title: str
    body: str
    canonical_url: str
    sapo: str = ""
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    category: str = ""
    tags: list[str] = field(default_factory=list)
    agency: str = ""
    images: list[dict[str, str]] = field(default_factory=list)
    parser: str = ""


# ---------------------------------------------------------------- text

_SPACES = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\ufeff\u00ad"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str | None) -> str:
    """NFC, one space between words, no leading or trailing blanks."""
    text = unicodedata.normalize("NFC", text or "").translate(_INVISIBLE)
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)


def unescape(text: str | None) -> str:
    """A metadata value with its HTML entities decoded, cleaned. CMSes escape
    JSON-LD and meta values once or twice ("Chi&amp;#7871;n" → "Chi&#7871;n" →
    "Chiến"); decoding stops as soon as no entity is left, so text that never
    held one is returned as it was, and a third decode is never needed."""
    text = text or ""
    for _ in range(2):
        if not _ENTITY.search(text):
            break
        text = decode_entities(text)
    return clean(text)


def strip_controls(html: str) -> str:
    """Control characters that lxml refuses (NUL and friends) removed."""
    return _CONTROL.sub("", html)


def selector(html: str) -> Selector:
    return Selector(text=strip_controls(html or "") or "<html></html>", type="html")


_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
})


def _raw_text(root) -> str:
    """Text of an element without scripts and styles; block elements and <br>
    separate words, inline markup does not (so "Hà <b>Nội</b>," stays "Hà Nội,")."""
    out: list[str] = []
    stack: list = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        tag = item.tag
        if not isinstance(tag, str) or tag.lower() in _SKIP_TAGS:
            continue  # comments, processing instructions, scripts: their tail is pushed below
        block = tag.lower() in _BLOCK_TAGS
        if block:
            stack.append(" ")
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
        if item.text:
            stack.append(item.text)
        if block:
            stack.append(" ")
    return "".join(out)


def node_text(sel: Selector | None) -> str:
    if sel is None:
        return ""
    root = sel.root
    if isinstance(root, str):
        return clean(root)
    return clean(_raw_text(root))


def first_text(root: Selector, *css: str) -> str:
    for query in css:
        for found in root.css(query):
            text = node_text(found)
            if text:
                return text
    return ""


def all_texts(root: Selector, css: str) -> list[str]:
    """Texts of all matches, cleaned, empty ones and repeats left out (tags, breadcrumbs)."""
    out: list[str] = []
    for node in root.css(css):
        text = node_text(node)
        if text and text not in out:
            out.append(text)
    return out


def drop(root: Selector, *css: str) -> None:
    """Remove noise (related links, share boxes, ads) before reading the body."""
    for query in css:
        for node in root.css(query):
            node.drop()


def paragraphs(container: Selector, sapo: str = "", skip: tuple[str, ...] = ()) -> str:
    """Body text as paragraphs separated by blank lines; the repeated sapo, the
    texts in `skip` and empty paragraphs are left out."""
    return "\n\n".join(paragraph_list(container, sapo, skip))


def paragraph_list(container: Selector, sapo: str = "", skip: tuple[str, ...] = ()) -> list[str]:
    seen: set[str] = {sapo, *skip, ""}
    out: list[str] = []
    for p in container.css("p"):
        text = node_text(p)
        if text in seen:
            continue
        seen.add(text)
        out.append(text)
    return out


# ---------------------------------------------------------------- dates

# dd/mm/yyyy or dd-mm-yyyy (nhandan.vn: "Thứ Hai, 30-11-2026, 07:45"), then maybe HH:MM
_DATE = re.compile(r"(?<!\d)(\d{1,2})(?P<sep>[/-])(\d{1,2})(?P=sep)(\d{4}|\d{2})(?!\d)"
                   r"(?:\D+?(\d{1,2})[:h](\d{2}))?")
_TIME_BEFORE = re.compile(r"\b(\d{1,2})[:h](\d{2})\b(?!.*\d[:h]\d)")


def joined_body(paras: list[str], parser: str) -> str:
    """The body of a recognised layout; an empty one is an error, not an article
    without text (the layout matched but its body moved)."""
    if not paras:
        raise ExtractError(f"{parser} layout recognised but the article body is empty", "empty")
    return "\n\n".join(paras)


def parse_vietnamese_datetime(text: str) -> datetime | None:
    """Dates as the sites write them: "Thứ Bảy, 13/05/2023 17:27",
    "lúc : 11/07/14 11:35", or ISO 8601. Naive times are Vietnam time, and
    every result is given in Vietnam time (+07:00)."""
    text = clean(text)
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return value.astimezone(VIETNAM) if value.tzinfo else value.replace(tzinfo=VIETNAM)
    except ValueError:
        pass
    m = _DATE.search(text)
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    if year < 100:
        year += 2000
    hour, minute = int(m.group(5) or 0), int(m.group(6) or 0)
    if m.group(5) is None:  # "07:45, 30/11/2026", "07:45 | 30/11/2026": the time comes first
        before = _TIME_BEFORE.search(text[:m.start()])
        if before:
            hour, minute = int(before.group(1)), int(before.group(2))
    try:
        return datetime(year, month, day, hour, minute, tzinfo=VIETNAM)
    except ValueError:
        return None


_URL_STAMP = re.compile(r"-(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{3}\.htm")


def url_timestamp(url: str) -> datetime | None:
    """The 17-digit yyyymmddHHMMSSmmm stamp of baotintuc-style article URLs."""
    m = _URL_STAMP.search(url or "")
    if not m:
        return None
    try:
        return datetime(*map(int, m.groups()), tzinfo=VIETNAM)
    except ValueError:
        return None


# ---------------------------------------------------------------- page metadata

def canonical_url(root: Selector, url: str) -> str:
    found = (root.css('link[rel="canonical"]::attr(href)').get()
             or root.css('meta[property="og:url"]::attr(content)').get() or "").strip()
    return urljoin(url, found) if found else url


def meta(root: Selector, prop: str) -> str:
    return unescape(root.css(f'meta[property="{prop}"]::attr(content)').get()
                 or root.css(f'meta[name="{prop}"]::attr(content)').get())


def split_list(text: str) -> list[str]:
    """"a, b,c" → ["a", "b", "c"] (keywords)."""
    out: list[str] = []
    for part in re.split(r"[,;]", unescape(text)):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


# ---------------------------------------------------------------- bylines

_AGENCY = re.compile(r"^\(?\s*([^()]*?)\s*\)?$")


def agency_credit(text: str) -> str:
    """"(TTXVN/Vietnam+)" → "TTXVN/Vietnam+"."""
    m = _AGENCY.match(clean(text))
    return m.group(1) if m else ""


def split_authors(text: str) -> list[str]:
    """Names in a byline; entities are decoded first, so the ";" of "&#224;" never splits."""
    text = re.sub(r"\(.*?\)", "", unescape(text))
    parts = re.split(r"\s*(?:,|;| - | – | và |/)\s*", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


_CREDIT = re.compile(r"\(([^()]{1,40})\)")
# An outlet or agency after the last name, in capitals: "…/VOV.VN", "…/TTXVN".
_SLASH_CREDIT = re.compile(r"\s*/\s*([A-ZĐ][A-ZĐ0-9.+]{1,15}(?: [A-ZĐ0-9.+]{1,15})?)$")


def split_byline(text: str) -> tuple[list[str], str]:
    """"Minh Hằng - Quang Đức (Vietnam+)" → (["Minh Hằng", "Quang Đức"], "Vietnam+");
    " (TTXVN/Vietnam+)" → ([], "TTXVN/Vietnam+")."""
    text = unescape(text)
    m = _CREDIT.search(text)
    agency = clean(m.group(1)) if m else ""
    slash = _SLASH_CREDIT.search(text)
    if slash and not agency:  # "Hữu Nghĩa/VOV.VN", "Minh Anh/TTXVN"
        agency, text = slash.group(1), text[:slash.start()]
    return split_authors(text), agency


_LEADING_CREDIT = re.compile(r"^\(\s*([^()]{1,30}?)\s*\)\s*[-–:]?\s*")


def strip_leading_credit(text: str) -> tuple[str, str]:
    """"(TTXVN) Sáng 7/11, …" → ("Sáng 7/11, …", "TTXVN")."""
    m = _LEADING_CREDIT.match(text)
    if not m:
        return text, ""
    return text[m.end():], m.group(1)


# ---------------------------------------------------------------- images

_LAZY_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-srcset", "src")


def base_url(root: Selector, url: str) -> str:
    """What relative links resolve against: <base href>, else the page's address."""
    href = (root.css("base::attr(href)").get() or "").strip()
    return urljoin(url, href) if href else url


def image_url(img: Selector, base: str) -> str:
    """The real address of an image: lazy-loading attributes before `src`;
    placeholders (data: URIs) are skipped."""
    for attr in _LAZY_ATTRS:
        value = (img.attrib.get(attr) or "").strip()
        if attr == "data-srcset" and value:
            value = value.split(",")[0].split()[0]
        if value and not value.startswith("data:"):
            return urljoin(base, value)
    return ""


def collect_images(container: Selector, base: str, holders: str, caption_css: str) -> list[dict]:
    """One {"url", "caption"} per image holder (figure, photo div, image table) in the body."""
    images: list[dict[str, str]] = []
    for holder in container.css(holders):
        img = holder.css("img")
        src = image_url(img[0], base) if img else ""
        if src and all(i["url"] != src for i in images):
            caption = first_text(holder, *caption_css.split("|")) or node_text(holder)
            images.append({"url": src, "caption": caption if len(caption) < 500 else ""})
    return images


_RIGHT = re.compile(r"text-align\s*:\s*right", re.I)


def byline_paragraph(container: Selector) -> Selector | None:
    """The closing byline of a body: its last non-empty <p>, when short and
    right-aligned or wholly bold ("<strong>Thanh Hà - Đức Minh</strong>")."""
    last = None
    for p in container.css("p"):
        if node_text(p):
            last = p
    if last is None:
        return None
    text = node_text(last)
    if len(text) > 80:
        return None
    attrs = last.attrib
    right = bool(_RIGHT.search(attrs.get("style", ""))) or attrs.get("align", "").lower() == "right"
    bold = clean(" ".join(last.xpath(".//text()[ancestor::strong or ancestor::b]").getall()))
    if right or bold == text or "author" in attrs.get("class", ""):
        return last
    return None
