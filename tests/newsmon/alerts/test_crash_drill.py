"""The crash drill: 50 watches, 1,000 new articles, `newsmon watch run` SIGKILLed at
random points across 20 runs, then one run to the end. Checked against the expected
(watch, article) pairs: none missed, none delivered in two different deliveries (a
send cut after the receiver's 200 is repeated with the same X-Newsmon-Delivery id,
which the receiver drops, as receivers are told to). The drill's short texts are
near-duplicates, so they make stories: an article is delivered as an entry or as a
reprint of one, or folded (a reprint of a story already sent, marked in the store)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict

from newsmon.index import open_store
from newsmon.index.query import parse
from newsmon.index.watches import Watch
from newsmon.nlp.types import Analysis, AwardFigure
from tests.helpers import ROOT
from tests.index.corpus import make_article
from tests.newsmon.alerts.servers import WebhookServer

UNITS = [f"Ủy ban nhân dân tỉnh {p}" for p in (
    "Nghệ An", "Cà Mau", "Lào Cai", "Gia Lai", "Đắk Lắk", "Khánh Hòa", "Thanh Hóa",
    "Quảng Ninh", "Tây Ninh", "An Giang")]
WORDS = ("khen thưởng", "thi đua", "tổng kết", "hội nghị", "trao tặng")


def article_pairs(n: int):
    rng = random.Random(7)
    for i in range(n):
        unit, word = UNITS[i % len(UNITS)], WORDS[rng.randrange(len(WORDS))]
        body = f"{unit} {word} năm 2026, bài số {i}."
        awards = [AwardFigure(count=i % 30 + 1, recipient_kind="tập thể", award="Bằng khen",
                              level="tỉnh", status="awarded", start=0, end=5,
                              sentence=body, sentence_start=0)] if i % 3 == 0 else []
        yield make_article(10_000 + i, f"Tin {i}: {word}", body), Analysis(units=[unit],
                                                                           awards=awards)


def watches() -> list[Watch]:
    queries = [f'unit:"{u}"' for u in UNITS] + [f'"{w}"' for w in WORDS]
    queries += [f'unit:"{u}" has:award' for u in UNITS] + ["has:award", "khen OR đua"]
    queries += [f'"{w}" -unit:"{u}"' for w, u in zip(WORDS * 5, UNITS * 3, strict=False)]
    return [Watch(f"w{i:02d}", q, allow_private=True) for i, q in enumerate(queries[:50])]


def test_sigkill_at_random_points_loses_nothing_and_repeats_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'drill.db'}"
    rng = random.Random(2026)
    with WebhookServer() as hook:
        hook.delay = 0.05  # sends take about 2.5 s in all: kills land mid-send too
        store = open_store(url)
        for w in watches():
            w.destinations = [f"webhook:{hook.url}"]
            store.add_watch(w)
        pairs = list(article_pairs(1000))
        store.add_articles(a for a, _ in pairs)
        store.add_analyses((a.id, x) for a, x in pairs)
        expected = {(w.name, h.id) for w in store.watches()
                    for h in store.iter_hits(parse(w.query))}
        store.close()
        assert len(expected) > 5000

        env = {**os.environ, "NEWSMON_STORE": url}
        killed = 0
        for _ in range(20):
            proc = subprocess.Popen([sys.executable, "-m", "newsmon", "watch", "run"],
                                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.3, 2.0))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
        final = subprocess.run([sys.executable, "-m", "newsmon", "watch", "run"], cwd=ROOT,
                               env=env, capture_output=True, text=True, timeout=600)
        assert final.returncode == 0, final.stderr
        assert killed >= 5  # the drill did cut runs

        by_delivery: dict[str, set] = {}
        for headers, body in hook.received:
            payload = json.loads(body)
            by_delivery.setdefault(headers["X-Newsmon-Delivery"], {
                (payload["watch"], i) for a in payload["articles"]
                for i in (a["id"], *(c["id"] for c in a["copies"]))})
    print(f"drill: {killed} of 20 runs killed, {len(hook.received)} posts received, "
          f"{len(by_delivery)} distinct deliveries, {len(expected)} expected pairs")
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for delivered in by_delivery.values():
        for pair in delivered:
            seen[pair] += 1
    store = open_store(url)
    folded = {(r.watch, r.article_id) for r in store.outbox(status="folded")}
    assert store.outbox() == []
    store.close()
    print(f"drill: {len(seen)} pairs delivered, {len(folded)} folded into stories sent")
    assert {p for p, n in seen.items() if n > 1} == set()  # no duplicate
    assert not set(seen) & folded  # folded means not sent
    assert set(seen) | folded == expected  # no miss, nothing extra
