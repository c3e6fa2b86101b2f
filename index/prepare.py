"""A parsed query made ready for any backend, once, inside every store call.

Every store runs `prepare` at the top of `search`, `iter_hits`, `figures` and
`figure_sums`, so `store.search(parse(q))` from Python answers exactly what
`newsmon search q` answers, whatever the backend:

- `unit:` and `place:` values are resolved to name keys: the canonical spelling of
  the typed name (case, diacritics and abbreviations such as UBND, TP, HĐND or
  Sở GD&ĐT ignored, `nlp.lookup.canonical_unit`) and the name as typed.
- A current province also names the provinces merged into it on 1 July 2025:
  articles before that date name the old ones. A search for an old province finds
  only it.
- Plain words that spell a whole name the lexicons know ("Đồng Tháp", "Quốc hội",
  "UBND TP Cần Thơ") are searched as a phrase, not as words anywhere in the
  article; a local body also as its canonical name.

And `prepare_figures` reads the labels the output shows ("cấp tỉnh", "đề nghị")
in a figure filter as well as the English words.
"""

from __future__ import annotations

from dataclasses import replace

from newsmon.index.query import And, Field, Not, Or, Phrase, Query, QueryError, Term
from newsmon.index.store import FigureFilter
from newsmon.nlp.lookup import former_unit_keys, known_name, known_unit, unit_key
from newsmon.nlp.normalize import name_key

NAME_FIELDS = ("unit", "place")
_LONGEST_NAME = 10

STATUSES = {"awarded": "awarded", "proposed": "proposed", "target": "target"}
STATUS_LABELS = {
    "da trao": "awarded", "duoc trao": "awarded", "da tang": "awarded", "trao": "awarded",
    "de nghi": "proposed", "duoc de nghi": "proposed", "chi tieu": "target",
    "muc tieu": "target",
}


def prepare(node: Query) -> Query:
    """The query with names resolved and known names made phrases. Idempotent: a
    prepared tree is returned unchanged."""
    if isinstance(node, And):
        items = tuple(prepare(i) for i in _phrases(node.items))
        return items[0] if len(items) == 1 else And(items)
    if isinstance(node, Or):
        return Or(tuple(prepare(i) for i in node.items))
    if isinstance(node, Not):
        return Not(prepare(node.item))
    if isinstance(node, Field) and node.name in NAME_FIELDS and not node.keys:
        return replace(node, keys=name_keys(node.value))
    return node


def prepare_figures(flt: FigureFilter) -> FigureFilter:
    """A figure filter with its query prepared and its level and status read."""
    return replace(flt, query=prepare(flt.query),
                   level=level_key(flt.level) if flt.level else None,
                   status=status_value(flt.status) if flt.status else None)


def name_keys(value: str) -> tuple[str, ...]:
    """Keys a unit or place typed as `value` may be stored under (any contains one):
    its canonical spelling, the name as typed, and the same with each former province."""
    canonical = unit_key(value)
    keys = [canonical, name_key(value), *former_unit_keys(canonical)]
    return tuple(k for k in dict.fromkeys(keys) if k)


def _phrases(items: tuple[Query, ...]) -> tuple[Query, ...]:
    """Runs of adjacent words that spell a known name, as one phrase each (longest
    first, left to right). A local body is its phrase as typed or its canonical name
    ("UBND TP Cần Thơ" also finds "Ủy ban nhân dân thành phố Cần Thơ")."""
    out: list[Query] = []
    i = 0
    while i < len(items):
        for n in range(min(_LONGEST_NAME, len(items) - i), 1, -1):
            run = items[i:i + n]
            if not all(isinstance(t, Term) for t in run):
                continue
            words = tuple(t.text for t in run)  # type: ignore[union-attr]
            name = _name(words)
            if name is not None:
                out.append(name)
                i += n
                break
        else:
            out.append(items[i])
            i += 1
    return tuple(out)


def _name(words: tuple[str, ...]) -> Query | None:
    typed = Phrase(" ".join(words))
    if known_name(words):
        return typed
    canonical = known_unit(words)
    if canonical is None:
        return None
    if name_key(canonical) == name_key(typed.text):
        return typed
    return Or((typed, Phrase(canonical)))


def level_key(level: str) -> str:
    """The key of a figure level as typed or as shown ("cấp tỉnh" → "tinh")."""
    key = name_key(level)
    return key[4:] if key.startswith("cap ") else key


def status_value(status: str) -> str:
    """The stored status of one typed in English or as shown ("đề nghị" → "proposed");
    a QueryError naming the accepted words for anything else."""
    key = name_key(status)
    found = STATUSES.get(key) or STATUS_LABELS.get(key)
    if found is None:
        raise QueryError("unknown figure status: write awarded (đã trao), proposed "
                         "(đề nghị) or target (chỉ tiêu)", 0, status,
                         code="unknown_status", value=status)
    return found
