"""How results look in a terminal (Rich) and as JSON for programs."""

from __future__ import annotations

import csv
import html
import io
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

from rich.columns import Columns
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsmon.index.documents import SourceHealth
from newsmon.index.ledger import LedgerRow
from newsmon.index.snippets import Snippet
from newsmon.index.store import Facets, FigureRow, FigureSum, Hit, SearchResult, Stats
from newsmon.nlp.types import Analysis

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


def hit_json(hit: Hit) -> dict[str, Any]:
    """One hit for programs: the same shape in `search --json` and in the JSON
    lines of `search --all --json` (units always a list)."""
    return {**asdict(hit), "snippet": hit.snippet.text,
            "highlights": [list(s) for s in hit.snippet.highlights]}


def hits_json(result: SearchResult) -> dict[str, Any]:
    return {
        "total": result.total,
        "stories": result.stories,
        "hits": [hit_json(h) for h in result.hits],
        "facets": asdict(result.facets) if result.facets else None,
    }


_HIT_COLUMNS = ("id", "published_at", "source", "title", "canonical_url", "url", "units",
                "score", "snippet")


def _hit_row(hit: Hit) -> dict[str, Any]:
    """A hit as one flat CSV row: lists joined with "; "."""
    return {"id": hit.id, "published_at": hit.published_at, "source": hit.source,
            "title": hit.title, "url": hit.url, "canonical_url": hit.canonical_url,
            "units": "; ".join(hit.units), "score": round(hit.score, 4),
            "snippet": hit.snippet.text}


@contextmanager
def csv_stdout() -> Iterator[TextIO]:
    """Standard output for CSV: UTF-8 with a byte-order mark, which is how Excel
    knows the file is UTF-8 (without it, Vietnamese shows as mojibake), and
    with the CSV module's own line endings."""
    sys.stdout.flush()
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8-sig", newline="")
    try:
        yield stream
        stream.flush()
    finally:
        stream.detach()


def hits_csv(hits: Iterable[Hit], stream: TextIO) -> None:
    """CSV, one row per hit, written as the hits arrive (no cap on rows)."""
    writer = csv.DictWriter(stream, fieldnames=list(_HIT_COLUMNS))
    writer.writeheader()
    for hit in hits:
        writer.writerow(_hit_row(hit))


def hits_json_lines(hits: Iterable[Hit], stream: TextIO) -> None:
    for hit in hits:
        stream.write(json.dumps(hit_json(hit), ensure_ascii=False, default=_json_default)
                     + "\n")


def rows_csv(rows: list[dict[str, Any]], stream: TextIO, columns: list[str]) -> None:
    """Rows (figures, sums) as CSV; the header is written even with no row."""
    writer = csv.DictWriter(stream, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)


def print_facets(console: Console, facets: Facets, interval: str,
                 by: str = "article") -> None:
    counted = "stories" if by == "story" else "articles"
    tables = []
    for title, label, rows in (("Units", "unit", facets.units),
                               ("Campaigns", "campaign", facets.campaigns),
                               ("Sources", "source", facets.sources),
                               ("People", "person", facets.people),
                               ("Award forms", "award form", facets.awards)):
        if rows:
            tables.append(counts_table(title, label, rows[:8], counted))
    if tables:
        console.print(Columns(tables))
    if facets.sampled:
        console.print(f"[dim]Units, campaigns, people and award forms counted over the "
                      f"{facets.sampled:,} most recently stored matches; sources and dates "
                      "count every match.[/]")
    if facets.histogram:
        peak = max(n for _, n in facets.histogram)
        console.print(f"[bold]{counted.capitalize()} per {interval}[/]")
        for bucket, n in facets.histogram:
            console.print(f"  {bucket:<10} {'█' * max(1, round(30 * n / peak))} {n}",
                          highlight=False)


def print_sums(console: Console, sums: list[FigureSum], by: str) -> None:
    table = Table(title=f"Award figures summed by {by} and recipient kind (one copy per "
                  "story; stated totals only where their parts are not reported)",
                  title_justify="left", title_style="bold")
    for column in (by, "recipients", "total", "figures", "articles"):
        table.add_column(column, justify="left" if column in (by, "recipients") else "right")
    for s in sums:
        table.add_row(Text(s.key or "–"), Text(s.kind or "–"), str(s.total), str(s.figures),
                      str(s.articles))
    console.print(table)


