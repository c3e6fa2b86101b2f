"""How results look in a terminal (Rich) and as JSON for programs."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

from rich.columns import Columns
from rich.console import Console
from rich.table import Table
from rich.text import Text

from index.documents import SourceHealth
from index.snippets import Snippet
from index.store import Facets, FigureRow, FigureSum, Hit, SearchResult, Stats
from nlp.types import Analysis

if TYPE_CHECKING:
    from newsmon.pipeline import PipelineReport


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def emit_json(data: Any) -> None:
    """JSON on stdout for programs: plain (no colour), dates in ISO 8601."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n")


def snippet_text(snippet: Snippet) -> Text:
    text = Text(snippet.text)
    for start, end in snippet.highlights:
        text.stylize("bold yellow", start, end)
    return text


def hits_json(result: SearchResult) -> dict[str, Any]:
    return {
        "total": result.total,
        "hits": [{**asdict(h), "snippet": h.snippet.text,
                  "highlights": [list(s) for s in h.snippet.highlights]} for h in result.hits],
        "facets": asdict(result.facets) if result.facets else None,
    }


_HIT_COLUMNS = ("published_at", "source", "title", "canonical_url", "units", "score", "snippet")


def _hit_row(hit: Hit) -> dict[str, Any]:
    return {"id": hit.id, "published_at": hit.published_at, "source": hit.source,
            "title": hit.title, "url": hit.url, "canonical_url": hit.canonical_url,
            "units": "; ".join(hit.units), "score": round(hit.score, 4),
            "snippet": hit.snippet.text}


def hits_csv(hits: Iterable[Hit], stream: TextIO) -> None:
    """CSV, one row per hit, written as the hits arrive (no cap on rows)."""
    writer = csv.DictWriter(stream, fieldnames=["id", *_HIT_COLUMNS[:4], "url",
                                                *_HIT_COLUMNS[4:]])
    writer.writeheader()
    for hit in hits:
        writer.writerow(_hit_row(hit))


def hits_json_lines(hits: Iterable[Hit], stream: TextIO) -> None:
    for hit in hits:
        stream.write(json.dumps(_hit_row(hit), ensure_ascii=False) + "\n")


def rows_csv(rows: list[Any], stream: TextIO) -> None:
    """Dataclass rows (figures, sums) as CSV."""
    if not rows:
        return
    data = [asdict(r) for r in rows]
    writer = csv.DictWriter(stream, fieldnames=list(data[0]))
    writer.writeheader()
    writer.writerows(data)


def print_facets(console: Console, facets: Facets, interval: str) -> None:
    tables = []
    for title, label, rows in (("Units", "unit", facets.units),
                               ("Campaigns", "campaign", facets.campaigns),
                               ("Sources", "source", facets.sources),
                               ("People", "person", facets.people),
                               ("Award forms", "award form", facets.awards)):
        if rows:
            tables.append(counts_table(title, label, rows[:8]))
    if tables:
        console.print(Columns(tables))
    if facets.histogram:
        peak = max(n for _, n in facets.histogram)
        console.print(f"[bold]Articles per {interval}[/]")
        for bucket, n in facets.histogram:
            console.print(f"  {bucket:<10} {'█' * max(1, round(30 * n / peak))} {n}",
                          highlight=False)


def print_sums(console: Console, sums: list[FigureSum], by: str) -> None:
    table = Table(title=f"Award figures summed by {by} (stated totals left out)",
                  title_justify="left", title_style="bold")
    for column in (by, "total", "figures", "articles"):
        table.add_column(column, justify="left" if column == by else "right")
    for s in sums:
        table.add_row(s.key or "–", str(s.total), str(s.figures), str(s.articles))
    console.print(table)


def print_hits(console: Console, result: SearchResult, offset: int = 0) -> None:
    if not result.total:
        console.print("No article matches. Try fewer words, or a field such as "
                      "[bold]unit:[/] or [bold]campaign:[/] (see newsmon search --help).")
        return
    last = offset + len(result.hits)
    console.print(f"[bold]{result.total}[/] article(s) match; showing {offset + 1}–{last}.\n")
    for n, hit in enumerate(result.hits, start=offset + 1):
        console.print(Text.assemble((f"{n}. ", "bold"), (hit.title, "bold cyan")))
        console.print(Text(f"   {hit.source} · {(hit.published_at or '')[:16].replace('T', ' ')}"
                           f" · {hit.canonical_url}", style="dim"))
        console.print(Text("   ") + snippet_text(hit.snippet))
        if hit.units:
            console.print(Text("   units: " + "; ".join(hit.units), style="green"))
        console.print()


def print_crawl_report(out: Console, err: Console, report: PipelineReport, url: str) -> None:
    for s in report.sources:
        line = f"{s.name}: {s.pages} pages, {s.articles} articles ({s.new} new)"
        if s.known:
            line += f", {s.known} already stored"
        if s.not_modified:
            line += f", {s.not_modified} feeds unchanged"
        if s.skipped:
            line += ", skipped: " + ", ".join(f"{k} {v}" for k, v in s.skipped.items())
        out.print(line, highlight=False)
        for page, reason in s.failures[:5]:
            err.print(f"  [yellow]not collected[/] {page}: {reason}", highlight=False)
        if len(s.failures) > 5:
            err.print(f"  … and {len(s.failures) - 5} more (newsmon sources, or --json)")
        if s.unreachable:
            err.print(f"  [red bold]{s.name} is unreachable.[/] Check the URL and the network "
                      "(or a proxy); the other sources were still collected.")
    out.print(f"analysed {report.analysis.analyzed} articles into {url}", highlight=False)
    for article_id, error in report.analysis.failed:
        err.print(f"[yellow]analysis failed for {article_id}:[/] {error}", highlight=False)


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "never"


