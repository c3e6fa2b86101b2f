"""One pass of alerts, for `newsmon watch run` (cron) and the crawl after analysis:
match every watch on newly analysed articles, send what is due, rewrite the
watches' Atom feeds."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from pathlib import Path

from newsmon.alerts.atom import feed_bytes, feed_path, write_feed
from newsmon.alerts.email import SmtpSettings
from newsmon.alerts.message import Item, by_story
from newsmon.alerts.sender import deliver_due, items
from newsmon.config import data_dir, store_url
from newsmon.index import open_store
from newsmon.index.store import Store
from newsmon.index.watches import Delivery, Watch, WatchError, utc_now

FEED_SIZE = 50


@dataclass
class WatchReport:
    matched: dict[str, int] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)

    @property
    def failed(self) -> list[Delivery]:
        return [d for d in self.deliveries if not d.ok]

    def to_dict(self) -> dict:
        return {"matched": self.matched,
                "deliveries": [vars(d) for d in self.deliveries]}


def run_watches(store: Store, data_dir: Path, *, send: bool = True,
                smtp: SmtpSettings | None = None) -> WatchReport:
    report = WatchReport(matched=store.match_watches())  # type: ignore[attr-defined]
    if send:
        report.deliveries = deliver_due(store, utc_now(), smtp)
    for name in report.matched:
        write_watch_feed(store, data_dir, name)
    return report


def alerts_after_analysis(store_url: str) -> dict:
    """The crawl's alert step: every watch on what was just analysed. A store with
    no watches (or a backend without them) costs one query; a failed send is in the
    report and stays pending, it does not fail the crawl."""
    store = open_store(store_url)
    try:
        if not hasattr(store, "watches") or not store.watches():
            return {}
        return run_watches(store, data_dir()).to_dict()
    finally:
        store.close()


def _feed_entries(store: Store, watch: Watch) -> list[tuple[Item, str]]:
    """The watch's latest FEED_SIZE matches as (entry, matched at), one per story."""
    matches = store.watch_matches(watch.name, FEED_SIZE)  # type: ignore[attr-defined]
    when = dict(matches)
    ids = [article_id for article_id, _ in matches]
    entries = by_story(items(store, watch, ids), store.story_of(ids))
    return [(i, when[i.id]) for i in entries]


def write_watch_feed(store: Store, data_dir: Path, name: str) -> Path:
    watch = store.get_watch(name)  # type: ignore[attr-defined]
    path = feed_path(data_dir, name)
    write_feed(path, name, watch.query, _feed_entries(store, watch))
    return path


class FeedDenied(WatchError):
    """A feed asked for with a wrong or missing token (the web UI answers 404)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"No feed for {name!r} with this token.", code="no_such_watch",
                         name=name)


def watch_feed_xml(name: str, token: str, store: str | None = None) -> bytes:
    """The Atom feed (UTF-8 XML bytes) of the watch `name`, for the web UI to serve
    at a secret URL such as /watches/NAME/feed.xml?token=TOKEN.

    `token` must equal the watch's secret (made at `watch add`, printed by `watch
    show`); it is compared in constant time. `store` is a store URL (default: the
    configured store, as `newsmon watch` uses). Raises FeedDenied for a wrong
    token and for an unknown watch alike (so the URL does not reveal which watch
    names exist); both are WatchError. The feed is built from the store on each
    call, so it is as fresh as the last match and needs no file on disk."""
    db = open_store(store_url(store))
    try:
        try:
            watch = db.get_watch(name)  # type: ignore[attr-defined]
        except (WatchError, AttributeError):
            raise FeedDenied(name) from None
        if not watch.secret or not hmac.compare_digest(watch.secret.encode(), token.encode()):
            raise FeedDenied(name)
        return feed_bytes(name, watch.query, _feed_entries(db, watch))
    finally:
        db.close()
