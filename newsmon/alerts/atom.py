"""An Atom feed per watch, written under the data directory (`feeds/<watch>.xml`)
after each run, so a feed reader can follow a watch with no mail set up."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from newsmon.alerts.message import Item
from newsmon.crawler.files import write_atomic

ATOM = "http://www.w3.org/2005/Atom"


def feed_path(data_dir: Path, watch: str) -> Path:
    return data_dir / "feeds" / f"{watch}.xml"


def write_feed(path: Path, watch: str, query: str, items: list[tuple[Item, str]]) -> None:
    """The feed of (item, matched at) pairs, newest first; replaced atomically."""
    write_atomic(path, feed_bytes(watch, query, items))


def feed_bytes(watch: str, query: str, items: list[tuple[Item, str]]) -> bytes:
    """The Atom XML of (item, matched at) pairs, newest first: one entry per story,
    its reprints as related links and "+N bản đăng lại" in the summary."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    updated = items[0][1] if items else datetime.now(UTC).isoformat(timespec="seconds")
    sub(feed, "id", f"urn:newsmon:watch:{watch}")
    sub(feed, "title", f"newsmon: {watch}")
    sub(feed, "subtitle", query)
    sub(feed, "updated", updated)
    author = sub(feed, "author")
    sub(author, "name", "newsmon")
    for item, matched_at in items:
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:newsmon:article:{item.id}")
        sub(entry, "title", item.title)
        sub(entry, "link", href=item.link)
        sub(entry, "updated", matched_at)
        if item.published_at:
            sub(entry, "published", item.published_at)
        for copy in item.copies:
            sub(entry, "link", rel="related", href=copy["link"], title=copy["source"])
        details = [item.snippet, *(f"Đơn vị: {u}" for u in item.units[:3]), *item.awards]
        if note := item.reprint_note():
            details.insert(0, note)
        sub(entry, "summary", "\n".join(details))
        sub(entry, "category", term=item.source)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
