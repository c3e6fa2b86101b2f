"""The core of an award figure found with spaCy over the Doc's tokens: a count token (or a
run of number words) followed by the tokens of a recipient kind, optionally joined to a second,
pairable kind ("19 tập thể", "02 hộ gia đình", "6.619 lượt", "hai cá nhân", "141 tập thể, cá
nhân").

- Counts: `Token._.is_count` (digits, "02", "6.619", number words; not glued to "/", "-",
  ",", "." before them), also written as the tag "CD" so that patterns test a C-level
  attribute. underthesea keeps a number and the noun after it as one word ("5.874 lượt");
  the Doc's tokens are cut there (`tokens.token_spans`), so a count is a token of its own.
- Kinds: a `PhraseMatcher` on `NORM` (lower case; the NFC view's for decomposed or old-style
  text), one phrase per segmentation of the kind's syllables, because underthesea may write
  "cán bộ y tế" as "cán bộ" + "y tế" or as three words; a token that starts a kind gets the
  tag "NN".
- The core: a `Matcher` pattern `[{"TAG": "CD"}, {"TAG": "NN"}]`; the longest kind at that
  token, and a pairable kind after "," / "và", complete it.

(One `Matcher` pattern per kind segmentation was tried first: the same matches, but ~20 ms
per article, as the Matcher walks every pattern at every token.)

What ties a count to an award stays with `awards`, whose regexes read the words and the
punctuation between the count and the award form; those stretches do not follow token
boundaries, and award forms and givers come from the regex finders (`matching`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .gazetteer import read_table
from .numbers import COUNT, DIGITS, parse_count
from .textview import TextView, match_form

_DIGITS = re.compile(rf"^{DIGITS}$")
_GLUED_BEFORE = set("./,:-")
_NOT_BEFORE_COUNT = {"thứ", "số", "lần", "hạng"}

if not Token.has_extension("is_count"):
    Token.set_extension("is_count", default=False)


@dataclass(frozen=True)
class CountHit:
    start: int  # view offsets
    end: int
    count: int
    kind: str  # the kind as written, spaces collapsed


def _segmentations(syllables: list[str]) -> list[list[str]]:
    n = len(syllables)
    out = []
    for k in range(n):
        for cuts in combinations(range(1, n), k):
            bounds = [0, *cuts, n]
            out.append([" ".join(syllables[a:b]) for a, b in zip(bounds, bounds[1:],
                                                                     strict=False)])
    return out


def _kind_phrases(kind: str) -> list[list[str]]:
    """The token sequences a kind may be written as: "cán bộ, chiến sĩ" is ["cán bộ", ",",
    "chiến sĩ"], ["cán", "bộ", ",", "chiến sĩ"], ... (the comma is a token of its own)."""
    parts = [_segmentations(p.split()) for p in match_form(kind).split(",")]
    out: list[list[str]] = [[]]
    for i, segs in enumerate(parts):
        comma = [","] if i else []
        out = [[*pat, *comma, *seg] for pat in out for seg in segs]
    return out


@lru_cache(maxsize=4)
def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, Matcher]:
    """The recipient kinds (a `PhraseMatcher` on `NORM`, one phrase per segmentation) and the
    figure core (a `Matcher`: a count token, then a token that starts a kind)."""
    kinds = PhraseMatcher(vocab, attr="NORM")
    for r in read_table("recipient_kinds.tsv"):
        key = "KIND_PAIRS" if r["pairs"] == "yes" else "KIND"
        kinds.add(key, [Doc(vocab, words=words) for words in _kind_phrases(r["kind"])])
    core = Matcher(vocab)
    # number words before the count token are joined in `find_counts`
    core.add("FIGURE", [[{"TAG": "CD"}, {"TAG": "NN"}],
                        # a title in quotes: 7 “Nghệ nhân nhân dân”
                        [{"TAG": "CD"}, {"TEXT": {"IN": ['"', "“", "«"]}}, {"TAG": "NN"}]])
    return kinds, core


_CANDIDATE = re.compile(COUNT)
_WINDOW = 10  # tokens after a count that the kinds are read from


def _mark_counts(doc: Doc, view: TextView) -> list[int]:
    """Sets `Token._.is_count`, and the tag "CD" (cardinal number) that the Matcher's
    patterns test (a C-level attribute: far cheaper to match than an extension)."""
    text = doc.text
    low = view.low
    marked: list[int] = []
    for m in _CANDIDATE.finditer(low):
        word = m.group()
        if word[:1].isdigit() and (
                not _DIGITS.match(word) or (m.start() and low[m.start() - 1] in _GLUED_BEFORE)):
            continue
        span = doc.char_span(view.to_orig(m.start()), view.to_orig(m.end()))
        for tok in span or ():
            tok._.is_count = True
            tok.tag_ = "CD"
            marked.append(tok.i)
    if view.norm != text:  # decomposed or old-style text: match on the view's spelling
        seen: set[int] = set()
        for i in marked:
            for tok in doc[i:i + _WINDOW]:
                if tok.i not in seen:
                    seen.add(tok.i)
                    tok.norm_ = low[view.to_view(tok.idx):view.to_view(tok.idx + len(tok.text))]
    return marked


def find_counts(doc: Doc, view: TextView) -> list[CountHit]:
    """Every count + recipient kind in the Doc, longest kind at each count, in text order."""
    marked = _mark_counts(doc, view)
    if not marked:
        return []
    text = doc.text  # built anew at each access: read once
    kinds, core = _matchers(doc.vocab)
    strings = doc.vocab.strings
    kind_at: dict[int, tuple[int, bool]] = {}  # kind start token -> (end token, pairs)
    for match_id, s, e in kinds(doc):
        if s not in kind_at or e > kind_at[s][0]:
            kind_at[s] = (e, strings[match_id] == "KIND_PAIRS")
    for s in kind_at:
        doc[s].tag_ = "NN"
    out: list[CountHit] = []
    for _, s, end in sorted(core(doc)):
        k = end - 1  # the kind's first token
        e = kind_at[k][0]
        while s > 0 and doc[s - 1]._.is_count and doc[s - 1].lower_[:1].isalpha():
            s -= 1  # "hai mươi mốt": the rest of a count in words
        value, s = _value(doc, text, s, k if doc[k - 1]._.is_count else k - 1)
        if not value:
            continue
        start_char = doc[s].idx
        before = view.low[max(0, view.to_view(start_char) - 8):view.to_view(start_char)].split()
        if before and before[-1] in _NOT_BEFORE_COUNT:
            continue
        if e < len(doc) and doc[e].norm_ in (",", "và") and kind_at.get(e + 1, (0, False))[1]:
            e = kind_at[e + 1][0]  # "19 tập thể, cá nhân"
        end_char = doc[e - 1].idx + len(doc[e - 1].text)
        kind = " ".join(text[doc[k].idx:end_char].split())
        out.append(CountHit(view.to_view(start_char), view.to_view(end_char), value, kind))
    return out


def _value(doc: Doc, text: str, s: int, k: int) -> tuple[int | None, int]:
    """The value of the count tokens doc[s:k]: the longest run ending at `k` that reads as
    one count ("năm 2025 cá nhân" is "2025" ...), and where it starts."""
    for i in range(s, k):
        written = text[doc[i].idx:doc[k - 1].idx + len(doc[k - 1].text)]
        value = parse_count(written)
        if value:
            return value, i
    return None, s
