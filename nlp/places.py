"""Places (LOC): an administrative prefix and a name ("tỉnh Nghệ An", "TP. Cần Thơ",
"xã Hòa Bình", "Quận 1"), a province from the gazetteer written alone ("Nghệ An"), or a
country. Also used by `orgs` to read the place qualifier that ends a body's name.

Provinces take their canonical spelling and type from the gazetteer, so "TP. Cần Thơ",
"Tp Cần Thơ" and "thành phố Cần Thơ" are all "thành phố Cần Thơ".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .events import event_names, inside_event
from .gazetteer import Province, provinces, read_list, read_table
from .matching import PhraseMatcher, skip_space, trie_pattern
from .names import (
    clean,
    is_name_syllable,
    name_run,
    person_tail,
    stop_matcher,
    surnames,
    syllable_after,
    syllable_before,
)
from .textview import TextView

#: Level of a place -> the commendation level of the bodies it qualifies.
GIVER_LEVEL = {"province": "tỉnh", "city": "huyện", "district": "huyện", "commune": "cơ sở",
               "village": "cơ sở"}


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    canonical: str
    level: str  # province | city | district | commune | village | country | feature
    province: Province | None = None
    prefixed: bool = True


@dataclass(frozen=True)
class Prefix:
    canonical: str
    level: str


@lru_cache(maxsize=1)
def prefix_matcher() -> PhraseMatcher[Prefix]:
    rows = read_table("admin_prefixes.tsv")
    return PhraseMatcher((r["form"], Prefix(r["canonical"], r["level"])) for r in rows)


@lru_cache(maxsize=1)
def province_matcher() -> PhraseMatcher[tuple[Province, bool]]:
    """Every province spelling; the flag says whether it may stand alone."""
    entries = []
    for p in provinces():
        entries.append((p.name, (p, p.bare)))
        entries.extend((a, (p, True)) for a in p.aliases)
    return PhraseMatcher(entries, capital=True)


@lru_cache(maxsize=1)
def feature_matcher() -> PhraseMatcher[str]:
    return PhraseMatcher((r["form"], r["form"]) for r in read_table("place_features.tsv"))


_FEATURE_NUMBER = re.compile(r"[ \t]?\d{1,3}[A-Z]?(?!\w)")
#: "đường 23 Tháng 8", "phố 19 Tháng 5": streets named for a date (a day, then the month).
_DATE_NAMED = re.compile(r"[ \t]+Tháng[ \t]+\d{1,2}(?!\w)")
_NOT_A_STREET = re.compile(r"(?<!\w)(?:thành|khu|tổ dân|xuống|ra|lên|miền|vùng)[ \t]+$")
#: Only "phố" makes a common noun with these ("thành phố", "khu phố", "tổ dân phố"); before
#: other features they are verbs' ends ("khánh thành cầu Rạch Miễu 2", "hoàn thành đường").
_NOT_A_STREET_BUT_PHO = re.compile(r"(?<!\w)(?:thành|khu|tổ dân)[ \t]+$")


def feature_at(view: TextView, pos: int) -> Place | None:
    """A named feature starting at `pos`: "đường Lê Duẩn", "Quốc lộ 1A", "cầu Rạch Miễu 2"."""
    hit = feature_matcher().match(view, pos)
    if hit is None:
        return None
    written = view.norm[hit.start:hit.end]
    if " " not in written and not written.islower():
        return None  # "Hồ Chí Minh", "Cầu Giấy": a name, not "hồ", "cầu"
    if _NOT_A_STREET.search(view.low, max(0, pos - 12), pos) and (
        hit.form == "phố" or not _NOT_A_STREET_BUT_PHO.search(view.low, max(0, pos - 12), pos)
    ):
        return None  # "thành phố", "khu phố", "tổ dân phố", "xuống đường", "miền núi"
    q = skip_space(view.norm, hit.end)
    if q == hit.end:
        return None
    region = country_matcher().match(view, q)
    if (region is not None and view.norm[q].isupper()
            and not is_name_syllable(syllable_after(view, region.end))):  # not "Mỹ Khê"
        # "vùng Đồng bằng sông Cửu Long": a known region, lower-case words included
        return Place(pos, region.end, clean(view.norm[pos:region.end]), "feature")
    end = q
    run = name_run(view, q)
    for i, (s, _) in enumerate(run[1:], 1):
        if country_matcher().match(view, s) is not None:
            run = run[:i]  # "miền Nam Ukraine": the region, then the country
            break
    if run:
        end = run[-1][1]
    m = _FEATURE_NUMBER.match(view.norm, end if run else q - 1)
    if m:
        end = m.end()
        if not run and hit.form in ("đường", "phố") and m.group().strip().isdigit() and (
            d := _DATE_NAMED.match(view.norm, end)
        ):
            end = d.end()  # "đường 23 Tháng 8": a street named for a date
    if end == q:
        return None
    return Place(pos, end, clean(view.norm[pos:end]), "feature", prefixed=True)


@lru_cache(maxsize=1)
def country_matcher() -> PhraseMatcher[str]:
    return PhraseMatcher(((c, c) for c in read_list("countries.txt")), capital=False)


@lru_cache(maxsize=1)
def _person_title_before() -> re.Pattern[str]:
    titles = [r["title"] for r in read_table("titles.tsv") if r["person"] == "yes"]
    return re.compile("(?:" + trie_pattern(titles) + r")[ \t]+$")


def _all_capitalised(written: str) -> bool:
    words = re.findall(r"[^\W\d_]+", written)
    return all(w[:1].isupper() for w in words)


def province_at(view: TextView, pos: int, alone: bool = False) -> tuple[int, Province] | None:
    """A province name starting at `pos`; with `alone`, only spellings that may stand alone."""
    hit = province_matcher().match(view, pos)
    if hit is None or not _all_capitalised(view.norm[hit.start:hit.end]):
        return None
    province, may_stand_alone = hit.value
    if alone and not may_stand_alone:
        return None
    return hit.end, province


def name_after(view: TextView, pos: int, level: str) -> tuple[int, str] | None:
    """The name after a lower-level prefix: capitalised syllables, or a number for
    wards and urban districts ("Phường 5", "Quận 1")."""
    run = name_run(view, pos)
    if not run and is_name_syllable(first := syllable_after(view, pos - 1)):
        # "thành phố Hội An", "phường Trường Vinh": right after a level word, a syllable that
        # elsewhere heads a body's name ("Hội", "Trường") begins the place's name
        stop = stop_matcher().match(view, pos)
        rest = name_run(view, pos + len(first) + 1)
        if (rest and view.norm[pos + len(first) : pos + len(first) + 1] == " "
                and (stop is None or stop.end <= pos + len(first))):  # not "Hội Nông dân"
            run = [(pos, pos + len(first)), *rest]
    if run:
        run = run[: person_tail(view, run)]
        return run[-1][1], clean(view.norm[run[0][0]:run[-1][1]])
    m = re.compile(r"\d{1,2}(?!\w)").match(view.norm, pos)
    if m and level in ("district", "commune"):
        return m.end(), m.group()
    return None


def place_at(view: TextView, pos: int) -> Place | None:
    """A prefixed place starting at `pos`."""
    hit = prefix_matcher().match(view, pos)
    if hit is None:
        return None
    prefix: Prefix = hit.value
    glued = hit.form in ("TP", "TP.", "Tp.")  # "TP.HCM", "TPHCM"
    q = skip_space(view.norm, hit.end)
    if q == hit.end and not glued:
        return None
    found = province_at(view, q)
    if found is not None and prefix.level in ("province", "city"):
        end, province = found
        if prefix.canonical == "thành phố" and province.type == "tỉnh":
            # "thành phố Hà Tĩnh": the provincial capital, not the province
            name = clean(view.norm[q:end])
            return Place(pos, end, f"thành phố {name}", "city", province)
        return Place(pos, end, province.canonical, "province", province)
    after = name_after(view, q, prefix.level)
    if after is None:
        return None
    end, name = after
    if prefix.level == "province" and person_like(name):
        return None  # "Chủ tịch UBND tỉnh Cao Văn Trọng": the level word, then a person
    return Place(pos, end, f"{prefix.canonical} {name}", prefix.level)


def person_like(name: str) -> bool:
    """A name of three or four syllables led by a surname ("Cao Văn Trọng"). After "tỉnh" it
    is the person holding the office just named, since provinces are in the gazetteer; lower
    units may be named after people ("huyện Dương Minh Châu"), so `orgs` decides those by
    the title before the body."""
    syllables = name.split()
    return 3 <= len(syllables) <= 4 and syllables[0] in surnames()


_DEMONSTRATIVE = re.compile(r"[ \t]+(?:này|đó|đây|kia|bạn|nhà)(?!\w)")


def bare_level_at(view: TextView, pos: int) -> tuple[int, Prefix] | None:
    """A level word with no name after it ("tỉnh" in "UBND tỉnh tổ chức ..."), which
    refers to the unit the article is about."""
    hit = prefix_matcher().match(view, pos)
    if hit is None or (hit.form[:1].isupper() and hit.form[1:2].isupper()):
        return None  # "TP" alone is not used this way
    if place_at(view, pos) is not None or _DEMONSTRATIVE.match(view.low, hit.end):
        return None  # "tỉnh này": anaphoric, not the article's unit by name
    return hit.end, hit.value


def _person_follows(view: TextView, end: int) -> bool:
    """Whether a person's full name starts right after `end`: a surname and one to three
    more syllables. A title names its holder after the place it is for ("Đại sứ Việt Nam
    tại Mỹ Phạm Quang Vinh", "Chủ tịch UBND tỉnh Nghệ An Nguyễn Văn A"), so such a run does
    not make the place part of a longer name. A romanised East Asian name with a hyphenated
    given name counts too ("Bộ trưởng Ngoại giao Hàn Quốc Chung Eui-yong")."""
    if _ROMANISED_NAME.match(view.norm, end):
        return True
    if syllable_after(view, end) not in surnames():
        return False
    return 2 <= len(name_run(view, end + 1)) <= 4


_ROMANISED_NAME = re.compile(r" [A-Z][a-z]+ [A-Z][a-z]+-[a-z]+(?!\w)")


#: Words capitalised at the start of a sentence that never begin a place's name: "Tại Gia
#: Lai, ...", "Ở Hà Nội, ...".
_SENTENCE_OPENERS = frozenset((
    "Tại", "Ở", "Từ", "Về", "Đến", "Tới", "Theo", "Với", "Và", "Của", "Trong", "Ngoài", "Còn",
    "Riêng", "Như", "Cùng", "Sau", "Trước", "Qua", "Khi", "Nếu", "Để", "Do", "Vì", "Tuy",
))


def _stands_alone(view: TextView, start: int, end: int) -> bool:
    """A name written alone is the whole capitalised run ("Thái Bình" but not
    "Thái Bình Dương" or "Nguyễn Thái Bình") and not a person addressed by title; a
    person's name right after it is no part of it, nor a preposition that opens the
    sentence before it ("Tại Gia Lai")."""
    before = syllable_before(view, start)
    if (is_name_syllable(before) and before not in _SENTENCE_OPENERS) or (
        is_name_syllable(syllable_after(view, end)) and not _person_follows(view, end)
    ):
        return False
    return _person_title_before().search(view.low, max(0, start - 30), start) is None


def find_places(view: TextView) -> list[Place]:
    """All place candidates; they may overlap (the caller picks)."""
    out: list[Place] = []
    for hit in prefix_matcher().finditer(view):
        place = place_at(view, hit.start)
        if place is not None:
            out.append(_unprefixed(view, place) if _PLURAL.search(
                view.low, max(0, hit.start - 10), hit.start) else place)
    for hit in province_matcher().finditer(view):
        found = province_at(view, hit.start, alone=True)
        if found is not None and _stands_alone(view, hit.start, hit.end):
            province = found[1]
            out.append(Place(hit.start, hit.end, province.canonical, "province", province,
                             prefixed=False))
    for hit in feature_matcher().finditer(view):
        place = feature_at(view, hit.start)
        if place is not None:
            out.append(place)
    for hit in country_matcher().finditer(view):
        if hit.form[:1].isupper() and not view.norm[hit.start].isupper():
            continue
        if _in_day_name(view, hit.start):
            continue
        if _stands_alone(view, hit.start, hit.end):
            out.append(Place(hit.start, hit.end, hit.value, "country", prefixed=False))
        republic = _REPUBLIC.search(view.norm, max(0, hit.start - 40), hit.start)
        if republic is not None:  # "Cộng hòa Pháp", "CH Séc", "nước Cộng hòa xã hội …"
            out.append(Place(republic.start(), hit.end, hit.value, "country"))
    events = event_names(view)  # places inside an event's name are not entities
    return [p for p in out if not inside_event(events, p.start, p.end)]


#: A name in brackets right after a body's name: the body's locality, as lists of commended
#: units write it ("Trường THCS Lê Lợi (Đức Thọ)"). Two or three syllables, not a full
#: personal name. After a person's name the brackets hold an alias instead ("Phan Hoan
#: (Phan Kiên)"), so only the ends of bodies' names are looked at.
_BRACKET = re.compile(r"[ \t]*\(")


def bracketed_localities(view: TextView, ends: Iterable[int]) -> list[Place]:
    """Places written in brackets right after the names of bodies ending at `ends`."""
    out = []
    for end in set(ends):
        m = _BRACKET.match(view.norm, end)
        if m is None:
            continue
        run = name_run(view, m.end())
        if not 2 <= len(run) <= 3 or view.norm[run[-1][1]:run[-1][1] + 1] != ")":
            continue
        name = clean(view.norm[run[0][0]:run[-1][1]])
        if len(run) == 3 and person_like(name):
            continue
        out.append(Place(run[0][0], run[-1][1], name, "district", prefixed=False))
    return out


#: "Ngày Thầy thuốc Việt Nam", "ngày Nhà giáo Việt Nam": a day named for a capitalised
#: group of people and the country whose day it is.
_DAY_NAME = re.compile(r"(?<!\w)[Nn]gày[ \t]+([^\W\d_]+)(?:[ \t]+[^\W\d_]+){0,3}[ \t]+$")


def _in_day_name(view: TextView, start: int) -> bool:
    """Whether the country at `start` ends the name of a fixed day ("Ngày Thầy thuốc Việt
    Nam"): the guidelines leave places inside holiday names unannotated, while a day that
    is described ("ngày giải phóng hoàn toàn miền Nam", lower case) keeps its place."""
    m = _DAY_NAME.search(view.norm, max(0, start - 50), start)
    return m is not None and m.group(1)[:1].isupper()


#: "các tỉnh Hà Tĩnh, Quảng Bình": a plural level word is a common noun, not part of a name.
_PLURAL = re.compile(r"(?<!\w)(?:các|những|hai|ba|bốn)[ \t]+$")
_REPUBLIC = re.compile(r"(?<!\w)(?:Cộng hòa|Cộng hoà|CH)(?:[ \t]+xã hội chủ nghĩa|[ \t]+XHCN)?"
                       r"[ \t]+$")


def _unprefixed(view: TextView, place: Place) -> Place:
    """The name of a place without its level word: "Hà Tĩnh" of "các tỉnh Hà Tĩnh", "Hồng
    Lĩnh" of "các thị xã Hồng Lĩnh" (the level word may have two syllables)."""
    prefix = prefix_matcher().match(view, place.start)
    name = skip_space(view.norm, prefix.end if prefix else view.norm.index(" ", place.start))
    return Place(name, place.end, place.canonical, place.level, place.province, prefixed=False)
