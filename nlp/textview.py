"""A normalised view of an article whose offsets map back to the text as given.

Matching is done on `low`: NFC, modern tone placement, lower case, straight quotes and
dashes. Each step keeps one character per character, so an offset found in `low` is an
offset in `norm` (same text, original case). Only NFC composition can change lengths; when
the input is not NFC, `to_orig` maps view offsets back to the caller's string, so that
`text[e.start:e.end] == e.text` holds for every finding.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from .normalize import modern_tones, nfc

_STRAIGHT = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'",
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ",
}


def _lower_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x41, 0x2020):
        ch = chr(cp)
        low = ch.lower()
        if len(low) == 1 and low != ch:
            table[cp] = low
    for ch, repl in _STRAIGHT.items():
        table[ord(ch)] = repl
    return table


_LOWER = _lower_table()


def lower_view(text: str) -> str:
    """Lower-case and straighten quotes/dashes one character for one character."""
    return text.translate(_LOWER)


def match_form(phrase: str) -> str:
    """A lexicon phrase in the form `TextView.low` has, so that the two compare."""
    return lower_view(modern_tones(phrase))


@dataclass(frozen=True)
class TextView:
    text: str
    norm: str
    low: str
    _starts: tuple[int, ...] | None = None

    @classmethod
    def of(cls, text: str) -> TextView:
        starts: tuple[int, ...] | None = None
        if unicodedata.is_normalized("NFC", text):
            composed = text
        else:
            composed, starts = _compose_with_map(text)
        norm = modern_tones(composed)
        if len(norm) != len(composed):  # cannot happen for NFC input; stay safe
            norm = composed
        return cls(text=text, norm=norm, low=lower_view(norm), _starts=starts)

    def to_orig(self, i: int) -> int:
        """Offset in the view -> offset in the text as given."""
        if self._starts is None:
            return i
        return len(self.text) if i >= len(self._starts) else self._starts[i]

    def to_view(self, i: int) -> int:
        """Offset in the text as given -> offset in the view (the first view character
        made from it)."""
        if self._starts is None:
            return i
        return bisect_left(self._starts, i)

    def orig_slice(self, start: int, end: int) -> str:
        return self.text[self.to_orig(start):self.to_orig(end)]


def _compose_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """NFC text plus, for each of its characters, the offset of its source cluster."""
    parts: list[str] = []
    starts: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = nfc(text[i:j])
        parts.append(piece)
        starts.extend([i] * len(piece))
        i = j
    return "".join(parts), tuple(starts)
