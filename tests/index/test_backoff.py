"""The one backoff (index/backoff.py): the schedule, and the retry loop on a
real clock with short pauses."""

from __future__ import annotations

import time

import pytest

from newsmon.index.backoff import STORE_WRITES, Backoff, retry
from newsmon.index.watches import backoff as send_backoff


def test_the_schedule_grows_by_its_factor_up_to_its_cap():
    b = Backoff(first=0.5, factor=2, cap=10)
    assert [b.delay(n) for n in range(8)] == [0, 0.5, 1, 2, 4, 8, 10, 10]
    assert b == STORE_WRITES


def test_a_very_long_outage_stays_at_the_cap():
    assert Backoff(first=60, factor=5, cap=7200).delay(10**6) == 7200
    assert Backoff(first=1, factor=3).delay(5000) == float("inf")  # no cap: no overflow error


def test_alert_sends_wait_longer_after_each_failure():
    assert [send_backoff(n) for n in range(6)] == [0, 60, 300, 1500, 7200, 7200]


@pytest.mark.parametrize(
    "kwargs", [{"first": 0}, {"first": 1, "factor": 0.5}, {"first": 5, "cap": 1}]
)
def test_a_schedule_that_would_not_grow_is_refused(kwargs):
    with pytest.raises(ValueError, match="first > 0"):
        Backoff(**kwargs)


class Down(Exception):
    pass


def _flaky(failures: int):
    calls = []

    def attempt():
        calls.append(time.monotonic())
        if len(calls) <= failures:
            raise Down(f"down ({len(calls)})")
        return "stored"

    return attempt, calls


def test_retry_sleeps_through_the_schedule_until_it_works():
    attempt, calls = _flaky(3)
    got = retry(attempt, within=5, retry_on=Down, backoff=Backoff(first=0.02, factor=2))
    assert got == "stored" and len(calls) == 4
    gaps = [b - a for a, b in zip(calls, calls[1:], strict=False)]
    assert all(gap >= want for gap, want in zip(gaps, (0.02, 0.04, 0.08), strict=True))


def test_retry_gives_the_last_error_when_the_next_pause_would_pass_the_deadline():
    attempt, calls = _flaky(100)
    started = time.monotonic()
    with pytest.raises(Down, match=r"down \(3\)"):
        retry(attempt, within=0.2, retry_on=Down, backoff=Backoff(first=0.03, factor=2))
    # pauses 0.03 + 0.06, then 0.12 more would pass 0.2: the 3rd failure is final, at once
    assert len(calls) == 3
    assert time.monotonic() - started < 0.2


def test_other_errors_are_not_retried():
    calls = []

    def attempt():
        calls.append(1)
        raise KeyError("a bug, not an outage")

    with pytest.raises(KeyError):
        retry(attempt, within=5, retry_on=Down)
    assert calls == [1]
