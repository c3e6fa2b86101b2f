"""The crawl → analyse pipeline with progress shown on a Rich console; the
CLI's `crawl` and `demo` both run it."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from newsmon.analysis import AnalysisReport, analyze_pending
from newsmon.config import Source
from newsmon.crawler.accounting import RunRecord
from newsmon.crawling import run_crawl
from newsmon.index import open_store


@dataclass
class PipelineReport:
    sources: list[RunRecord] = field(default_factory=list)
    crawl_seconds: float = 0.0
    analysis: AnalysisReport = field(default_factory=AnalysisReport)
    analysis_seconds: float = 0.0
    #: what the watches matched and sent after the analysis (newsmon.watching)
    alerts: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def crawl_with_progress(console: Console, sources: list[Source], store_url: str,
                        **options: Any) -> tuple[list[RunRecord], float]:
    started = time.perf_counter()
    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"),
                  TextColumn("{task.fields[detail]}"), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        tasks = {s.name: progress.add_task(f"crawl {s.name}", detail="starting", total=None)
                 for s in sources}

        def update(event: str, report: RunRecord) -> None:
            progress.update(tasks[report.name],
                            detail=f"{report.pages} pages · {report.articles} articles")

        def stopping() -> None:
            console.print(Text("Stopping: finishing the pages in flight (Ctrl-C again to stop "
                               "at once)…", style="yellow"))

        reports = run_crawl(sources, store_url, progress=update, on_stopping=stopping,
                            **options)
        for report in reports:
            progress.update(tasks[report.name], total=1, completed=1,
                            detail=f"{report.pages} pages · {report.articles} articles "
                                   f"({report.new} new)")
    return reports, time.perf_counter() - started


def analyze_with_progress(console: Console, store_url: str,
                          workers: int | None = None) -> tuple[AnalysisReport, float]:
    started = time.perf_counter()
    store = open_store(store_url)
    try:
        with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(), console=console) as progress:
            task = progress.add_task("analyse", total=None)
            report = analyze_pending(
                store, workers=workers,
                on_start=lambda total: progress.update(task, total=total),
                on_done=lambda n: progress.advance(task, n),
            )
    finally:
        store.close()
    return report, time.perf_counter() - started


def run_pipeline(console: Console, sources: list[Source], store_url: str, *,
                 fetch: bool = True, analyze: bool = True, workers: int | None = None,
                 **crawl_options: Any) -> PipelineReport:
    report = PipelineReport()
    if fetch:
        report.sources, report.crawl_seconds = crawl_with_progress(
            console, sources, store_url, **crawl_options)
    if analyze:
        report.analysis, report.analysis_seconds = analyze_with_progress(
            console, store_url, workers)
        from newsmon.watching import alerts_after_analysis

        report.alerts = alerts_after_analysis(store_url)
    return report
