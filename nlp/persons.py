"""Persons (PER), without their titles: "ông Nguyễn Văn Hùng" -> "Nguyễn Văn Hùng".

Three readings, strongest first: a name after a title or form of address ("Thượng tướng
Lương Tam Quang", "bà Mai"); a name after a byline cue at the start of a line ("Bài và ảnh:
Minh Đức"); and a Vietnamese surname followed by one to three capitalised syllables
("Nguyễn Văn Hùng"), wherever it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import read_list, read_table
from .matching import PhraseMatcher
from .names import clean, name_run
from .textview import TextView

_BYLINE = re.compile(
    r"^[ \t]*(?:bài và ảnh|tin và ảnh|bài, ảnh|tin, ảnh|bài|tin|ảnh|video|nhóm phóng viên)"
    r"[ \t]*:[ \t]*",
    re.MULTILINE,
)
_BYLINE_SEP = re.compile(r"[ \t]*(?:,|-|và)[ \t]*")
#: A photo credit inside a line: "Ảnh: Thanh Vũ/TTXVN", "(Ảnh: Minh Đức - TTXVN)".
_CREDIT = re.compile(r"(?<!\w)(?:ảnh|nguồn ảnh|clip|video)[ \t]*:[ \t]*")
#: A signature line: the reporter's name and the agency in brackets, "Thanh Liêm (TTXVN)",
#: "Minh Đức (TTXVN/Vietnam+)".
_SIGNATURE = re.compile(r"^[ \t]*(?=[^\W\d_][^\n]{0,40}?[ \t]*\([A-ZĐ][^()\n]{1,30}\)[ \t]*$)",
                        re.MULTILINE)


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    canonical: str
    how: str  # title | byline | surname


@lru_cache(maxsize=1)
def title_matcher() -> PhraseMatcher[str]:
    rows = read_table("titles.tsv")
    return PhraseMatcher((r["title"], r["title"]) for r in rows if r["person"] == "yes")


@lru_cache(maxsize=1)
def _surname_regex() -> re.Pattern[str]:
    names = sorted(read_list("surnames.txt"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _person(view: TextView, run: list[tuple[int, int]], how: str) -> Person:
    start, end = run[0][0], run[-1][1]
    return Person(start, end, clean(view.norm[start:end]), how)


def find_persons(view: TextView) -> list[Person]:
    """All PER candidates (they may overlap each other and other entities)."""
    out: list[Person] = []
    for hit in title_matcher().finditer(view):
        if view.norm[hit.end:hit.end + 1] == " ":
            run = name_run(view, hit.end + 1)
            if run:
                out.append(_person(view, run, "title"))
    for m in _BYLINE.finditer(view.low):
        pos = m.end()
        while True:
            run = name_run(view, pos)
            if not run:
                break
            out.append(_person(view, run, "byline"))
            sep = _BYLINE_SEP.match(view.low, run[-1][1])
            if sep is None:
                break
            pos = sep.end()
    for m in _CREDIT.finditer(view.low):
        run = name_run(view, m.end())
        if run and view.norm[run[-1][1]:run[-1][1] + 1] in ("/", " ", ")", "-", ""):
            out.append(_person(view, run, "byline"))
    for m in _SIGNATURE.finditer(view.norm):
        run = name_run(view, m.end())
        if 2 <= len(run) <= 4 and re.match(r"[ \t]*\(", view.norm[run[-1][1]:]):
            out.append(_person(view, run, "byline"))
    for m in _surname_regex().finditer(view.norm):
        run = name_run(view, m.start())
        if len(run) >= 2 and run[0][1] == m.end():
            out.append(_person(view, run, "surname"))
    return out


