"""Crawl throughput: a local site of 2,000+ article pages crawled with full
extraction into a SQLite store, beside `scrapy bench` on the same machine.

    python bench/crawl.py [--articles 2000]

The site is the bundled sample (baotintuc layout) multiplied: every copy is a
distinct article URL with its own canonical link, listed in a sitemap. It is
served by `python -m http.server` in its own process, as `scrapy bench` serves
its pages, so the server does not share the crawler's interpreter.

Two runs of ours: with the crawl settings of `scrapy bench` (16 concurrent
requests, no throttling: the rate the code can sustain), and with newsmon's
polite defaults (AutoThrottle, 2 requests per domain: the rate a site sees).
The goal is the first at least half of `scrapy bench`'s rate.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "newsmon" / "sample_site" / "site" / "baotintuc"
ARTICLE = re.compile(r"-(\d{17})\.htm$")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site(target: Path, count: int, base: str) -> int:
    """Copies of the sample articles under distinct URLs, and a sitemap of them."""
    pages = sorted(p for p in SAMPLE.rglob("*.htm") if ARTICLE.search(p.name))
    locs = []
    for n in range(count):
        page = pages[n % len(pages)]
        rel = page.relative_to(SAMPLE).as_posix()
        stamp = ARTICLE.search(rel).group(1)
        new_rel = rel.replace(stamp, f"{stamp[:11]}{n:06d}")
        html = page.read_text("utf-8").replace(rel, new_rel).replace("__BASE__", base)
        out = target / new_rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, "utf-8")
        locs.append(f"<url><loc>{base}/{new_rel}</loc></url>")
    (target / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
        'schemas/sitemap/0.9">' + "".join(locs) + "</urlset>", "utf-8")
    (target / "robots.txt").write_text("User-agent: *\nAllow: /\n", "utf-8")
    return len(locs)


def final_stats(log: str) -> dict:
    """The stats dict Scrapy dumps at the end of a crawl."""
    block = log[log.rindex("Dumping Scrapy stats:") :]
    body = block[block.index("{") : block.index("}\n") + 1]
    body = re.sub(r"datetime\.datetime\([^)]*\)", "None", body)
    return ast.literal_eval(body)


def run_ours(base: str, workdir: Path, settings: dict[str, str]) -> dict:
    db = workdir / f"bench-{len(list(workdir.glob('*.db')))}.db"
    args = [sys.executable, "-m", "scrapy", "crawl", "baotintuc", "-s", "NEWSMON_ALLOW_PRIVATE=1",
            "-a",
            f"start_urls={base}/sitemap.xml", "-s", f"NEWSMON_STORE=sqlite:///{db}",
            "-s", "LOG_LEVEL=INFO"]
    for key, value in settings.items():
        args += ["-s", f"{key}={value}"]
    started = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    stats = final_stats(result.stderr)
    return {"pages": stats["response_received_count"],
            "items": stats.get("item_scraped_count", 0),
            "seconds": stats["elapsed_time_seconds"], "wall": wall}


def run_scrapy_bench(workdir: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "scrapy", "bench", "-s", "LOG_LEVEL=INFO"],
                            cwd=workdir, capture_output=True, text=True, check=True)
    stats = final_stats(result.stderr)
    return {"pages": stats["response_received_count"], "seconds": stats["elapsed_time_seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="newsmon-bench-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        count = build_site(workdir / "site", args.articles, base)
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
             "--directory", str(workdir / "site")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        try:
            fast = run_ours(base, workdir, {"AUTOTHROTTLE_ENABLED": "False",
                                            "CONCURRENT_REQUESTS": "16",
                                            "CONCURRENT_REQUESTS_PER_DOMAIN": "16"})
            polite = run_ours(base, workdir, {})
        finally:
            server.terminate()
            server.wait()
        bench = run_scrapy_bench(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    def rate(run: dict) -> float:
        return run["pages"] / run["seconds"]

    print(f"site: {count} article pages (+ sitemap, robots.txt) on {base}")
    print(f"{'run':<44}{'pages':>7}{'articles':>10}{'seconds':>9}{'pages/s':>9}")
    for label, run in (("newsmon, scrapy-bench settings (16 conc.)", fast),
                       ("newsmon, polite defaults (2/domain, AutoTh.)", polite)):
        print(f"{label:<44}{run['pages']:>7}{run['items']:>10}{run['seconds']:>9.1f}"
              f"{rate(run):>9.1f}")
    print(f"{'scrapy bench (no parsing, no storing)':<44}{bench['pages']:>7}{'-':>10}"
          f"{bench['seconds']:>9.1f}{rate(bench):>9.1f}")
    ratio = rate(fast) / rate(bench)
    print(f"ratio newsmon / scrapy bench: {ratio:.2f} (goal >= 0.50: "
          f"{'met' if ratio >= 0.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
