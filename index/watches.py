"""Watches (saved searches that alert) and their outbox, as store records.

A watch keeps its own watermark: the position in the store's analysis feed up to
which it has been evaluated. Matching moves the watermark and writes the outbox
rows in one transaction, so a match is recorded once or not at all; the sender
then delivers each row and marks it, so a killed run never loses a match and an
(watch, article, destination) key never goes out twice from the outbox.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime

from newsmon.index.backoff import Backoff

CADENCES = ("immediate", "daily", "weekly")
#: Seconds between two digests of a cadence.
DIGEST_PERIOD = {"immediate": 0, "daily": 86_400, "weekly": 7 * 86_400}
#: Retry delays after the 1st, 2nd, … failed send: 1 min, 5 min, 25 min, then every 2 h.
SEND_BACKOFF = Backoff(first=60, factor=5, cap=7200)
_NAME = re.compile(r"^[\w.-]{1,64}$")


class WatchError(ValueError):
    """A watch that cannot be added or found; the message (the CLI's English)
    says what to do, and `code` with `values` let the web write it in Vietnamese
    (newsmon/web/messages.py)."""

    def __init__(self, message: str, *, code: str, **values: object) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


def watch_exists(name: str) -> WatchError:
    return WatchError(f"A watch named {name!r} exists: pick another name, or change it with "
                      "newsmon watch edit.", code="exists", name=name)


def no_such_watch(name: str, known: list[str]) -> WatchError:
    return WatchError(f"No watch named {name!r}. " + (
        f"Known: {', '.join(known)}." if known else "Add one with newsmon watch add."),
        code="no_such_watch", name=name)


@dataclass
class Watch:
    name: str
    query: str
    cadence: str = "immediate"
    #: "email:ADDR" or "webhook:URL"
    destinations: list[str] = field(default_factory=list)
    #: only the first `cap` matches of a digest are listed, with "and N more"
    cap: int | None = None
    allow_private: bool = False
    created_at: str = ""
    watermark: int = 0
    #: at most this many stories listed per destination and calendar day (Vietnam
    #: time); the rest are counted as "và N bài khác", never dropped
    max_per_day: int | None = None
    #: the token that opens the watch's Atom feed on the web (set by `add_watch`)
    secret: str = ""


@dataclass
class OutboxRow:
    """One match to deliver to one destination."""

    watch: str
    article_id: str
    destination: str
    #: pending | sent (listed in a message) | counted (in "và N bài khác", over a
    #: cap) | folded (a reprint of a story this destination already had: not sent
    #: again as a new entry; the log counts it)
    status: str
    attempts: int
    next_attempt_at: str
    last_error: str
    matched_at: str
    sent_at: str | None = None
    #: the delivery this row was claimed for (None until a send is attempted)
    batch: str | None = None


@dataclass
class Delivery:
    """One attempt to send to a destination, and what the destination answered."""

    watch: str
    destination: str
    articles: int
    ok: bool
    response: str
    at: str


def utc_now() -> datetime:
    return datetime.now(UTC)


def new_secret() -> str:
    """A watch's feed token: 32 random URL-safe characters."""
    return secrets.token_urlsafe(24)


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise WatchError(f"A watch name is 1-64 letters, digits, '.', '_' or '-', not {name!r}.",
                         code="bad_name", name=name)
    return name


def check_cadence(cadence: str) -> str:
    if cadence not in CADENCES:
        raise WatchError(f"--every takes {', '.join(CADENCES)}, not {cadence!r}.",
                         code="bad_cadence", cadence=cadence)
    return cadence


def backoff(attempts: int) -> int:
    """Seconds to wait before the next try after `attempts` failed ones."""
    return round(SEND_BACKOFF.delay(attempts))
