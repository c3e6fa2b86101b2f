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


def find_orgs(view: TextView) -> list[Org]:
    """All ORG candidates (they may overlap: the caller picks)."""
    out: list[Org] = []
    for hits in org_matcher().finditer_all(view):
        for hit in hits:
            org = _qualified(view, hit.start, hit.end, hit.value)
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
