"""Watches on every backend (one conformance suite, as tests/index/test_conformance.py):
matching past each watermark, exactly once per (watch, article), the outbox and its
retries, the delivery log. SQLite files and Elasticsearch (noida-db, or the cluster
named by NEWSMON_TEST_ELASTICSEARCH_URL), with the conformance corpus and its
known analyses."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newsmon.index.query import QueryError
from newsmon.index.watches import Delivery, Watch, WatchError, utc_now
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


def test_outbox_rows_go_out_once_and_the_log_keeps_each_send(store):
    store.add_watch(Watch("w", "khen OR thơ OR nghệ", destinations=["email:a@b.vn", "webhook:h"]))
    analysed(store, CORPUS)
    n = store.match_watches()["w"]
    rows = store.outbox(watch="w")
    assert len(rows) == 2 * n  # one row per destination
    assert store.match_watches() == {} and len(store.outbox()) == 2 * n
    mail = [r for r in rows if r.destination == "email:a@b.vn"]
    claimed = store.claim(mail, "b1")
    assert {r.batch for r in claimed} == {"b1"}
    assert {r.batch for r in store.outbox() if r.destination == "email:a@b.vn"} == {"b1"}
    store.claim(mail, "b2")  # claimed rows keep their batch (a resend is the same)
    assert {r.batch for r in store.outbox() if r.destination == "email:a@b.vn"} == {"b1"}
    now = utc_now()
    store.mark_sent(
        mail[:1],
        Delivery("w", "email:a@b.vn", n, True, "SMTP 250 ok", now.isoformat()),
        counted=mail[1:],
    )
    assert {
        r.status for r in store.outbox(watch="w", status=None) if r.destination == "email:a@b.vn"
    } == ({"sent", "counted"} if n > 1 else {"sent"})
    assert store.delivered("w", "email:a@b.vn", [r.article_id for r in rows]) == {
        r.article_id for r in mail
    }
    assert store.delivered("w", "webhook:h", [r.article_id for r in rows]) == set()
    assert len(store.outbox(status="sent", sent_since=now - timedelta(seconds=1))) == 1
    assert store.outbox(status="sent", sent_since=now + timedelta(seconds=1)) == []
    assert len(store.outbox()) == n  # the webhook's rows are still pending
    assert store.last_sent("w", "email:a@b.vn") == now.isoformat()
    assert store.last_sent("w", "webhook:h") is None
    store.mark_failed(
        store.outbox(), Delivery("w", "webhook:h", n, False, "HTTP 500", now.isoformat())
    )
    assert [d.ok for d in store.deliveries()] == [False, True]
    assert [d.response for d in store.deliveries("w", limit=1)] == ["HTTP 500"]


def test_watch_settings_and_feed_token_are_kept(store):
    from dataclasses import replace

    saved = store.add_watch(
        Watch("w", "khen", cadence="daily", cap=5, max_per_day=3, destinations=["email:a@b.vn"])
    )
    assert (saved.cap, saved.max_per_day, saved.cadence) == (5, 3, "daily")
    assert len(saved.secret) >= 32 and saved.created_at
    edited = store.update_watch(replace(saved, max_per_day=None, secret=""))
    assert edited.max_per_day is None and edited.secret == saved.secret  # "" keeps it
    assert store.update_watch(replace(edited, secret="new")).secret == "new"
    assert store.add_watch(Watch("v", "khen")).secret != saved.secret


def test_a_watch_copied_to_another_store_keeps_history_and_pending_rows(store, tmp_path):
    from newsmon.index import open_store

    store.add_watch(Watch("w", "khen OR thơ OR nghệ", destinations=["email:a@b.vn"]))
    analysed(store, CORPUS)
    n = store.match_watches()["w"]
    copy = open_store(f"sqlite:///{tmp_path / 'copy.db'}")
    try:
        analysed(copy, CORPUS)
        watch = store.get_watch("w")
        assert copy.import_watch(watch, store.watch_matches("w", limit=-1), store.outbox())
        assert not copy.import_watch(watch, [], [])  # already there
        assert len(copy.watch_matches("w", limit=-1)) == n and len(copy.outbox()) == n
        assert copy.match_watches() == {}  # the copied articles do not alert again
        assert copy.get_watch("w").secret == watch.secret
    finally:
        copy.close()
    # and into this backend from SQLite
    target_watch = replace_name(store.get_watch("w"), "w2")
    assert store.import_watch(target_watch, [], [])
    assert store.match_watches() == {} and store.get_watch("w2").query == watch.query


def replace_name(w, name):
    from dataclasses import replace

    return replace(w, name=name)
