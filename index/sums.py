"""Honest sums of award figures: what `figures --sum-by` adds up.

Three rules keep a sum to what was really reported: different recipient kinds
(tập thể, cá nhân, hộ, lượt…) are never added into one number; a stated total
is left out when its parts are reported in the same article (and used when
they are not); and a story reprinted by several outlets counts once, with the
figures of one copy (its original when that copy matched, see
`index.stories.original_order`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from newsmon.index.store import FigureRow, FigureSum
from newsmon.index.stories import TTXVN_SOURCES
from newsmon.nlp.normalize import name_key


def _copy_order(row: FigureRow) -> tuple:
    return (row.source not in TTXVN_SOURCES, row.published_at is None,
            row.published_at or "", row.article_id)


def one_copy(rows: list[FigureRow], story_of: dict[str, str]) -> list[FigureRow]:
    """The figures of one copy per story: the original when it is among the rows."""
    copies: dict[str, FigureRow] = {}
    for row in rows:
        story = story_of.get(row.article_id, row.article_id)
        if story not in copies or _copy_order(row) < _copy_order(copies[story]):
            copies[story] = row
    chosen = {row.article_id for row in copies.values()}
    return [r for r in rows if r.article_id in chosen]


def counted(rows: list[FigureRow], story_of: dict[str, str]) -> list[FigureRow]:
    """The figures a sum adds: one copy per story, totals only without their parts."""
    kept = one_copy(rows, story_of)
    parts = {(r.article_id, r.status) for r in kept if not r.is_total}
    return [r for r in kept if not r.is_total or (r.article_id, r.status) not in parts]


def honest_sums(rows: list[FigureRow], by: str, story_of: dict[str, str],
                unit_of: Callable[[str], str]) -> list[FigureSum]:
    """Sums grouped by `by` and by recipient kind, largest first. `unit_of` gives
    an article's main unit (only asked when `by` is "unit")."""
    label: Callable[[FigureRow], str] = {
        "unit": lambda r: unit_of(r.article_id),
        "level": lambda r: r.level,
        "award": lambda r: r.award,
        "status": lambda r: r.status,
        "source": lambda r: r.source,
    }[by]
    groups: dict[tuple[str, str], list[FigureRow]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for row in counted(rows, story_of):
        name = label(row)
        key = (name_key(name) if by in ("unit", "level", "award") else name, row.recipient_kind)
        groups[key].append(row)
        names[key] = min(names.get(key, name), name)
    sums = [FigureSum(names[key], sum(r.count for r in found), len(found),
                      len({r.article_id for r in found}), kind=key[1])
            for key, found in groups.items()]
    return sorted(sums, key=lambda s: (-s.total, s.key, s.kind))
