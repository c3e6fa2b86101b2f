"""An alert's content, the same for every channel: per article its title, source,
date, highlighted snippet, units, award figures and link, in Vietnamese."""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field

from index.store import Hit


@dataclass
class Item:
    id: str
    title: str
    source: str
    published_at: str | None
    link: str
    snippet: str
    #: (start, end) of matched words in `snippet`
    highlights: list[tuple[int, int]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    #: "12 tập thể: Bằng khen của Thủ tướng Chính phủ"
    awards: list[str] = field(default_factory=list)


@dataclass
class Alert:
    watch: str
    query: str
    items: list[Item]
    #: matches beyond the watch's cap, listed as "và N bài khác"
    more: int = 0

    @property
    def count(self) -> int:
        return len(self.items) + self.more

    def subject(self) -> str:
        return f"[newsmon] {self.watch}: {self.count} bài mới"

    def to_dict(self) -> dict:
        return {"watch": self.watch, "query": self.query, "count": self.count,
                "more": self.more, "articles": [asdict(i) for i in self.items]}

    def text(self) -> str:
        lines = [f"Theo dõi “{self.watch}” ({self.query}): {self.count} bài mới.", ""]
        for i, item in enumerate(self.items, 1):
            lines.append(f"{i}. {item.title}")
            lines.append(f"   {item.source} · {_day(item.published_at)}")
            lines.append(f"   {item.snippet}")
            if item.units:
                lines.append(f"   Đơn vị: {', '.join(item.units)}")
            for award in item.awards:
                lines.append(f"   Khen thưởng: {award}")
            lines.append(f"   {item.link}")
            lines.append("")
        if self.more:
            lines.append(f"… và {self.more} bài khác.")
        return "\n".join(lines)

    def html(self) -> str:
        e = html.escape
        parts = [f"<p>Theo dõi <b>{e(self.watch)}</b> ({e(self.query)}): "
                 f"{self.count} bài mới.</p>", "<ol>"]
        for item in self.items:
            parts.append(f'<li><p><a href="{e(item.link, quote=True)}"><b>{e(item.title)}</b>'
                         f"</a><br>{e(item.source)} · {e(_day(item.published_at))}</p>"
                         f"<p>{_marked(item.snippet, item.highlights)}</p>")
            if item.units:
                parts.append(f"<p>Đơn vị: {e(', '.join(item.units))}</p>")
            if item.awards:
                parts.append("<ul>" + "".join(f"<li>{e(a)}</li>" for a in item.awards)
                             + "</ul>")
            parts.append("</li>")
        parts.append("</ol>")
        if self.more:
            parts.append(f"<p>… và {self.more} bài khác.</p>")
        return "".join(parts)


def item_from_hit(hit: Hit, awards: list[str]) -> Item:
    return Item(id=hit.id, title=hit.title, source=hit.source,
                published_at=hit.published_at, link=hit.canonical_url or hit.url,
                snippet=hit.snippet.text, highlights=[tuple(h) for h in hit.snippet.highlights],
                units=list(hit.units), awards=awards)


def _day(published_at: str | None) -> str:
    return published_at[:10] if published_at else "không rõ ngày"


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(html.escape(text[last:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)
