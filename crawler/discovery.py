"""Finding article URLs in feeds, sitemaps and list pages. Pure functions over
response bodies, so each format is tested on strings."""

from __future__ import annotations

from urllib.parse import urljoin

from parsel import Selector
from scrapy.utils.sitemap import Sitemap


def kind_of(body: bytes, content_type: str = "") -> str:
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


def sitemap_locs(body: bytes) -> list[str]:
    """<loc> of every entry of a sitemap or sitemap index."""
    try:
        return [entry["loc"] for entry in Sitemap(body) if entry.get("loc")]
    except Exception:  # lxml raises several types on broken XML
        return []


def feed_links(body: bytes, base_url: str) -> list[str]:
    """Item links of an RSS 2.0 or Atom feed."""
    sel = Selector(text=body.decode("utf-8", errors="replace"), type="xml")
    sel.remove_namespaces()
    links = sel.xpath("//item/link/text()").getall()
    links += sel.xpath("//entry/link[not(@rel) or @rel='alternate']/@href").getall()
    return [urljoin(base_url, link.strip()) for link in links if link.strip()]


def page_links(html: str, base_url: str) -> list[str]:
    """Every link of an HTML page, absolute; the spider keeps the article ones."""
    sel = Selector(text=html)
    return [urljoin(base_url, h.strip()) for h in sel.css("a::attr(href)").getall()
            if h.strip() and not h.startswith(("javascript:", "mailto:", "#"))]
