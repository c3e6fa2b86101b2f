"""What kind of page this is, so that non-articles never come back as junk
articles. Each check raises or returns the `ExtractError` reason:

- "not_html": binary data, feeds, JSON or other text that is not an HTML page;
- "empty": an HTML page without body text;
- "video": og:type video*, a VideoObject without an article, or a player with little text;
- "gallery": many figures and little text;
- "index": home, category, tag and search pages: list-page metadata
  (og:type website, WebSite/CollectionPage/ItemList JSON-LD) or many teaser
  links, and no dense article body;
- "not_an_article": anything else too short to be an article.
"""

from __future__ import annotations

import re

from newsmon.crawler.extract.common import MIN_ARTICLE_CHARS, ExtractError
from newsmon.crawler.extract.page import INDEX_TYPES, Page

_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"ID3", b"RIFF",
          b"\x1f\x8b", b"OggS", b"\x00\x00\x00", b"BM", b"fLaC", b"Rar!", b"7z\xbc\xaf")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|h1|article|main)\b",
                       re.I)
_FEED = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|urlset|sitemapindex|rdf:RDF)\b",
    re.I | re.S)
_LISTED_LINKS = ("//a[@href][ancestor::li or ancestor::article]"
                 "[not(ancestor::nav or ancestor::header or ancestor::footer)]")
_ANY_TEXT = "//p[normalize-space()][not(ancestor::header or ancestor::footer or ancestor::nav)]"
_LIST_OG_TYPES = frozenset({"website", "object", "profile", "product", "blog"})


def to_text(html: str | bytes) -> str:
    """The page as text, or ExtractError "not_html" / "empty". Bytes are checked
    for binary signatures, then read as UTF-8 (UTF-16 with a BOM; bad bytes replaced)."""
    if isinstance(html, bytes | bytearray):
        data = bytes(html)
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            html = data.decode("utf-16", errors="replace")
        elif any(data[:16].lstrip().startswith(m) for m in _MAGIC):
            raise ExtractError("binary data, not an HTML page", "not_html")
        else:
            html = data.decode("utf-8", errors="replace")
    if not isinstance(html, str):
        raise ExtractError(f"not a page: {type(html).__name__}", "not_html")
    text = html.lstrip("\ufeff \t\r\n")
    if not text:
        raise ExtractError("the page is empty", "empty")
    sample = text[:4096]
    if any(sample.encode("latin-1", "ignore").startswith(m) for m in _MAGIC[:8]):
        raise ExtractError("binary data, not an HTML page", "not_html")
    if len(_CONTROL.findall(sample)) > 0.02 * len(sample) or \
            sample.count("\ufffd") > 0.2 * len(sample):
        raise ExtractError("binary data or the wrong encoding, not an HTML page", "not_html")
    if _FEED.match(sample) or sample[0] in "{[":
        raise ExtractError("a feed, sitemap or JSON document, not an HTML page", "not_html")
    if not _HTML_TAG.search(text[:200_000]):
        raise ExtractError("no HTML markup", "not_html")
    return html


def page_kind(page: Page, body_chars: int) -> str | None:
    """None for an article; else the reason it is not one."""
    article_like = bool(page.ld_article) or page.og_type == "article"
    if page.og_type.startswith("video") or (
            "VideoObject" in page.ld_types and not page.ld_article):
        return "video"
    if not article_like and not page.dense_body and (
            page.og_type in _LIST_OG_TYPES or page.ld_types & INDEX_TYPES
            or page.headline_links >= 5):
        return "index"
    if body_chars >= MIN_ARTICLE_CHARS:
        return None
    if page.has_player:
        return "video"
    if page.figures >= 3 or "ImageGallery" in page.ld_types or "gallery" in page.og_type:
        return "gallery"
    if not article_like and (page.headline_links or page.root.xpath(_LISTED_LINKS)):
        return "index"
    if body_chars == 0 and not page.root.xpath(_ANY_TEXT):
        return "empty"
    return "not_an_article"


def check(page: Page, body_chars: int) -> None:
    reason = page_kind(page, body_chars)
    if reason:
        raise ExtractError(f"not an article: {reason} ({body_chars} characters of body text)",
                           reason)
