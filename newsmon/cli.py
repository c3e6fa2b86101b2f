"""The `newsmon` command line."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from dataclasses import fields as dataclass_fields
from datetime import date
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer
from rich.text import Text

from newsmon import __version__, errors, render
from newsmon.config import ConfigError, Source, load_sources, store_url
from newsmon.errors import friendly_errors
from newsmon.figuring import VERDICT_CHOICES, figure_filter, one_per_story, with_verdict
from newsmon.health import overview
from newsmon.index import open_store
from newsmon.index.prepare import status_value
from newsmon.index.query import QueryError, hints, parse
from newsmon.index.store import FACETS_BY, INTERVALS, SUM_BY, FigureRow, FigureSum
from newsmon.nlp.types import Analysis
from newsmon.querytext import query_text
from newsmon.redact import masked

_NO_ANALYSIS = Analysis()

app = typer.Typer(
    name="newsmon",
    help="Monitor Vietnamese press coverage: crawl news sites, find units, people, campaigns "
    "and award figures, search them.\n\nStart with [bold]newsmon demo[/]: it crawls a bundled "
    "sample of TTXVN-style news offline and shows what it found.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = errors.Terminal(soft_wrap=False)
err = errors.err

StoreOption = Annotated[str | None, typer.Option(
    "--store", envvar="NEWSMON_STORE", show_envvar=True,
    help="Store URL: sqlite:///relative.db or sqlite:////absolute.db. "
         "Default: newsmon.db in the data directory (NEWSMON_DATA_DIR).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for programs.")]


@app.command()
@friendly_errors
def crawl(
    urls: Annotated[list[str] | None, typer.Argument(
        help="Crawl these instead of the sources: site home pages, feeds, sitemaps or "
             "article URLs.", show_default=False)] = None,
    source: Annotated[list[str] | None, typer.Option(
        "--source", "-s", help="Crawl only this source (repeatable).")] = None,
    sources_file: Annotated[Path | None, typer.Option(
        "--sources", envvar="NEWSMON_SOURCES",
        help="Sources file (TOML). Default: sources.toml in the data directory, "
             "else the bundled TTXVN sources.")] = None,
    max_articles: Annotated[int | None, typer.Option(
        help="Stop each source after this many new articles.")] = None,
    since: Annotated[str | None, typer.Option(
        help="Skip articles published before this date (YYYY-MM-DD).")] = None,
    allow_private: Annotated[bool, typer.Option(
        help="Allow URLs on private or loopback addresses (tests, intranets).")] = False,
    analyze: Annotated[bool, typer.Option(
        "--analyze/--no-analyze", help="Analyse new articles after collecting.")] = True,
    analyze_only: Annotated[bool, typer.Option(
        help="Collect nothing; only analyse the articles not yet analysed.")] = False,
    refetch: Annotated[bool, typer.Option(
        help="Fetch articles again even if the store has them.")] = False,
    workers: Annotated[int | None, typer.Option(
        help="Analysis processes (default: one per core).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Scrapy's log.")] = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Collect new articles from the configured sources, analyse them, store them.

    This is the command to run from cron. Each step is idempotent: articles
    are keyed by their canonical URL, so running it again adds only what is new,
    and an interrupted analysis continues where it stopped.

    [bold]Examples[/]

      newsmon crawl                          # all sources, then analysis
      newsmon crawl -s baotintuc --max-articles 20 --since 2026-11-01
      newsmon crawl https://example.vn/ https://example.vn/rss/home.rss
      newsmon crawl --analyze-only --workers 2
      NEWSMON_STORE=sqlite:////srv/newsmon.db newsmon crawl
    """
    from newsmon.pipeline import run_pipeline

    url = store_url(store)
    try:
        since_date = date.fromisoformat(since) if since else None
    except ValueError:
        raise ConfigError(f"--since takes a date written YYYY-MM-DD, not {since!r}.") from None
    sources = (sources_for_urls(urls, allow_private) if urls
               else checked_sources(load_sources(sources_file), allow_private))
    if source:
        unknown = set(source) - {s.name for s in sources}
        if unknown:
            raise ConfigError(f"Unknown source(s): {', '.join(sorted(unknown))}. Known: "
                              f"{', '.join(s.name for s in sources)}.")
        sources = [s for s in sources if s.name in source]
    report = run_pipeline(err, sources, url, fetch=not analyze_only,
                          analyze=analyze or analyze_only, workers=workers,
                          max_articles=max_articles, since=since_date, refetch=refetch,
                          verbose=verbose, allow_private=allow_private)
    unreachable = [s for s in report.sources if s.unreachable]
    if as_json:
        render.emit_json({"store": masked(url), **report.to_dict()})
    else:
        render.print_crawl_report(out, err, report, masked(url))
    if unreachable:
        raise typer.Exit(1)


