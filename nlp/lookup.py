"""Names typed by a user, looked up in the lexicons without reading a sentence.

A search for `unit:"ubnd tinh quang ninh"` must find what the reader stored as
"Ủy ban nhân dân tỉnh Quảng Ninh". Running the reader on a few typed words is slow
and depends on capitals and diacritics ("ubnd" is not an abbreviation to it), so
typed names are resolved here from the lexicons alone: every word is compared by
`name_key` (case, diacritics and dots ignored), abbreviations (UBND, TP, HĐND,
Sở GD&ĐT…) are written out, and a province gets its canonical prefix ("Quảng
Ninh" → "tỉnh Quảng Ninh"). The old and new provinces of the 2025 merger are
linked here too, for searches that must find coverage from before it.

Pure lookups over `nlp/data/`: this module imports no part of the reader.
"""

from __future__ import annotations

import re
from functools import cache

from .gazetteer import Province, lookup_key, provinces, provinces_by_key, read_table, split_forms
from .normalize import fold, modern_tones, name_key

_MAX_WORDS = 8
_PROVINCE_PREFIXES = ("tinh", "thanh pho", "thu do", "tp")


@cache
def _forms() -> dict[tuple[str, ...], str]:
    """Key words of every spelling of a head, body, prefix or department → its canonical
    spelling."""
    out: dict[tuple[str, ...], str] = {}

    def add(form: str, canonical: str) -> None:
        words = tuple(lookup_key(form).split())
        if words and 0 < len(words) <= _MAX_WORDS:
            out.setdefault(words, canonical)

    for row in read_table("org_heads.tsv") + read_table("organizations.tsv"):
        for form in (row["canonical"], *split_forms(row["forms"])):
            add(form, row["canonical"])
    for row in read_table("admin_prefixes.tsv"):
        add(row["form"], row["canonical"])
    for row in read_table("domains.tsv"):
        for head in row["heads"].split():
            for form in (row["canonical"], *split_forms(row["forms"])):
                add(f"{head} {form}", f"{head} {row['canonical']}")
    return out


@cache
def _province_forms() -> dict[tuple[str, ...], Province]:
    return {tuple(key.split()): p for key, p in provinces_by_key().items()}


def canonical_unit(name: str) -> str:
    """The canonical spelling of a unit or place name as typed ("ubnd tp can tho" →
    "Ủy ban nhân dân thành phố Cần Thơ"): words the lexicons know are written as they
    are in analyses, other words are kept as typed (modern tone marks only)."""
    spaced = re.sub(r"\s*[-\u2013\u2014]\s*", " - ", modern_tones(name))
    typed = re.sub(r"[.,;:()\"']", " ", spaced).split()
    keys = [name_key(word) for word in typed]
    out: list[str] = []
    i = 0
    while i < len(keys):
        province = _province_at(keys, i)
        after_prefix = bool(out) and name_key(out[-1]) in _other_prefixes()
        if province is not None and not after_prefix:
            n, p = province
            out.append(p.canonical)
            i += n
            continue
        for n in range(min(_MAX_WORDS, len(keys) - i), 0, -1):
            canonical = _forms().get(tuple(keys[i:i + n]))
            if canonical is not None:
                out.append(canonical)
                i += n
                break
        else:
            out.append(typed[i])
            i += 1
    return " ".join(out)


@cache
def _other_prefixes() -> frozenset[str]:
    """Keys of every administrative prefix: a province name after one that is not the
    province's own ("xã Hòa Bình", "thành phố Hòa Bình") names another unit."""
    return frozenset(name_key(r["canonical"]) for r in read_table("admin_prefixes.tsv"))


def _province_at(keys: list[str], i: int) -> tuple[int, Province] | None:
    """A province name starting at word i, with its prefix if it has one, as the number
    of words it takes. A prefix must be the province's own ("thành phố Hòa Bình" is a
    city of tỉnh Hòa Bình); a bare prefix word alone is not a province."""
    for skip in (2, 1, 0):
        prefix = " ".join(keys[i:i + skip])
        if skip and prefix not in _PROVINCE_PREFIXES:
            continue
        kind = "tinh" if prefix == "tinh" else "thanh pho"
        for n in range(min(6, len(keys) - i - skip), 0, -1):
            p = _province_forms().get(tuple(keys[i + skip:i + skip + n]))
            if p is not None and skip and name_key(p.type) != kind:
                continue
            if p is not None and (skip or p.bare or n > 1 or len(keys) == n):
                return skip + n, p
    return None


def unit_key(name: str) -> str:
    """The `name_key` of a typed name's canonical spelling: what stored unit and place
    keys are compared with."""
    return name_key(canonical_unit(name))


