"""Watches on every backend (one conformance suite, as tests/index/test_conformance.py):
matching past each watermark, exactly once per (watch, article), the outbox and its
retries, the delivery log. SQLite files and Elasticsearch (noida-db, or the cluster
named by NEWSMON_TEST_ELASTICSEARCH_URL), with the conformance corpus and its
known analyses."""

from __future__ import annotations

from datetime import timedelta

import pytest

from index.query import QueryError
from index.watches import Delivery, Watch, WatchError, utc_now
from tests.index.corpus import CORPUS, IDS

FIRST, REST = CORPUS[:2], CORPUS[2:]


def analysed(store, pairs) -> None:
    store.add_articles(a for a, _ in pairs)
    store.add_analyses((a.id, analysis) for a, analysis in pairs)


@pytest.fixture
def store(any_store):
    return any_store


def names(ids) -> set[str]:
    inverse = {v: k for k, v in IDS.items()}
    return {inverse[i] for i in ids}


def test_a_new_watch_sees_only_articles_analysed_after_it(store):
    analysed(store, FIRST)
    store.add_watch(Watch("na", 'unit:"Nghệ An"', destinations=["email:a@b.vn"]))
    store.add_watch(Watch("ct", 'unit:"Cần Thơ"', destinations=["email:a@b.vn"]))
    assert store.match_watches() == {}
    analysed(store, REST)
    found = store.match_watches()
    assert found == {"na": 2, "ct": 0}  # ct-1 and ct-2 were there before the watch
    assert names(a for a, _ in store.watch_matches("na")) == {"na-1", "na-2"}
    assert {(r.watch, r.destination) for r in store.outbox()} == {("na", "email:a@b.vn")}
    assert store.match_watches() == {}  # the watermark moved with the matches


def test_an_article_analysed_again_does_not_alert_again(store):
    store.add_watch(Watch("all", "khen OR thơ OR nghệ", destinations=["email:a@b.vn"]))
    analysed(store, CORPUS)
    first = store.match_watches()["all"]
    assert first > 0
    analysed(store, CORPUS)  # re-analysis (a reader upgrade, an edit) moves the feed
    assert store.match_watches().get("all", 0) == 0
    assert len(store.outbox()) == first


def test_backfill_opts_in_to_history(store):
    analysed(store, CORPUS)
    store.add_watch(Watch("old", 'unit:"Nghệ An"'), backfill_days=100_000)
    assert names(a for a, _ in store.watch_matches("old")) == {"na-1", "na-2"}


def test_bad_input_is_an_error_and_changes_nothing(store):
    with pytest.raises(QueryError):
        store.add_watch(Watch("bad", "unit:(x"))
    with pytest.raises(QueryError):
        store.add_watch(Watch("bad", "colour:red"))
    with pytest.raises(WatchError, match="No watch named 'nope'"):
        store.get_watch("nope")
    with pytest.raises(WatchError):
        store.remove_watch("nope")
    store.add_watch(Watch("one", "khen"))
    with pytest.raises(WatchError, match="exists"):
        store.add_watch(Watch("one", "thơ"))
    assert [w.query for w in store.watches()] == ["khen"]


def test_edit_keeps_the_watermark_and_remove_forgets(store):
    analysed(store, FIRST)
    store.add_watch(Watch("w", "khen"))
    head = store.get_watch("w").watermark
    assert head > 0
    from dataclasses import replace

    store.update_watch(replace(store.get_watch("w"), query="thơ", cadence="daily"))
    assert (store.get_watch("w").query, store.get_watch("w").watermark) == ("thơ", head)
    store.remove_watch("w")
    assert store.watches() == []


def test_failed_sends_stay_pending_with_backoff_and_are_logged(store):
    store.add_watch(Watch("w", "khen OR thơ", destinations=["email:a@b.vn"]))
    analysed(store, CORPUS)
    store.match_watches()
    rows = store.outbox()
    now = utc_now()
    store.mark_failed(
        rows, Delivery("w", "email:a@b.vn", len(rows), False, "SMTP 554 no", now.isoformat())
    )
    assert store.outbox(due_by=now) == []  # not due before the backoff
    later = store.outbox(due_by=now + timedelta(minutes=2))
    assert len(later) == len(rows) and {r.attempts for r in later} == {1}
    assert {r.last_error for r in later} == {"SMTP 554 no"}
    store.mark_sent(
        later, Delivery("w", "email:a@b.vn", len(rows), True, "SMTP 250 ok", now.isoformat())
    )
    assert store.outbox() == []
    assert [(d.ok, d.response) for d in store.deliveries("w")] == [
        (True, "SMTP 250 ok"),
        (False, "SMTP 554 no"),
    ]
