"""Word tokens from underthesea, located in the text, and the spaCy `Doc` built from them.

underthesea's `word_tokenize` (a CRF, fast) groups syllables into words ("Ủy ban",
"nhân dân", "Khánh Hòa"). It is run on each line of the normalised view (modern tone marks,
same length as the text, see `textview`), because it rewrites old-style tone marks itself
and its words would not be found in the text as given otherwise. Each word is located in
the view, so its offsets are offsets into the text exactly as given.

Two sets of boundaries come out of this:

- `raw`: where underthesea put word boundaries, a signal for the finders ("Hội" in "Chủ
  tịch Hội đồng" ends inside the word "Hội đồng", so it is not a person's name);
- the Doc's tokens: those words, cut again where a capitalised syllable meets a
  lower-case one (underthesea often glues a name to the verb after it: "Lắk tặng",
  "Công Thương trình"), where a number meets a word (underthesea keeps "5.874 lượt" and
  "1.245 hộ" as one word), and wherever an entity boundary must fall (`make_doc`'s `cuts`).

The Doc's text is the text exactly as given: the stretches between words (line breaks,
runs of spaces) are whitespace tokens, a single space is a token's trailing space.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc
from spacy.vocab import Vocab

from .textview import TextView

Span = tuple[int, int]

_SYLLABLE = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _word_tokenize() -> Callable[[str], list[str]]:
    from underthesea import word_tokenize  # imported lazily: it costs ~0.2 s once

    return word_tokenize


@dataclass(frozen=True)
class Words:
    """underthesea's words of a text, as offsets into it (view offsets, = text offsets for
    NFC input)."""

    spans: tuple[Span, ...]

    @property
    def boundaries(self) -> frozenset[int]:
        return frozenset(p for s, e in self.spans for p in (s, e))


def words(view: TextView) -> Words:
    """underthesea's word segmentation of the view, line by line, located in it. A word the
    tokenizer changed beyond recognition is replaced by the syllables it covers."""
    norm = view.norm
    out: list[Span] = []
    tokenize = _word_tokenize()
    for m in re.finditer(r"[^\n]+", norm):
        line = m.group()
        if not line.strip():
            continue
        base, pos = m.start(), 0
        for w in tokenize(line):
            i = line.find(w, pos)
            if i < 0 or line[pos:i].strip():
                continue  # not found where expected: the syllable fallback below fills it
            out.append((base + i, base + i + len(w)))
            pos = i + len(w)
    return Words(tuple(_fill_gaps(norm, out)))


def _fill_gaps(norm: str, spans: list[Span]) -> list[Span]:
    """Non-space stretches that no word covers become words of their own."""
    out: list[Span] = []
    pos = 0
    for s, e in [*spans, (len(norm), len(norm))]:
        for m in _SYLLABLE.finditer(norm, pos, s):
            out.append((m.start(), m.end()))
        if e > s:
            out.append((s, e))
        pos = max(pos, e)
    return out


def _case(syllable: str) -> bool:
    return syllable[:1].isupper()


def token_spans(view: TextView, ws: Words, cuts: Iterable[int] = ()) -> list[Span]:
    """The Doc's tokens: words cut where the case of syllables changes, and at `cuts`."""
    cut = sorted(set(cuts))
    out: list[Span] = []
    norm = view.norm
    for s, e in ws.spans:
        if " " not in norm[s:e] and not _inside(cut, s, e):
            out.append((s, e))
            continue
        syllables = [(m.start(), m.end()) for m in _SYLLABLE.finditer(norm, s, e)]
        start = s
        for (a, b), (c, _d) in zip(syllables, syllables[1:], strict=False):
            if (_case(norm[a:b]) != _case(norm[c:c + 1]) or _inside(cut, b - 1, c + 1)
                    or _numeric(norm[a:b]) != _numeric(norm[c:c + 1])):
                out.append((start, b))
                start = c
        # a cut inside a syllable ("KH-UBND" is one syllable): split there too
        i = bisect_right(cut, start)
        while i < len(cut) and cut[i] < e:
            p = cut[i]
            if not norm[p - 1].isspace() and not norm[p].isspace():
                out.append((start, p))
                start = p
            i += 1
        out.append((start, e))
    return out


def _numeric(syllable: str) -> bool:
    return syllable[:1].isdigit()


def _inside(cut: list[int], s: int, e: int) -> bool:
    """Whether a cut falls strictly between `s` and `e`."""
    i = bisect_right(cut, s)
    return i < len(cut) and cut[i] < e


def make_doc(vocab: Vocab, view: TextView, ws: Words, cuts: Iterable[int] = ()) -> Doc:
    """A Doc whose text is `view.text` exactly, with a token per (cut) word and a
    whitespace token for every gap that is not one plain space."""
    text = view.text
    words_: list[str] = []
    spaces: list[bool] = []
    pos = 0

    def gap(upto: int) -> None:
        nonlocal pos
        if upto <= pos:
            return
        piece = text[pos:upto]
        if piece == " " and words_ and not spaces[-1]:
            spaces[-1] = True
        else:
            words_.append(piece)
            spaces.append(False)
        pos = upto

    for s, e in token_spans(view, ws, cuts):
        start, end = view.to_orig(s), view.to_orig(e)
        gap(start)
        if end > start:
            words_.append(text[start:end])
            spaces.append(False)
            pos = end
    gap(len(text))
    return Doc(vocab, words=words_, spaces=spaces)
