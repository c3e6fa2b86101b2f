"""The status a passage sets for the figures under it, when their own clause says nothing.

Vietnamese commendation news often states the status once, in a heading or a lead, and
then lists forms and counts with plain verbs ("tặng", "truy tặng") or none at all:

    Hội đồng Thi đua - Khen thưởng huyện họp xét khen thưởng năm 2024
    ... thống nhất: Tặng danh hiệu Lao động tiên tiến cho 1.780 cá nhân; ...

Everything on that list is a proposal: the council reviews, it does not confer. Likewise a
public consultation ("lấy ý kiến Nhân dân đối với ...") or a list "đề nghị ... khen thưởng,
cụ thể:". A scope opens at such a passage and closes where the text re-opens an awarded
context: a decision signed ("ký quyết định"), something handed over ("đã trao", "trao
tặng"), a ceremony ("lễ ...", "tại buổi lễ", "đón nhận").

How far a scope reaches follows how articles are built: opened in the headline or the lead
(`lead_end`), it governs the whole article; opened in the body, it governs its own
paragraph and the list lines (bullets, "1.", "a)") right after it.

A figure's own clause still wins ("đã tặng" under a proposal heading is awarded, and so
is "đã có 5 tập thể được phong tặng", `realized`): the scope only fills in the default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]

_W = r"(?:[ \t]+\S+)"  # one more word
_COMMEND = (r"(?:khen[ \t]+thưởng|tặng|truy[ \t]+tặng|phong[ \t]+tặng|danh[ \t]+hiệu|"
            r"huân[ \t]+chương|huy[ \t]+chương|bằng[ \t]+khen|cờ[ \t]+thi[ \t]+đua|"
            r"giấy[ \t]+khen)")

#: Passages that put what follows under review (on `TextView.low`): a council meeting, a
#: review, a public consultation, a list of proposals. They govern the article when they are
#: its headline or lead, else their paragraph.
_REVIEW = re.compile(
    r"(?<!\w)(?:"
    r"(?:họp|bình|xem)[ \t]+xét(?:[ \t]*,[ \t]*đề[ \t]+nghị)?" + _W + r"{0,3}?[ \t]+" + _COMMEND
    + r"|(?:để|tiến[ \t]+hành)[ \t]+xét[ \t]+" + _COMMEND
    + r"|xét[ \t]*,[ \t]*đề[ \t]+nghị"
    + r"|xét[ \t]+(?:tặng|khen[ \t]+thưởng|thi[ \t]+đua)"
    + r"|xét[ \t]+duyệt" + _W + r"{0,4}?[ \t]+" + _COMMEND
    + r"|lấy[ \t]+ý[ \t]+kiến[ \t]+(?:nhân[ \t]+dân|dư[ \t]+luận)"
    + r"|danh[ \t]+sách(?:[ \t]+\S+){0,6}?[ \t]+(?:được[ \t]+)?đề[ \t]+nghị"
    + r"|(?:thống[ \t]+nhất|thông[ \t]+qua)[ \t]+đề[ \t]+nghị"
    + r"|họp[ \t]+hội[ \t]+đồng[ \t]+thi[ \t]+đua"
    # the council as the subject of a meeting: "Hội đồng Thi đua - Khen thưởng tỉnh họp …"
    + r"|hội[ \t]+đồng[ \t]+thi[ \t]+đua(?:[ \t]*[-,]?[ \t]*khen[ \t]+thưởng)?"
    + _W + r"{0,3}?[ \t]+(?:đã[ \t]+)?họp"
    # a vote on commendation, or on the list it introduces ("biểu quyết thông qua: …")
    + r"|(?:biểu[ \t]+quyết|bỏ[ \t]+phiếu)(?=[^.;\n]{0,60}?(?:" + _COMMEND
    + r"|danh[ \t]+sách)|[^.;\n]{0,30}?:)"
    + r")(?!\w)"
)
#: A proposal made in one sentence ("đề nghị Thủ tướng tặng …", "trình Chủ tịch nước xét
#: tặng …"): it governs the rest of its sentence, and the list its sentence introduces (":"),
#: not the article. Each names commendation near the cue, so that "đề nghị các cấp tiếp tục
#: …" in a speech governs nothing.
_PROPOSAL = re.compile(
    r"(?<!\w)(?:"
    r"đề[ \t]+nghị" + _W + r"{0,5}?[ \t]+" + _COMMEND
    + r"|(?<!chương[ \t])(?<!quy[ \t])(?<!tiến[ \t])(?<!lộ[ \t])(?<!công[ \t])trình"
    + r"(?![ \t]+(?:bày|diễn|độ|chiếu|tự))" + _W + r"{0,5}?[ \t]+(?:xét[ \t]+)?" + _COMMEND
    + r")(?!\w)"
)
#: Passages that re-open an awarded context.
_AWARDED = re.compile(
    r"(?<!\w)(?:ký[ \t]+quyết[ \t]+định|đã[ \t]+trao|trao[ \t]+tặng|đã[ \t]+tặng|"
    r"lễ[ \t]+(?:trao|đón|công[ \t]+bố|tuyên[ \t]+dương|kỷ[ \t]+niệm|tổng[ \t]+kết)|"
    r"(?:tại|trong)[ \t]+(?:buổi[ \t]+)?lễ|"
    r"đón[ \t]+nhận|vinh[ \t]+dự[ \t]+nhận)(?!\w)"
)
#: A clause that says its award was given: "đã được Chủ tịch nước tặng", "được phong tặng",
#: "đón nhận", "vinh dự nhận". Proposal words inside ("được đề nghị tặng") rule it out.
_REALIZED = re.compile(
    r"(?<!\w)(?:(?:đã|được)(?:[ \t]+(?!đề[ \t]nghị|xét|trình)\S+){0,6}?[ \t]+"
    r"(?:trao[ \t]+tặng|phong[ \t]+tặng|truy[ \t]+tặng|tặng|trao|khen[ \t]+thưởng|công[ \t]+nhận)"
    r"|đón[ \t]+nhận|vinh[ \t]+dự[ \t]+nhận|được[ \t]+nhận|đã[ \t]+nhận)(?!\w)")
_LIST_LINE = re.compile(r"[ \t]*(?:[-+•*]|\d{1,2}[.)]|[a-zđ][)])[ \t]")


@dataclass(frozen=True)
class Scope:
    """From `start` (view offset) to `end`, figures default to `status`; `cue` is the span
    of the passage that says so."""

    start: int
    end: int
    status: str
    cue: Span


def _paragraph_end(low: str, pos: int) -> int:
    """End of the paragraph holding `pos`, and of the list lines right after it."""
    end = low.find("\n", pos)
    end = len(low) if end < 0 else end
    while end < len(low):
        nxt = end
        while nxt < len(low) and low[nxt] == "\n":
            nxt += 1
        if nxt >= len(low) or not _LIST_LINE.match(low, nxt):
            break
        end = low.find("\n", nxt)
        end = len(low) if end < 0 else end
    return end


def scopes(low: str, sentences: list[Span], lead_end: int) -> list[Scope]:
    """The status scopes of an article, in text order, not overlapping: a cue ends the scope
    before it (a scope that goes on under a nearer cue keeps its reach)."""
    out: list[Scope] = []
    for s_start, s_end in sentences:
        review = list(_REVIEW.finditer(low, s_start, s_end))
        proposed = sorted([*review, *(m for m in _PROPOSAL.finditer(low, s_start, s_end)
                                      if not any(r.start() <= m.start() < r.end()
                                                 for r in review))],
                          key=lambda m: m.start())
        # "đề nghị trao tặng": the handing over is what is proposed
        awarded = [m for regex in (_AWARDED, _REALIZED) for m in regex.finditer(low, s_start, s_end)
                   if not any(p.start() <= m.start() < p.end() for p in proposed)]
        if not proposed and not awarded:
            continue
        last_proposed = proposed[-1].start() if proposed else -1
        last_awarded = max(m.start() for m in awarded) if awarded else -1
        if last_proposed > last_awarded:
            m, status = proposed[0], "proposed"
        else:
            m, status = max(awarded, key=lambda a: a.start()), "awarded"
        reach = 0
        if out and out[-1].end > m.start():
            reach = out[-1].end
            out[-1] = Scope(out[-1].start, m.start(), out[-1].status, out[-1].cue)
        if status == "awarded":
            continue  # the default (awarded) needs no scope; it only ends the one before
        if review and s_start < lead_end:
            end = len(low)
        elif review or low[s_start:s_end].rstrip().endswith(":"):
            end = _paragraph_end(low, s_end)
        else:
            end = s_end
        # figures before the cue in its own sentence are not under it
        out.append(Scope(m.start(), max(end, reach), status, (m.start(), m.end())))
    return out


def realized(low: str, start: int, end: int) -> Span | None:
    """The span of the last words in `low[start:end]` that say an award was given."""
    found = None
    for m in _REALIZED.finditer(low, start, end):
        found = (m.start(), m.end())
    return found


def scope_at(found: list[Scope], pos: int) -> Scope | None:
    """The scope that governs view offset `pos`, if any."""
    for s in found:
        if s.start <= pos < s.end:
            return s
    return None
