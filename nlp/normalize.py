"""Text normalisation shared by reading and search.

`fold` is length-preserving on purpose: a folded string has the same length
as its source, so a match found in folded text (diacritic- and
case-insensitive) maps back to the same offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'",
    "\u2013": "-", "\u2014": "-", "\u00a0": " ",
}


def _fold_char(ch: str) -> str:
    if ch in _QUOTES:
        return _QUOTES[ch]
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else base


_FOLD_TABLE = {cp: _fold_char(chr(cp)) for cp in range(0x41, 0x2020)}
_FOLD_TABLE = {cp: v for cp, v in _FOLD_TABLE.items() if v != chr(cp)}


def nfc(text: str) -> str:
    """Articles are stored NFC so that one visible letter is one code point."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ → d), straighten quotes.

    Length-preserving for NFC input: `len(fold(s)) == len(s)`.
    """
    return text.translate(_FOLD_TABLE)


# Old-style tone placement ("hoà", "thuỷ") versus the modern one ("hòa", "thủy").
_TONED = "àáảãạèéẻẽẹỳýỷỹỵ"
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([" + _TONED + _TONED.upper() + r"])(?![^\W\d_])"
)


def _move_tone(match: re.Match[str]) -> str:
    vowel, toned = match.group(1), match.group(2)
    decomposed = unicodedata.normalize("NFD", toned)
    base, marks = decomposed[0], decomposed[1:]
    if vowel in "uU" and base not in "yY":
        return match.group(0)
    if vowel in "oO" and base not in "aAeE":
        return match.group(0)
    return unicodedata.normalize("NFC", vowel + marks) + base


def modern_tones(text: str) -> str:
    """Rewrite old-style tone placement to the modern one: "Uỷ ban" → "Ủy ban",
    "Khánh Hoà" → "Khánh Hòa". Used for canonical names, never for stored text."""
    return _OLD_STYLE.sub(_move_tone, nfc(text))


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Key under which spellings of one name compare equal: case, diacritics,
    tone placement, dots and extra spaces ignored."""
    folded = fold(modern_tones(name))
    return " ".join(re.sub(r"[.,;:()\"']", " ", folded).split())
