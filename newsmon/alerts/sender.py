"""The sender: drains the store's outbox, one message per watch and destination.

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
from datetime import datetime, timedelta

from index.store import Store
from index.watches import DIGEST_PERIOD, Delivery, OutboxRow, Watch, WatchError
from newsmon.alerts.email import SendError, SmtpSettings, send_email
from newsmon.alerts.message import Alert, Item, item_from_hit
from newsmon.alerts.webhook import send_webhook


def items(store: Store, watch: Watch, ids: list[str]) -> list[Item]:
    """Alert items for articles, their words highlighted as the watch's query finds them."""
    out = []
    for hit in store.watch_hits(watch.name, ids):  # type: ignore[attr-defined]
        analysis = store.get_analysis(hit.id)
        awards = [f"{a.count} {a.recipient_kind}: {a.award}".strip()
                  for a in (analysis.awards if analysis else []) if not a.is_total]
        out.append(item_from_hit(hit, awards))
    return out


def alert_for(store: Store, watch: Watch, ids: list[str]) -> Alert:
    shown = ids[:watch.cap] if watch.cap else ids
    return Alert(watch.name, watch.query, items(store, watch, shown), more=len(ids) - len(shown))


def send(destination: str, alert: Alert, key: str, watch: Watch,
         smtp: SmtpSettings | None = None) -> str:
    """Send to one destination ("email:…" or "webhook:…"); the destination's answer."""
    kind, _, target = destination.partition(":")
    if kind == "email":
        return send_email(alert, target, key, smtp)
    if kind == "webhook":
        timeout = float(os.environ.get("NEWSMON_WEBHOOK_TIMEOUT", "10"))
        return send_webhook(alert, target, key, allow_private=watch.allow_private,
                            timeout=timeout)
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
        for batch in _batches(store, rows, name, destination):
            done.append(_deliver(store, watch, destination, batch, now, smtp))
    return done


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
    try:
        response = send(destination, alert_for(store, watch, ids), rows[0].batch or "",
                        watch, smtp)
    except SendError as exc:
        delivery = Delivery(watch.name, destination, len(rows), False, str(exc), at)
        store.mark_failed(rows, delivery)  # type: ignore[attr-defined]
    else:
        delivery = Delivery(watch.name, destination, len(rows), True, response, at)
        store.mark_sent(rows, delivery)  # type: ignore[attr-defined]
    return delivery
