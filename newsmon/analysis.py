"""The analysis stage: read every article that has no analysis yet, in a
process pool (NLP is CPU-bound and never runs in Scrapy's reactor), and
store each result as soon as it is ready.

Results are committed in small batches, so a run killed midway keeps what it
finished and the next run picks up exactly the articles still pending.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from newsmon.index import Store, StoreError
from newsmon.index.backoff import retry
from newsmon.nlp import analyze
from newsmon.nlp.types import Analysis

COMMIT_EVERY = 8
PAGE = 256
#: Seconds one article may take to read (a normal one takes well under one).
#: An article over budget is stored with no findings and reported, so one
#: pathological text can never hold up the queue. NEWSMON_ANALYSIS_SECONDS sets it.
DEFAULT_BUDGET = 60.0


class AnalysisTimeout(Exception):
    """An article's reading ran over its time budget."""


def time_budget_seconds() -> float:
    try:
        return float(os.environ.get("NEWSMON_ANALYSIS_SECONDS") or DEFAULT_BUDGET)
    except ValueError:
        return DEFAULT_BUDGET


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise AnalysisTimeout in this thread after `seconds` (a timer signal; the
    stage runs each article in a worker's main thread)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise AnalysisTimeout(f"reading took longer than {seconds:g} s "
                              "(NEWSMON_ANALYSIS_SECONDS)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


#: How long a stopped analysis waits for its workers to finish the article in hand.
WORKER_GRACE_SECONDS = 5.0


@dataclass
class AnalysisReport:
    analyzed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def _analyze_one(job: tuple[str, str], budget: float = DEFAULT_BUDGET
                 ) -> tuple[str, Analysis, str]:
    """Never raises: an article the reader chokes on, or that runs over its time
    budget, is stored with no findings and the error is reported, instead of
    blocking the queue forever."""
    article_id, text = job
    try:
        with time_budget(budget):
            return article_id, analyze(text), ""
    except Exception as exc:  # noqa: BLE001 - reported to the user, see above
        return article_id, Analysis(), f"{type(exc).__name__}: {exc}"


def store_with_retries(write: Callable[[], None], seconds: float) -> None:
    """A store that is briefly down (a restart, a network blip) is tried again
    with growing pauses (`index.backoff`); after `seconds` the error goes to the
    user. The articles whose analysis was not stored stay pending: nothing is lost."""
    retry(write, within=seconds, retry_on=StoreError)


def default_workers() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@contextmanager
def _sigint_held() -> Iterator[None]:
    """SIGINT blocked while worker processes start. They inherit the blocked
    signal, so a Ctrl-C in the terminal (sent to every process of the group)
    is acted on only here, where it arrives as soon as the block ends, and
    this process stops the pool, instead of each worker printing a traceback."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def _mapper(workers: int) -> Iterator[Callable]:
    """`map` over jobs in this process, or over a pool of `workers` processes."""
    if workers <= 1:
        yield map
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def pool_map(fn: Callable, jobs: list) -> Iterator:
        with _sigint_held():  # the pool starts its processes on the first submit
            return pool.map(fn, jobs, chunksize=2)

    try:
        yield pool_map
    except BaseException:
        # Ctrl-C or a failed write: drop the queued jobs; each worker ends
        # after the article in hand, and one that is stuck is stopped. (The
        # processes are read first: shutdown forgets them.)
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + WORKER_GRACE_SECONDS
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.terminate()
        raise
    pool.shutdown(wait=True)


def analyze_pending(
    store: Store,
    *,
    workers: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[int], None] | None = None,
    retry_seconds: float = 60.0,
    budget: float | None = None,
) -> AnalysisReport:
    """Analyse all pending articles and store the results; `budget` is each
    article's time budget in seconds (default: NEWSMON_ANALYSIS_SECONDS or 60)."""
    read = partial(_analyze_one, budget=time_budget_seconds() if budget is None else budget)
    report = AnalysisReport()
    total = store.pending_count()
    if on_start:
        on_start(total)
    if not total:
        return report
    workers = min(workers or default_workers(), total)
    batch: list[tuple[str, Analysis]] = []

    def commit() -> None:
        store_with_retries(lambda: store.add_analyses(batch), retry_seconds)
        report.analyzed += len(batch)
        if on_done:
            on_done(len(batch))
        batch.clear()

    seen: set[str] = set()
    with _mapper(workers) as map_jobs:
        # Page by page, each committed before the next is read, so memory stays
        # flat on a large backlog; `seen` guards against an article read twice.
        while page := [a for a in store.pending_analysis(limit=PAGE) if a.id not in seen]:
            seen.update(a.id for a in page)
            for article_id, analysis, error in map_jobs(
                    read, [(a.id, a.text) for a in page]):
                if error:
                    report.failed.append((article_id, error))
                batch.append((article_id, analysis))
                if len(batch) >= COMMIT_EVERY:
                    commit()
            if batch:
                commit()
    return report
