"""What a count may be tied to: an award form named in the text, or a word of commendation
("khen thưởng", "danh hiệu"); and the forms the text names without a form's own words: a
quoted name ("tặng “Đơn vị dẫn đầu phong trào thi đua” cho 31 tập thể"), a grade alone after
an order ("…hạng Nhì cho 2 tập thể, hạng Ba cho 5 tập thể"), and the form an honour-only verb
goes on with ("Quyết định số …, truy tặng 19 cá nhân").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .award_forms import AwardMention, capitalised_name
from .names import clean
from .textview import TextView


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    mention: AwardMention | None  # None: a commendation word ("khen thưởng")
    text: str = ""  # the award as written, when it is not the anchor's own span

    @property
    def named(self) -> bool:
        """Whether the anchor names a form (not only "khen thưởng", "danh hiệu")."""
        return self.mention is not None or bool(self.text)


DANH_HIEU = re.compile(r"^danh hiệu\s+", re.IGNORECASE)
_QUOTED_AFTER = re.compile(
    r'(?<!\w)(?:danh[ \t]+hiệu|tặng|cờ|công[ \t]+nhận|đạt)'
    r'(?:[ \t]+vinh[ \t]+dự[ \t]+nhà[ \t]+nước)?[ \t]*"([^"\n]{3,80})"')
#: Verbs that only confer honours (a plain "tặng" or "trao" may hand over gifts).
_DANH_HIEU_AT = re.compile(r"(?<!\w)danh[ \t]+hiệu(?:[ \t]+vinh[ \t]+dự[ \t]+nhà[ \t]+nước)?")
_AWARD_VERB = re.compile(
    r"(?<!\w)(?:phong[ \t]+tặng|truy[ \t]+tặng|tặng[ \t]+thưởng)(?:[ \t]+cho)?[ \t]+(?=\d)")
_CARRY_REACH = 1000  # chars from the last named form to a verb that goes on with it


def named_anchors(view: TextView, start: int, end: int,
                  anchors: list[Anchor]) -> list[Anchor]:
    """Quoted names given as awards ("tặng “Đơn vị dẫn đầu phong trào thi đua” cho 31 tập
    thể", "Cờ “Đơn vị xuất sắc …” của Chính phủ"): the form is the quoted name."""
    out = []
    for m in _QUOTED_AFTER.finditer(view.low, start, end):
        if any(a.mention is not None and a.start < m.end() and m.start(1) < a.end
               for a in anchors):
            continue
        out.append(Anchor(m.start(1), m.end(), None, clean(view.norm[m.start(1):m.end(1)])))
    for m in _DANH_HIEU_AT.finditer(view.low, start, end):
        # "danh hiệu Công dân Thủ đô ưu tú": a title the lexicon does not know, by its capital
        if any(a.start < m.end() + 2 and m.start() < a.end
               for a in [*anchors, *out] if a.named):
            continue
        name_end, name = capitalised_name(view, m.end())
        if name:
            out.append(Anchor(m.start(), name_end, None, name))
    return out


_BARE_GRADE = re.compile(r"(?<!\w)hạng[ \t]+(nhất|nhì|ba|iii|ii|i)(?!\w)")


def grade_anchors(view: TextView, start: int, end: int,
                  anchors: list[Anchor]) -> list[Anchor]:
    """A grade alone after an order named in the sentence is that order of that grade:
    "Huân chương Lao động hạng Nhì cho 2 tập thể, hạng Ba cho 5 tập thể", "Huân chương Lao
    động các hạng cho 5 tập thể (hạng Nhất 1 tập thể, …)"."""
    out: list[Anchor] = []
    for m in _BARE_GRADE.finditer(view.low, start, end):
        if any(a.start <= m.start() < a.end for a in anchors):
            continue
        orders = [a for a in anchors if a.mention is not None and a.end <= m.start()
                  and a.mention.form.startswith("Huân chương") and a.mention.form != "Huân chương"]
        if not orders:
            continue
        last = orders[-1]
        base = re.sub(r"\s+(?:hạng\s+\S+|các\s+hạng)$", "", last.mention.canonical)
        grade = view.norm[m.start(1):m.end(1)]
        out.append(Anchor(m.start(), m.end(), last.mention, f"{base} hạng {grade}"))
    return out


def carried_anchors(view: TextView, mentions: list[AwardMention], start: int, end: int,
                    anchors: list[Anchor]) -> list[Anchor]:
    """An award verb with a count and no form ("Quyết định số …, truy tặng 19 cá nhân") goes
    on with the form the text last named: the sentence continues the one that named it."""
    if any(a.named for a in anchors):
        return []
    earlier = [m for m in mentions if m.end <= start and start - m.end <= _CARRY_REACH]
    if not earlier:
        return []
    last = earlier[-1]
    text = DANH_HIEU.sub("", clean(view.norm[last.start:last.end]))
    return [Anchor(m.start(), m.end(), last, text)
            for m in _AWARD_VERB.finditer(view.low, start, end)]


#: "cho 5 lao động nước ngoài, trong đó có 4 …": the parts of a count take its award.
PARTS = re.compile(r"[^\d;:.()\"]{0,40}?[,(:]?[ \t]*(?:trong[ \t]+đó|gồm|bao[ \t]+gồm)"
                   r"(?:[ \t]+có)?[ \t]*:?[ \t]*")
