"""The secret token in each watch's feed URL, kept in `feed-tokens.json` under
the data directory, so a feed reader can follow a watch without an account.

Kept here, small, until the alerts code stores a per-watch token itself; then
`token_for` and `watch_for` are the two calls to point at it.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from pathlib import Path

from crawler.files import write_atomic

_lock = threading.Lock()


def _path(data_dir: Path) -> Path:
    return data_dir / "feed-tokens.json"


def _load(data_dir: Path) -> dict[str, str]:
    try:
        data = json.loads(_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def token_for(data_dir: Path, watch: str) -> str:
    """The watch's feed token, made on first use."""
    with _lock:
        tokens = _load(data_dir)
        if watch not in tokens:
            tokens[watch] = secrets.token_urlsafe(24)
            write_atomic(_path(data_dir), json.dumps(tokens).encode("utf-8"))
            _path(data_dir).chmod(0o600)
        return tokens[watch]


def watch_for(data_dir: Path, token: str) -> str | None:
    """The watch whose token this is (compared in constant time), else None."""
    found = None
    for name, known in _load(data_dir).items():
        if hmac.compare_digest(known.encode(), token.encode()):
            found = name
    return found


def forget(data_dir: Path, watch: str) -> None:
    with _lock:
        tokens = _load(data_dir)
        if tokens.pop(watch, None) is not None:
            write_atomic(_path(data_dir), json.dumps(tokens).encode("utf-8"))
