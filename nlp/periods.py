"""The period an award is for, as a sentence states it: "năm 2022", "giai đoạn
2021-2025", "năm học 2025-2026", "nhiệm kỳ 2020 – 2025", "từ năm 2019 đến năm
2023", "(2016-2020)".

The award ledger groups figures of one event, and an event is the award of a
unit, form and status *for a period*: a province's 2022 emulation awards and
its 2021-2025 ones are different rows even when both are reported in 2026. A
sentence that names no period, or several different ones, gives "" (the
ledger then falls back to the publication year). Pure: text in, text out.
"""

from __future__ import annotations

import re

from .normalize import fold

_YEAR = r"((?:19|20)\d\d)"
_DASH = r"\s*[-–—]\s*"
#: a range: keyword optional ("giai đoạn", "nhiệm kỳ", "năm học", bare "(2016-2020)")
_RANGE = re.compile(r"(?<![\d/.])" + _YEAR + _DASH + _YEAR + r"(?![\d/])")
_FROM_TO = re.compile(r"\btu nam " + _YEAR + r"\s*(?:den|toi)(?: nam)? " + _YEAR + r"\b")
#: a single year, written "năm 2022" (a date's year, "11/11/2022", is when, not for what)
_SINGLE = re.compile(r"\bnam " + _YEAR + r"(?![\d/-])")


def award_period(sentence: str) -> str:
    """ "2022", "2021-2025", or "" when the sentence names none or several."""
    text = fold(sentence)
    ranges = {(a, b) for a, b in (*_RANGE.findall(text), *_FROM_TO.findall(text)) if a < b}
    if ranges:
        return "-".join(ranges.pop()) if len(ranges) == 1 else ""
    singles = set(_SINGLE.findall(text))
    return singles.pop() if len(singles) == 1 else ""