def print_health(console: Console, health: list[SourceHealth]) -> None:
    if not health:
        console.print("No crawl recorded yet. Run [bold]newsmon crawl[/].")
        return
    table = Table(title="Sources", title_justify="left", title_style="bold")
    for column in ("source", "last run", "last success", "articles per run (newest first)",
                   "pages", "not collected"):
        table.add_column(column)
    for h in health:
        run = h.last_run
        table.add_row(h.source, _when(run.finished_at), _when(h.last_success),
                      " ".join(str(r.articles) for r in h.recent), str(run.pages),
                      ", ".join(f"{k} {v}" for k, v in run.skipped.items()) or "–")
    console.print(table)
    for h in health:
        run = h.last_run
        if run.layout_suspect:
            console.print(f"[red bold]✗ {h.source}: {run.article_pages} article pages fetched, "
                          "no article extracted. The site has probably changed its layout; "
                          "save a page and check it with `newsmon extract`.[/]")
        for page, reason in run.failures[:5]:
            console.print(f"  [yellow]{h.source}[/] {page}: {reason}", highlight=False)


def print_stats(console: Console, stats: Stats) -> None:
    console.print(f"[bold]{stats.articles}[/] articles, {stats.analyzed} analysed, "
                  f"{stats.figures} award figures.")
    console.print(counts_table("Articles by source", "source", stats.by_source.items()))
    console.print(counts_table("Top units", "unit", stats.top_units))
    console.print(counts_table("Top campaigns", "campaign", stats.top_campaigns))


def counts_table(title: str, label: str, rows: Any) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold")
    table.add_column(label)
    table.add_column("articles", justify="right")
    for name, count in rows:
        table.add_row(name, str(count))
    return table


def print_figures(console: Console, figures: list[tuple[FigureRow, list[str]]]) -> None:
    """Each figure on one line, then its sentence with the count highlighted, so a
    reader checks the number against what was written."""
    for f, sources in figures:
        level = f" · cấp {f.level}" if f.level else ""
        status = "" if f.status == "awarded" else f" [magenta]({f.status})[/]"
        day = f" {f.published_at[:10]}" if f.published_at else ""
        console.print(f"[bold]{f.count:>6}[/] {f.recipient_kind} · {f.award}{level}{status}"
                      f" [dim]— {', '.join(sources)}{day}[/]", highlight=False)
        sentence = Text(f.sentence, style="dim")
        start, end = f.start - f.sentence_start, f.end - f.sentence_start
        if 0 <= start < end <= len(f.sentence):
            sentence.stylize("bold yellow", start, end)
        console.print(Text("        “") + sentence + Text("”"))


def analysis_json(doc_id: str, analysis: Analysis) -> dict[str, Any]:
    """One line of `newsmon analyze` output; the schema is documented in the README."""
    data = analysis.to_dict()
    keys = ("count", "recipient_kind", "award", "level", "giver", "recipient", "status",
            "is_total", "start", "end", "sentence", "sentence_start", "status_cue")
    return {
        "id": doc_id,
        "entities": data["entities"],
        "units": data["units"],
        "campaigns": data["campaigns"],
        "awards": [{k: a[k] for k in keys} for a in data["awards"]],
    }


_DISPLACY_COLOURS = {"ORG": "#7aecec", "LOC": "#bfeeb7", "PER": "#aa9cfc", "AWARD": "#feca74",
                    "CAMPAIGN": "#c887fb", "FIGURE": "#ff9561", "FIGURE?": "#e4e7d2"}


def analysis_html(docs: list[tuple[str, str, Analysis]]) -> str:
    """One HTML page showing, with displaCy, the entities and award figures of
    each text: figures as FIGURE (awarded) or FIGURE? (proposed, target)."""
    from spacy import displacy

    parsed = []
    for doc_id, text, analysis in docs:
        spans = [{"start": e.start, "end": e.end, "label": e.type} for e in analysis.entities]
        taken = [(e.start, e.end) for e in analysis.entities]
        for a in analysis.awards:
            if not any(s < a.end and a.start < e for s, e in taken):
                spans.append({"start": a.start, "end": a.end,
                              "label": "FIGURE" if a.status == "awarded" else "FIGURE?"})
        parsed.append({"text": text, "ents": sorted(spans, key=lambda s: s["start"]),
                       "title": doc_id})
    return displacy.render(parsed, style="ent", manual=True, page=True, jupyter=False,
                           options={"colors": _DISPLACY_COLOURS})


_COLOURS = {"ORG": "cyan", "LOC": "green", "PER": "magenta", "AWARD": "yellow",
            "CAMPAIGN": "blue"}


def print_analysis(console: Console, doc_id: str, text: str, analysis: Analysis) -> None:
    marked = Text(text)
    for e in analysis.entities:
        marked.stylize(f"bold {_COLOURS.get(e.type, 'white')}", e.start, e.end)
    for a in analysis.awards:
        marked.stylize("underline", a.start, a.end)
    console.rule(doc_id)
    console.print(marked)
    table = Table(title="Entities", title_justify="left")
    for column in ("type", "text", "canonical"):
        table.add_column(column)
    for e in analysis.entities:
        table.add_row(e.type, e.text, e.canonical)
    console.print(table)
    if analysis.awards:
        awards = Table(title="Award figures", title_justify="left")
        for column in ("count", "recipients", "award", "level", "status"):
            awards.add_column(column)
        for a in analysis.awards:
            awards.add_row(str(a.count), a.recipient_kind, a.award, a.level or "–", a.status)
        console.print(awards)
