"""One pass of alerts, for `newsmon watch run` (cron) and the crawl after analysis:
match every watch on newly analysed articles, send what is due, rewrite the
watches' Atom feeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from index import open_store
from index.store import Store
from index.watches import Delivery, utc_now
from newsmon.alerts.atom import feed_path, write_feed
from newsmon.alerts.email import SmtpSettings
from newsmon.alerts.sender import deliver_due, items
from newsmon.config import data_dir

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


def write_watch_feed(store: Store, data_dir: Path, name: str) -> Path:
    watch = store.get_watch(name)  # type: ignore[attr-defined]
    matches = store.watch_matches(name, FEED_SIZE)  # type: ignore[attr-defined]
    when = dict(matches)
    found = items(store, watch, [article_id for article_id, _ in matches])
    path = feed_path(data_dir, name)
    write_feed(path, name, watch.query, [(i, when[i.id]) for i in found])
    return path
