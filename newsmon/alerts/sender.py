"""The sender: drains the store's outbox, one message per watch and destination.

Noise control happens here, per destination: matches are listed one entry per
story; a reprint of a story the destination already had is folded (marked,
logged, not sent as a new entry); a message lists at most `cap` entries and a
day at most `max_per_day`, the rest counted as "và N bài khác" and marked
`counted`, never dropped.

Rows are marked sent only after the destination accepted them, in the same
transaction as the delivery's log line; a refusal, a timeout or a server that is
down leaves them pending with the error and a retry time (`index.watches.backoff`),
and the log says it failed. Digests (daily, weekly) wait for their period since the
destination last accepted one. A crash after the destination accepted and before
the mark is the one window where a resend can happen: the Message-ID and
X-Newsmon-Delivery are derived from the rows, so the receiver sees the same id.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from newsmon.alerts.email import SendError, SmtpSettings, send_email
from newsmon.alerts.message import Alert, Item, by_story, item_from_hit
from newsmon.alerts.webhook import send_webhook
from newsmon.index.store import Store
from newsmon.index.watches import DIGEST_PERIOD, Delivery, OutboxRow, Watch, WatchError


def items(store: Store, watch: Watch, ids: list[str]) -> list[Item]:
    """Alert items for articles, their words highlighted as the watch's query finds them."""
    out = []
    for hit in store.watch_hits(watch.name, ids):  # type: ignore[attr-defined]
        analysis = store.get_analysis(hit.id)
        awards = [f"{a.count} {a.recipient_kind}: {a.award}".strip()
                  for a in (analysis.awards if analysis else []) if not a.is_total]
        out.append(item_from_hit(hit, awards))
    return out


VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
FOLDED = "folded: reprints of stories this destination already had, not sent again"


def alert_for(store: Store, watch: Watch, ids: list[str], limit: int | None = None) -> Alert:
    """The alert for matched articles: one entry per story, at most `watch.cap` and
    `limit` (what is left of the day's cap) entries listed, the others counted."""
    stories = store.story_of(ids)
    groups: dict[str, list[str]] = {}
    for article_id in ids:
        groups.setdefault(stories[article_id], []).append(article_id)
    caps = [c for c in (watch.cap, limit) if c is not None]
    shown = list(groups.values())[:min(caps)] if caps else list(groups.values())
    listed = [a for group in shown for a in group]
    entries = by_story(items(store, watch, listed), stories)
    return Alert(watch.name, watch.query, entries, more=len(ids) - len(listed),
                 digest=watch.cadence != "immediate")


def listed_ids(alert: Alert) -> set[str]:
    """The articles an alert lists (entries and their reprints)."""
    return {i.id for i in alert.items} | {c["id"] for i in alert.items for c in i.copies}


def day_left(store: Store, watch: Watch, destination: str, now: datetime) -> int | None:
    """How many more stories the destination may be sent today (Vietnam's calendar
    day) under the watch's max_per_day; None without a daily cap."""
    if not watch.max_per_day:
        return None
    local = now.astimezone(VIETNAM)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
    ids = [r.article_id for r in store.outbox(  # type: ignore[attr-defined]
        watch=watch.name, status="sent", sent_since=midnight) if r.destination == destination]
    listed = len(set(store.story_of(ids).values())) if ids else 0
    return max(0, watch.max_per_day - listed)


def send(destination: str, alert: Alert, key: str, watch: Watch,
         smtp: SmtpSettings | None = None) -> str:
    """Send to one destination ("email:…", "webhook:…" or "apprise:…"); the
    destination's answer."""
    kind, _, target = destination.partition(":")
    if kind == "email":
        return send_email(alert, target, key, smtp)
    if kind == "webhook":
        timeout = float(os.environ.get("NEWSMON_WEBHOOK_TIMEOUT", "10"))
        return send_webhook(alert, target, key, allow_private=watch.allow_private,
                            timeout=timeout)
    if kind == "apprise":
        from newsmon.alerts.notify import send_apprise

        return send_apprise(alert, target, key, allow_private=watch.allow_private)
    raise SendError(f"unknown destination kind {kind!r}")


