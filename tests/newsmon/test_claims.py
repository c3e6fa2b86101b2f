"""Checking claims (newsmon/claims.py) against a ledger of seeded events: one
ceremony reported by three outlets with one number deliberately different, and a
reprint that must not count as a fourth witness. Claims are read by the real reader."""

from __future__ import annotations

from datetime import date

import pytest

from newsmon.claims import check, claim_review
from newsmon.index import open_store
from newsmon.nlp.analysis import analyze
from tests.index.test_conformance import _event_corpus


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('claims') / 'c.db'}")
    store.add_analyzed(_event_corpus())
    rows = store.ledger()
    store.close()
    return rows


def verdicts(claim: str, ledger) -> list[tuple[int, str, list[tuple[int, str]]]]:
    return [(v.count, v.verdict, sorted((s.count, s.source) for s in v.sources))
            for v in check(analyze(claim), ledger)]


def test_a_number_every_source_reports_is_consistent(ledger):
    assert verdicts("Nghệ An có 40 tập thể được tặng Bằng khen", ledger) == [
        (40, "consistent", [(40, "baotintuc"), (40, "dantri"), (40, "nhandan")])]


def test_a_number_sources_disagree_on_is_different_with_each_source(ledger):
    found = verdicts("Nghệ An có 40 tập thể, 65 cá nhân được tặng Bằng khen", ledger)
    assert found[1] == (65, "different", [(56, "nhandan"), (65, "baotintuc")])


def test_another_unit_or_kind_is_not_found(ledger):
    assert verdicts("Cà Mau có 40 tập thể được tặng Bằng khen", ledger)[0][1] == "not found"
    assert verdicts("Nghệ An có 40 hộ được tặng Bằng khen", ledger)[0][1] == "not found"


def test_claimreview_rates_the_worst_number_and_cites_the_sources(ledger):
    claim = "Nghệ An có 40 tập thể, 56 cá nhân được tặng Bằng khen"
    review = claim_review(claim, check(analyze(claim), ledger), date(2026, 12, 2))
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == claim
    assert review["reviewRating"]["alternateName"].endswith("different")
    urls = {a["url"] for a in review["itemReviewed"]["appearance"]}
    assert any(u.endswith("ev-a.htm") for u in urls) and any(u.endswith("ev-b.htm") for u in urls)
    assert not any("reprint" in u for u in urls)