def print_ledger(console: Console, rows: list[LedgerRow]) -> None:
    """Each event with what every independent source said, discrepancies first."""
    if not rows:
        console.print("No award figure matches.")
        return
    for row in rows:
        label = {"discrepancy": "[bold red]DISCREPANCY[/]", "agree": "[green]agree[/]",
                 "single": "[dim]single source[/]"}[row.verdict]
        console.print(label + " ", Text(f"{row.unit or '–'} · {row.award or '(no form named)'}"
                                        f" · {row.recipient_kind} · {row.level or '–'} · "
                                        f"{row.status} · {row.period}", style="bold"))
        for s in row.sources:
            console.print(Text(f"   {s.count:>7}  {s.source} · {(s.published_at or '')[:10]} · "
                               f"{s.url}\n            “{s.sentence}”"))
    counts = {v: sum(r.verdict == v for r in rows) for v in ("discrepancy", "agree", "single")}
    console.print(f"\n{counts['discrepancy']} discrepancy(ies), {counts['agree']} agreed, "
                  f"{counts['single']} single-source row(s).")


def print_hits(console: Console, result: SearchResult, offset: int = 0) -> None:
    if not result.total:
        console.print("No article matches. Try fewer words, or a field such as "
                      "[bold]unit:[/] or [bold]campaign:[/] (see newsmon search --help).")
        return
    last = offset + len(result.hits)
    stories = f" ({result.stories} stories)" if result.stories is not None else ""
    console.print(f"[bold]{result.total}[/] article(s) match{stories}; "
                  f"showing {offset + 1}–{last}.\n")
    for n, hit in enumerate(result.hits, start=offset + 1):
        console.print(Text.assemble((f"{n}. ", "bold"), (hit.title, "bold cyan")))
        console.print(Text(f"   {hit.source} · {(hit.published_at or '')[:16].replace('T', ' ')}"
                           f" · {hit.canonical_url}", style="dim"))
        if hit.reprints:
            console.print(Text(f"   +{hit.reprints} bản đăng lại: {', '.join(hit.outlets)}",
                               style="magenta"))
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
        out.print(Text(line))
        for page, reason in s.failures[:5]:
            err.print(Text.assemble(("  not collected", "yellow"), f" {page}: {reason}"))
        if len(s.failures) > 5:
            err.print(f"  … and {len(s.failures) - 5} more (newsmon sources, or --json)")
        if s.unreachable:
            err.print(Text.assemble((f"  {s.name} is unreachable.", "red bold"),
                                    " Check the URL and the network (or a proxy); the other "
                                    "sources were still collected."))
    out.print(Text(f"analysed {report.analysis.analyzed} articles into {url}"))
    for article_id, error in report.analysis.failed:
        err.print(Text.assemble((f"analysis failed for {article_id}:", "yellow"), f" {error}"))
    if report.alerts:
        matched = sum(report.alerts["matched"].values())
        sent = [d for d in report.alerts["deliveries"] if d["ok"]]
        out.print(Text(f"alerts: {matched} new matches, {len(sent)} deliveries sent"))
        for d in report.alerts["deliveries"]:
            if not d["ok"]:
                err.print(Text.assemble((f"alert to {d['destination']} failed:", "red bold"),
                                        f" {d['response']} (kept; newsmon watch log)"))


