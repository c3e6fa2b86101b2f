"""The analysis stage under hostile input: every text finishes within its
time budget and a bounded memory, and one that runs over is reported and
stored empty instead of holding up the queue."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsmon.analysis import analyze_pending
from newsmon.index import Article, open_store
from tests.helpers import ROOT

# One worker's reading of a text, measured in a fresh process: seconds, peak MB.
_MEASURE = """
import json, resource, sys, time
from newsmon.nlp import analyze
text = sys.stdin.read()
started = time.perf_counter()
found = analyze(text)
print(json.dumps({"seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "truncated_at": found.truncated_at}))
"""

PATHOLOGICAL = {
    "a 1 MB paragraph": "Sở Y tế tỉnh Nghệ An trao Bằng khen cho 5 tập thể, " * 20000,
    "500k characters without spaces": "ab." * 170000,
    "emoji": "😀 " * 150000,
    "an emoji wall": "😀" * 250000,
    "mixed scripts": "Hà Nội абв 中文 العربية " * 20000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_texts_are_read_in_bounded_time_and_memory(name):
    text = PATHOLOGICAL[name]
    result = subprocess.run([sys.executable, "-c", _MEASURE], input=text, capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    measured = json.loads(result.stdout)
    assert measured["peak_mb"] < 500, measured
    assert measured["seconds"] < 60, measured  # the stage's default time budget
    assert measured["truncated_at"] is not None and measured["truncated_at"] < len(text)


def test_an_article_over_its_time_budget_is_reported_and_not_left_pending(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    try:
        body = "Ủy ban nhân dân tỉnh Nghệ An trao Bằng khen cho 12 tập thể.\n" * 400
        store.add_articles([Article(url="https://example.vn/a", canonical_url="", source="x",
                                    title="Khen thưởng", body=body)])
        report = analyze_pending(store, workers=1, budget=0.01)
        assert [error.split(":")[0] for _, error in report.failed] == ["AnalysisTimeout"]
        assert "NEWSMON_ANALYSIS_SECONDS" in report.failed[0][1]
        assert store.pending_count() == 0
        again = analyze_pending(store, workers=1)
        assert again.analyzed == 0  # not read again and again
    finally:
        store.close()
