"""Vietnamese counts as written in news: digits with dots grouping thousands ("6.619"),
leading zeros ("02"), and number words ("hai", "mười lăm", "hai mươi mốt", "một trăm").

A comma is the decimal mark ("79,92%", "1,28 triệu"), so a number followed by a comma and
a digit is not a count; neither is one glued to "/" (dates, ratios, decision numbers) or "%".
"""

from __future__ import annotations

import re

_DIGIT_WORDS = {
    "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
_UNIT = r"(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín)"
_TEENS = r"mười(?:[ \t]+(?:một|hai|ba|bốn|lăm|năm|sáu|bảy|bẩy|tám|chín))?"
_TENS = (r"(?:hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín)[ \t]+mươi"
         r"(?:[ \t]+(?:mốt|hai|ba|bốn|tư|lăm|sáu|bảy|bẩy|tám|chín))?")
_BELOW_100 = rf"(?:{_TENS}|{_TEENS}|{_UNIT})"
_HUNDREDS = rf"{_UNIT}[ \t]+trăm(?:[ \t]+(?:(?:linh|lẻ)[ \t]+{_UNIT}|{_TENS}|{_TEENS}))?"

#: Regex source (for lower-cased text) of a count in words, 1 to 999.
WORDS = rf"(?<!\w)(?:{_HUNDREDS}|{_BELOW_100})(?!\w)"
#: Regex source of a count in digits: "19", "02", "6.619", "1.200.000".
DIGITS = r"(?<![\w.,/:-])(?:\d{1,3}(?:\.\d{3})+|\d+)(?![\w/%]|[.,]\d)"
#: Either.
COUNT = rf"(?:{DIGITS}|{WORDS})"

_COUNT_RE = re.compile(rf"^{COUNT}$")


def parse_count(written: str) -> int | None:
    """The value of a count as written, or None if it is not one.

    >>> parse_count("6.619"), parse_count("02"), parse_count("hai mươi mốt")
    (6619, 2, 21)
    """
    s = " ".join(written.lower().split())
    if not _COUNT_RE.match(s):
        return None
    if s[0].isdigit():
        return int(s.replace(".", ""))
    total = 0
    last = 0
    for word in s.split():
        if word == "mười":
            total += 10
        elif word == "mươi":
            total += last * 9  # "hai mươi": the 2 already added becomes 20
        elif word == "trăm":
            total += last * 99
        elif word in ("linh", "lẻ"):
            continue
        else:
            last = _DIGIT_WORDS[word]
            total += last
    return total
