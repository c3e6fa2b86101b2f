"""Organisations (ORG): national bodies from the lexicon ("Bộ Công Thương", "TTXVN",
"Chính phủ") and local bodies named by a head noun and a place qualifier ("UBND TP. Cần Thơ",
"Sở GD&ĐT tỉnh Nghệ An", "Công an Khánh Hòa", "Tỉnh ủy Nghệ An").

Canonical names expand abbreviations and take the place from the gazetteer: "UBND TP. Cần
Thơ", "Uỷ ban nhân dân thành phố Cần Thơ" and "UBND thành phố Cần Thơ" are all "Ủy ban nhân
dân thành phố Cần Thơ". A body written with a bare level word ("UBND tỉnh") is left
unresolved here; `resolve` names it once the article's province is known.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from .gazetteer import Province, read_table, split_forms
from .matching import PhraseMatcher, skip_space
from .names import clean, name_run, person_tail
from .places import GIVER_LEVEL, bare_level_at, place_at, province_at
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


@lru_cache(maxsize=1)
def org_matcher() -> PhraseMatcher[Head]:
    entries: list[tuple[str, Head]] = []
    for r in read_table("organizations.tsv"):
        head = Head(r["canonical"], "national", True, r["level"])
        entries += [(f, head) for f in (r["canonical"], *split_forms(r["forms"]))]
    for r in read_table("org_heads.tsv"):
        head = Head(r["canonical"], r["qualifier"], r["alone"] == "yes")
        entries += [(f, head) for f in (r["canonical"], *split_forms(r["forms"]))]
    for r in read_table("domains.tsv"):
        forms = (r["canonical"], *split_forms(r["forms"]))
        if "Bộ" in r["heads"].split():
            head = Head(f"Bộ {r['canonical']}", "national", True, "bộ/ngành")
            entries += [(f"Bộ {f}", head) for f in forms]
        if "Sở" in r["heads"].split():
            head = Head(f"Sở {r['canonical']}", "place", True)
            entries += [(f"Sở {f}", head) for f in forms]
    return PhraseMatcher(entries, capital=True)


def _qualified(view: TextView, start: int, end: int, head: Head) -> Org | None:
    """The body named by `head` (written from `start` to `end`) and what qualifies it."""
    if head.qualifier == "national":
        return Org(start, end, head.canonical, head.level, head=head.canonical)
    q = skip_space(view.norm, end)
    if q > end and head.qualifier == "place":
        place = place_at(view, q)
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
        if bare is not None:
            b_end, prefix = bare
            return Org(start, b_end, f"{head.canonical} {prefix.canonical}",
                       GIVER_LEVEL.get(prefix.level, ""), resolved=False,
                       pending=prefix.canonical, head=head.canonical)
    if q > end and head.qualifier in ("name", "province-thành phố"):
        run = name_run(view, q)
        run = run[: person_tail(view, run)]
        if run:
            return Org(start, run[-1][1], f"{head.canonical} {clean(view.norm[q:run[-1][1]])}",
                       "huyện", head=head.canonical)
    if not head.alone:
        return None
    pending = head.qualifier.removeprefix("province-") if head.qualifier.startswith(
        "province-") else ""
    level = "tỉnh" if pending else ""
    return Org(start, end, head.canonical, level, resolved=False, pending=pending,
               head=head.canonical)


def _named(view: TextView, start: int, end: int, head: Head,
           word_end: dict[int, int]) -> Org | None:
    """A head and a proper name of words that each start with a capital, then an optional
    place: "Hiệp hội Doanh nghiệp thành phố Hải Phòng", "Trường THPT Phan Bội Châu",
    "Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam". Words are underthesea's."""
    norm = view.norm
    pos = skip_space(norm, end)
    name_end = end
    n = 0
    while pos > name_end and pos in word_end and n < 8:
        w_end = word_end[pos]
        word = norm[pos:w_end]
        if word in ("-", "và", "&") and n:
            nxt = skip_space(norm, w_end)
            if nxt in word_end and norm[nxt:nxt + 1].isupper():
                pos = nxt
                continue
            break
        if not word[:1].isupper() or place_at(view, pos) is not None:
            break
        name_end, n = w_end, n + 1
        pos = skip_space(norm, w_end)
    if not n:
        return None
    name = clean(norm[end:name_end])
    q = skip_space(norm, name_end)
    place = place_at(view, q) if q > name_end else None
    if place is not None and place.level != "country":
        province = place.province if place.level == "province" else None
        return Org(start, place.end, f"{head.canonical} {name} {place.canonical}",
                   GIVER_LEVEL[place.level], province, place.canonical, head=head.canonical)
    return Org(start, name_end, f"{head.canonical} {name}", "", head=head.canonical)


def _of_body(view: TextView, start: int, end: int, head: Head) -> Org | None:
    """A department of a party committee or body: "Ban Dân vận Tỉnh ủy Đồng Tháp"."""
    q = skip_space(view.norm, end)
    if q == end:
        return None
    inner = max((_qualified(view, h.start, h.end, h.value) for h in
                 (org_matcher().match_all(view, q) or ())), key=lambda o: o.end if o else -1,
                default=None)
    if inner is None or inner.head not in _PARTY_BODIES:
        return None
    return replace(inner, start=start, canonical=f"{head.canonical} {inner.canonical}",
                   head=f"{head.canonical} {inner.head}")


_PARTY_BODIES = {"Tỉnh ủy", "Thành ủy", "Huyện ủy", "Đảng ủy", "Tỉnh đoàn", "Thành đoàn"}


def find_orgs(view: TextView, word_end: dict[int, int] | None = None) -> list[Org]:
    """All ORG candidates (they may overlap: the caller picks). `word_end` maps the start
    of each word (underthesea's) to its end, for names of bodies that are not places."""
    out: list[Org] = []
    for hits in org_matcher().finditer_all(view):
        for hit in hits:
            head: Head = hit.value
            if head.qualifier == "named":
                org = _named(view, hit.start, hit.end, head, word_end or {})
            elif head.qualifier == "body":
                org = _of_body(view, hit.start, hit.end, head)
            else:
                org = _qualified(view, hit.start, hit.end, head)
            if org is not None:
                out.append(org)
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
