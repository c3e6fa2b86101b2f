"""Campaigns (CAMPAIGN): emulation movements and campaigns by name.

Two readings: a quoted name after a cue ('phong trào thi đua "Dân vận khéo"': the span is
the name inside the quotes), and a well-known campaign from the lexicon, quoted or not,
written with a capital or, in lower case, right after a head word that names it as a
campaign ("phong trào toàn dân bảo vệ an ninh Tổ quốc", "phong trào thi đua yêu nước": the
press often writes a famous name in lower case, but only a head makes it a name for sure).
Canonical names drop the quotes, even out dashes and spaces, use modern tone marks, and
take the lexicon's spelling when the name is in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import lookup_key, read_list, read_table, split_forms
from .matching import PhraseMatcher, trie_pattern
from .names import clean
from .textview import TextView


@dataclass(frozen=True)
class Campaign:
    start: int
    end: int
    canonical: str


@lru_cache(maxsize=1)
def campaign_matcher() -> PhraseMatcher[str]:
    entries: list[tuple[str, str]] = []
    for r in read_table("campaigns.tsv"):
        entries += [(f, r["canonical"]) for f in (r["canonical"], *split_forms(r["forms"]))]
    return PhraseMatcher(entries)


@lru_cache(maxsize=1)
def _after_head() -> re.Pattern[str]:
    """A head word ending right before a position: "phong trào ", "Ngày hội ", or a head that
    opens a list ("các phong trào thi đua chuyên đề: ", "các phong trào lớn như ")."""
    return re.compile(
        "(?:" + trie_pattern(read_list("campaign_heads.txt")) + ")"
        r"(?:(?:[ \t]+[^\W\d_]+){0,3}[ \t]*:"
        r"|(?:[ \t]+[^\W\d_]+){0,3}?,?[ \t]+(?:như|là|gồm)(?:[ \t]*:)?)?[ \t]*$"
    )


# What joins the items of a list of names: "A, B và C", "A; B".
_JOINER = re.compile(r"[ \t]*\"?[ \t]*(?:,|;|và)(?:[ \t]*và)?[ \t]*\"?[ \t]*")


def _named_here(view: TextView, start: int, ends: set[int]) -> bool:
    """Whether a known campaign at `start` is a name: capitalised, after a head word, or the
    next item of a list whose previous item (ending at one of `ends`) is a campaign."""
    if view.norm[start : start + 1].isupper():
        return True
    if _after_head().search(view.low, max(0, start - 60), start):
        return True
    return any(_JOINER.fullmatch(view.low, e, start) for e in ends if start - 8 <= e < start)


@lru_cache(maxsize=1)
def _known() -> dict[str, str]:
    out: dict[str, str] = {}
    for r in read_table("campaigns.tsv"):
        for f in (r["canonical"], *split_forms(r["forms"])):
            out[lookup_key(f)] = r["canonical"]
    return out


@lru_cache(maxsize=1)
def _quoted_after_cue() -> re.Pattern[str]:
    return re.compile(
        "(?:" + trie_pattern(read_list("campaign_cues.txt")) + ")"
        r"(?:[ \t]+[^\W\d_]+){0,3}?[ \t]*:?[ \t]*\"([^\"\n]{2,200})\""
    )


# A further quoted name in a list after one cue: 'phong trào "A", "B" và "C"' names three
# campaigns, since the head word is written once for the whole list.
_NEXT_QUOTED = re.compile(
    r"[ \t]*(?:,|;|và|cùng|hay)(?:[ \t]*(?:và|cùng))?[ \t]*\"([^\"\n]{2,200})\""
)


def _quoted_names(view: TextView) -> list[tuple[int, int]]:
    """The (start, end) of each quoted name after a cue, and of the names listed after it."""
    spans: list[tuple[int, int]] = []
    for m in _quoted_after_cue().finditer(view.low):
        spans.append(m.span(1))
        pos = m.end()
        while (more := _NEXT_QUOTED.match(view.low, pos)) is not None:
            spans.append(more.span(1))
            pos = more.end()
    return spans


def canonical_name(written: str) -> str:
    """ "Cả nước chung tay vì người nghèo – Không để ai ..." -> the lexicon's spelling, or the
    written name with even dashes, spaces and modern tones."""
    key = lookup_key(written)
    if key in _known():
        return _known()[key]
    name = re.sub(r"(?<!\d)\s*[-\u2013\u2014]\s*|\s*[-\u2013\u2014]\s*(?!\d)", " - ", written)
    return clean(name).strip(" .,;:")


def find_campaigns(view: TextView) -> list[Campaign]:
    """All CAMPAIGN candidates, in text order (quoted and lexicon readings may coincide)."""
    out: list[Campaign] = []
    for start, end in _quoted_names(view):
        written = view.norm[start:end]
        start += len(written) - len(written.lstrip())
        end -= len(written) - len(written.rstrip())
        if end > start:
            out.append(Campaign(start, end, canonical_name(view.norm[start:end])))
    ends = {c.end for c in out}
    for hit in campaign_matcher().finditer(view):
        if _named_here(view, hit.start, ends):
            out.append(Campaign(hit.start, hit.end, hit.value))
            ends.add(hit.end)
    out.sort(key=lambda c: (c.start, -c.end))
    return out
