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

from .events import event_names, inside_event
from .gazetteer import read_list, read_table
from .matching import PhraseMatcher
from .names import clean, is_name_syllable, name_run, syllable_after, syllable_before
from .places import country_matcher
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
    events = event_names(view)  # "Lễ hội ... - Ninh Bình 2018": a title, not a person
    for m in _surname_regex().finditer(view.norm):
        run = name_run(view, m.start())
        if (len(run) >= 2 and run[0][1] == m.end() and not _year_name(view, run)
                and country_matcher().match(view, m.start()) is None
                and not inside_event(events, run[0][0], run[-1][1])):
            out.append(_person(view, run, "surname"))
    out += _capital_credits(view) + _closing_signature(view)
    out = [_hyphenated(view, _masked(view, p)) for p in out]
    out += [Person(m.start(), m.end(), "Hồ Chí Minh", "title")
            for m in _UNCLE_HO.finditer(view.norm)]
    return out + _back_references(view, out)


#: "Bác Hồ", "Cụ Hồ": Hồ Chí Minh, the honorific being part of how the name is written.
_UNCLE_HO = re.compile(r"(?<!\w)(?:Bác|Cụ) Hồ(?! Chí)(?!\w)")
_STEMS = frozenset(("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"))
_BRANCHES = frozenset(("Tý", "Sửu", "Dần", "Mão", "Mẹo", "Thìn", "Tỵ", "Tị", "Ngọ", "Mùi",
                       "Thân", "Dậu", "Tuất", "Hợi"))


def _year_name(view: TextView, run: list[tuple[int, int]]) -> bool:
    """A year of the sexagenary cycle ("Tết Đinh Dậu", "năm Giáp Thìn"), which looks like a
    surname and a given name."""
    words = [view.norm[s:e] for s, e in run[:2]]
    return words[0] in _STEMS and words[1] in _BRANCHES


_HYPHEN_TAIL = re.compile(r"-[a-zà-ỹ]+")


def _hyphenated(view: TextView, person: Person) -> Person:
    """A Korean or Chinese given name written with a hyphen keeps its tail: "Park Hang-seo"."""
    m = _HYPHEN_TAIL.match(view.norm, person.end)
    if m is None:
        return person
    return Person(person.start, m.end(), person.canonical + m.group(), person.how)


#: A name written in capitals ("HUỲNH DU", "THIÊN TRÚC"): two to four syllables.
_CAPS_NAME = re.compile(r"[A-ZĐÀ-Ỹ]+(?:[ \t]+[A-ZĐÀ-Ỹ]+){1,3}")
#: Initials ("N.V", "T.NHƯ", "A.H.") or a two-letter signature ("PM").
_INITIALS = re.compile(r"[A-ZĐ](?:\.[A-ZĐ][A-ZĐÀ-Ỹa-zà-ỹ]*)+\.?|[A-ZĐ]{2}")
#: Tags that stand for a role, not a name: phóng viên, cộng tác viên, biên tập viên.
_NOT_SIGNATURES = frozenset(("PV", "CTV", "BTV", "BT", "TTXVN", "TH", "ST"))
#: An editor's or reporter's tag before a signature: "BT Minh Hương".
_SIGN_TAG = re.compile(r"(?:BT|PV|CTV|BTV)[ \t]+")


def _capital_credits(view: TextView) -> list[Person]:
    """A photo credit in capitals ("Ảnh: HUỲNH DU") or after an outlet ("Ảnh: VGP/Nhật Bắc")."""
    out = []
    for m in _CREDIT.finditer(view.low):
        caps = _CAPS_NAME.match(view.norm, m.end())
        if caps and re.match(r"[ \t]*(?:[/)\-.,]|$)", view.norm[caps.end():], re.MULTILINE):
            out.append(Person(caps.start(), caps.end(), _title_case(caps.group()), "byline"))
        slash = re.compile(r"[^\s/()]{2,20}/").match(view.norm, m.end())
        if slash and (run := name_run(view, slash.end())):
            out.append(_person(view, run, "byline"))
    return out


def _closing_signature(view: TextView) -> list[Person]:
    """The reporter's signature on the last line of the text: a name alone ("Hạnh Dung"), in
    capitals ("LÊ CƯỜNG") or as initials ("N.V", "T.NHƯ"); Vietnamese papers sign there."""
    text = view.norm.rstrip()
    start = text.rfind("\n") + 1
    tag = _SIGN_TAG.match(text, start)
    pos = tag.end() if tag else start
    line = text[pos:]
    if not line or len(line) > 40:
        return []
    run = name_run(view, pos)
    if run and run[-1][1] == len(text) and 2 <= len(run) <= 4:
        return [_person(view, run, "byline")]
    if line in _NOT_SIGNATURES:
        return []
    if _CAPS_NAME.fullmatch(line) or _INITIALS.fullmatch(line):
        return [Person(pos, len(text), _title_case(line), "byline")]
    return []


def _title_case(written: str) -> str:
    """"HUỲNH DU" -> "Huỳnh Du"; initials stay as written."""
    if "." in written or " " not in written:
        return written
    return " ".join(w.capitalize() for w in written.split())


def _masked(view: TextView, person: Person) -> Person:
    """A name masked to its initial keeps the dot: "Nguyễn Tùng D.", "anh D."."""
    if (view.norm[person.end:person.end + 1] == "."
            and re.search(r"(?<!\w)[A-ZĐ]$", view.norm[person.start:person.end])):
        return Person(person.start, person.end + 1, person.canonical + ".", person.how)
    return person


_PLACE_NOUN_BEFORE = re.compile(r"(?<!\w)(?:phía|miền|nước|tiếng|người|vùng|hướng|khu vực|"
                                r"xứ|đất|biển|sông|núi|thành phố|tỉnh|huyện|xã|phường)[ \t]+$")
_NAME_SYLLABLE = re.compile(r"(?<![\w.])([A-ZĐÀ-Ỹ][a-zà-ỹđ]+)(?![\w.])")


def _back_references(view: TextView, found: list[Person]) -> list[Person]:
    """A full name's given name written alone later ("Út" after "Trần Thị Út"): the same
    person, with the full name as canonical. The given name must stand alone, not beside
    other capitalised syllables ("Hoa" but not "Hoa Kỳ"); the word check (`entities`)
    drops a syllable cut out of a longer word ("Thành" of "Thành phố")."""
    given: dict[str, Person] = {}
    for p in found:
        parts = view.norm[p.start:p.end].split()
        if p.how in ("surname", "title") and len(parts) >= 2 and parts[-1][1:].islower():
            given.setdefault(parts[-1], p)
    if not given:
        return []
    out = []
    for m in _NAME_SYLLABLE.finditer(view.norm):
        full = given.get(m.group(1))
        if full is None or m.start() < full.start:
            continue
        if is_name_syllable(syllable_before(view, m.start())) or is_name_syllable(
                syllable_after(view, m.end())):
            continue
        if _PLACE_NOUN_BEFORE.search(view.low, max(0, m.start() - 12), m.start()):
            continue  # "phía Nam", "nước Anh": a direction or a country, not the person
        out.append(Person(m.start(), m.end(), full.canonical, "surname"))
    return out


