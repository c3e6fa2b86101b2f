"""Story grouping at scale: the cost of adding one article to the story index
when it already holds up to 100,000 articles, and pair precision/recall on the
generated reprint families.

    python bench/stories.py [--articles 100000] [--store sqlite:///path.db]

Articles are generated (seeded) from the sample site's vocabulary: each story
is its own random run of syllables (200-450 words in 4-7 paragraphs), and 40%
of stories get 1-3 reprints with the edits real reprints carry (a new
headline, the last paragraphs trimmed, two paragraphs swapped, a credit and
byline added, one number changed), a few hours to two days later. Goal: p95
per-article add <= 5 ms (issue 10), shown in wall time and in this process's
CPU time (on a shared machine, the wall time's tail is other programs' time
slices). Without --store it measures `index.stories.StoryIndex.add` (what
every store calls at ingest); with --store, `store.add_articles` in batches
of 10 (the crawler's), per article.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsmon.index import Article, open_store  # noqa: E402
from newsmon.index.stories import StoryIndex  # noqa: E402
from newsmon.sample_site.articles import load_content  # noqa: E402

VN = timezone(timedelta(hours=7))
OUTLETS = ("nhandan", "dantri", "vnexpress", "tuoitre", "thanhnien", "laodong")


def vocabulary() -> list[str]:
    words: set[str] = set()
    for doc in load_content():
        for text in (doc["title"], doc["sapo"], *doc["paragraphs"]):
            words.update(w for w in re.findall(r"\w+", text) if not w.isdigit())
    return sorted(words)


def generate(n: int, seed: int = 7) -> tuple[list[Article], dict[str, int]]:
    """n articles in date order, and each article's family number."""
    rng = random.Random(seed)
    vocab = vocabulary()
    start = datetime(2026, 1, 1, 8, tzinfo=VN)
    out: list[tuple[datetime, Article, int]] = []
    family = 0
    while len(out) < n:
        family += 1
        when = start + timedelta(minutes=7 * family)
        paras = [" ".join(rng.choices(vocab, k=rng.randint(40, 70))) + f" {rng.randint(2, 999)}."
                 for _ in range(rng.randint(4, 7))]
        title = " ".join(rng.choices(vocab, k=10))
        out.append((when, _article(family, 0, "baotintuc", title, paras, when), family))
        if rng.random() < 0.4:
            for copy in range(1, rng.randint(2, 4)):
                edited = list(paras)
                if copy == 1:
                    edited = edited[:max(2, len(edited) * 3 // 5)]
                elif copy == 2:
                    edited[1], edited[2] = edited[2], edited[1]
                    edited[0] = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), edited[0],
                                       count=1)
                later = when + timedelta(hours=rng.randint(1, 48))
                out.append((later, _article(family, copy, rng.choice(OUTLETS),
                                            " ".join(rng.choices(vocab, k=9)),
                                            ["(TTXVN) " + edited[0], *edited[1:],
                                             "Minh Anh (TTXVN)"], later), family))
    out.sort(key=lambda t: t[0])
    articles = [a for _, a, _ in out[:n]]
    return articles, {a.id: f for _, a, f in out[:n]}


def _article(family: int, copy: int, source: str, title: str, paras: list[str],
             when: datetime) -> Article:
    url = f"https://{source}.example/{family}-{copy}.html"
    return Article(url=url, canonical_url=url, source=source, title=title, sapo=paras[0],
                   body="\n".join(paras[1:]), published_at=when, agency="TTXVN")


def scores(groups: dict[str, str], family: dict[str, int]) -> tuple[float, float]:
    """Pair precision and recall, over the pairs inside found or true groups."""
    by_story: dict[str, list[str]] = {}
    by_family: dict[int, list[str]] = {}
    for aid, story in groups.items():
        by_story.setdefault(story, []).append(aid)
        by_family.setdefault(family[aid], []).append(aid)
    found = {p for ids in by_story.values() for p in combinations(sorted(ids), 2)}
    true = {p for ids in by_family.values() for p in combinations(sorted(ids), 2)}
    return len(found & true) / max(1, len(found)), len(found & true) / max(1, len(true))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--store", help="measure store.add_articles on this store URL")
    args = parser.parse_args()
    t = time.perf_counter()
    articles, family = generate(args.articles)
    print(f"generated {len(articles)} articles in {len(set(family.values()))} families "
          f"({time.perf_counter() - t:.1f} s)")
    costs: list[float] = []
    cpu: list[float] = []
    groups: dict[str, str] = {}
    if args.store:
        store = open_store(args.store)
        for i in range(0, len(articles), 10):
            batch = articles[i:i + 10]
            t, c = time.perf_counter(), time.process_time()
            store.add_articles(batch)
            costs += [(time.perf_counter() - t) / len(batch)] * len(batch)
            cpu += [(time.process_time() - c) / len(batch)] * len(batch)
        groups = store.story_of([a.id for a in articles])
        store.close()
    else:
        index = StoryIndex()
        for article in articles:
            t, c = time.perf_counter(), time.process_time()
            groups[article.id] = index.add(article).story_id
            costs.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
    for name, found in (("wall", costs), ("CPU", cpu)):
        last = sorted(found[-10_000:])
        p50, p95 = statistics.median(last), last[int(0.95 * (len(last) - 1))]
        print(f"add ({name} time), last {len(last)} articles: p50 {p50 * 1000:.2f} ms, "
              f"p95 {p95 * 1000:.2f} ms (goal p95 <= 5 ms); mean over all "
              f"{statistics.fmean(found) * 1000:.2f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:,.0f} MiB")
    precision, recall = scores(groups, family)
    print(f"pair precision {precision:.4f}, recall {recall:.4f}")


if __name__ == "__main__":
    main()
