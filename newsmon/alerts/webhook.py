"""Webhook alerts: a JSON POST signed with HMAC-SHA256, through the egress policy.

The signature covers "<timestamp>.<body>" so a receiver can refuse replays; the
key is NEWSMON_WEBHOOK_SECRET. X-Newsmon-Delivery is stable for the same rows, so
a receiver can drop the duplicate a crash between its 2xx and our record makes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time

from newsmon.alerts.email import SendError
from newsmon.alerts.message import Alert
from newsmon.crawler import egress


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def send_webhook(alert: Alert, url: str, key: str, *, allow_private: bool = False,
                 timeout: float = 10) -> str:
    """POST the alert; returns "HTTP <status>". A non-2xx answer, a refused address,
    a timeout or a closed connection raise SendError."""
    body = json.dumps(alert.to_dict(), ensure_ascii=False).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "newsmon-alerts",
        "X-Newsmon-Timestamp": timestamp,
        "X-Newsmon-Signature": signature(os.environ.get("NEWSMON_WEBHOOK_SECRET", ""),
                                         timestamp, body),
        "X-Newsmon-Delivery": hashlib.sha256(key.encode()).hexdigest()[:32],  # from the batch
    }
    try:
        status, text = egress.post(url, body, headers, allow_private=allow_private,
                                   timeout=timeout)
    except egress.EgressRefused as exc:
        raise SendError(str(exc)) from None
    except (OSError, ValueError) as exc:  # refused, reset, timed out, bad status line
        raise SendError(f"webhook {url}: {exc or type(exc).__name__}") from None
    if not 200 <= status < 300:
        raise SendError(f"HTTP {status} {text[:200]}".strip())
    return f"HTTP {status}"
