"""Growing pauses between tries, written once.

A store that is briefly down (a restart, a network blip) is tried again after
pauses that grow, so a crawl or an analysis rides out the outage without
hammering the store; an alert that cannot be sent waits longer after each
failure. `Backoff` is the schedule (pure: failures → seconds), `retry` the loop
that sleeps through it until a deadline. It lives in `index` because every
package that writes to the store (crawler, newsmon) may import it and it
imports nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Backoff:
    """`first` seconds after the first failure, times `factor` after each next
    one, never more than `cap`."""

    first: float
    factor: float = 2.0
    cap: float = float("inf")

    def __post_init__(self) -> None:
        if self.first <= 0 or self.factor < 1 or self.cap < self.first:
            raise ValueError(f"a backoff needs first > 0, factor ≥ 1 and cap ≥ first: {self}")

    def delay(self, failures: int) -> float:
        """Seconds to wait before the next try after `failures` failed ones (0: none)."""
        pause = 0.0 if failures <= 0 else float(self.first)
        for _ in range(min(failures - 1, 2000)):  # a float product overflows to inf, quietly
            if pause >= self.cap:
                break
            pause *= self.factor
        return min(pause, self.cap)


#: A store write: half a second, doubling, at most 10 s between tries.
STORE_WRITES = Backoff(first=0.5, factor=2, cap=10)


def retry(
    attempt: Callable[[], T],
    *,
    within: float,
    retry_on: type[BaseException] | tuple[type[BaseException], ...],
    backoff: Backoff = STORE_WRITES,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """`attempt()`'s result, trying again on `retry_on` after the backoff's
    pauses; the last error is raised once the next pause would end past
    `within` seconds from now. Other errors are raised at once."""
    deadline = clock() + within
    failures = 0
    while True:
        try:
            return attempt()
        except retry_on:
            failures += 1
            pause = backoff.delay(failures)
            if clock() + pause > deadline:
                raise
            sleep(pause)
