"""`newsmon demo`: the whole pipeline on the bundled sample sites, offline,
ending with the summary a communications officer reads first."""

from __future__ import annotations

import shlex
import time
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from newsmon import render
from newsmon.config import Source, store_url
from newsmon.figuring import one_per_story
from newsmon.index import open_store
from newsmon.index.query import parse
from newsmon.pipeline import run_pipeline
from newsmon.redact import masked
from newsmon.sample_site.server import SITES, SampleSite

#: Loopback pages answer in a millisecond; start AutoThrottle low so the demo
#: stays quick while keeping the polite settings on. The sample sites are on
#: loopback, which the egress policy refuses unless allowed.
DEMO_SETTINGS = {"AUTOTHROTTLE_START_DELAY": 0.05, "NEWSMON_ALLOW_PRIVATE": True}


def run_demo(out: Console, err: Console, url: str, *, workers: int | None = None,
             as_json: bool = False) -> dict[str, Any]:
    started = time.perf_counter()
    with SampleSite() as site:
        sources = [Source(name, name, site.start_urls(name)) for name in SITES]
        err.print(f"Serving the sample sites on {', '.join(site.base_url(n) for n in SITES)}")
        report = run_pipeline(err, sources, url, workers=workers, overrides=DEMO_SETTINGS)
    store = open_store(url)
    try:
        stats = store.stats(top=40)
        rows = store.figures()
        figures = one_per_story(
            rows, store.story_of(list(dict.fromkeys(r.article_id for r in rows))))
        example = _example_query(stats.top_units)
        stats.top_units, stats.top_campaigns = stats.top_units[:8], stats.top_campaigns[:8]
        hits = store.search(parse(example), limit=3)
    finally:
        store.close()
    elapsed = time.perf_counter() - started
    command = "newsmon search " + shlex.quote(example)
    if url != store_url(None):
        command += f" --store {shlex.quote(masked(url))}"
    summary = {
        "store": masked(url),
        "seconds": round(elapsed, 1),
        "pipeline": report.to_dict(),
        "articles": stats.articles,
        "by_source": stats.by_source,
        "top_units": stats.top_units,
        "top_campaigns": stats.top_campaigns,
        "figures": [{"count": f.count, "recipient_kind": f.recipient_kind, "award": f.award,
                     "level": f.level, "status": f.status, "sources": srcs,
                     "sentence": f.sentence, "title": f.title,
                     "canonical_url": f.canonical_url} for f, srcs in figures],
        "example_search": {"command": command, **render.hits_json(hits)},
    }
    if as_json:
        render.emit_json(summary)
        return summary
    new = sum(s.new for s in report.sources)
    pages = sum(s.pages for s in report.sources)
    out.print(Panel.fit(Text.assemble(
        "Crawled ", (str(pages), "bold"), f" pages from {len(report.sources)} sites in "
        f"{report.crawl_seconds:.1f} s: ", (str(stats.articles), "bold"), " articles in the "
        f"store ({new} new).\nAnalysed {report.analysis.analyzed} articles in "
        f"{report.analysis_seconds:.1f} s. Store: {masked(url)}"),
        title="newsmon demo", border_style="cyan"))
    out.print(render.counts_table("Articles by source", "source", stats.by_source.items()))
    out.print(render.counts_table("Top units", "unit", stats.top_units))
    out.print(render.counts_table("Top campaigns", "campaign", stats.top_campaigns))
    shown = figures[:8]
    out.print(f"\n[bold]Award figures[/]: {len(figures)} found, newest first; "
              f"all of them: [cyan]newsmon search has:award[/]")
    render.print_figures(out, shown)
    out.print(Text.assemble("\n", ("Example search", "bold"), ": ", (command, "cyan"), "\n"))
    render.print_hits(out, hits)
    out.print(f"Done in {elapsed:.1f} s. Try [bold]newsmon search can tho[/], "
              "[bold]newsmon stats[/], or [bold]newsmon search has:award --order date[/].")
    return summary


def _example_query(top_units: list[tuple[str, int]]) -> str:
    """A unit search on the most covered local body ("Ủy ban nhân dân tỉnh …"),
    which shows that every spelling of its name is found."""
    local = [name for name, _ in top_units
             if name[:1].isupper() and (" tỉnh " in name or " thành phố " in name)]
    if local:
        return f'unit:"{local[0]}"'
    return f'unit:"{top_units[0][0]}"' if top_units else "khen thưởng"
