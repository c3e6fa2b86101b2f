"""What is settled once all of an article's figures are read: a count that names no form and
the sentence after it spells one out ("Cụ thể, …"), stated totals (a count whose parts follow
it, a lead count that the body breaks down), and repeats (each figure once, at its first
mention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .award_anchors import DANH_HIEU, PARTS
from .award_forms import AwardMention
from .gazetteer import lookup_key
from .names import clean
from .sentences import paragraphs
from .textview import TextView
from .types import AwardFigure

Span = tuple[int, int]


@dataclass(frozen=True)
class Found:
    figure: AwardFigure
    group: int
    award_key: str
    generic: bool


def lead_end(view: TextView) -> int:
    """End of the lead: the first paragraph, and the next one (the sapo) too when the first
    is a headline (short, no final stop) and a body follows them."""
    paras = paragraphs(view.norm)
    if not paras:
        return 0
    end = paras[0][1]
    first = view.norm[paras[0][0]:paras[0][1]]
    if len(paras) > 2 and len(first) <= 250 and not first.rstrip().endswith((".", "!", "?")):
        end = paras[1][1]
    return end


_SPECIFICS = re.compile(r"[ \t]*(?:cụ[ \t]+thể|theo[ \t]+đó)[ \t]*[,:]")


def specified(view: TextView, sentences: list[Span], mentions: list[AwardMention],
              found: list[Found]) -> list[Found]:
    """"… hồ sơ đề nghị khen thưởng cấp Nhà nước 7 cá nhân. Cụ thể, đề nghị tặng Huân
    chương Lao động hạng Ba cho ông A, bà B …": a count that names no form takes the one
    form of the sentence that spells it out ("Cụ thể,", "Theo đó,"), when that sentence has
    no counts of its own."""
    out = list(found)
    starts = {view.to_orig(s): i for i, (s, _) in enumerate(sentences)}
    counted = {f.figure.sentence_start for f in found}
    for i, f in enumerate(out):
        k = starts.get(f.figure.sentence_start)
        if not f.generic or k is None or k + 1 >= len(sentences):
            continue
        n_start, n_end = sentences[k + 1]
        if view.to_orig(n_start) in counted or not _SPECIFICS.match(view.low, n_start):
            continue
        named = {lookup_key(m.canonical): m for m in mentions if n_start <= m.start < n_end}
        if len(named) != 1:
            continue
        (m,) = named.values()
        text = DANH_HIEU.sub("", clean(view.norm[m.start:m.end]))
        out[i] = replace(f, figure=replace(f.figure, award=text,
                                           level=m.level or f.figure.level),
                         award_key=lookup_key(text), generic=False)
    return out


#: "5 tập thể (hạng Nhất 1 tập thể, …)": parts in parentheses, perhaps after a few words.
_PARENPARTS = re.compile(r"[ \t]*\([^()\d;]{0,20}")


def mark_part_totals(view: TextView, found: list[Found]) -> list[Found]:
    """A count whose parts follow it ("46 đảng viên, trong đó có 2 …, 14 … và 30 …") and add
    up to it is a stated total."""
    out = list(found)
    for i, f in enumerate(out):
        fig = f.figure
        rest = [g for g in out[i + 1:] if g.figure.sentence_start == fig.sentence_start]
        if not rest:
            continue
        gap = view.low[view.to_view(fig.end):view.to_view(rest[0].figure.start)]
        if not (PARTS.fullmatch(gap) or _PARENPARTS.fullmatch(gap)):
            continue
        total = 0
        for g in rest:
            total += g.figure.count
            if total >= fig.count:
                break
        if total == fig.count:
            out[i] = replace(f, figure=replace(fig, is_total=True))
    return out


def mark_lead_totals(view: TextView, found: list[Found]) -> list[Found]:
    """A lead figure equal to the sum of a group of body figures ("141 tập thể, cá nhân"
    = 19 + 122), of the figures of one body sentence, or of all body figures of its status,
    is a stated total. A total that names no form ("tôn vinh 80 doanh nghiệp") takes the
    form of its parts when they share one."""
    end = view.to_orig(lead_end(view))
    body = [f for f in found if f.figure.start >= end]
    sums: dict[tuple[int, str], list[Found]] = {}

    def add(members: list[Found]) -> None:
        if len(members) > 1:
            sums.setdefault((sum(f.figure.count for f in members), members[0].figure.status),
                            members)

    by_group: dict[int, list[Found]] = {}
    by_sentence: dict[int, list[Found]] = {}
    for f in body:
        by_group.setdefault(f.group, []).append(f)
        # "… trao Huân chương … cho 4 cá nhân; trao Cờ thi đua … cho 3 tập thể và …": the
        # sentence that breaks the lead's count down
        by_sentence.setdefault(f.figure.sentence_start, []).append(f)
    for members in [*by_group.values(), *by_sentence.values()]:
        add(members)
    for status in {f.figure.status for f in body}:
        add([f for f in body if f.figure.status == status])
    out = []
    for f in found:
        fig = f.figure
        parts = sums.get((fig.count, fig.status))
        if fig.start < end and parts and not fig.is_total:
            fig = replace(fig, is_total=True)
            keys = {p.award_key for p in parts}
            if f.generic and len(keys) == 1 and not parts[0].generic:
                first = parts[0].figure
                fig = replace(fig, award=first.award, level=first.level or fig.level,
                              giver=first.giver or fig.giver)
                f = replace(f, award_key=parts[0].award_key, generic=False)
            f = replace(f, figure=fig)
        out.append(f)
    return out


def _same(a: Found, b: Found) -> bool:
    fa, fb = a.figure, b.figure
    if (fa.count, lookup_key(fa.recipient_kind), fa.status) != (
        fb.count, lookup_key(fb.recipient_kind), fb.status
    ):
        return False
    if fa.level and fb.level and fa.level != fb.level:
        return False
    if a.generic or b.generic:
        return True
    return a.award_key.startswith(b.award_key) or b.award_key.startswith(a.award_key)


def once(found: list[Found]) -> list[AwardFigure]:
    """Each figure once per article, at its first mention."""
    kept: list[Found] = []
    for f in found:
        same = next((i for i, k in enumerate(kept) if _same(f, k)), None)
        if same is None:
            kept.append(f)
        elif kept[same].generic and not f.generic:
            # "Hải Phòng tôn vinh 80 doanh nghiệp" then "… tặng Bằng khen cho 80 doanh
            # nghiệp": the first mention, with the form a later one names
            k = kept[same]
            kept[same] = replace(k, figure=replace(
                k.figure, award=f.figure.award, level=f.figure.level or k.figure.level,
                giver=f.figure.giver or k.figure.giver), award_key=f.award_key, generic=False)
    return [k.figure for k in kept]
