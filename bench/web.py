"""Web pages at scale: the 100,000-article store of bench/search.py (its
generator and indexer), then the time to answer the search page (hits, facets
and timeline) and the article page, through the whole app (session check,
CSRF guard, security headers, templates) in process.

    python bench/web.py [--articles 100000] [--runs 30]

Goals: search page p95 <= 300 ms, article page p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    bench = _search_bench()
    docs = list(bench.generate(args.articles))
    ids = [a.id for a, _ in docs]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        rate = bench.index_into(url, docs, 1000)
        del docs
        print(f"{args.articles:,} articles indexed ({rate:,.0f} articles/s)")
        data = Path(tmp) / "data"
        data.mkdir()
        client = logged_in(create_app(url, data), data)
        worst = {"search": 0.0, "article": 0.0}
        for name, path in SEARCHES.items():
            page = client.get(path)
            assert page.status_code == 200 and 'class="hit"' in page.text, path
            assert "svg" in page.text and 'class="facet"' in page.text, path
            p50, p95 = bench.timed(lambda path=path: client.get(path), args.runs)
            worst["search"] = max(worst["search"], p95)
            print(f"{name:<44} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
        rng = random.Random(3)
        picks = iter(rng.choice(ids) for _ in range(args.runs * 10))

        def article() -> None:
            page = client.get(f"/article/{next(picks)}")
            assert page.status_code == 200

        p50, p95 = bench.timed(article, args.runs * 3)
        worst["article"] = p95
        print(f"{'article page (random articles)':<44} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    for kind, goal in GOALS.items():
        verdict = "met" if worst[kind] <= goal else "NOT met"
        print(f"goal {kind} page p95 <= {goal:.0f} ms: worst p95 {worst[kind]:.1f} ms, {verdict}")


if __name__ == "__main__":
    main()
