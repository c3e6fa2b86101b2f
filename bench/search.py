"""Search at scale: 100,000 realistic articles with their analyses, indexed
without NLP, then the latency of typical queries.

    python bench/search.py [--articles 100000] [--elasticsearch URL]

Articles are generated from the sample site's vocabulary: paragraphs,
titles, units, campaigns and award figures recombined at random (seeded).
SQLite: indexing rate (articles/s, goal >= 2,000), then p50/p95 over repeated
runs of a broad text query (it matches most articles; goal p95 <= 50 ms at
100,000 articles, reached by ranking only the most recent matches, see
index/backends/sqlite/compiler.py), a unit filter with all facets (goal p95
<= 50 ms), and honest figure sums grouped in SQL beside the same sums computed
in Python over every figure row (index/sums.py, what the store did before). With
--elasticsearch (or with none given, a noida-db server started here if the
package is installed): our bulk indexing rate beside the official client's raw
`helpers.bulk` on the same documents.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsmon.index import Article, open_store  # noqa: E402
from newsmon.index.backends.base import BaseStore  # noqa: E402
from newsmon.index.prepare import prepare_figures  # noqa: E402
from newsmon.index.query import parse  # noqa: E402
from newsmon.index.store import FigureFilter  # noqa: E402
from newsmon.nlp.types import Analysis, AwardFigure, Entity  # noqa: E402
from newsmon.sample_site.articles import load_content  # noqa: E402

VN = timezone(timedelta(hours=7))
PROVINCES = ["Hà Nội", "Cần Thơ", "Nghệ An", "Khánh Hòa", "Thanh Hóa", "Đắk Lắk", "Lâm Đồng",
             "An Giang", "Đồng Tháp", "Quảng Ninh", "Hải Phòng", "Huế", "Đà Nẵng", "Lào Cai",
             "Tây Ninh", "Gia Lai", "Quảng Trị", "Cà Mau", "Vĩnh Long", "Phú Thọ"]
HEADS = ["Ủy ban nhân dân", "Sở Giáo dục và Đào tạo", "Công an", "Sở Y tế",
         "Liên đoàn Lao động", "Hội Nông dân", "Bộ Chỉ huy Quân sự"]
CAMPAIGNS = ["Dân vận khéo", "Vì an ninh Tổ quốc", "Thi đua Quyết thắng",
             "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
             "Cả nước thi đua xây dựng xã hội học tập", "Chung sức xây dựng nông thôn mới"]
AWARDS = [("Bằng khen của Thủ tướng Chính phủ", "Chính phủ"), ("Cờ thi đua của Chính phủ",
          "Chính phủ"), ("Huân chương Lao động hạng Ba", "Nhà nước"), ("Bằng khen", "tỉnh"),
          ("Giấy khen", "cơ sở"), ("Chiến sĩ thi đua cấp tỉnh", "tỉnh")]
KINDS = ["tập thể", "cá nhân", "lượt", "đơn vị", "hộ"]
SOURCES = ["baotintuc", "vietnamplus", "bnews"]


def generate(count: int, seed: int = 7) -> Iterator[tuple[Article, Analysis]]:
    rng = random.Random(seed)
    docs = load_content()
    paragraphs = [p for d in docs for p in d["paragraphs"]]
    titles = [d["title"] for d in docs]
    start = datetime(2025, 1, 1, 6, tzinfo=VN)
    for n in range(count):
        province = rng.choice(PROVINCES)
        kind = "thành phố" if province in ("Hà Nội", "Cần Thơ", "Hải Phòng", "Huế",
                                            "Đà Nẵng") else "tỉnh"
        unit = f"{rng.choice(HEADS)} {kind} {province}"
        body_parts = rng.sample(paragraphs, rng.randint(6, 12))
        figures: list[tuple[int, str, str, str]] = []
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 4)):
                award, level = rng.choice(AWARDS)
                figures.append((rng.randint(1, 300), rng.choice(KINDS), award, level))
            body_parts.append(" ".join(f"Dịp này, {c} {k} được tặng {a}."
                                        for c, k, a, _ in figures))
        title = f"{province}: {rng.choice(titles)}"
        body = "\n\n".join(body_parts)
        article = Article(
            url=f"https://{rng.choice(SOURCES)}.vn/bai-{n}.htm",
            canonical_url=f"https://bench.example/bai-{n}.htm",
            source=rng.choice(SOURCES), title=title, body=body, sapo="",
            published_at=start + timedelta(minutes=rng.randint(0, 60 * 24 * 690)),
            authors=["Phóng viên"], category="Thời sự")
        text = article.text
        unit_at = text.find(province)
        entities = [Entity(unit_at, unit_at + len(province), province, "LOC",
                           f"{kind} {province}")] if unit_at >= 0 else []
        campaign = rng.choice(CAMPAIGNS) if rng.random() < 0.3 else None
        awards = []
        cursor = 0
        for c, k, a, level in figures:
            surface = f"{c} {k}"
            at = text.find(surface, cursor)
            cursor = at + len(surface)
            sentence_start = text.rfind("Dịp này", 0, at)
            awards.append(AwardFigure(
                count=c, recipient_kind=k, award=a, level=level, status=rng.choice(
                    ["awarded", "awarded", "awarded", "proposed", "target"]),
                start=at, end=at + len(surface), sentence=text[sentence_start:cursor + 40],
                sentence_start=sentence_start))
        yield article, Analysis(
            entities=entities, units=[unit, f"{kind} {province}"],
            campaigns=[Entity(0, 0, campaign, "CAMPAIGN", campaign)] if campaign else [],
            awards=awards)


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """Wall p50 and p95 and CPU p95 in milliseconds. The CPU time of this process
    is what a call costs whatever else the machine is doing; on a busy machine the
    wall times say more about the neighbours."""
    fn()  # warm
    wall, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        fn()
        wall.append(1000 * (time.perf_counter() - started))
        cpu.append(1000 * (time.process_time() - used))
    wall.sort()
    cpu.sort()
    p95 = min(runs - 1, int(0.95 * runs))
    return statistics.median(wall), wall[p95], cpu[p95]


def index_into(store_url: str, docs: list[tuple[Article, Analysis]], batch: int) -> float:
    store = open_store(store_url)
    started = time.perf_counter()
    for i in range(0, len(docs), batch):
        chunk = docs[i:i + batch]
        store.add_analyzed(chunk)
    seconds = time.perf_counter() - started
    store.close()
    return len(docs) / seconds


GOALS = {"text query (relevance, page 1)": 50.0, "unit filter + all facets": 50.0}


def query_latencies(store_url: str, runs: int) -> dict[str, tuple[float, float, float]]:
    store = open_store(store_url, read_only=True)
    text = parse("khen thưởng tập thể")
    unit = parse('unit:"UBND tỉnh Nghệ An"')
    awarded = prepare_figures(FigureFilter(status="awarded"))
    try:
        print(f"The text query matches {store.search(text, limit=1).total:,} of "
              f"{store.count():,} articles.")
        return {
            "text query (relevance, page 1)": timed(lambda: store.search(text, limit=10), runs),
            "unit filter + all facets": timed(
                lambda: store.search(unit, limit=10, facets=True), runs),
            "figure sums by level (awarded)": timed(
                lambda: store.figure_sums(FigureFilter(status="awarded"), "level"), runs),
            "  the same in Python (index.sums)": timed(
                lambda: BaseStore._figure_sums(store, awarded, "level"), runs),
        }
    finally:
        store.close()


def start_noida() -> tuple[str, subprocess.Popen, str]:
    """A local ES-API server (noida-db), as the test suite starts it."""
    binary = shutil.which("noida-db") or str(Path(sys.executable).parent / "noida-db")
    data = tempfile.mkdtemp(prefix="newsmon-bench-es-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([binary, "start", "--data-dir", data, "--only", "elasticsearch",
                             "--elasticsearch-port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return url, proc, data
        except OSError:
            time.sleep(0.1)
    raise SystemExit("noida-db did not start")


def elasticsearch_bulk(url: str, docs: list[tuple[Article, Analysis]]) -> tuple[float, float]:
    """Our bulk path (add_analyzed) and raw helpers.bulk on the same documents,
    each into a fresh index with our template; articles/s for both."""
    from elasticsearch import helpers

    from newsmon.index.backends.elasticsearch import ElasticsearchStore
    from newsmon.index.backends.elasticsearch.documents import analysis_doc, article_doc
    from newsmon.index.documents import content_hash

    ours = ElasticsearchStore(f"{url}/bench-ours?refresh=false")
    raw = ElasticsearchStore(f"{url}/bench-raw?refresh=false")
    try:
        started = time.perf_counter()
        for i in range(0, len(docs), 1000):
            ours.add_analyzed(docs[i:i + 1000])
        ours.es.indices.refresh(index=ours.index_of())
        ours_rate = len(docs) / (time.perf_counter() - started)
        prepared = []
        for article, analysis in docs:
            doc = article_doc(article, content_hash(article), 0)
            doc.update(analysis_doc(article.id, analysis, doc["published_at"]))
            prepared.append({"_index": raw.index_of(), "_id": article.id, "_source": doc})
        started = time.perf_counter()
        helpers.bulk(raw.es, prepared, chunk_size=500)
        raw.es.indices.refresh(index=raw.index_of())
        raw_rate = len(docs) / (time.perf_counter() - started)
        assert ours.count() == raw.count() == len(docs)
    finally:
        ours.drop()
        raw.drop()
    return ours_rate, raw_rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--elasticsearch", metavar="URL",
                        help="a cluster to use (default: start noida-db here)")
    parser.add_argument("--es-articles", type=int, default=20_000,
                        help="how many of the articles the Elasticsearch comparison writes")
    parser.add_argument("--no-elasticsearch", action="store_true")
    args = parser.parse_args()
    docs = list(generate(args.articles))
    chars = sum(len(a.text) for a, _ in docs) / len(docs)
    print(f"{len(docs):,} articles, {chars:,.0f} characters on average, "
          f"{sum(len(x.awards) for _, x in docs):,} award figures")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        rate = index_into(url, docs, 1000)
        print(f"SQLite indexing: {rate:,.0f} articles/s (goal >= 2,000)")
        for name, (p50, p95, cpu) in query_latencies(url, args.runs).items():
            goal = f"   (goal p95 <= {GOALS[name]:.0f} ms)" if name in GOALS else ""
            print(f"SQLite {name:<34} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   "
                  f"CPU p95 {cpu:6.1f} ms{goal}")
    if args.no_elasticsearch:
        return
    server = None
    url = args.elasticsearch
    if not url:
        url, server, data = start_noida()
    try:
        ours, raw = elasticsearch_bulk(url, docs[: args.es_articles])
    finally:
        if server:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
            shutil.rmtree(data, ignore_errors=True)
    where = "noida-db (ES API)" if server else url
    print(f"Elasticsearch bulk on {where}, {min(len(docs), args.es_articles):,} articles: "
          f"newsmon {ours:,.0f}/s, raw helpers.bulk {raw:,.0f}/s, ratio {ours / raw:.2f} "
          "(goal >= 0.80)")


if __name__ == "__main__":
    main()
