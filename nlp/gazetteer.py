"""Lexicons shipped in `nlp/data/`, loaded lazily and cached.

Each file is UTF-8 with '#' comment lines saying what it holds; `.tsv` files have a header
row. This is the only I/O the package does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from .normalize import name_key


def _lines(name: str) -> list[str]:
    raw = resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return [line for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@cache
def read_list(name: str) -> tuple[str, ...]:
    """One entry per line."""
    return tuple(line.strip() for line in _lines(name))


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file as dicts keyed by the header."""
    lines = _lines(name)
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append({h: c.strip() for h, c in zip(header, cells, strict=False)})
    return tuple(rows)


def lookup_key(form: str) -> str:
    """Key of a lexicon entry or of matched text: `name_key` with dash spacing evened out
    ("Bà Rịa-Vũng Tàu" = "Bà Rịa - Vũng Tàu")."""
    return name_key(re.sub(r"\s*[-\u2013\u2014]\s*", " - ", form))


def split_forms(cell: str) -> tuple[str, ...]:
    return tuple(f.strip() for f in cell.split(";") if f.strip())


@dataclass(frozen=True)
class Province:
    name: str
    type: str  # "tỉnh" | "thành phố"
    code: str
    sets: frozenset[str]  # {"63"}, {"34"} or both
    successor: str
    aliases: tuple[str, ...]
    bare: bool

    @property
    def canonical(self) -> str:
        """The unit's name in canonical names: "tỉnh Nghệ An", "thành phố Cần Thơ"."""
        return f"{self.type} {self.name}"


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    return tuple(
        Province(
            name=r["name"], type=r["type"], code=r["code"], sets=frozenset(r["sets"].split()),
            successor=r["successor"], aliases=split_forms(r["aliases"]), bare=r["bare"] == "yes",
        )
        for r in read_table("provinces.tsv")
    )


@lru_cache(maxsize=1)
def provinces_by_key() -> dict[str, Province]:
    """Every spelling of every province, keyed by `name_key`."""
    out: dict[str, Province] = {}
    for p in provinces():
        for form in (p.name, *p.aliases):
            out[lookup_key(form)] = p
    return out


def successor(name: str) -> Province | None:
    """The unit that holds a province's territory since 1 July 2025."""
    p = provinces_by_key().get(lookup_key(name))
    return provinces_by_key().get(lookup_key(p.successor)) if p else None
