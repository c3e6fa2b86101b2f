"""Finding lexicon phrases in a `TextView`.

Phrases are compiled into one regex over `TextView.low`, factored as a trie (Python's `re`
tries the branches of a plain alternation one by one, which was most of the run time), with
word boundaries and tolerant spacing around dashes; the longest entry wins at a position.
Case is checked afterwards on `TextView.norm`: abbreviations must be written as listed
("UBND", "TP", "Tp"), and names may be required to start with a capital.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from .gazetteer import lookup_key
from .textview import TextView, match_form

V = TypeVar("V")

_SPACE = r"[ \t]+"


def _atoms(phrase: str) -> list[str]:
    """Regex pieces, one per character of the phrase's `low` form, spaces and dashes made
    tolerant, with word boundaries where the phrase starts or ends with a letter or digit."""
    form = match_form(phrase.strip())
    atoms: list[str] = [r"(?<!\w)"] if re.match(r"\w", form) else []
    for tok in re.split(r"(\s*-\s*|\s+)", form):
        if not tok:
            continue
        if tok.strip() == "-":
            atoms.append(r"[ \t]*-[ \t]*")
        elif tok.isspace():
            atoms.append(_SPACE)
        else:
            atoms.extend(re.escape(ch) for ch in tok)
    if re.search(r"\w$", form):
        atoms.append(r"(?!\w)")
    return atoms


def trie_pattern(phrases: Iterable[str]) -> str:
    """One regex for many phrases, factored by common prefixes (a trie), so that matching
    costs little more than for one phrase; at a position the longest phrase wins."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[""] = {}

    def gen(node: dict[str, dict]) -> str:
        # a phrase's closing boundary is tried last, so that longer phrases win
        atoms = sorted((a for a in node if a), key=lambda a: a == r"(?!\w)")
        alts = [atom + gen(node[atom]) for atom in atoms]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return gen(trie) or r"(?!x)x"


def is_abbreviation(token: str) -> bool:
    """Upper case after the first letter, or a final dot, marks an abbreviation ("UBND",
    "TP.", "Tp.", "ThS.", "GD&ĐT"): these are matched as written, not case-insensitively."""
    return any(c.isupper() for c in token[1:]) or token.endswith(".")


def case_ok(form: str, written: str, capital: bool) -> bool:
    """Whether `written` (from `norm`) has the case `form` asks for."""
    ftoks, wtoks = form.split(), written.split()
    if len(ftoks) == len(wtoks):
        for f, w in zip(ftoks, wtoks, strict=True):
            if is_abbreviation(f) and f.rstrip(".") != w.rstrip("."):
                return False
    elif any(is_abbreviation(f) for f in ftoks) and form.replace(" ", "") != written.replace(
        " ", ""
    ):
        return False
    return not capital or written[:1].isupper()


@dataclass(frozen=True)
class Hit(Generic[V]):
    start: int
    end: int
    form: str
    value: V


class PhraseMatcher(Generic[V]):
    """Finds any of a set of phrases; each phrase carries a value."""

    def __init__(self, entries: Iterable[tuple[str, V]], capital: bool = False) -> None:
        self._by_key: dict[str, list[tuple[str, V]]] = {}
        for form, value in entries:
            self._by_key.setdefault(lookup_key(form), []).append((form, value))
        forms = sorted({f for group in self._by_key.values() for f, _ in group})
        self._capital = capital
        self.regex = re.compile(trie_pattern(forms))

    def _hits(self, view: TextView, m: re.Match[str]) -> list[Hit[V]]:
        written = view.norm[m.start():m.end()]
        return [
            Hit(m.start(), m.end(), form, value)
            for form, value in self._by_key.get(lookup_key(written), ())
            if case_ok(form, written, self._capital)
        ]

    def finditer_all(
        self, view: TextView, start: int = 0, end: int | None = None
    ) -> Iterator[list[Hit[V]]]:
        """Every entry (not only the first) that the text at each match spells."""
        end = len(view.low) if end is None else end
        pos = start
        while (m := self.regex.search(view.low, pos, end)) is not None:
            hits = self._hits(view, m)
            if hits:
                yield hits
                pos = max(m.end(), m.start() + 1)
            else:  # written in the wrong case ("Chính ủy Ban …"): look again one further
                pos = m.start() + 1

    def finditer(self, view: TextView, start: int = 0, end: int | None = None) -> Iterator[Hit[V]]:
        for hits in self.finditer_all(view, start, end):
            yield hits[0]

    def match_all(self, view: TextView, pos: int) -> list[Hit[V]]:
        """Every entry that the text starting exactly at `pos` spells (longest match)."""
        m = self.regex.match(view.low, pos)
        return self._hits(view, m) if m else []

    def match(self, view: TextView, pos: int) -> Hit[V] | None:
        """A phrase starting exactly at `pos`."""
        m = self.regex.match(view.low, pos)
        hits = self._hits(view, m) if m else []
        return hits[0] if hits else None


def skip_space(text: str, pos: int) -> int:
    """Position after spaces and tabs (never across a line break)."""
    n = len(text)
    while pos < n and text[pos] in " \t":
        pos += 1
    return pos
