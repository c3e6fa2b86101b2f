"""Web pages at scale: the 100,000-article store of bench/search.py (its
generator and indexer), then the time to answer the search page (hits, facets
and timeline) and the article page, through the whole app (session check,
CSRF guard, security headers, templates) in process.

    python bench/web.py [--articles 100000] [--runs 30] [--store-file PATH]

Goals: search page p95 <= 300 ms, article page p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from newsmon.web.app import create_app  # noqa: E402
from newsmon.web.users import add_user  # noqa: E402


def _search_bench():
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SEARCHES = {
    "search page: broad text query": "/?q=khen+thưởng+tập+thể",
    "search page: words and a phrase": '/?q="thi đua"+khen+thưởng&interval=week',
    "search page: unit filter": '/?q=unit:"UBND tỉnh Nghệ An"',
    "search page: everything, newest first": "/?order=date",
}
GOALS = {"search": 300.0, "article": 100.0}


def logged_in(app, data: Path) -> TestClient:
    add_user(data, "bench", "bench-password", "viewer")
    client = TestClient(app)
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    client.post("/login", data={"csrf": token, "name": "bench", "password": "bench-password"})
    assert client.get("/").status_code == 200, "login failed"
    return client


def build_store(path: Path, articles: int) -> None:
    bench = _search_bench()
    rate = bench.index_into(f"sqlite:///{path}", list(bench.generate(articles)), 1000)
    print(f"{articles:,} articles indexed into {path} ({rate:,.0f} articles/s)")


def sample_ids(path: Path, n: int) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY random() LIMIT ?", (n,))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--store-file",
        type=Path,
        help="keep the generated store here, or reuse it if it exists "
        "(same generator and seed as bench/search.py)",
    )
    args = parser.parse_args()
    timed = _search_bench().timed
    with tempfile.TemporaryDirectory() as tmp:
        path = args.store_file or Path(tmp) / "bench.db"
        if not path.exists():
            build_store(path, args.articles)
        url = f"sqlite:///{path.resolve()}"
        data = Path(tmp) / "data"
        data.mkdir()
        client = logged_in(create_app(url, data), data)
        worst = {"search": 0.0, "article": 0.0}
        for name, page_path in SEARCHES.items():
            page = client.get(page_path)
            assert page.status_code == 200 and 'class="hit"' in page.text, page_path
            assert "svg" in page.text and 'class="facet"' in page.text, page_path
            p50, p95, cpu = timed(lambda p=page_path: client.get(p), args.runs)
            worst["search"] = max(worst["search"], p95)
            matches = re.search(r"<strong>([\d.]+)</strong> bài khớp", page.text).group(1)
            print(f"{name:<40} {matches:>7} matches   p50 {p50:7.1f} ms   p95 {p95:7.1f} ms"
                  f"   CPU p95 {cpu:6.1f} ms")
        picks = iter(sample_ids(path, args.runs * 3 + 1))

        def article() -> None:
            assert client.get(f"/article/{next(picks)}").status_code == 200

        p50, p95, cpu = timed(article, args.runs * 3)
        worst["article"] = p95
        print(f"{'article page (random articles)':<56} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms"
              f"   CPU p95 {cpu:6.1f} ms")
    for kind, goal in GOALS.items():
        verdict = "met" if worst[kind] <= goal else "NOT met"
        print(f"goal {kind} page p95 <= {goal:.0f} ms: worst p95 {worst[kind]:.1f} ms, {verdict}")


if __name__ == "__main__":
    main()
