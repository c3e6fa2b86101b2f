"""Proper names as written: runs of capitalised syllables ("Nguyễn Văn Hùng", "Quỳnh Lưu").

Vietnamese writes every syllable of a personal or place name with a capital, and the words
of titles and bodies ("Chủ tịch", "Thành phố", "Sở Y tế") also start with capitals, so a run
stops where such a phrase begins. No word segmentation is needed for this.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import read_list, read_table, split_forms
from .matching import PhraseMatcher
from .textview import TextView

_SYLLABLE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")  # "H'Lan", Ê Đê names
_ADDRESS_FORMS = {"ông", "bà", "anh", "chị", "cô", "thầy", "cụ", "em", "cháu"}


def is_name_syllable(word: str) -> bool:
    """"Hùng", "A" yes; "hùng", "UBND" no."""
    return all(p[:1].isupper() and p[1:] == p[1:].lower() for p in word.split("'")) and bool(word)


@lru_cache(maxsize=1)
def surnames() -> dict[str, int]:
    """Surname -> frequency rank (0 = most frequent)."""
    return {s: i for i, s in enumerate(read_list("surnames.txt"))}


@lru_cache(maxsize=1)
def stop_matcher() -> PhraseMatcher[bool]:
    """Phrases that end a name run: titles, heads of bodies, administrative and award words."""
    phrases: set[str] = set()
    for row in read_table("titles.tsv"):
        if row["title"].lower() not in _ADDRESS_FORMS:
            phrases.add(row["title"])
    for row in read_table("org_heads.tsv"):
        phrases.update((row["canonical"], *split_forms(row["forms"])))
    for row in read_table("organizations.tsv"):
        phrases.update((row["canonical"], *split_forms(row["forms"])))
    for row in read_table("domains.tsv"):
        for head in row["heads"].split():
            for form in (row["canonical"], *split_forms(row["forms"])):
                phrases.add(f"{head} {form}")
    phrases.update(r["form"] for r in read_table("admin_prefixes.tsv"))
    phrases.update(r["form"] for r in read_table("award_forms.tsv"))
    phrases.update(("Trung ương", "Nhà nước"))
    return PhraseMatcher(((p, True) for p in phrases), capital=False)


def name_run(view: TextView, pos: int, max_len: int = 4) -> list[tuple[int, int]]:
    """Capitalised syllables from `pos`, one space apart, up to a stop phrase.

    A one-syllable stop word ("Hội", "Trường", "Cục") inside a run stops it only where it
    starts a name of its own (a capitalised syllable follows): "phường An Hội" is one name,
    "… Hội Nông dân" is not."""
    text = view.norm
    out: list[tuple[int, int]] = []
    while len(out) < max_len:
        m = _SYLLABLE.match(text, pos)
        if not m or not is_name_syllable(m.group()):
            break
        stop = stop_matcher().match(view, pos)
        if stop is not None and not (out and stop.end == m.end()
                                     and not is_name_syllable(syllable_after(view, m.end()))):
            break
        out.append((m.start(), m.end()))
        nxt = m.end()
        if nxt + 1 < len(text) and text[nxt] == " " and text[nxt + 1].isalpha():
            pos = nxt + 1
        else:
            break
    return out


def person_tail(view: TextView, run: list[tuple[int, int]]) -> int:
    """Index in `run` where a person's name seems to start after a place name
    ("Quỳnh Lưu Nguyễn Văn A" -> 2), or len(run) when none does.

    A cut needs a surname at index >= 2 followed by one to three syllables (a place's name
    has two syllables or more: "Bắc Trà My" is one place, not "Bắc" and a person "Trà My");
    among several, the most frequent surname wins ("Lưu" in "Quỳnh Lưu" loses to "Nguyễn")."""
    ranks = surnames()
    best, best_rank = len(run), len(ranks) + 1
    for i in range(2, len(run) - 1):
        rank = ranks.get(view.norm[run[i][0]:run[i][1]])
        if rank is not None and 1 <= len(run) - i - 1 <= 3 and rank < best_rank:
            best, best_rank = i, rank
    return best


def syllable_before(view: TextView, pos: int) -> str:
    """The word right before `pos` if only one space separates them, else ""."""
    if pos < 2 or view.norm[pos - 1] != " ":
        return ""
    end = pos - 1
    start = end
    while start > 0 and (view.norm[start - 1].isalpha()):
        start -= 1
    return view.norm[start:end]


def syllable_after(view: TextView, pos: int) -> str:
    """The word right after `pos` if only one space separates them, else ""."""
    if pos >= len(view.norm) - 1 or view.norm[pos] != " ":
        return ""
    m = _SYLLABLE.match(view.norm, pos + 1)
    return m.group() if m else ""


def clean(text: str) -> str:
    """Whitespace collapsed: the written form used inside canonical names."""
    return " ".join(text.split())
