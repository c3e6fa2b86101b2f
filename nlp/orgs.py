"""Organisations (ORG): national bodies from the lexicon ("Bộ Công Thương", "TTXVN",
"Chính phủ") and local bodies named by a head noun and a place qualifier ("UBND TP. Cần Thơ",
"Sở GD&ĐT tỉnh Nghệ An", "Công an Khánh Hòa", "Tỉnh ủy Nghệ An").

Canonical names expand abbreviations and take the place from the gazetteer: "UBND TP. Cần
Thơ", "Uỷ ban nhân dân thành phố Cần Thơ" and "UBND thành phố Cần Thơ" are all "Ủy ban nhân
dân thành phố Cần Thơ". A body written with a bare level word ("UBND tỉnh") is left
unresolved here; `resolve` names it once the article's province is known.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from .gazetteer import Province, read_table, split_forms
from .matching import PhraseMatcher, is_abbreviation, skip_space
from .names import clean, name_run, person_tail, stop_matcher
from .outlets import find_outlets
from .persons import title_matcher
from .places import (
    GIVER_LEVEL,
    Place,
    bare_level_at,
    country_matcher,
    person_like,
    place_at,
    prefix_matcher,
    province_at,
)
from .textview import TextView


@dataclass(frozen=True)
class Head:
    canonical: str
    qualifier: str  # place | province-tỉnh | province-thành phố | name | national
    alone: bool
    level: str = ""  # for national bodies: the level they give awards at


@dataclass(frozen=True)
class Org:
    start: int
    end: int
    canonical: str
    level: str  # commendation level of this body as a giver ("" if unknown)
    province: Province | None = None  # province named in the qualifier
    place: str = ""  # canonical name of the place in the qualifier
    resolved: bool = True
    pending: str = ""  # bare level word waiting for the article's province: "tỉnh", ...
    head: str = ""


_DASHED = re.compile(r"\s*[-\u2013]\s*")
_CENTRAL = re.compile(r" Trung ương$")


def _variants(form: str) -> tuple[str, ...]:
    """The spellings a name is printed with besides its own: the dash that joins two fields
    is often a comma or nothing ("Hội đồng Thi đua, Khen thưởng", "Hội đồng thi đua khen
    thưởng"), and "Trung ương" ends a name as "T.Ư" or "TƯ"."""
    out = {form}
    if _DASHED.search(form):
        out |= {_DASHED.sub(", ", form), _DASHED.sub(" ", form)}
    for f in list(out):
        if _CENTRAL.search(f):
            out |= {_CENTRAL.sub(" T.Ư", f), _CENTRAL.sub(" TƯ", f)}
    return tuple(out)


def _forms(row: dict[str, str]) -> list[str]:
    return [v for f in (row["canonical"], *split_forms(row["forms"])) for v in _variants(f)]


@lru_cache(maxsize=1)
def org_matcher() -> PhraseMatcher[Head]:
    entries: list[tuple[str, Head]] = []
    for r in read_table("organizations.tsv"):
        head = Head(r["canonical"], "national", True, r["level"])
        entries += [(f, head) for f in _forms(r)]
    for r in read_table("org_heads.tsv"):
        head = Head(r["canonical"], r["qualifier"], r["alone"] == "yes")
        entries += [(f, head) for f in _forms(r)]
    for r in read_table("domains.tsv"):
        forms = _forms(r)
        if "Bộ" in r["heads"].split():
            head = Head(f"Bộ {r['canonical']}", "national", True, "bộ/ngành")
            entries += [(f"Bộ {f}", head) for f in forms]
        if "Sở" in r["heads"].split():
            head = Head(f"Sở {r['canonical']}", "place", True)
            entries += [(f"Sở {f}", head) for f in forms]
            # the district-level office of the same field ("Phòng Giáo dục và Đào tạo")
            head = Head(f"Phòng {r['canonical']}", "place", False)
            entries += [(f"Phòng {f}", head) for f in forms]
    return PhraseMatcher(entries, capital=True)


_HIGH_LEVEL = re.compile(r"cấp[ \t]+cao[ \t]+tại[ \t]+")


def province_place(view: TextView, pos: int) -> Place | None:
    """A province written alone at `pos`, as a place."""
    found = province_at(view, pos)
    if found is None:
        return None
    return Place(pos, found[0], found[1].canonical, "province", found[1], prefixed=False)


def _qualified(view: TextView, start: int, end: int, head: Head) -> Org | None:
    """The body named by `head` (written from `start` to `end`) and what qualifies it."""
    if head.qualifier == "national":
        country = _country_after(view, end)
        if country is not None:  # "Bộ Công an Việt Nam", "Bộ Nội vụ Cộng hòa Pháp"
            return Org(start, country.end, f"{head.canonical} {country.canonical}", "",
                       head=head.canonical)
        return Org(start, end, head.canonical, head.level, head=head.canonical)
    q = skip_space(view.norm, end)
    if head.qualifier == "place" and (m := _ACRONYM.match(view.norm, end)):
        # "Bộ Chỉ huy Bộ đội Biên phòng (BĐBP) tỉnh Quảng Trị": the abbreviation inside
        after = skip_space(view.norm, m.end())
        if after > m.end() and (place_at(view, after) or province_at(view, after)):
            q = after
    if q > end and head.qualifier == "place" and (m := _HIGH_LEVEL.match(view.low, q)):
        # "TAND cấp cao tại Hà Nội": the high court (procuracy) seated in that city
        seat = place_at(view, m.end()) or province_place(view, m.end())
        if seat is not None:  # named as written: "... cấp cao tại Hà Nội"
            city = seat.province.name if seat.province and not seat.prefixed else seat.canonical
            return Org(start, seat.end, f"{head.canonical} cấp cao tại {city}", "",
                       head=head.canonical)
    if q > end and head.qualifier == "place":
        place = place_at(view, q)
        if place is not None and _holder(view, start, place):
            prefix = prefix_matcher().match(view, q)
            return Org(start, prefix.end, f"{head.canonical} {prefix.value.canonical}",
                       GIVER_LEVEL["district"], resolved=False,
                       pending=prefix.value.canonical, head=head.canonical)
        if place is not None and place.level != "country":
            province = place.province if place.level == "province" else None
            return Org(start, place.end, f"{head.canonical} {place.canonical}",
                       GIVER_LEVEL[place.level], province, place.canonical, head=head.canonical)
    if q > end and head.qualifier in ("place", "province-tỉnh", "province-thành phố"):
        found = province_at(view, q)
        if found is not None:
            p_end, province = found
            name = province.canonical if head.qualifier == "place" else province.name
            return Org(start, p_end, f"{head.canonical} {name}", "tỉnh", province,
                       province.canonical, head=head.canonical)
    if q > end and head.qualifier == "place":
        bare = bare_level_at(view, q)
        if bare is None and (m := _OF_LEVEL.match(view.low, q)):
            bare = bare_level_at(view, m.end())  # "Hội đồng thi đua khen thưởng của huyện"
        if bare is not None:
            b_end, prefix = bare
            return Org(start, b_end, f"{head.canonical} {prefix.canonical}",
                       GIVER_LEVEL.get(prefix.level, ""), resolved=False,
                       pending=prefix.canonical, head=head.canonical)
    if q > end and head.qualifier == "place" and (parent := _national_at(view, q)):
        # "Hội đồng Thi đua - Khen thưởng Bộ Quốc phòng", "Cổng Thông tin điện tử Chính phủ"
        return Org(start, parent.end, f"{head.canonical} {parent.canonical}", parent.level,
                   head=head.canonical)
    if q > end and head.qualifier in ("name", "province-thành phố"):
        run = name_run(view, q)
        run = run[: person_tail(view, run)]
        if run:
            return Org(start, run[-1][1], f"{head.canonical} {clean(view.norm[q:run[-1][1]])}",
                       "huyện", head=head.canonical)
    if not head.alone or _generic(view, end):
        return None
    pending = head.qualifier.removeprefix("province-") if head.qualifier.startswith(
        "province-") else ""
    level = "tỉnh" if pending else ""
    return Org(start, end, head.canonical, level, resolved=False, pending=pending,
               head=head.canonical)


_OF_LEVEL = re.compile(r"của[ \t]+")
#: A head before "các huyện", "các cấp" (possibly after other heads: "HĐND, UBND các huyện")
#: names every such body, not one: "Ủy ban nhân dân các xã" is not annotated.
_GENERIC = re.compile(
    r"(?:[ \t]*,[ \t]*(?:hđnd|ubnd|hội đồng nhân dân|ủy ban nhân dân|uỷ ban nhân dân))*"
    r"[ \t]+(?:các|những)[ \t]+(?:cấp|tỉnh|huyện|xã|quận|phường|thị xã|thành phố|địa phương)"
    r"(?!\w)")


def _generic(view: TextView, end: int) -> bool:
    """Whether the head ending at `end` names a kind of body (`_GENERIC`); "các tỉnh Hà Tĩnh,
    Quảng Bình" still names one body per place listed, so a name after the level word keeps
    the head a mention."""
    m = _GENERIC.match(view.low, end)
    return m is not None and not view.norm[skip_space(view.norm, m.end()):][:1].isupper()


def _country_after(view: TextView, end: int) -> Place | None:
    """A country written right after a body's name, which then names that country's body."""
    q = skip_space(view.norm, end)
    if q == end:
        return None
    republic = _REPUBLIC.match(view.norm, q)
    at = skip_space(view.norm, republic.end()) if republic else q
    hit = country_matcher().match(view, at)
    if hit is None or not view.norm[hit.start].isupper():
        return None
    return Place(q, hit.end, hit.value, "country")


_REPUBLIC = re.compile(r"(?:Cộng hòa|Cộng hoà|CH)(?=[ \t])")
_TITLE_BEFORE = re.compile(r"(?<!\w)(?:chủ tịch|bí thư|giám đốc|trưởng[ \t]+\w+|phó[ \t]+\w+)"
                           r"[ \t]+$")


def _holder(view: TextView, start: int, place: Place) -> bool:
    """"Chủ tịch UBND huyện Nguyễn Kim Hải": after a title and its body, a surname-led name
    is the office holder, not the place's name."""
    name = view.norm[place.start:place.end].split(maxsplit=1)[-1]
    return place.level == "district" and person_like(name) and _TITLE_BEFORE.search(
        view.low, max(0, start - 20), start) is not None


def _national_at(view: TextView, pos: int) -> Org | None:
    """A national body named from `pos` (the parent that qualifies a local head)."""
    hits = [h for h in org_matcher().match_all(view, pos) if h.value.qualifier == "national"]
    if not hits:
        return None
    h = hits[0]
    return Org(h.start, h.end, h.value.canonical, h.value.level, head=h.value.canonical)


#: Lower-case words that end a body's name: verbs, prepositions and other function words.
#: Vietnamese capitalises only the first word of a body's own name ("Trung tâm Dự báo khí
#: tượng thủy văn quốc gia", "Công ty cổ phần Dược Hậu Giang"), so lower-case words may
#: continue a name, but never these.
_BREAK_WORDS = (
    "cho của là được bị đã đang sẽ có không chưa với tại ở trong ngoài trên dưới từ đến tới",
    "về theo do bởi vì nhưng mà thì nên các những này đó kia cùng cũng đều vừa mới luôn khi",
    "sau trước như gồm hoặc hay để nhằm qua nay hiện rất còn chỉ nhiều ít mỗi mọi đạt tặng",
    "trao nhận giành năm ngày tháng lần người làm đi ra vào lên xuống nối bắc trình xét ký",
    "đưa vượt giảm tăng đứng thuộc tổ_chức cho_biết đón_nhận tham_gia phối_hợp chủ_trì",
    "thực_hiện triển_khai ghi_nhận dẫn_đầu tiếp_tục đơn_vị khen_thưởng đề_nghị báo_cáo",
    "công_bố quyết_định ban_hành khánh_thành phát_biểu tổng_kết thông_báo tiếp_nhận duy_trì",
    "đăng_ký liên_kết ra_mắt đóng_góp hoàn_thành trực_thuộc",
    # "Cục trưởng", "Viện trưởng": a title; "tuyến tỉnh": a level, not a name
    "trưởng tuyến",
)
_NAME_BREAK = frozenset(w.replace("_", " ") for line in _BREAK_WORDS for w in line.split())
#: Verbs that end a name only as whole words: "dự" (attend) but not "dự phòng" (preventive).
_VERB_WORDS = frozenset(("dự", "họp", "dự họp", "thăm", "gặp", "tiếp", "mở", "lập", "nêu"))
_MAX_LOWER = 6
#: Function words after which lower-case words already read close a sentence-case name
#: ("Cục Bảo vệ thực vật đã …", "Trung tâm Y tế dự phòng của …"), up to `_MAX_JOINED` words.
#: Prepositions that also follow verbs ("khám bệnh cho", "làm việc tại") are left out.
_JOINERS = frozenset(("của", "vừa", "đã", "đang", "sẽ", "được", "bị", "là", "cũng", "thuộc",
                      "trực thuộc", "và", "vì"))
_MAX_JOINED = 3
#: "Trung tâm Hội nghị …", "Trung tâm Triển lãm …" are buildings used as places, not bodies.
_FACILITY = re.compile(r"[ \t]+(?:hội nghị|triển lãm|hội chợ)(?!\w)")
#: Heads whose name may start in lower case ("Trung tâm kiểm soát bệnh tật tỉnh …"); such a
#: name must then reach a capitalised word or a place, which confirms it.
_LOWER_START = frozenset(("Trung tâm", "Viện", "Ban Quản lý", "Ban Chỉ đạo", "Chi cục", "Cục"))
_VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
#: The shape of one Vietnamese syllable (onset, vowels, coda): "Răng" is one, "Vinamilk" not.
_VI_SYLLABLE = re.compile(
    rf"(?i)(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{_VOWELS}]{{1,3}}"
    r"(?:ng|nh|ch|[cmnpt])?")
#: Legal forms written in lower case between a company's head and its name
#: ("Công ty cổ phần Vinamilk", "Công ty trách nhiệm hữu hạn một thành viên …").
_LEGAL_FORMS = frozenset(("cổ phần", "trách nhiệm hữu hạn", "một thành viên", "liên doanh",
                          "hợp danh", "tư nhân", "cổ phần tập đoàn"))
_NAME_END = re.compile(r"[ \t]*(?:[,.;:()\n]|$)")
_NUMBER = re.compile(r"\d{1,3}[A-Z]?")


#: Paired verbs written with a comma inside one name: "Ban Chỉ đạo phòng, chống tham nhũng",
#: "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ".
_PAIRED = re.compile(r",[ \t]*(?:chống|chữa cháy|cứu hộ|cứu nạn)(?!\w)")
_COUNTED = frozenset(("năm", "ngày", "tháng", "lần", "người", "đơn vị"))


def _verb_after(low: str, pos: int) -> bool:
    """A number after a name, then a verb or function word, ends the name ("trường THPT Quảng
    Xương 1 tham gia"); a number before a counted noun is a count ("… 2 năm liền")."""
    m = re.compile(r"[ \t]+(\w+(?: \w+)?)").match(low, pos)
    if m is None:
        return False
    first = m.group(1).split()[0]
    return first not in _COUNTED and (m.group(1) in _NAME_BREAK or first in _NAME_BREAK
                                       or first in _JOINERS)


def _degree_at(view: TextView, pos: int) -> bool:
    """An abbreviated title ("PGS.TS.BS", "GS.", "ThS.") at `pos`: a person's name follows,
    so a body's name ends before it. Titles in words ("Nhà báo", "Bà") may be part of names
    ("Hội Nhà báo", "Bệnh viện Bà Rịa")."""
    hit = title_matcher().match(view, pos)
    return hit is not None and is_abbreviation(hit.form)


def _starts_body(view: TextView, pos: int) -> Org | None:
    """A body of another head starting at `pos` ("Công an tỉnh Quảng Bình" after "Phòng
    Cảnh sát giao thông"), or None."""
    best = None
    for hit in org_matcher().match_all(view, pos):
        if hit.value.qualifier in ("named", "body", "numbered"):
            continue
        org = _qualified(view, hit.start, hit.end, hit.value)
        if org is not None and (best is None or org.end > best.end):
            best = org
    return best


def _named(view: TextView, start: int, end: int, head: Head,
           word_end: dict[int, int]) -> Org | None:
    """A head and a proper name, then an optional place: "Hiệp hội Doanh nghiệp thành phố
    Hải Phòng", "Trường THPT chuyên Phan Bội Châu", "Tập đoàn Công nghiệp Than - Khoáng sản
    Việt Nam", "Trung tâm Dự báo khí tượng thủy văn quốc gia", "Bệnh viện Nhi đồng 1".

    The name is underthesea's words: capitalised words, and lower-case words (not in
    `_NAME_BREAK`) that are followed by a capitalised word, a place, or the end of the phrase
    (a comma, a bracket, the end of the sentence); a number ends it ("Sư đoàn 5"). Two names
    joined by "và" stay two bodies when the second starts with a head of its own ("Công ty
    Điện lực Long An và Công ty Điện lực Đồng Nai")."""
    norm, low = view.norm, view.low
    pos = skip_space(norm, end)
    name_end = end
    n = 0
    pending: list[int] = []  # ends of lower-case words not yet confirmed
    parent: Org | None = None
    # Capitalised syllables ending the name so far: a proper name ("Hòa Phát", two or
    # more) is complete, while a sentence-case name ("Dự báo …") goes on in lower case.
    capitals = 0
    while ((pos > name_end or n and norm[pos:pos + 1] in "/,") and pos in word_end
           and n + len(pending) < 12):
        w_end = word_end[pos]
        word = norm[pos:w_end]
        if word == "," and _PAIRED.match(low, pos):  # "phòng, chống", "cứu nạn, cứu hộ"
            pending.append(w_end)
            pos = skip_space(norm, w_end)
            continue
        if word in ("-", "–", "và", "&", "/") and n:
            nxt = skip_space(norm, w_end)
            joined = word == "và" and pending and capitals < 2 and len(pending) <= _MAX_JOINED
            if (nxt in word_end and norm[nxt:nxt + 1].isupper() and (not pending or joined)
                    and stop_matcher().match(view, nxt) is None
                    and not _degree_at(view, nxt)):
                if pending:  # "… Phòng, chống thiên tai và Tìm kiếm cứu nạn"
                    name_end, pending = pending[-1], []
                pos = nxt
                continue
            if joined:
                name_end = pending[-1]  # "Cục Bảo vệ thực vật và …"
            break
        if _NUMBER.fullmatch(word):
            if n and (_NAME_END.match(norm, w_end) or low.startswith(" và ", w_end)
                      or _verb_after(low, w_end)):
                name_end, n, pending = w_end, n + 1, []
            break
        if word[:1].isupper() or any(x[:1].isupper() for x in word.split()[1:]):
            # a capitalised word, or one that underthesea glued to the lower-case word
            # before it ("chuyên Lam Sơn")
            if place_at(view, pos) is not None:
                if pending and capitals < 2:  # "Ban Chỉ huy Phòng thủ dân sự TP. Huế"
                    name_end, pending = pending[-1], []
                break  # a place qualifies the name
            if _degree_at(view, pos):
                break  # a degree starts a person's name
            if pending and (body := _starts_body(view, pos)) is not None:
                parent = body
                break
            name_end, n, pending = w_end, n + 1, []
            syllables = word.split()
            trailing = len(syllables) - max(
                (i + 1 for i, s in enumerate(syllables) if not s[:1].isupper()), default=0)
            capitals = capitals + trailing if trailing == len(syllables) else trailing
            last = syllables[-1]
            if trailing and last[1:].islower() and not _VI_SYLLABLE.fullmatch(last):
                capitals = max(capitals, 2)  # a brand or foreign name: "Vinamilk"
            pos = skip_space(norm, w_end)
            continue
        if not n and low[pos:w_end] in _LEGAL_FORMS:
            pos = skip_space(norm, w_end)
            continue
        if capitals >= 2 and not pending:
            break
        if (n or pending) and (place_at(view, pos) is not None
                               or bare_level_at(view, pos) is not None):
            if pending:  # "Trung tâm Kiểm soát bệnh tật tỉnh …": the place confirms them
                name_end, pending, n = pending[-1], [], max(n, 1)
            break
        first = low[pos:w_end].split()[0]
        if (n and pending and capitals < 2 and len(pending) <= _MAX_JOINED
                and first in _JOINERS):
            name_end, pending = pending[-1], []  # "Trung tâm Y tế dự phòng đã …"
            break
        if ((not n and head.canonical not in _LOWER_START)
                or not word.replace(" ", "").isalpha() or low[pos:w_end] in _NAME_BREAK
                or low[pos:w_end] in _VERB_WORDS
                or first in _NAME_BREAK or len(pending) >= _MAX_LOWER):
            break
        pending.append(w_end)
        pos = skip_space(norm, w_end)
    if n and pending and capitals < 2 and _NAME_END.match(norm, pending[-1]):
        # "… Dự báo khí tượng thủy văn quốc gia," – but not after a proper name:
        # "Công ty cổ phần Vinamilk xuất khẩu sữa." ends at "Vinamilk".
        name_end = pending[-1]
    if not n or (head.canonical == "Trung tâm" and _FACILITY.match(low, end)):
        return None
    if (head.canonical == "Trường" and not _named_school(norm[end:name_end].strip())
            and place_at(view, skip_space(norm, name_end)) is None):
        return None  # "các trường THPT công lập": a kind of school, no name
    name = clean(norm[end:name_end])
    if parent is not None and pending:
        return Org(start, parent.end, f"{head.canonical} {clean(norm[end:parent.start])} "
                   f"{parent.canonical}", parent.level, parent.province, parent.place,
                   head=head.canonical)
    if (m := _OF_ASSEMBLY.match(norm, name_end)) is not None:
        # "Ủy ban Kinh tế của Quốc hội": a committee of the Assembly or the Government
        return Org(start, m.end(), f"{head.canonical} {name} của {m.group(1)}", "",
                   head=head.canonical)
    q = skip_space(norm, name_end)
    if head.canonical in _ABROAD and (m := _AT.match(norm, name_end)):
        country = country_matcher().match(view, m.end())  # "Đại sứ quán Việt Nam tại Pháp"
        if country is not None and norm[country.start].isupper():
            return Org(start, country.end, f"{head.canonical} {name} tại {country.value}", "",
                       head=head.canonical)
    place = place_at(view, q) if q > name_end else None
    if place is not None and place.level != "country":
        province = place.province if place.level == "province" else None
        return Org(start, place.end, f"{head.canonical} {name} {place.canonical}",
                   GIVER_LEVEL[place.level], province, place.canonical, head=head.canonical)
    if q > name_end and (bare := bare_level_at(view, q)) is not None:
        b_end, prefix = bare  # "Hội Nhà báo tỉnh"
        return Org(start, b_end, f"{head.canonical} {name} {prefix.canonical}",
                   GIVER_LEVEL.get(prefix.level, ""), head=head.canonical)
    return Org(start, name_end, f"{head.canonical} {name}", "", head=head.canonical)


#: A national team by age group, with its country or after "đội tuyển": "U23 Việt Nam",
#: "đội tuyển bóng đá nam U23 Việt Nam", "Đội tuyển U23". A bare "U23" is the age group
#: of a tournament ("Giải vô địch U23 châu Á"), not a team.
_TEAM = re.compile(
    r"(?<!\w)(?P<squad>[Đđ]ội tuyển(?:[ \t]+(?:bóng đá|futsal|bóng chuyền|bóng rổ))?"
    r"(?:[ \t]+(?:nam|nữ))?[ \t]+)?U\d{2}(?!\w)")


def _teams(view: TextView) -> list[Org]:
    """National teams by age group (`_TEAM`)."""
    out = []
    for m in _TEAM.finditer(view.norm):
        end = m.end()
        q = skip_space(view.norm, end)
        country = country_matcher().match(view, q) if q > end else None
        if country is not None and view.norm[q].isupper():
            end = country.end
        elif not m.group("squad"):
            continue
        out.append(Org(m.start(), end, clean(view.norm[m.start():end]), "", head="đội tuyển"))
    return out


#: "công an" in lower case is the police in general ("lực lượng công an"), but with a named
#: place after it, the police of that place.
_POLICE = re.compile(r"(?<!\w)công an(?=[ \t])")
#: "Đoàn" before a province's name is its delegation; not a head in `org_heads.tsv`, since
#: "Đoàn" is also a surname and heads end personal names.
_DELEGATION = re.compile(r"(?<!\w)Đoàn[ \t]+")
#: "trường" in lower case names a school when a school level follows it.
_SCHOOL = re.compile(r"(?<!\w)trường(?=[ \t]+(?:THPT|THCS|PTDTNT|PTDTBT|PTDT|TH|ĐH|CĐ|Đại học|"
                     r"Cao đẳng|Tiểu học|Trung học|Mầm non|Mẫu giáo|Phổ thông)(?!\w))")
_SCHOOL_HEAD = Head("Trường", "named", False)


def _split_at(word_end: dict[int, int], starts: list[int], head: int, pos: int) -> None:
    """Make `pos` a word start when underthesea glued a head's last syllable to the name
    after it ("Ủy" + "ban Pháp luật"): the rest of that word is read as a word. A word that
    starts with the head itself ("Trường Sơn") is a name of its own and stays whole."""
    if pos in word_end:
        return
    i = bisect_right(starts, pos) - 1
    if i >= 0 and head < starts[i] < pos < word_end[starts[i]]:
        word_end[pos] = word_end[starts[i]]


def _outside_lexicon(view: TextView, word_end: dict[int, int]) -> list[Org]:
    """Bodies whose head the lexicon cannot hold as written: "công an" and "trường" in lower
    case (generic words unless a named place or a school level follows), and "Đoàn" + a
    province (a surname elsewhere)."""
    out = []
    for m in _POLICE.finditer(view.norm):  # "công an tỉnh Kiên Giang"
        place = place_at(view, skip_space(view.norm, m.end()))
        if place is not None and place.level not in ("country", "feature"):
            province = place.province if place.level == "province" else None
            out.append(Org(m.start(), place.end, f"Công an {place.canonical}",
                           GIVER_LEVEL.get(place.level, ""), province, place.canonical,
                           head="Công an"))
    for m in _DELEGATION.finditer(view.norm):  # "Đoàn Quảng Ninh"
        found = province_at(view, m.end())
        if found is not None:
            out.append(Org(m.start(), found[0], f"Đoàn {found[1].name}", "", found[1],
                           found[1].canonical, head="Đoàn"))
    for m in _SCHOOL.finditer(view.norm):  # "trường THPT chuyên Lam Sơn"
        org = _named(view, m.start(), m.start() + len("trường"), _SCHOOL_HEAD, word_end)
        if org is not None:
            out.append(org)
    return out


def _named_school(name: str) -> bool:
    """Whether a school's name says which school: a capitalised word or a number after its
    level ("THPT chuyên Hạ Long", "THCS Yên Lạc 2"), not the level alone ("THPT công lập")."""
    m = _SCHOOL_LEVEL.match(name)
    rest = name[m.end():] if m else name
    return any(c.isupper() or c.isdigit() for c in rest)


_SCHOOL_LEVEL = re.compile(
    r"(?:THPT|THCS|PTDTNT|PTDTBT|PTDT|TH|ĐH|CĐ|Đại học|Cao đẳng|Tiểu học|Trung học(?: cơ sở|"
    r" phổ thông)?|Mầm non|Mẫu giáo|Phổ thông)(?:[ \t]+(?:chuyên|công lập))?")


def _unit(view: TextView, start: int, end: int, head: Head) -> Org:
    """A unit named by its field, then its parent body ("Phòng Cảnh sát hình sự Công an tỉnh
    Bắc Giang"), a place, or nothing ("Phòng Cảnh sát hình sự tỉnh này" -> the unit alone)."""
    q = skip_space(view.norm, end)
    body = _starts_body(view, q) if q > end else None
    if body is not None:
        return Org(start, body.end, f"{head.canonical} {body.canonical}", body.level,
                   body.province, body.place, head=head.canonical)
    placed = _qualified(view, start, end, replace(head, qualifier="place"))
    return placed if placed is not None else Org(start, end, head.canonical, "",
                                                 head=head.canonical)


_OF_ASSEMBLY = re.compile(r"[ \t]+của[ \t]+(Quốc hội|Chính phủ)(?!\w)")
#: Bodies that are named by the country they serve in: "Đại sứ quán Việt Nam tại Pháp".
_ABROAD = frozenset(("Đại sứ quán", "Tổng Lãnh sự quán", "Lãnh sự quán", "Cơ quan đại diện"))
_AT = re.compile(r"[ \t]+tại[ \t]+")


def _numbered(view: TextView, start: int, end: int, head: Head) -> Org | None:
    """A military unit by number: "Quân khu 7", "Sư đoàn 302"."""
    m = re.compile(r"[ \t]+(\d{1,3}|[IVX]{1,4})(?!\w)").match(view.norm, end)
    if m is None:
        return None
    return Org(start, m.end(), f"{head.canonical} {m.group(1)}", "", head=head.canonical)


def _of_body(view: TextView, start: int, end: int, head: Head) -> Org | None:
    """A department of a party committee or body: "Ban Dân vận Tỉnh ủy Đồng Tháp"."""
    q = skip_space(view.norm, end)
    if q == end:
        return None
    inner = max((_qualified(view, h.start, h.end, h.value) for h in
                 (org_matcher().match_all(view, q) or ())), key=lambda o: o.end if o else -1,
                default=None)
    if inner is None or (inner.head not in _PARTY_BODIES
                         and head.canonical not in _ANY_BODY):
        return None
    return replace(inner, start=start, canonical=f"{head.canonical} {inner.canonical}",
                   head=f"{head.canonical} {inner.head}")


#: Heads that take any body after them: "Chi nhánh Ngân hàng ...", "Trung ương Hội ...",
#: "Bộ Tư lệnh Quân khu 7", "Ban Chấp hành LĐLĐ tỉnh".
_ANY_BODY = {"Chi nhánh", "Trung ương", "Bộ Tư lệnh", "Ban Chấp hành", "Ban Thường vụ"}
_PARTY_BODIES = {"Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy", "Tỉnh đoàn", "Thành đoàn"}


def find_orgs(view: TextView, word_end: dict[int, int] | None = None) -> list[Org]:
    """All ORG candidates (they may overlap: the caller picks). `word_end` maps the start
    of each word (underthesea's) to its end, for names of bodies that are not places."""
    out: list[Org] = []
    word_end = dict(word_end or {})
    starts = sorted(word_end)
    for hits in org_matcher().finditer_all(view):
        for hit in hits:
            head: Head = hit.value
            if head.qualifier == "named":
                _split_at(word_end, starts, hit.start, skip_space(view.norm, hit.end))
                org = _named(view, hit.start, hit.end, head, word_end)
            elif head.qualifier == "numbered":
                org = _numbered(view, hit.start, hit.end, head)
            elif head.qualifier == "body":
                org = _of_body(view, hit.start, hit.end, head)
            elif head.qualifier == "unit":
                org = _unit(view, hit.start, hit.end, head)
            else:
                org = _qualified(view, hit.start, hit.end, head)
            if org is not None:
                out.append(_standing(view, org))
    out += _teams(view) + _outside_lexicon(view, word_end)
    for start, end in find_outlets(view):
        written = view.norm[start:end]
        out.append(Org(start, end, written, "", head=written))
    return out + _acronyms(view, out)


_STANDING = re.compile(r"(?<!\w)Thường trực[ \t]+$")
_TITLE_OR_OFFICE = re.compile(r"(?<!\w)(?:chủ tịch|bí thư|phó|trưởng|cơ quan)[^,;.\n]{0,20}$")


def _standing(view: TextView, org: Org) -> Org:
    """"Thường trực Hội đồng Thi đua - Khen thưởng tỉnh", the standing body, is one name; in a
    title ("Phó Chủ tịch Thường trực UBND tỉnh") or after "cơ quan" only the body is."""
    m = _STANDING.search(view.norm, max(0, org.start - 14), org.start)
    if m is None or _TITLE_OR_OFFICE.search(view.low, max(0, m.start() - 30), m.start()):
        return org
    return replace(org, start=m.start(), canonical=f"Thường trực {org.canonical}")


_ACRONYM = re.compile(r"[ \t]*\(([A-ZĐ][A-Z0-9Đ&]{1,9})\)")


def _acronyms(view: TextView, orgs: list[Org]) -> list[Org]:
    """An abbreviation defined in brackets after a body's name ("Tổng công ty Điện lực miền
    Nam (EVNSPC)") names that body there and wherever the article writes it again."""
    longest: dict[int, Org] = {}
    for o in orgs:
        if o.start not in longest or o.end > longest[o.start].end:
            longest[o.start] = o
    defined: dict[str, Org] = {}
    for o in longest.values():
        m = _ACRONYM.match(view.norm, o.end)
        if m and m.group(1) not in defined:
            defined[m.group(1)] = o
    if not defined:
        return []
    taken = {o.start for o in orgs}
    out = []
    pattern = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, defined)) + r")(?![\w/-])")
    for m in pattern.finditer(view.norm):
        if m.start() not in taken:
            o = defined[m.group(1)]
            out.append(replace(o, start=m.start(), end=m.end()))
    return out


def resolve(org: Org, province: Province | None) -> Org:
    """Name a body written with a bare level word after the article's province, when the
    word fits the province's type ("UBND tỉnh" -> a tỉnh, "Thành ủy" -> a thành phố)."""
    if org.resolved or province is None or org.pending != province.type:
        return org
    if org.canonical == org.head and org.pending:  # "Tỉnh ủy" alone
        canonical = f"{org.head} {province.name}"
    else:
        canonical = f"{org.head} {province.canonical}"
    return replace(org, canonical=canonical, province=province, place=province.canonical,
                   resolved=True, level="tỉnh")
