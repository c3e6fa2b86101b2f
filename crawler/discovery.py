"""Finding article URLs in feeds, sitemaps and pages. Pure functions over
response bodies, so each format is tested on strings.

Entries carry the date the listing gives (RSS pubDate, sitemap lastmod,
Google News publication_date) so a crawl bounded by `--since` skips old
articles without fetching them.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from newsmon.crawler.extract.common import VIETNAM


@dataclass(frozen=True)
class Link:
    url: str
    date: datetime | None = None


def kind_of(body: bytes) -> str:
    """"sitemap", "sitemapindex", "rss", "atom" or "html", sniffed from the bytes
    (servers often label XML as text/html or the reverse)."""
    head = body[:2048].lstrip().lower()
    if b"<sitemapindex" in head:
        return "sitemapindex"
    if b"<urlset" in head:
        return "sitemap"
    if b"<rss" in head or b"<rdf:rdf" in head:
        return "rss"
    if b"<feed" in head and b"atom" in head:
        return "atom"
    return "html"


def _date(text: str | None) -> datetime | None:
    """ISO 8601 (sitemaps, Atom) or RFC 822 (RSS); naive times are Vietnam time."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
    return value if value.tzinfo else value.replace(tzinfo=VIETNAM)


def _xml(body: bytes) -> etree._Element | None:
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             remove_comments=True)
    try:
        return etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class TooLarge(ValueError):
    """Unpacked data over the bound."""


def unpacked(body: bytes, limit: int) -> bytes:
    """The body, gunzipped if it is gzip data (`sitemap.xml.gz` served as a
    file), never more than `limit` bytes unpacked: a gzip bomb stops there."""
    if body[:2] != b"\x1f\x8b":
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(body, limit + 1)
    if len(out) > limit:
        raise TooLarge(f"more than {limit} bytes unpacked")
    return out


def sitemap_entries(body: bytes) -> list[Link]:
    """Entries of a sitemap or sitemap index, with lastmod or the Google News
    publication date; a truncated sitemap yields the entries before the cut."""
    root = _xml(body)
    if root is None:
        return []
    links = []
    for entry in root:
        if _local(entry.tag) not in ("url", "sitemap"):
            continue
        fields = {_local(el.tag): (el.text or "").strip() for el in entry.iter()}
        if fields.get("loc"):
            links.append(Link(fields["loc"], _date(fields.get("publication_date")
                                                   or fields.get("lastmod"))))
    return links


def feed_entries(body: bytes, base_url: str) -> list[Link]:
    """Item links of an RSS 2.0 or Atom feed, with their publication dates."""
    root = _xml(body)
    if root is None:
        return []
    links = []
    for item in root.iter():
        name = _local(item.tag)
        if name == "item":
            fields = {_local(el.tag): (el.text or "").strip() for el in item}
            url = fields.get("link") or fields.get("guid", "")
            date = _date(fields.get("pubDate") or fields.get("date"))
        elif name == "entry":
            url = ""
            for el in item:
                if _local(el.tag) == "link" and el.get("rel", "alternate") == "alternate":
                    url = el.get("href", "")
            fields = {_local(el.tag): (el.text or "").strip() for el in item}
            date = _date(fields.get("published") or fields.get("updated"))
        else:
            continue
        if url:
            links.append(Link(urljoin(base_url, url), date))
    return links


def page_links(html: str, base_url: str) -> list[str]:
    """Every link of an HTML page, absolute and without fragment."""
    sel = Selector(text=html)
    out = []
    for href in sel.css("a::attr(href)").getall():
        href = href.strip()
        if href and not href.startswith(("javascript:", "mailto:", "tel:", "#")):
            out.append(urljoin(base_url, href).split("#", 1)[0])
    return out


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
               "application/xml", "text/xml")


def feeds_in_page(html: str, base_url: str) -> list[str]:
    """Feeds a page announces with <link rel="alternate" type="application/rss+xml">."""
    sel = Selector(text=html)
    return [urljoin(base_url, link.attrib["href"]) for link in sel.css("link[rel~=alternate]")
            if link.attrib.get("type", "").split(";")[0].strip() in _FEED_TYPES
            and link.attrib.get("href")]


def sitemaps_in_robots(text: str, base_url: str) -> list[str]:
    return [urljoin(base_url, m.group(1).strip())
            for m in re.finditer(r"(?im)^\s*sitemap\s*:\s*(\S+)", text)]


def same_site(url: str, other: str) -> bool:
    """Same host, "www." aside: off-site links and redirects are not followed."""
    a, b = urlsplit(url).hostname or "", urlsplit(other).hostname or ""
    return a.removeprefix("www.") == b.removeprefix("www.")