def _when(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else "never"


def print_health(console: Console, health: list[SourceHealth], *, never: list[str],
                 one_off: list[str]) -> None:
    """The health table of the configured sources, then what needs attention:
    a probable layout change, a source never collected, failed pages."""
    if health:
        table = Table(title="Sources", title_justify="left", title_style="bold")
        for column in ("source", "last run", "last success",
                       "articles per run (newest first)", "pages", "not collected"):
            table.add_column(column)
        for h in health:
            run = h.last_run
            table.add_row(Text(h.source), _when(run.finished_at), _when(h.last_success),
                          " ".join(str(r.articles) for r in h.recent), str(run.pages),
                          Text(", ".join(f"{k} {v}" for k, v in run.skipped.items()) or "–"))
        console.print(table)
    else:
        console.print("No crawl of a configured source recorded yet. Run [bold]newsmon "
                      "crawl[/].")
    for h in health:
        run = h.last_run
        if run.layout_suspect:
            console.print(Text(f"✗ {h.source}: {run.article_pages} article pages fetched, no "
                               "article extracted. The site has probably changed its layout; "
                               "save a page and check it with `newsmon extract`.",
                               style="red bold"))
        for page, reason in run.failures[:5]:
            console.print(Text.assemble(("  " + h.source, "yellow"), f" {page}: {reason}"))
    for name in never:
        console.print(Text(f"✗ {name}: never collected successfully. Check its start URLs in "
                           f"the sources file and run `newsmon crawl -s {name}`.",
                           style="red bold"))
    if one_off:
        console.print(Text(f"Not listed: one-off crawls of {', '.join(one_off)}. To follow a "
                           "site for good: `newsmon sources add URL`.", style="dim"))


def print_stats(console: Console, stats: Stats) -> None:
    console.print(f"[bold]{stats.articles}[/] articles ({stats.stories} stories, reprints "
                  f"counted once), {stats.analyzed} analysed, {stats.figures} award figures.")
    console.print(counts_table("Articles by source", "source", stats.by_source.items()))
    console.print(counts_table("Top units", "unit", stats.top_units))
    console.print(counts_table("Top campaigns", "campaign", stats.top_campaigns))


def counts_table(title: str, label: str, rows: Any, counted: str = "articles") -> Table:
    table = Table(title=title, title_justify="left", title_style="bold")
    table.add_column(label)
    table.add_column(counted, justify="right")
    for name, count in rows:
        table.add_row(Text(name), str(count))
    return table


def print_figures(console: Console, figures: list[tuple[FigureRow, list[str]]]) -> None:
    """Each figure on one line, then its sentence with the count highlighted, and
    the article's title and canonical URL, so a reader checks the number against
    what was written and where; a status other than awarded names its cue (the
    words that made it a proposal or a target), so the reader sees why."""
    for f, sources in figures:
        level = f" · cấp {f.level}" if f.level else ""
        award = f.award or "no form named"
        line = Text.assemble((f"{f.count:>6}", "bold"), f" {f.recipient_kind} · {award}{level}")
        if f.status != "awarded":
            cue = f": “{f.status_cue}”" if f.status_cue else ""
            line.append(f" ({f.status}{cue})", style="magenta")
        day = f" {f.published_at[:10]}" if f.published_at else ""
        line.append(f" — {', '.join(sources)}{day}", style="dim")
        console.print(line)
        sentence = Text(f.sentence, style="dim")
        start, end = f.start - f.sentence_start, f.end - f.sentence_start
        if 0 <= start < end <= len(f.sentence):
            sentence.stylize("bold yellow", start, end)
        console.print(Text("        “") + sentence + Text("”"))
        console.print(Text(f"        {f.title} · {f.canonical_url or f.url}", style="cyan"))


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
    """One HTML page (UTF-8, lang="vi") showing, with displaCy, the entities and
    award figures of each text: figures as FIGURE (awarded) or FIGURE?
    (proposed, target), then a table of every figure with its status, since a
    figure inside an entity cannot be marked in the text."""
    from spacy import displacy

    sections = []
    for doc_id, text, analysis in docs:
        spans = [{"start": e.start, "end": e.end, "label": e.type} for e in analysis.entities]
        taken = [(e.start, e.end) for e in analysis.entities]
        for a in analysis.awards:
            if not any(s < a.end and a.start < e for s, e in taken):
                spans.append({"start": a.start, "end": a.end,
                              "label": "FIGURE" if a.status == "awarded" else "FIGURE?"})
        marked = displacy.render({"text": text, "ents": sorted(spans, key=lambda s: s["start"])},
                                 style="ent", manual=True, page=False, jupyter=False,
                                 options={"colors": _DISPLACY_COLOURS})
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
                a.count, a.recipient_kind, a.award, a.level or "–", a.status)) + "</tr>\n"
            for a in analysis.awards)
        table = ("<table><tr><th>count</th><th>recipients</th><th>award</th><th>level</th>"
                 f"<th>status</th></tr>\n{rows}</table>" if rows else "<p>No award figure.</p>")
        sections.append(f"<section>\n<h2>{html.escape(doc_id)}</h2>\n{marked}\n{table}\n"
                        "</section>")
    return _PAGE.replace("{body}", "\n".join(sections))


_PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>newsmon analyze</title>
<style>
body { font-size: 16px; font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
       padding: 2rem; max-width: 60rem; }
table { border-collapse: collapse; margin: 1rem 0 3rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.8rem; text-align: left; }
</style>
</head>
<body>
{body}
</body>
</html>
"""


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
        table.add_row(e.type, Text(e.text), Text(e.canonical))
    console.print(table)
    if analysis.awards:
        awards = Table(title="Award figures", title_justify="left")
        for column in ("count", "recipients", "award", "level", "status"):
            awards.add_column(column)
        for a in analysis.awards:
            awards.add_row(str(a.count), Text(a.recipient_kind), Text(a.award),
                           Text(a.level or "–"), a.status)
        console.print(awards)
