"""Stories, the ledger, claims and sums on the labelled sample sites, end to end:
`newsmon demo` crawls and reads the three sample outlets into a store, and the
real CLI answers; every expected answer comes from the hand-written labels in
the content files (`newsmon/sample_site/labels.py`), never from a store."""

from __future__ import annotations

from collections import Counter

import pytest

from newsmon.index import open_store
from newsmon.index.documents import article_id
from newsmon.nlp.normalize import name_key
from tests.helpers import cli_json
from tools.sample_site import labels

#: the one labelled kind the reader names by its head noun (a reader matter, not a sum's)
READER_KIND = {"tổ công nghệ số cộng đồng": "tổ"}
#: verdicts from worst to best, as a ClaimReview rates a whole claim
VERDICT_ORDER = ["not found", "different", "consistent"]


@pytest.fixture
def demo(demo_store) -> dict:
    """The session's demo (tests/conftest.py): these checks only read it."""
    return demo_store


def test_the_demo_stores_every_page_of_the_three_outlets(demo):
    summary = demo["summary"]
    assert summary["articles"] == len(labels.pages())
    assert summary["by_source"] == dict(Counter(p.site for p in labels.pages()))
    assert set(summary["by_source"]) == {"baotintuc", "vietnamplus", "bnews"}


def test_stories_match_the_labels(demo):
    urls = [p.url for p in labels.pages()]
    store = open_store(demo["store"], read_only=True)
    try:
        found = store.story_of([article_id(u) for u in urls])
    finally:
        store.close()
    precision, recall = labels.pair_scores({u: found[article_id(u)] for u in urls})
    assert precision >= 0.97 and recall >= 0.93, (precision, recall)


def test_the_edited_reprint_is_one_story_with_its_changed_number(demo):
    def changed_numbers(slug: str) -> list[dict]:
        awards = labels.doc(slug).get("expect", {}).get("awards", [])
        return [f for f in awards if f.get("changed_in_copy")]

    reprint = next(p for p in labels.pages() if changed_numbers(p.slug))
    copies = cli_json("story", article_id(reprint.url), "--store", demo["store"])
    by_url = labels.page_by_url()
    assert {by_url[c["url"]].story for c in copies} == {reprint.story}
    assert len(copies) == sum(1 for p in labels.pages() if p.story == reprint.story)
    original = copies[0]
    assert original["original"] and by_url[original["url"]].slug == labels.story_original(
        reprint.story
    )
    changed = changed_numbers(reprint.slug)
    mine = next(c for c in copies if c["url"] == reprint.url)
    for f in changed:
        assert [f["count"], f["recipient_kind"]] in mine["figures"]
        assert [f["count"], f["recipient_kind"]] not in original["figures"]


def _rows(demo: dict, verdict: str) -> set[frozenset[tuple[str, int]]]:
    by_url = labels.page_by_url()
    rows = cli_json("figures", "--compare", "--store", demo["store"])
    return {
        frozenset((by_url[s["url"]].slug, s["count"]) for s in r["sources"])
        for r in rows
        if r["verdict"] == verdict
    }


def test_compare_finds_every_deliberate_discrepancy_and_no_false_one(demo):
    expected = labels.ledger_rows("discrepancy")
    assert len(expected) >= 3
    assert _rows(demo, "discrepancy") == expected


def test_compare_agrees_where_independent_outlets_agree_and_a_reprint_is_no_witness(demo):
    expected = labels.ledger_rows("agree")
    assert len(expected) >= 3
    assert _rows(demo, "agree") == expected


@pytest.mark.parametrize("claim", labels.claims(), ids=lambda c: c.text[:40])
def test_check_answers_each_seeded_claim_with_its_citations(demo, claim):
    found = cli_json("check", claim.text, "--store", demo["store"])
    by_url = labels.page_by_url()
    assert [(n["count"], n["recipient_kind"], n["verdict"]) for n in found["numbers"]] == [
        (n.count, n.recipient_kind, n.verdict) for n in claim.numbers
    ]
    for got, want in zip(found["numbers"], claim.numbers, strict=True):
        cited = {(by_url[s["url"]].slug, s["count"]) for s in got["sources"]}
        assert cited == {(c.slug, c.count) for c in want.cites}
        for s in got["sources"]:
            page = by_url[s["url"]]
            assert s["source"] == page.site
            assert s["published_at"] == page.published
            assert s["sentence"] == labels.figure_sentence(
                page.slug, s["count"], want.recipient_kind
            )


def hand_count(by: str) -> dict[tuple[str, str], int]:
    """Sums a person makes from the labelled figures: each story once, kinds
    apart, a stated total only without its parts (`labels.counted_figures`)."""
    sums: Counter[tuple[str, str]] = Counter()
    for _, f in labels.counted_figures():
        kind = READER_KIND.get(f["recipient_kind"], f["recipient_kind"])
        sums[(name_key(f[by]) if by == "level" else f[by], kind)] += f["count"]
    return dict(sums)


@pytest.mark.parametrize("by", ["status", "level"])
def test_sums_match_a_hand_count_of_the_sample_articles(demo, by):
    sums = cli_json("figures", "--sum-by", by, "--store", demo["store"])
    found = {
        (name_key(s["key"]) if by == "level" else s["key"], s["kind"]): s["total"] for s in sums
    }
    assert found == hand_count(by)


def test_the_demo_lists_each_figure_of_a_story_once_with_every_outlet(demo):
    """Hand count of the demo's figure list: each labelled figure of a story once
    (a reprint that changed a number adds that number), with the sites of every
    copy that reports it."""
    sites: dict[tuple, set[str]] = {}
    for page in labels.pages():
        for f in labels.doc(page.slug).get("expect", {}).get("awards", []):
            kind = READER_KIND.get(f["recipient_kind"], f["recipient_kind"])
            key = (page.story, f["count"], kind, f["status"], name_key(f["level"]))
            sites.setdefault(key, set()).add(page.site)
    expected = Counter((*key, frozenset(found)) for key, found in sites.items())
    by_url = labels.page_by_url()
    listed = Counter(
        (
            by_url[f["canonical_url"]].story,
            f["count"],
            f["recipient_kind"],
            f["status"],
            name_key(f["level"]),
            frozenset(f["sources"]),
        )
        for f in demo["summary"]["figures"]
    )
    assert listed == expected


@pytest.mark.parametrize("claim", labels.claims(), ids=lambda c: c.text[:40])
def test_claimreview_rates_each_seeded_claim_by_its_worst_number(demo, claim):
    review = cli_json("check", claim.text, "--claimreview", "--store", demo["store"])
    worst = min((n.verdict for n in claim.numbers), key=VERDICT_ORDER.index)
    assert review["claimReviewed"] == claim.text
    assert review["reviewRating"]["alternateName"].endswith(worst)
    by_url = labels.page_by_url()
    cited = {by_url[a["url"]].slug for a in review["itemReviewed"]["appearance"]}
    assert cited == {c.slug for n in claim.numbers for c in n.cites}