def sources_for_urls(urls: list[str], allow_private: bool) -> list[Source]:
    """Ad-hoc sources from URLs on the command line, one per host."""
    from newsmon.sources import spider_for_url
    from newsmon.urls import check_public_url

    by_host: dict[str, list[str]] = {}
    for raw in urls:
        checked = check_public_url(raw, allow_private=allow_private)
        host = (urlsplit(checked).hostname or "").removeprefix("www.")
        by_host.setdefault(host, []).append(checked)
    return [Source(host, spider_for_url(found[0]), found) for host, found in by_host.items()]


def checked_sources(sources: list[Source], allow_private: bool) -> list[Source]:
    """Sources from a file pass the same policy as URLs typed on the command
    line: a file is as easy to plant a private address in as an argument."""
    from newsmon.crawler.egress import EgressRefused, check_url

    for s in sources:
        for start in s.start_urls:
            try:
                check_url(start, allow_private=allow_private)
            except EgressRefused as exc:
                raise ConfigError(f"Source [{s.name}]: {exc}") from None
    return sources


@app.command()
@friendly_errors
def analyze(
    files: Annotated[list[str] | None, typer.Argument(
        help="Plain-text files, or JSON-lines files of {\"id\", \"text\"}; - reads stdin.")] = None,
    pretty: Annotated[bool, typer.Option(
        "--pretty", help="Show the text with what was found, for people.")] = False,
    html: Annotated[Path | None, typer.Option(
        "--html", help="Also write an HTML page (displaCy) marking what was found.")] = None,
) -> None:
    """Read Vietnamese texts and print the entities, units, campaigns and award
    figures found: one JSON line per document (schema in the README).

    Input is UTF-8 (with or without a byte-order mark) or UTF-16 with one; for
    another encoding the error names it and the iconv command that converts it.
    A file is JSON lines when it ends in .jsonl or its first line is a JSON
    object; anything else is one plain-text document.

    Errors in one line (bad JSON, empty text) are reported on stderr with the
    line number; the other documents are still read. Exit code 1 if any failed.

    [bold]Examples[/]

      newsmon analyze article.txt
      echo '{"id": "a1", "text": "19 tập thể được tặng Bằng khen."}' | newsmon analyze -
      newsmon analyze --pretty article.txt
      newsmon analyze --html found.html articles.jsonl
    """
    from newsmon.nlp import analyze as read
    from newsmon.textinput import read_documents

    failed = 0
    shown: list = []
    for doc in read_documents(files or []):
        if doc.error:
            failed += 1
            errors.say(f"{doc.id}, line {doc.line}:" if doc.line else "Error:", doc.error,
                       style="yellow")
            continue
        analysis = read(doc.text)
        if html:
            shown.append((doc.id, doc.text, analysis))
        if pretty:
            render.print_analysis(out, doc.id, doc.text, analysis)
        else:
            sys.stdout.write(json.dumps(render.analysis_json(doc.id, analysis),
                                        ensure_ascii=False) + "\n")
    if html:
        try:
            html.write_text(render.analysis_html(shown), encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"Cannot write {html}: {exc.strerror}.") from None
        err.print(f"Wrote {html}", markup=False, highlight=False)
    if failed:
        raise typer.Exit(1)


OrderOption = Annotated[str, typer.Option(help="relevance or date.")]
IntervalOption = Annotated[str, typer.Option(help="Date histogram buckets: day, week or month.")]


