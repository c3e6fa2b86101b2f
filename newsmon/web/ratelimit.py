"""Login attempts limited per client address and per user name, so a password
cannot be guessed at speed from one address or spread over many."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

MAX_FAILURES = 5
WINDOW_S = 300.0


class LoginLimiter:
    def __init__(self, max_failures: int = MAX_FAILURES, window_s: float = WINDOW_S) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures[key]
        while q and q[0] <= now - self.window_s:
            q.popleft()
        return q

    def wait_s(self, *keys: str) -> int:
        """Seconds until another attempt is allowed (0: now)."""
        now = time.monotonic()
        with self._lock:
            waits = [
                self._recent(k, now)[0] + self.window_s - now
                for k in keys
                if len(self._recent(k, now)) >= self.max_failures
            ]
        return int(max(waits)) + 1 if waits else 0

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                self._recent(k, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)
