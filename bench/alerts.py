"""Alerts at scale: 1,000 watches evaluated against 1,000 new articles on a store of
100,000, and the time from an article stored to its immediate alert sent.

    python bench/alerts.py [--articles 100000] [--watches 1000] [--new 1000]
                           [--store PATH]   # reuse a store built by an earlier run
    python bench/alerts.py --es http://127.0.0.1:9200/newsmon-bench --articles 10000
                           # the same on Elasticsearch (the index is dropped and rebuilt)

Articles come from bench/search.py's generator (seeded). Goals (issue 9): matching
<= 10 s; stored-to-sent <= 1 s plus the webhook round trip, which is measured
separately against the same local receiver and reported beside it.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.search import CAMPAIGNS, HEADS, PROVINCES, generate  # noqa: E402
from newsmon.alerts.message import Alert  # noqa: E402
from newsmon.alerts.webhook import send_webhook  # noqa: E402
from newsmon.index import open_store  # noqa: E402
from newsmon.index.watches import Watch  # noqa: E402
from newsmon.watching import run_watches  # noqa: E402

WORDS = ["khen thưởng", "thi đua", "nông thôn mới", "tổng kết", "huân chương", "giáo dục",
         "an ninh", "đại hội", "Bằng khen", "học tập"]


def watch_queries(n: int, seed: int = 11) -> list[str]:
    """A realistic mix: units, units with figures, campaigns, words, combinations."""
    rng = random.Random(seed)
    shapes = [
        lambda: f'unit:"{rng.choice(HEADS)} tỉnh {rng.choice(PROVINCES)}"',
        lambda: f'unit:"{rng.choice(PROVINCES)}" has:award',
        lambda: f'campaign:"{rng.choice(CAMPAIGNS)}"',
        lambda: f'"{rng.choice(WORDS)}" unit:"{rng.choice(PROVINCES)}"',
        lambda: f'"{rng.choice(WORDS)}" OR "{rng.choice(WORDS)}"',
        lambda: f'"{rng.choice(WORDS)}" -source:bnews',
    ]
    return [rng.choice(shapes)() for _ in range(n)]


class Receiver:
    """A local webhook receiver noting when each POST arrived."""

    def __init__(self) -> None:
        self.arrived: list[float] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers["Content-Length"]))
                owner.arrived.append(time.perf_counter())
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--watches", type=int, default=1000)
    ap.add_argument("--new", type=int, default=1000)
    ap.add_argument("--store", type=Path, help="store file to build once and reuse")
    ap.add_argument("--es", help="an Elasticsearch store URL to run on instead (dropped "
                    "and rebuilt)")
    args = ap.parse_args()
    docs = list(generate(args.articles + args.new + 1))
    store = open_es(args.es, docs[:args.articles]) if args.es else open_sqlite(args, docs)
    measure(store, args, docs)


def open_es(url: str, docs: list):
    store = open_store(url)
    store.drop()
    store.close()
    store = open_store(url)
    started = time.perf_counter()
    for i in range(0, len(docs), 1000):
        store.add_analyzed(docs[i:i + 1000])
    print(f"built {len(docs):,} articles on Elasticsearch in "
          f"{time.perf_counter() - started:.0f} s")
    return store


def open_sqlite(args: argparse.Namespace, docs: list):
    path = args.store or Path(tempfile.mkdtemp()) / "alerts.db"
    base = path.with_suffix(".base.db")
    if not base.exists():
        started = time.perf_counter()
        store = open_store(f"sqlite:///{base}")
        for i in range(0, args.articles, 1000):
            store.add_analyzed(docs[i:min(i + 1000, args.articles)])
        store.close()
        print(f"built {args.articles:,} articles in {time.perf_counter() - started:.0f} s")
    for suffix in ("", "-wal", "-shm"):
        target = Path(str(path) + suffix)
        target.unlink(missing_ok=True)
        if Path(str(base) + suffix).exists():
            shutil.copy(str(base) + suffix, target)
    return open_store(f"sqlite:///{path}")


def measure(store, args: argparse.Namespace, docs: list) -> None:
    receiver = Receiver()
    started = time.perf_counter()
    for i, query in enumerate(watch_queries(args.watches)):
        store.add_watch(Watch(f"w{i:04d}", query))
    print(f"added {args.watches:,} watches in {time.perf_counter() - started:.1f} s")

    new = docs[args.articles:args.articles + args.new]
    store.add_analyzed(new)
    started = time.perf_counter()
    found = store.match_watches()
    seconds = time.perf_counter() - started
    print(f"matching: {args.watches:,} watches x {args.new:,} new articles on "
          f"{args.articles:,}: {seconds:.2f} s ({sum(found.values()):,} matches) "
          f"goal <= 10 s {'OK' if seconds <= 10 else 'MISSED'}")

    # stored to sent: one more article, one immediate watch with a webhook among them all
    last = docs[-1]
    store.add_watch(Watch("latency", f'unit:"{last[1].units[0]}"',
                          destinations=[f"webhook:{receiver.url}"], allow_private=True))
    data = Path(tempfile.mkdtemp())
    stored = time.perf_counter()
    store.add_analyzed([last])
    report = run_watches(store, data)
    total = (receiver.arrived[-1] if receiver.arrived else float("nan")) - stored
    ok = [d for d in report.deliveries if d.ok]
    trips = []
    for _ in range(20):
        t = time.perf_counter()
        send_webhook(Alert("x", "q", []), receiver.url, "k", allow_private=True)
        trips.append(time.perf_counter() - t)
    trip = sorted(trips)[len(trips) // 2]
    print(f"stored to sent: {total * 1000:.0f} ms ({len(ok)} delivery), webhook round trip "
          f"{trip * 1000:.1f} ms; goal <= 1 s + round trip "
          f"{'OK' if total - trip <= 1 else 'MISSED'}")
    store.close()


if __name__ == "__main__":
    main()
