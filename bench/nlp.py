"""Speed and memory of the reader on 6,000-character articles, beside
underthesea's `ner` on the same texts, and of the analysis stage's process pool.

    python bench/nlp.py [--articles 60] [--underthesea 6]

Single core: articles/s of `nlp.analyze` and of underthesea's `ner` (the only
offline NER it ships), in this process, one after the other. Pool: the
analysis stage of `newsmon crawl` over a store of articles with one worker per
core, with each worker's peak resident memory (VmHWM from /proc).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsmon.sample_site.articles import load_content  # noqa: E402

SIZE = 6000


def articles_of_6000_chars(count: int) -> list[str]:
    """Sample articles, each topped up with paragraphs of the next ones to ~6,000 chars."""
    docs = load_content()
    paragraphs = [p for d in docs for p in d["paragraphs"]]
    texts = []
    for n in range(count):
        doc = docs[n % len(docs)]
        parts = [doc["title"], doc["sapo"], *doc["paragraphs"]]
        k = n * 7
        while sum(len(p) + 2 for p in parts) < SIZE:
            parts.append(paragraphs[k % len(paragraphs)])
            k += 1
        texts.append("\n\n".join(parts)[:SIZE])
    return texts


def rate(fn, texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        fn(text)
    return len(texts) / (time.perf_counter() - started)


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def pool_run(texts: list[str], workers: int) -> tuple[float, dict[int, float]]:
    import multiprocessing

    from newsmon.analysis import analyze_pending
    from newsmon.index import Article, open_store

    template = Article(url="http://x/0", canonical_url="http://x/0", source="bench",
                       title="", body="")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/bench.db")
        store.add_articles(replace(template, id="", url=f"http://x/{n}",
                                   canonical_url=f"http://x/{n}", title=f"Bài {n}", body=text)
                           for n, text in enumerate(texts))
        peaks: dict[int, float] = {}
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                for child in multiprocessing.active_children():
                    peaks[child.pid] = max(peaks.get(child.pid, 0.0), peak_rss_mb(child.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        report = analyze_pending(store, workers=workers)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        store.close()
    return report.analyzed / seconds, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--underthesea", type=int, default=6,
                        help="how many of the articles underthesea's ner reads (it is slow)")
    args = parser.parse_args()
    texts = articles_of_6000_chars(args.articles)

    from newsmon.nlp import analyze

    analyze(texts[0])  # load lexicons and models once, as a worker does
    ours = rate(analyze, texts)
    ours_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    from underthesea import ner

    ner(texts[0][:200])
    theirs = rate(ner, texts[: args.underthesea])

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    pool_rate, peaks = pool_run(texts * 3, cores or 1)

    print(f"texts: {len(texts)} articles of {SIZE:,} characters (sample site, topped up)")
    print(f"single core   newsmon nlp.analyze     {ours:8.1f} articles/s "
          f"({1000 / ours:.1f} ms/article), peak RSS {ours_rss:.0f} MB")
    print(f"single core   underthesea ner         {theirs:8.2f} articles/s "
          f"({1000 / theirs:.0f} ms/article, on {args.underthesea} of them)")
    print(f"speed-up      {ours / theirs:.0f}x (goal >= 10x)")
    worst = max(peaks.values()) if peaks else 0.0
    print(f"pool          {cores} workers, {len(texts) * 3} articles: {pool_rate:.1f} articles/s; "
          f"peak RSS per worker {worst:.0f} MB (goal <= 500 MB)")


if __name__ == "__main__":
    main()