@app.command()
@friendly_errors
def search(
    query: Annotated[list[str] | None, typer.Argument(
        help="The query (see below); empty matches everything.", show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Results per page.")] = 10,
    page: Annotated[int, typer.Option(min=1, help="Page of results.")] = 1,
    order: OrderOption = "relevance",
    facets: Annotated[bool, typer.Option("--facets/--no-facets",
                                         help="Counts by unit, campaign, source, person, "
                                              "award form and date.")] = True,
    interval: IntervalOption = "month",
    facets_by: Annotated[str, typer.Option(
        "--facets-by", help="What facets count: article, or story (a reprinted story "
                            "once).")] = "article",
    export_all: Annotated[bool, typer.Option(
        "--all", help="Every match, streamed (with --json: JSON lines; with --csv).")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV for spreadsheets.")] = False,
    all_copies: Annotated[bool, typer.Option(
        "--all-copies", help="Every copy of a reprinted story (default: one hit per story, "
                             "with its reprints counted).")] = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search the stored articles. Case, diacritics and tone-mark placement are
    ignored: "can tho" finds "Cần Thơ".

    [bold]Query language[/]

      cần thơ khen thưởng      all words
      "thi đua yêu nước"       a phrase
      a OR b, NOT a, -a, ( )   operators (in capitals)
      unit:"UBND TP Cần Thơ"   articles about a unit (abbreviations understood)
      campaign:"Dân vận khéo"  person:"…"  place:"…"  award:"Bằng khen"
      source:baotintuc  from:2026-11-01  to:2026-11-30  has:award

    A story reprinted by several outlets is one hit ("+N bản đăng lại" and the
    outlets); --all-copies lists every copy, and newsmon story ID compares them.
    --all and --csv export every copy.

    A province merged on 1 July 2025 keeps its history: unit: and place: on a
    current province also find articles about the provinces merged into it.

    [bold]Examples[/]

      newsmon search can tho
      newsmon search 'unit:"UBND TP. Cần Thơ" has:award' --order date --interval week
      newsmon search '"khen thưởng" -"bóng đá"' --json
      newsmon search 'campaign:"Dân vận khéo"' --all --csv > dan-van-kheo.csv
      newsmon search has:award --facets-by story
    """
    _check_choice("--order", order, ("relevance", "date"))
    _check_choice("--interval", interval, INTERVALS)
    _check_choice("--facets-by", facets_by, FACETS_BY)
    text = query_text(query)
    tree = parse(text)
    for hint in hints(text):
        err.print(f"[yellow]Hint:[/] {hint}", highlight=False)
    db = open_store(store_url(store), read_only=True)
    suggestions = []
    try:
        if export_all or as_csv:
            hits = db.iter_hits(tree, order=order) if export_all else db.search(
                tree, limit=limit, offset=(page - 1) * limit, order=order).hits
            if as_csv:
                with render.csv_stdout() as stream:
                    render.hits_csv(hits, stream)
                if not export_all:
                    errors.say("Note:", f"--csv printed page {page} ({limit} per page); "
                               "add --all for every match.", style="yellow")
            else:
                render.hits_json_lines(hits, sys.stdout)
            return
        result = (db.search if all_copies else db.search_stories)(
            tree, limit=limit, offset=(page - 1) * limit, order=order, facets=facets,
            interval=interval, facets_by=facets_by)
        if not result.total:
            suggestions = db.suggest(tree)
    finally:
        db.close()
    if result.total and not result.hits:
        pages = -(-result.total // limit)
        err.print(f"Page {page} is past the end: {result.total} article(s) match, "
                  f"{pages} page(s) of {limit}.", highlight=False)
        raise typer.Exit(1)
    for near in suggestions:
        err.print(f"Did you mean [bold]{near.query}[/]? It finds {near.total} article(s).",
                  highlight=False)
    if as_json:
        render.emit_json(render.hits_json(result))
    else:
        render.print_hits(out, result, offset=(page - 1) * limit)
        if result.facets and result.total:
            render.print_facets(out, result.facets, interval, facets_by)


def _check_choice(option: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ConfigError(f"{option} takes {', '.join(choices[:-1])} or {choices[-1]}, "
                          f"not {value!r}.")


@app.command()
@friendly_errors
def figures(
    query: Annotated[list[str] | None, typer.Argument(
        help="Optional search query for the articles (see newsmon search --help).",
        show_default=False)] = None,
    unit: Annotated[str | None, typer.Option(help="Articles about this unit.")] = None,
    campaign: Annotated[str | None, typer.Option(help="Articles about this campaign.")] = None,
    level: Annotated[str | None, typer.Option(
        help="Nhà nước, Chính phủ, bộ/ngành, tỉnh, huyện or cơ sở (\"cấp tỉnh\" too).")
    ] = None,
    award: Annotated[str | None, typer.Option(help="Award form, e.g. \"Bằng khen\".")] = None,
    status: Annotated[str | None, typer.Option(
        help="awarded (đã trao), proposed (đề nghị) or target (chỉ tiêu).")] = None,
    year: Annotated[int | None, typer.Option(help="Year of the award (else of the article).")
                    ] = None,
    sum_by: Annotated[str | None, typer.Option(
        help="Sum the counts by unit, level, award, status or source.")] = None,
    compare: Annotated[bool, typer.Option(
        "--compare", help="The award ledger: each event's figure as every independent "
                          "source reported it; discrepancies first.")] = False,
    verdict: Annotated[str, typer.Option(
        help="With --compare: all, compared (discrepancy and agree), discrepancy, agree or "
             "single.")] = "all",
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="At most this many.")] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV for spreadsheets.")] = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Award figures reported in the press, each with its sentence and source, to
    check reported numbers against everything published.

    Sums never add different recipient kinds, leave out stated totals ("tổng
    cộng 150 tập thể, cá nhân") when their parts are reported, and count a story
    reprinted by several sites once. --compare puts what independent sources
    said about the same event side by side (discrepancy, agree, single).

    [bold]Examples[/]

      newsmon figures --unit "UBND tỉnh Nghệ An" --status awarded --year 2026
      newsmon figures --campaign "Dân vận khéo" --sum-by level
      newsmon figures --level "Nhà nước" --award "Huân chương" --csv > huan-chuong.csv
      newsmon figures --unit "UBND tỉnh Nghệ An" --compare
      newsmon figures --compare --verdict discrepancy --year 2026
    """
    if status:
        try:
            status = status_value(status)
        except QueryError:
            raise ConfigError(f"--status takes awarded (đã trao), proposed (đề nghị) or "
                              f"target (chỉ tiêu), not {status!r}.") from None
    if sum_by:
        _check_choice("--sum-by", sum_by, SUM_BY)
    _check_choice("--verdict", verdict, VERDICT_CHOICES)
    if verdict != "all" and not compare:
        raise ConfigError("--verdict chooses rows of the ledger: add --compare.")
    flt = figure_filter(parse(query_text(query)), unit=unit, campaign=campaign, level=level,
                        award=award, status=status, year=year)
    if compare and (sum_by or as_csv):
        raise ConfigError("--compare cannot be combined with --sum-by or --csv; use --json "
                          "for programs.")
    db = open_store(store_url(store), read_only=True)
    try:
        if compare:
            ledger = with_verdict(db.ledger(flt), verdict)[:limit or None]
        elif sum_by:
            sums = db.figure_sums(flt, sum_by)
        else:
            rows = db.figures(flt, limit=limit)
            story_of = db.story_of(list(dict.fromkeys(r.article_id for r in rows)))
    finally:
        db.close()
    if compare:
        if as_json:
            render.emit_json([row.to_dict() for row in ledger])
        else:
            render.print_ledger(out, ledger)
        return
    if sum_by:
        data = [asdict(s) for s in sums]
        columns = [f.name for f in dataclass_fields(FigureSum)]
    else:
        data = [asdict(r) for r in rows]
        columns = [f.name for f in dataclass_fields(FigureRow)]
    if as_csv:
        with render.csv_stdout() as stream:
            render.rows_csv(data, stream, columns)
    elif as_json:
        render.emit_json(data)
    elif sum_by:
        render.print_sums(out, sums, sum_by)
    else:
        shown = one_per_story(rows, story_of)
        render.print_figures(out, shown)
        out.print(f"\n{len(shown)} figure(s) in {len(set(story_of.values()))} stories "
                  f"({len(rows)} with every reprinted copy: --json lists them).")


@app.command()
@friendly_errors
def stats(
    top: Annotated[int, typer.Option(help="How many units and campaigns to list.")] = 10,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show what the store holds: articles by source, top units and campaigns.

    [bold]Examples[/]

      newsmon stats
      newsmon stats --top 20 --json
    """
    db = open_store(store_url(store), read_only=True)
    try:
        summary = db.stats(top=top)
    finally:
        db.close()
    if as_json:
        render.emit_json(asdict(summary))
    else:
        render.print_stats(out, summary)


@app.command()
@friendly_errors
def check(
    claim: Annotated[str, typer.Argument(help="The claim, in Vietnamese, with its numbers.")],
    claimreview: Annotated[bool, typer.Option(
        "--claimreview", help="Print a schema.org ClaimReview (JSON-LD) of the verdict.")
    ] = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check the award numbers of a claim against what the press reported: each
    number is consistent, different (with what each source says) or not found,
    citing the sentence, outlet, date and URL.

    [bold]Examples[/]

      newsmon check "Khánh Hòa có 19 tập thể, 122 cá nhân được khen thưởng cấp Nhà nước"
      newsmon check "Quảng Ninh tặng Bằng khen cho 17 tập thể" --claimreview
    """
    from newsmon.claims import check as check_claim
    from newsmon.claims import claim_review
    from newsmon.nlp.analysis import analyze

    reading = analyze(claim)
    if not reading.awards:
        raise ConfigError("No award number found in the claim: write it as the press does, "
                          "e.g. \"Khánh Hòa có 19 tập thể được khen thưởng cấp Nhà nước\".")
    db = open_store(store_url(store), read_only=True)
    try:
        verdicts = check_claim(reading, db.ledger())
    finally:
        db.close()
    if claimreview:
        render.emit_json(claim_review(claim, verdicts, date.today()))
    elif as_json:
        render.emit_json({"claim": claim, "units": reading.units,
                          "numbers": [v.to_dict() for v in verdicts]})
    else:
        for v in verdicts:
            style = {"consistent": "green", "different": "bold red", "not found": "yellow"}
            out.print(f"[{style[v.verdict]}]{v.verdict}[/]: ", Text(f"{v.count} "
                                                                    f"{v.recipient_kind}"))
            for s in v.sources:
                out.print(Text(f"   {s.count:>7}  {s.source} · {(s.published_at or '')[:10]} · "
                               f"{s.url}\n            “{s.sentence}”"))


@app.command()
@friendly_errors
def story(
    article_id: Annotated[str, typer.Argument(help="An article id (search --json shows it).")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the copies of an article's story (reprints by other outlets), the
    original first, with their dates and the figures each copy reports.

    [bold]Examples[/]

      newsmon story 0b807e3ce7dc7162d7b9
      newsmon story 0b807e3ce7dc7162d7b9 --json
    """
    db = open_store(store_url(store), read_only=True)
    try:
        copies = db.story(article_id)
        figures = {c.article_id: sorted((f.count, f.recipient_kind) for f in
                                        (db.get_analysis(c.article_id) or _NO_ANALYSIS).awards)
                   for c in copies}
    finally:
        db.close()
    if not copies:
        raise ConfigError(f"No article {article_id!r} in a story: check the id (newsmon "
                          "search --json shows ids), or run newsmon reindex for a store made "
                          "before stories.")
    if as_json:
        render.emit_json([{**asdict(c), "figures": figures[c.article_id]} for c in copies])
        return
    first = figures[copies[0].article_id]
    for c in copies:
        mark = "original" if c.original else "copy"
        differs = "" if c.original or figures[c.article_id] == first else (
            "  figures differ: " + ", ".join(f"{n} {k}" for n, k in figures[c.article_id]
                                             if (n, k) not in first))
        out.print(f"{mark:<8} {c.source:<12} {c.published_at or '–':<25} {c.title}\n"
                  f"         {c.url}{differs}", highlight=False, markup=False)


@app.command()
@friendly_errors
def demo(
    store: StoreOption = None,
    workers: Annotated[int | None, typer.Option(help="Analysis processes.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Crawl the bundled sample of TTXVN-style news offline (a local server on
    127.0.0.1), analyse it, store it, and show what a communications officer
    wants first. Running it again adds nothing new.

    [bold]Examples[/]

      newsmon demo
      newsmon demo --store sqlite:///demo.db
    """
    from newsmon.demo import run_demo

    run_demo(out, err, store_url(store), workers=workers, as_json=as_json)


@app.command()
@friendly_errors
def reindex(
    to: Annotated[str, typer.Option("--to", help="The store to copy into (a URL).")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Copy every article and its analysis from the store into another: from the
    embedded SQLite store to Elasticsearch when one machine is not enough, or
    into a fresh store. Safe to run again; nothing is analysed twice.

    [bold]Examples[/]

      newsmon reindex --to https://search.example.vn:9200/newsmon
      newsmon reindex --store sqlite:///old.db --to sqlite:///new.db
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from newsmon.reindex import copy_store, copy_watches

    source_url = store_url(store)
    if to == source_url:
        raise ConfigError("--to names the store being copied; give another store URL.")
    source = open_store(source_url)
    try:
        target = open_store(to)
        try:
            with Progress("[bold]copy", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=err) as progress:
                task = progress.add_task("copy", total=source.count())
                copied, new = copy_store(source, target,
                                         on_batch=lambda n: progress.advance(task, n))
            watches, left = copy_watches(source, target)
        finally:
            target.close()
    finally:
        source.close()
    if as_json:
        render.emit_json({"from": masked(source_url), "to": masked(to), "copied": copied,
                          "new": new, "watches": watches, "watches_not_copied": left})
    else:
        out.print(f"Copied {copied} articles ({new} new) from {masked(source_url)} to "
                  f"{masked(to)}.", markup=False,
                  highlight=False)
        if watches:
            out.print(f"Copied {watches} watches.", markup=False, highlight=False)
    if left:
        errors.say("Warning:", f"watches not copied (the target has them already, or keeps "
                   f"none): {', '.join(left)}.", style="yellow bold")


@app.command()
@friendly_errors
def extract(
    file: Annotated[Path, typer.Argument(help="A saved HTML page.", show_default=False)],
    url: Annotated[str, typer.Option(help="The page's URL: it picks the site parser.")],
    parser: Annotated[str | None, typer.Option(
        help="Force a parser: a site's (baotintuc, vietnamplus, bnews, vnexpress, tuoitre, "
             "thanhnien, dantri, vietnamnet, nhandan, qdnd, cand, baochinhphu, laodong, vov, "
             "cms), metadata or generic; a wrong name lists them all.")] = None,
) -> None:
    """Print, as JSON, the article fields extracted from a saved page: the tool
    to run when a site changes its layout.

    The site parser chosen by the URL is tried first, then the page's metadata
    (JSON-LD, OpenGraph), then generic extraction; "parser" says which one
    produced the result.

    [bold]Examples[/]

      curl -o page.html https://baotintuc.vn/thoi-su/...-20261118074500123.htm
      newsmon extract page.html --url https://baotintuc.vn/thoi-su/...-20261118074500123.htm
      newsmon extract page.html --url https://example.vn/a.html --parser generic
    """
    from w3lib.encoding import html_to_unicode

    from newsmon.crawler.extract import PARSERS, ExtractError, extract_article

    if parser is not None and parser not in PARSERS:
        raise ConfigError(f"Unknown parser {parser!r}: use one of {', '.join(PARSERS)}.")
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise ConfigError(f"Cannot read {file}: {exc.strerror}.") from None
    _, html = html_to_unicode(None, raw)
    try:
        found = extract_article(html, url, parser=parser)
    except ExtractError as exc:
        errors.say("Not an article", f"({exc.reason}): {exc}", style="yellow")
        raise typer.Exit(1) from None
    data = asdict(found)
    data["published_at"] = found.published_at.isoformat() if found.published_at else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


sources_app = typer.Typer(
    help="Show the health of each source, add one or remove one.\n\n[bold]Examples[/]\n\n"
         "  newsmon sources\n\n  newsmon sources add https://example.vn/\n\n"
         "  newsmon sources remove example.vn",
    rich_markup_mode="rich", invoke_without_command=True)
app.add_typer(sources_app, name="sources")


#: `newsmon sources` exit codes beyond 0: a layout change, a source never collected.
EXIT_LAYOUT_SUSPECT = 3
EXIT_NEVER_SUCCEEDED = 4


@sources_app.callback()
@friendly_errors
def sources_health(
    ctx: typer.Context,
    store: StoreOption = None,
    sources_file: Annotated[Path | None, typer.Option(
        "--sources", envvar="NEWSMON_SOURCES",
        help="Sources file (TOML). Default: sources.toml in the data directory, "
             "else the bundled TTXVN sources.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Per configured source: the last run, the last successful fetch, articles
    per run, and the pages that failed and why. One-off crawls of URLs given
    to newsmon crawl are not sources and are not listed.

    Exit code 3: a source's pages fetch but yield no article (the site has
    probably changed its layout). Exit code 4: a configured source has never
    been collected successfully.

    [bold]Examples[/]

      newsmon sources
      newsmon sources --json
      newsmon sources add https://example.vn/
    """
    if ctx.invoked_subcommand:
        return
    configured = [s.name for s in load_sources(sources_file)]
    db = open_store(store_url(store), read_only=True)
    try:
        seen = overview(configured, db.source_health())
    finally:
        db.close()
    health, never, one_off = seen.health, seen.never, seen.one_off
    if as_json:
        data = [asdict(h) | {"layout_suspect": h.last_run.layout_suspect,
                             "never_succeeded": h.source in never} for h in health]
        data += [{"source": name, "last_run": None, "last_success": None, "recent": [],
                  "layout_suspect": False, "never_succeeded": True}
                 for name in seen.unrecorded]
        render.emit_json(data)
    else:
        render.print_health(out, health, never=never, one_off=one_off)
    if any(h.last_run.layout_suspect for h in health):
        raise typer.Exit(EXIT_LAYOUT_SUSPECT)
    if never:
        raise typer.Exit(EXIT_NEVER_SUCCEEDED)


@sources_app.command("add")
@friendly_errors
def sources_add(
    url: Annotated[str, typer.Argument(help="A site's home page, feed or sitemap.",
                                       show_default=False)],
    name: Annotated[str | None, typer.Option(help="Source name (default: the host).")] = None,
    sources_file: Annotated[Path | None, typer.Option(
        "--sources", envvar="NEWSMON_SOURCES", help="Sources file to write.")] = None,
    allow_private: Annotated[bool, typer.Option(
        help="Allow hosts on private or loopback addresses.")] = False,
) -> None:
    """Add a site to the sources: its feeds and sitemaps are found and written to
    the sources file in the data directory.

    [bold]Examples[/]

      newsmon sources add https://baotintuc.vn/
      newsmon sources add https://example.vn/rss/home.rss --name example
    """
    from newsmon.crawler.settings import USER_AGENT
    from newsmon.sources import add_source, detect
    from newsmon.urls import check_public_url

    found = detect(check_public_url(url, allow_private=allow_private), USER_AGENT,
                   allow_private=allow_private)
    if name:
        found = Source(name, found.spider, found.start_urls)
    path = add_source(found, sources_file)
    out.print(f"Added {found.name} (site {found.spider}) to {path}:", markup=False,
              highlight=False)
    for start in found.start_urls:
        out.print(f"  {start}", markup=False, highlight=False)


@sources_app.command("remove")
@friendly_errors
def sources_remove(
    name: Annotated[str, typer.Argument(help="The source's name, as newsmon sources lists it.",
                                        show_default=False)],
    sources_file: Annotated[Path | None, typer.Option(
        "--sources", envvar="NEWSMON_SOURCES", help="Sources file to write.")] = None,
) -> None:
    """Stop collecting a source: it leaves the sources file in the data directory.
    Its articles stay in the store, and searches still find them.

    [bold]Examples[/]

      newsmon sources remove bnews
    """
    from newsmon.sources import remove_source

    path = remove_source(name, sources_file)
    out.print(f"Removed {name} from {path}; its articles stay in the store.", markup=False,
              highlight=False)


from newsmon.watch_cli import watch_app  # noqa: E402 - registered after the other commands
from newsmon.web import cli as web_cli  # noqa: E402

app.add_typer(watch_app, name="watch")
app.command("serve")(web_cli.serve)
app.add_typer(web_cli.user_app, name="user")


def _show_version(value: bool) -> None:
    if value:
        out.print(f"newsmon {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True,
        help="Print the version and exit.")] = False,
) -> None:
    """Options that apply before any command."""


def main() -> None:
    """The `newsmon` command (see newsmon/__main__.py for the entry point)."""
    errors.run(app)
