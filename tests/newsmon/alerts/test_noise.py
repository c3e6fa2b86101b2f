"""Noise control, delivered end to end on both backends: reprints of one story are
one entry ("+N bản đăng lại" and the outlets) in email, webhook JSON and Atom; a
reprint of a story already sent is folded, not sent again; a daily cap lists the
first stories and counts the rest ("và N bài khác"), which stay in the store as
counted; digests group by unit; `has:award` is a minimum; the feed for the web UI
opens only with the watch's token."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest

from newsmon.alerts.sender import FOLDED, deliver_due
from newsmon.index.watches import Watch, utc_now
from newsmon.nlp.types import Analysis, AwardFigure
from newsmon.watching import FeedDenied, run_watches, watch_feed_xml
from tests.index.story_cases import families
from tests.newsmon.alerts.servers import smtp_at

NGHEAN, CAMAU = "Ủy ban nhân dân tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Cà Mau"


@pytest.fixture
def store(any_store):
    return any_store


def analysis(unit: str, award: bool = False) -> Analysis:
    figures = (
        [
            AwardFigure(
                count=12,
                recipient_kind="tập thể",
                award="Bằng khen",
                level="tỉnh",
                status="awarded",
                start=0,
                end=5,
                sentence="x",
                sentence_start=0,
            )
        ]
        if award
        else []
    )
    return Analysis(units=[unit], awards=figures)


def publish(store, articles, unit: str = NGHEAN, award: bool = False) -> None:
    store.add_articles(articles)
    store.add_analyses((a.id, analysis(unit, award)) for a in articles)


FAMS = families()


def plain(mail) -> str:
    return mail.get_body(("plain",)).get_content()


def test_reprints_are_one_entry_and_a_late_reprint_is_folded(store, smtp, hook, tmp_path):
    [original, reprint, late, _] = FAMS[0][1]
    store.add_watch(
        Watch(
            "w",
            "has:award",
            allow_private=True,
            destinations=["email:a@b.vn", f"webhook:{hook.url}"],
        )
    )
    publish(store, [original, reprint], award=True)
    report = run_watches(store, tmp_path, smtp=smtp_at(smtp.port))
    assert report.matched == {"w": 2} and [d.ok for d in report.deliveries] == [True, True]

    [mail] = smtp.box.messages
    assert mail["Subject"] == "[newsmon] w: 2 bài mới (1 tin)"
    text, html = plain(mail), mail.get_body(("html",)).get_content()
    assert "+1 bản đăng lại (vietnamplus)" in text and "+1 bản đăng lại (vietnamplus)" in html
    assert text.count(original.title.strip()) == 1
    [entry] = hook.payloads()[0]["articles"]
    assert (entry["id"], entry["reprints"], entry["outlets"]) == (original.id, 1, ["vietnamplus"])
    assert [c["id"] for c in entry["copies"]] == [reprint.id]
    feed = feedparser.parse((tmp_path / "feeds" / "w.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 1
    assert "+1 bản đăng lại" in feed.entries[0].summary
    assert reprint.canonical_url in {link.href for link in feed.entries[0].links}

    publish(store, [late], award=True)  # the same story, after it was sent
    report = run_watches(store, tmp_path, smtp=smtp_at(smtp.port))
    assert report.matched == {"w": 1}
    assert len(smtp.box.messages) == 1 and len(hook.received) == 1  # no second alert
    assert {
        (r.article_id, r.status)
        for r in store.outbox(watch="w", status=None)
        if r.destination == "email:a@b.vn"
    } == {(original.id, "sent"), (reprint.id, "sent"), (late.id, "folded")}
    folded = [d for d in store.deliveries("w") if d.response == FOLDED]
    assert len(folded) == 2 and all(d.articles == 1 for d in folded)  # one per destination
    assert store.outbox() == []


def test_a_daily_cap_lists_the_first_stories_and_counts_the_rest(store, smtp, tmp_path):
    store.add_watch(Watch("w", 'unit:"Nghệ An"', max_per_day=2, destinations=["email:a@b.vn"]))
    publish(store, [copies[0] for _, copies in FAMS[:3]])
    [sent] = run_watches(store, tmp_path, smtp=smtp_at(smtp.port)).deliveries
    assert sent.ok and sent.articles == 3
    first = plain(smtp.box.messages[0])
    assert "và 1 bài khác" in first and first.count("\n1. ") == 1 and "\n2. " in first
    publish(store, [copies[0] for _, copies in FAMS[3:5]])  # the same day: cap reached
    [sent] = run_watches(store, tmp_path, smtp=smtp_at(smtp.port)).deliveries
    second = plain(smtp.box.messages[1])
    assert sent.ok and "và 2 bài khác" in second and "\n1. " not in second
    states = [r.status for r in store.outbox(watch="w", status=None)]
    assert sorted(states) == ["counted"] * 3 + ["sent"] * 2  # counted, never dropped
    assert sum(d.articles for d in store.deliveries("w")) == 5

    publish(store, [copies[0] for _, copies in FAMS[5:6]])
    store.match_watches()
    [sent] = deliver_due(store, utc_now() + timedelta(days=1), smtp_at(smtp.port))  # a new day
    third = plain(smtp.box.messages[2])
    assert sent.ok and "bài khác" not in third and "\n1. " in third


def test_digests_group_by_unit_and_by_story(store, smtp, hook, tmp_path):
    store.add_watch(
        Watch(
            "d",
            "has:award",
            cadence="weekly",
            allow_private=True,
            destinations=["email:a@b.vn", f"webhook:{hook.url}"],
        )
    )
    publish(store, FAMS[0][1][:2], NGHEAN, award=True)
    publish(store, [FAMS[1][1][0]], NGHEAN, award=True)
    publish(store, [FAMS[2][1][0]], CAMAU, award=True)
    publish(store, [FAMS[3][1][0]], CAMAU, award=False)  # has:award is the minimum
    report = run_watches(store, tmp_path, smtp=smtp_at(smtp.port))
    assert report.matched == {"d": 4}
    text = plain(smtp.box.messages[0])
    assert text.startswith("Bản tin tổng hợp")
    assert f"■ {NGHEAN} (2 tin)" in text and f"■ {CAMAU} (1 tin)" in text
    assert text.index(NGHEAN) < text.index(CAMAU)
    payload = hook.payloads()[0]
    assert payload["digest"] and payload["stories"] == 3 and payload["count"] == 4
    assert [(u["unit"], len(u["articles"])) for u in payload["units"]] == [(NGHEAN, 2), (CAMAU, 1)]


def test_the_feed_opens_with_the_watchs_token_only(store, tmp_path):
    store.add_watch(Watch("w", 'unit:"Nghệ An"'))
    store.add_watch(Watch("other", "khen"))
    publish(store, [FAMS[0][1][0]])
    store.match_watches()
    token = store.get_watch("w").secret
    assert len(token) >= 32 and token != store.get_watch("other").secret
    url = store.url  # the URL that opens this store again
    xml = watch_feed_xml("w", token, url)
    feed = feedparser.parse(xml)
    assert not feed.bozo and [e.title for e in feed.entries] == [FAMS[0][1][0].title]
    for name, wrong in (
        ("w", ""),
        ("w", token[:-1] + "x"),
        ("w", store.get_watch("other").secret),
        ("nope", token),
    ):
        with pytest.raises(FeedDenied, match="No feed for"):
            watch_feed_xml(name, wrong, url)