def deliver_due(store: Store, now: datetime, smtp: SmtpSettings | None = None
                ) -> list[Delivery]:
    """Send every due outbox row; returns the deliveries made (failed ones too)."""
    groups: dict[tuple[str, str], list[OutboxRow]] = defaultdict(list)
    for row in store.outbox(due_by=now):  # type: ignore[attr-defined]
        groups[(row.watch, row.destination)].append(row)
    done = []
    for (name, destination), rows in groups.items():
        try:
            watch = store.get_watch(name)  # type: ignore[attr-defined]
        except WatchError:
            continue  # removed since; its rows went with it
        period = DIGEST_PERIOD[watch.cadence]
        last = store.last_sent(name, destination)  # type: ignore[attr-defined]
        if period and last and now - datetime.fromisoformat(last) < timedelta(seconds=period):
            continue
        rows, folded = _fold_reprints(store, watch, destination, rows, now)
        if folded:
            done.append(folded)
        for batch in _batches(store, rows, name, destination):
            done.append(_deliver(store, watch, destination, batch, now, smtp))
    return done


def _fold_reprints(store: Store, watch: Watch, destination: str, rows: list[OutboxRow],
                   now: datetime) -> tuple[list[OutboxRow], Delivery | None]:
    """Rows (not yet claimed by a send) whose story this destination already had
    are marked folded, with a log line; returns the others."""
    fresh = [r for r in rows if not r.batch]
    if not fresh:
        return rows, None
    ids = [r.article_id for r in fresh]
    stories = store.story_of(ids)
    members = store.story_members(sorted(set(stories.values())))  # type: ignore[attr-defined]
    others = {m for s in set(stories.values()) for m in members.get(s, [])} - set(ids)
    if not others:
        return rows, None
    had = store.delivered(watch.name, destination, others)  # type: ignore[attr-defined]
    had_stories = {s for s in stories.values() if had & set(members.get(s, []))}
    folded = [r for r in fresh if stories[r.article_id] in had_stories]
    if not folded:
        return rows, None
    delivery = Delivery(watch.name, destination, len(folded), True, FOLDED,
                        now.isoformat(timespec="microseconds"))
    store.mark_sent(folded, delivery, status="folded")  # type: ignore[attr-defined]
    return [r for r in rows if r not in folded], delivery


def _batches(store: Store, rows: list[OutboxRow], name: str,
             destination: str) -> list[list[OutboxRow]]:
    """Rows claimed by a send a crash cut short go out again as that batch; the
    others are claimed now as one new batch."""
    claimed: dict[str, list[OutboxRow]] = defaultdict(list)
    fresh = []
    for r in rows:
        (claimed[r.batch] if r.batch else fresh).append(r)
    if fresh:
        key = f"{name}|{destination}|{','.join(sorted(r.article_id for r in fresh))}"
        batch = hashlib.sha256(key.encode()).hexdigest()[:32]
        claimed[batch] = store.claim(fresh, batch)  # type: ignore[attr-defined]
    return list(claimed.values())


def _deliver(store: Store, watch: Watch, destination: str, rows: list[OutboxRow],
             now: datetime, smtp: SmtpSettings | None) -> Delivery:
    ids = [r.article_id for r in rows]
    at = now.isoformat(timespec="microseconds")
    alert = alert_for(store, watch, ids, day_left(store, watch, destination, now))
    try:
        response = send(destination, alert, rows[0].batch or "", watch, smtp)
    except SendError as exc:
        delivery = Delivery(watch.name, destination, len(rows), False, str(exc), at)
        store.mark_failed(rows, delivery)  # type: ignore[attr-defined]
    else:
        delivery = Delivery(watch.name, destination, len(rows), True, response, at)
        shown = listed_ids(alert)
        store.mark_sent([r for r in rows if r.article_id in shown], delivery,  # type: ignore[attr-defined]
                        counted=[r for r in rows if r.article_id not in shown])
    return delivery
