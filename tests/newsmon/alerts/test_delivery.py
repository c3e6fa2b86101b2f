"""Alerts delivered end to end from a real store: email to a local SMTP server,
signed JSON to a local webhook, an Atom feed a feed parser reads; failures stay
pending, are retried, and are logged as failures."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

import feedparser
import pytest

from newsmon.alerts.atom import feed_path
from newsmon.alerts.sender import deliver_due
from newsmon.index import open_store
from newsmon.index.watches import Watch, utc_now
from newsmon.watching import run_watches
from tests.index.corpus import CORPUS, IDS
from tests.newsmon.alerts.servers import free_port, smtp_at

SECRET = "s3cret"


@pytest.fixture
def store(tmp_path):
    db = open_store(f"sqlite:///{tmp_path / 'alerts.db'}")
    yield db
    db.close()


def analyse(store, pairs=CORPUS) -> None:
    store.add_articles(a for a, _ in pairs)
    store.add_analyses((a.id, analysis) for a, analysis in pairs)


def test_new_matches_go_out_once_by_email_webhook_and_atom(store, smtp, hook, tmp_path,
                                                           monkeypatch):
    monkeypatch.setenv("NEWSMON_WEBHOOK_SECRET", SECRET)
    store.add_watch(Watch("nghean", 'unit:"Nghệ An"', allow_private=True,
                          destinations=["email:tt@nghean.gov.vn", f"webhook:{hook.url}"]))
    analyse(store, CORPUS[:2])  # Cần Thơ only: nothing for this watch
    report = run_watches(store, tmp_path, smtp=smtp_at(smtp.port))
    assert report.matched == {"nghean": 0} and report.deliveries == []
    analyse(store, CORPUS[2:])
    report = run_watches(store, tmp_path, smtp=smtp_at(smtp.port))
    assert report.matched == {"nghean": 2}
    assert [d.ok for d in report.deliveries] == [True, True], report.deliveries

    [mail] = smtp.box.messages
    assert mail["Subject"] == "[newsmon] nghean: 2 bài mới"
    assert mail["To"] == "tt@nghean.gov.vn"
    plain = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    titles = [a.title for a, _ in CORPUS if a.id in (IDS["na-1"], IDS["na-2"])]
    for title in titles:
        assert title in plain and title in html
    assert "Đơn vị: Ủy ban nhân dân tỉnh Nghệ An" in plain
    assert "https://baotintuc.vn/na-1.htm" in plain

    [(headers, body)] = hook.received
    expected = hmac.new(SECRET.encode(), headers["X-Newsmon-Timestamp"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    assert headers["X-Newsmon-Signature"] == f"sha256={expected}"
    assert {a["id"] for a in hook.payloads()[0]["articles"]} == {IDS["na-1"], IDS["na-2"]}

    feed = feedparser.parse(feed_path(tmp_path, "nghean").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert {e.link for e in feed.entries} == {"https://baotintuc.vn/na-1.htm",
                                              "https://vietnamplus.vn/na-2.htm"}

    again = run_watches(store, tmp_path, smtp=smtp_at(smtp.port))  # nothing new
    analyse(store, CORPUS)  # re-analysed: still nothing new
    again2 = run_watches(store, tmp_path, smtp=smtp_at(smtp.port))
    assert again.deliveries == again2.deliveries == []
    assert len(smtp.box.messages) == 1 and len(hook.received) == 1
    assert [d.response for d in store.deliveries("nghean")][0].startswith(("SMTP 250",
                                                                           "HTTP 200"))


def test_a_refusing_or_absent_smtp_server_leaves_rows_pending_and_logged(store, smtp,
                                                                         tmp_path):
    store.add_watch(Watch("w", "khen", destinations=["email:a@b.vn"]))
    analyse(store)
    smtp.box.refuse = "554 5.7.1 Rejected for policy reasons"
    report = run_watches(store, tmp_path, smtp=smtp_at(smtp.port))
    [failed] = report.failed
    assert "554" in failed.response
    pending = store.outbox()
    assert pending and {r.attempts for r in pending} == {1}

    down = free_port()  # nobody listens there: the server is down
    later = utc_now() + timedelta(hours=1)
    [failed] = deliver_due(store, later, smtp_at(down))
    assert not failed.ok and "Connection refused" in failed.response
    assert {r.attempts for r in store.outbox()} == {2}

    smtp.box.refuse = None
    [sent] = deliver_due(store, later + timedelta(hours=3), smtp_at(smtp.port))
    assert sent.ok and store.outbox() == [] and len(smtp.box.messages) == 1
    assert [d.ok for d in store.deliveries("w")] == [True, False, False]


def test_starttls_required_but_not_offered_is_a_failure(store, smtp, tmp_path):
    store.add_watch(Watch("w", "khen", destinations=["email:a@b.vn"]))
    analyse(store)
    [failed] = run_watches(store, tmp_path, smtp=smtp_at(smtp.port, "true")).deliveries
    assert not failed.ok and "STARTTLS" in failed.response
    assert smtp.box.messages == [] and store.outbox()


def test_a_webhook_that_fails_or_hangs_keeps_rows_pending(store, hook, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSMON_WEBHOOK_TIMEOUT", "1")
    store.add_watch(Watch("w", "khen", allow_private=True, destinations=[f"webhook:{hook.url}"]))
    analyse(store)
    hook.status = 500
    [failed] = run_watches(store, tmp_path).deliveries
    assert not failed.ok and failed.response.startswith("HTTP 500")
    hook.status, hook.delay = 200, 3
    [hung] = deliver_due(store, utc_now() + timedelta(hours=1))
    assert not hung.ok and "timed out" in hung.response
    assert store.outbox() and hook.received == []


def test_a_private_webhook_is_refused_unless_allowed(store, hook, tmp_path):
    store.add_watch(Watch("w", "khen", destinations=[f"webhook:{hook.url}"]))
    analyse(store)
    [refused] = run_watches(store, tmp_path).deliveries
    assert not refused.ok and "127.0.0.1" in refused.response and store.outbox()


def test_a_cap_lists_the_first_and_counts_the_rest(store, smtp, tmp_path):
    store.add_watch(Watch("w", "khen OR thơ OR nghệ", cap=1, destinations=["email:a@b.vn"]))
    analyse(store)
    [sent] = run_watches(store, tmp_path, smtp=smtp_at(smtp.port)).deliveries
    assert sent.ok and sent.articles > 1
    plain = smtp.box.messages[0].get_body(("plain",)).get_content()
    assert f"và {sent.articles - 1} bài khác" in plain
    assert store.outbox() == []


def test_a_daily_digest_waits_for_its_day_and_then_sends_everything_due(store, smtp, tmp_path):
    store.add_watch(Watch("d", "khen OR thơ OR nghệ", cadence="daily",
                          destinations=["email:a@b.vn"]))
    analyse(store, CORPUS[:2])
    [first] = run_watches(store, tmp_path, smtp=smtp_at(smtp.port)).deliveries
    assert first.ok
    analyse(store, CORPUS[2:])
    assert run_watches(store, tmp_path, smtp=smtp_at(smtp.port)).deliveries == []
    waiting = store.outbox()
    assert waiting  # held for the digest, not lost
    [digest] = deliver_due(store, utc_now() + timedelta(days=1, minutes=1), smtp_at(smtp.port))
    assert digest.ok and digest.articles == len(waiting) and store.outbox() == []
    assert len(smtp.box.messages) == 2
