"""An alert's content, the same for every channel: one entry per story (the copy
first published, "+N bản đăng lại" and the outlets of the others), each with its
title, source, date, highlighted snippet, units, award figures and link, in
Vietnamese. A digest lists its entries under the unit each is about."""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field

from newsmon.index.store import Hit


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
    #: other copies of the story in this alert (reprints), and their outlets
    reprints: int = 0
    outlets: list[str] = field(default_factory=list)
    #: {"id", "source", "link"} of each reprint
    copies: list[dict] = field(default_factory=list)

    def reprint_note(self) -> str:
        """"+2 bản đăng lại (bnews, vietnamplus)", or "" for a story of one copy."""
        if not self.reprints:
            return ""
        return f"+{self.reprints} bản đăng lại ({', '.join(self.outlets)})"

    @property
    def unit(self) -> str:
        """The unit a digest files the entry under: the first the article is about."""
        return self.units[0] if self.units else NO_UNIT


NO_UNIT = "Đơn vị khác"


@dataclass
class Alert:
    watch: str
    query: str
    items: list[Item]
    #: matched articles not listed (beyond the message's or the day's cap), counted
    #: as "và N bài khác"
    more: int = 0
    #: a daily or weekly digest: entries are grouped by unit
    digest: bool = False

    @property
    def articles(self) -> int:
        """Matched articles listed, reprints included."""
        return sum(1 + i.reprints for i in self.items)

    @property
    def count(self) -> int:
        return self.articles + self.more

    def _stories(self) -> str:
        """" (N tin)" when reprints make the stories fewer than the articles (and all
        are listed: the unlisted ones are not grouped)."""
        stories = len(self.items)
        return f" ({stories} tin)" if not self.more and stories != self.articles else ""

    def subject(self) -> str:
        return f"[newsmon] {self.watch}: {self.count} bài mới{self._stories()}"

    def groups(self) -> list[tuple[str, list[Item]]]:
        """Entries by unit for a digest (most entries first, "Đơn vị khác" last), or
        one group of all entries."""
        if not self.digest:
            return [("", self.items)]
        by: dict[str, list[Item]] = {}
        for item in self.items:
            by.setdefault(item.unit, []).append(item)
        return sorted(by.items(), key=lambda kv: (kv[0] == NO_UNIT, -len(kv[1]), kv[0]))

    def to_dict(self) -> dict:
        data = {"watch": self.watch, "query": self.query, "count": self.count,
                "stories": len(self.items), "more": self.more, "digest": self.digest,
                "articles": [asdict(i) for i in self.items]}
        if self.digest:
            data["units"] = [{"unit": u, "articles": [i.id for i in items]}
                             for u, items in self.groups()]
        return data

    def _head(self) -> str:
        return f"{self.count} bài mới{self._stories()}"

    def text(self) -> str:
        kind = "Bản tin tổng hợp" if self.digest else "Theo dõi"
        lines = [f"{kind} “{self.watch}” ({self.query}): {self._head()}.", ""]
        n = 0
        for unit, items in self.groups():
            if unit:
                lines += [f"■ {unit} ({len(items)} tin)", ""]
            for item in items:
                n += 1
                lines.append(f"{n}. {item.title}")
                lines.append(f"   {item.source} · {_day(item.published_at)}")
                if note := item.reprint_note():
                    lines.append(f"   {note}")
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
        kind = "Bản tin tổng hợp" if self.digest else "Theo dõi"
        parts = [f"<p>{kind} <b>{e(self.watch)}</b> ({e(self.query)}): {self._head()}.</p>"]
        for unit, items in self.groups():
            if unit:
                parts.append(f"<h3>{e(unit)} ({len(items)} tin)</h3>")
            parts.append("<ol>")
            for item in items:
                parts.append(f'<li><p><a href="{e(item.link, quote=True)}"><b>{e(item.title)}'
                             f"</b></a><br>{e(item.source)} · {e(_day(item.published_at))}")
                if note := item.reprint_note():
                    parts.append(f"<br><i>{e(note)}</i>")
                parts.append(f"</p><p>{_marked(item.snippet, item.highlights)}</p>")
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


def by_story(items: list[Item], story_of: dict[str, str]) -> list[Item]:
    """One entry per story, in the order stories first appear: the copy published
    first (the original, as far as this alert knows) with the others as reprints."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(story_of.get(item.id, item.id), []).append(item)
    out = []
    for copies in groups.values():
        first = min(copies, key=lambda i: (i.published_at is None, i.published_at or ""))
        others = [i for i in copies if i is not first]
        first.reprints = len(others)
        first.outlets = sorted({i.source for i in others})
        first.copies = [{"id": i.id, "source": i.source, "link": i.link} for i in others]
        out.append(first)
    return out


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