def _province(name: str) -> Province | None:
    """A province named with or without its prefix ("tỉnh Bình Dương", "Bình Dương")."""
    keys = lookup_key(name).split()
    found = _province_at(keys, 0)
    return found[1] if found and found[0] == len(keys) else None


def _successor(p: Province) -> Province | None:
    return provinces_by_key().get(lookup_key(p.successor)) if p.successor else None


def province_successor(name: str) -> str | None:
    """The canonical name of the unit that holds a province's territory since 1 July 2025
    ("tỉnh Bình Dương" -> "thành phố Hồ Chí Minh"; a unit that did not change -> itself),
    or None for a name that is not a province. Old names stay canonical in analyses (an
    article of 2024 is about "tỉnh Bình Dương"); a search for the new unit can include its
    predecessors (`province_predecessors`)."""
    p = _province(name)
    if p is None:
        return None
    new = _successor(p)
    return new.canonical if new is not None else None


def province_predecessors(name: str) -> list[str]:
    """Canonical names of the pre-2025 provinces merged into a current one, itself included
    ("thành phố Hồ Chí Minh" -> it, "tỉnh Bình Dương", "tỉnh Bà Rịa - Vũng Tàu")."""
    p = _province(name)
    if p is None:
        return []
    new = _successor(p) or p
    return [q.canonical for q in provinces() if _successor(q) == new]


def former_unit_keys(key: str) -> list[str]:
    """For the key of a unit of a current province, the same key with each province
    merged into it in its place ("uy ban nhan dan thanh pho ho chi minh" → "… tinh binh
    duong", …); nothing for any other key."""
    words = key.split()
    for k in range(len(words)):
        place = " ".join(words[k:])
        current = province_successor(place)
        if current is None or name_key(current) != name_key(place) or not place.startswith(
                ("tinh ", "thanh pho ")):
            continue
        head = " ".join(words[:k])
        return [f"{head} {name_key(old)}".strip() for old in province_predecessors(place)
                if name_key(old) != name_key(place)]
    return []


def known_name(words: tuple[str, ...]) -> bool:
    """Whether typed words are a whole name the lexicons know: a province (with or
    without its prefix) or a national body ("Quốc hội"), spelled as the lexicon does or
    without any diacritics ("đồng thấp" is two words, "dong thap" and "Đồng Tháp" are
    the province). Such words are meant as that name, so they are searched as a phrase."""
    if len(words) < 2:
        return False
    typed = " ".join(words)
    keys = tuple(name_key(w) for w in words)
    plain = fold(typed) == typed.lower()
    found = _province_at(list(keys), 0)
    if found and found[0] == len(keys):
        p = found[1]
        forms = (p.name, *p.aliases, p.canonical)
    else:
        forms = tuple(_bodies().get(keys, ()))
    spelled = _spelling(typed)
    return bool(forms) and (plain or any(spelled.endswith(_spelling(f)) for f in forms))


def known_unit(words: tuple[str, ...]) -> str | None:
    """The canonical name of a local body typed as words: a head ("UBND", "Sở Y tế",
    "Công an") and a province after it ("UBND TP Cần Thơ" → "Ủy ban nhân dân thành phố
    Cần Thơ"); None for anything else."""
    keys = [name_key(w) for w in words]
    for n in range(min(_MAX_WORDS, len(keys) - 1), 0, -1):
        head = _heads().get(tuple(keys[:n]))
        found = _province_at(keys, n) if head else None
        if head and found and n + found[0] == len(keys):
            return f"{head} {found[1].canonical}"
    return None


@cache
def _heads() -> dict[tuple[str, ...], str]:
    """Key words of the heads of local bodies (and departments: "Sở" + domain)."""
    out: dict[tuple[str, ...], str] = {}
    for row in read_table("org_heads.tsv"):
        for form in (row["canonical"], *split_forms(row["forms"])):
            out.setdefault(tuple(lookup_key(form).split()), row["canonical"])
    for row in read_table("domains.tsv"):
        if "Sở" in row["heads"].split():
            for form in (row["canonical"], *split_forms(row["forms"])):
                out.setdefault(tuple(lookup_key(f"Sở {form}").split()), f"Sở {row['canonical']}")
    return out


def _spelling(text: str) -> str:
    return " ".join(modern_tones(text).casefold().split())


@cache
def _bodies() -> dict[tuple[str, ...], tuple[str, ...]]:
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for r in read_table("organizations.tsv"):
        key = tuple(lookup_key(r["canonical"]).split())
        out[key] = (*out.get(key, ()), r["canonical"])
    return out
