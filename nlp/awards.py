"""Award figures: how many recipients of which kind got (or are proposed for, or aimed at)
which award, with the sentence that says so.

A figure is a count directly followed by a recipient noun ("19 tập thể", "6.619 lượt",
"hai cá nhân"; in the pipeline found by spaCy matchers over the tokens, `figure_matcher`;
`_counts` is the same reading as a regex, for callers without a Doc), in a sentence that
speaks of commendation (an award form, or "khen thưởng",
"biểu dương", "danh hiệu", ...), and tied to it in one of two ways:

- after the award: "tặng Bằng khen cho 32 tập thể", "khen thưởng 5 cá nhân";
- before it: "19 tập thể, 122 cá nhân được nhận các hình thức khen thưởng cấp Nhà nước".

Counts joined by commas or "và" share their award. Anything else that looks like a count
(decision numbers, dates, ratios, money, percentages, delegates, households affected by a
storm, gifts) is not a figure: either no recipient noun follows it, or nothing ties it to
an award. A figure the article repeats (the lead restating the body) is kept once, at its
first mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .award_forms import LEVEL_TAIL, AwardMention, giver_at, giver_titles, level_of_phrase
from .entities import Reading
from .gazetteer import lookup_key, read_list, read_table
from .matching import trie_pattern
from .names import clean
from .numbers import COUNT, parse_count
from .places import place_at
from .sentences import paragraphs
from .textview import TextView
from .types import AwardFigure

Span = tuple[int, int]

_MAX_GAP_BEFORE = 60  # chars between an award and "cho 32 tập thể"
_MAX_WORDS_TO_LINK = 15  # words between "19 tập thể" and "được"
_MAX_WORDS_LINK_TO_AWARD = 12  # words between "được" and the award


def _alternation(phrases: list[str]) -> str:
    return "(?:" + trie_pattern(phrases) + ")"


@lru_cache(maxsize=1)
def _figure_re() -> re.Pattern[str]:
    rows = read_table("recipient_kinds.tsv")
    kinds = _alternation([r["kind"] for r in rows])
    pairs = _alternation([r["kind"] for r in rows if r["pairs"] == "yes"])
    return re.compile(
        rf"(?P<num>{COUNT})[ \t]+(?P<kind>{kinds})"
        rf"(?:(?:[ \t]*,[ \t]*|[ \t]+và[ \t]+)(?P<kind2>{pairs}))?"
    )


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern[str]]:
    rows = read_table("commendation_cues.tsv")
    by_role: dict[str, list[str]] = {}
    for r in rows:
        by_role.setdefault(r["role"], []).append(r["cue"])
    return {
        "gate": re.compile(_alternation(by_role["gate"])),
        # "tặng Bằng khen cho 32 …", "… cho tổng cộng 1.246 lượt …"; or a list item
        # "Cờ thi đua của Chính phủ: 2 tập thể" (the form, a colon, the counts).
        "link_before": re.compile(
            r"(?:" + _alternation(by_role["link_before"]) + r"[ \t]*)?:?[ \t]*"
            r"(?:(?:tổng cộng|tổng số|tất cả|cả thảy)[ \t]+)?$"),
        "link_after": re.compile(_alternation(by_role["link_after"])),
        "gift": re.compile(_alternation(list(read_list("gift_words.txt")))),
    }


@lru_cache(maxsize=1)
def _status_cues() -> tuple[re.Pattern[str], dict[str, tuple[str, set[str], set[str]]]]:
    rows = read_table("status_cues.tsv")
    info = {
        lookup_key(r["cue"]): (
            r["status"],
            {w.strip() for w in r["not_after"].split(";") if w.strip()},
            {w.strip() for w in r["not_before"].split(";") if w.strip()},
        )
        for r in rows
    }
    return re.compile(_alternation([r["cue"] for r in rows])), info


_GIVE_VERB = re.compile(
    r"[ \t]+(?:đã[ \t]+)?(?:ký[ \t]+quyết[ \t]+định(?:[ \t]+số[ \t]+\S+)?[ \t]+)?"
    r"(?:trao[ \t]+tặng|truy[ \t]+tặng|phong[ \t]+tặng|tặng|trao|khen[ \t]+thưởng)(?!\w)"
)
_RECIPIENT = re.compile(r"[ \t]+(?:của|thuộc|trong)[ \t]+")
_TOTAL = re.compile(r"(?<!\w)(?:tổng cộng|tổng số|tất cả|cả thảy)(?!\w)|(?<!\w)tổng[ \t]+$")
_YEAR = re.compile(r"(?<!\w)năm[ \t]+((?:19|20)\d\d)(?!\d)")
_NOT_BEFORE_COUNT = {"thứ", "số", "lần", "hạng"}
_GAP_BREAK = re.compile(r"[\d.;!?]")


@dataclass(frozen=True)
class _Count:
    start: int
    end: int
    count: int
    kind: str


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    mention: AwardMention | None  # None: a commendation word ("khen thưởng")


@dataclass(frozen=True)
class _Found:
    figure: AwardFigure
    group: int
    award_key: str
    generic: bool


def _status_at(low: str, start: int, end: int, linking: bool = False) -> str:
    """The status cue nearest the end of `low[start:end]`, or "" if none.

    With `linking` (the words between a count and its award), only "proposed" and "target"
    cues count: "được tặng" there is the plain passive of the award itself."""
    regex, info = _status_cues()
    found = ""
    for m in regex.finditer(low, start, end):
        status, not_after, not_before = info[lookup_key(m.group())]
        before = low[max(0, m.start() - 12):m.start()].split()
        after = low[m.end():m.end() + 12].split()
        if (before and before[-1] in not_after) or (after and after[0] in not_before):
            continue
        if linking and status == "awarded":
            continue
        if status == "proposed" and found == "target":
            # "phấn đấu có 5 tập thể được đề nghị tặng …": the proposal is part of the
            # target the clause sets.
            continue
        if status == "awarded" and found in ("proposed", "target") and m.group().startswith(
                "được"):
            # "phấn đấu có 20 tập thể được tặng …": the passive names the award the
            # target or proposal is about; it does not say that it was given.
            continue
        found = status
    return found


def _counts(view: TextView, start: int, end: int) -> list[_Count]:
    out = []
    for m in _figure_re().finditer(view.low, start, end):
        before = view.low[max(0, m.start() - 8):m.start()].split()
        if before and before[-1] in _NOT_BEFORE_COUNT:
            continue
        value = parse_count(m.group("num"))
        if not value:
            continue
        kind_end = m.end("kind2") if m.group("kind2") else m.end("kind")
        kind = clean(view.norm[m.start("kind"):kind_end])
        out.append(_Count(m.start(), kind_end, value, kind))
    return out


def _groups(view: TextView, counts: list[_Count]) -> list[list[_Count]]:
    """Counts joined by commas or "và" ("19 tập thể, 122 cá nhân") share their award."""
    groups: list[list[_Count]] = []
    for c in counts:
        if groups and re.fullmatch(r"(?:[ \t]+(?:tiêu biểu|xuất sắc|điển hình))?"
                                   r"[ \t]*(?:,[ \t]*)?(?:và[ \t]+)?",
                                   view.low[groups[-1][-1].end:c.start]):
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _words(text: str) -> int:
    return len(text.split())


def _tie_before(view: TextView, anchors: list[_Anchor], clause: Span,
                group: list[_Count]) -> _Anchor | None:
    """An award (or commendation word) right before the counts: "Bằng khen cho 32 ..."."""
    start = group[0].start
    prior = [a for a in anchors if clause[0] <= a.start and a.end <= start]
    if not prior:
        return None
    anchor = max(prior, key=lambda a: (a.end, a.mention is not None))
    gap = view.low[anchor.end:start]
    if len(gap) > _MAX_GAP_BEFORE or _GAP_BREAK.search(gap) or _cues()["gift"].search(gap):
        return None
    if gap.strip() and not _cues()["link_before"].search(gap.rstrip() + " "):
        return None
    return anchor


def _tie_after(view: TextView, anchors: list[_Anchor], clause: Span,
               group: list[_Count], next_start: int) -> _Anchor | None:
    """A link and an award after the counts: "19 tập thể được nhận ... khen thưởng"."""
    end = group[-1].end
    limit = min(clause[1], next_start)
    link = _cues()["link_after"].search(view.low, end, limit)
    if link is None:
        return None
    lead_in = view.low[end:link.start()]
    if _words(lead_in) > _MAX_WORDS_TO_LINK or re.search(r"[\d;]", lead_in):
        return None
    later = [a for a in anchors if a.start >= link.end() and a.end <= limit]
    if not later:
        return None
    anchor = min(later, key=lambda a: a.start)
    if anchor.mention is None:  # "được công nhận danh hiệu Chiến sĩ thi đua ..."
        named = [a for a in later if a.mention is not None and a.start - anchor.end <= 40]
        anchor = named[0] if named else anchor
    between = view.low[link.end():anchor.start]
    if (_words(between) > _MAX_WORDS_LINK_TO_AWARD or re.search(r"[\d,;]", between)
            or _cues()["gift"].search(between)):
        return None
    return anchor


def _sentence_giver(view: TextView, reading: Reading, clause: Span,
                    anchor: _Anchor) -> tuple[str, str]:
    """The giver acting in the clause ("Chủ tịch nước tặng ...", "được UBND tỉnh khen
    thưởng"), the last one before the award if several: (canonical, level), or ("", "")."""
    starts = {h.start for h in giver_titles().finditer(view, *clause)}
    starts |= {o.start for o in reading.orgs if clause[0] <= o.start < clause[1]}
    givers = []
    for pos in sorted(starts):
        g = giver_at(view, pos, reading.org_at)
        if g is not None and _GIVE_VERB.match(view.low, g.end):
            givers.append((pos, g))
    if not givers:
        return "", ""
    before = [(pos, g) for pos, g in givers if g.end <= anchor.start]
    # the latest to end; of givers ending together, the longest ("Thủ tướng Chính phủ")
    _, g = max(before, key=lambda pg: (pg[1].end, -pg[0])) if before else givers[0]
    return g.canonical, g.level


def _award_text(view: TextView, anchor: _Anchor) -> tuple[str, str]:
    """What the figure was awarded as written, and its level as stated."""
    if anchor.mention is not None:
        return clean(view.norm[anchor.start:anchor.end]), anchor.mention.level
    m = LEVEL_TAIL.match(view.low, anchor.end)
    end = m.end() if m else anchor.end
    text = clean(view.norm[anchor.start:end])
    return text, level_of_phrase(text)


def _recipient(view: TextView, reading: Reading, pos: int) -> str:
    m = _RECIPIENT.match(view.low, pos)
    if m is None:
        return ""
    org = reading.org_at(m.end())
    if org is not None:
        return org.canonical
    place = place_at(view, m.end())
    return place.canonical if place is not None else ""


def _clauses(low: str, start: int, end: int) -> list[Span]:
    out, pos = [], start
    for m in re.finditer(";", low[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return out


def find_figures(view: TextView, sentences: list[Span], reading: Reading,
                 counts: list[_Count] | None = None) -> list[AwardFigure]:
    """The article's award figures. `counts` are the count + recipient-kind cores (view
    offsets), as the pipeline's `Matcher` finds them (`figure_matcher`); without them the
    regex below finds them."""
    low = view.low
    mentions = [c.source for c in reading.of_type("AWARD")]
    found: list[_Found] = []
    group_id = 0
    list_status = ""  # what a list's intro line ("…, cụ thể:") says of its items
    for s_start, s_end in sentences:
        line = low[s_start:s_end].strip()
        bullet = line[:1] in _BULLETS
        if not bullet:
            list_status = ""
        if line.endswith(":"):
            list_status = _status_at(low, s_start, s_end)
        anchors = [_Anchor(m.start, m.end, m) for m in mentions if s_start <= m.start < s_end]
        anchors += [_Anchor(m.start(), m.end(), None)
                    for m in _cues()["gate"].finditer(low, s_start, s_end)
                    if not any(a.start <= m.start() < a.end for a in anchors)]
        if not anchors:
            continue
        years = {int(y) for y in _YEAR.findall(low, s_start, s_end)}
        year = years.pop() if len(years) == 1 else None
        in_sentence = (_counts(view, s_start, s_end) if counts is None else
                       [c for c in counts if s_start <= c.start and c.end <= s_end])
        groups = _groups(view, in_sentence)
        clauses = _clauses(low, s_start, s_end)
        clause_status: dict[Span, str] = {}
        for i, group in enumerate(groups):
            clause = next(c for c in clauses if c[0] <= group[0].start <= c[1])
            next_start = groups[i + 1][0].start if i + 1 < len(groups) else s_end
            before = _tie_before(view, anchors, clause, group)
            anchor = before or _tie_after(view, anchors, clause, group, next_start)
            if anchor is None or _negated(low, clause, group, anchor):
                continue
            group_id += 1
            status = ""
            if before is None:
                status = _status_at(low, group[-1].end, anchor.end, linking=True)
            ahead = _status_at(low, clause[0], group[0].start)
            if not status or (status == "proposed" and ahead == "target"):
                # "phấn đấu có 5 tập thể được đề nghị tặng …" is a target.
                status = ahead or status
            if not status:
                status = _inherited(low, clauses, clause, clause_status, anchors) or (
                    list_status if bullet else "")
            clause_status.setdefault(clause, status)
            award, level = _award_text(view, anchor)
            giver = anchor.mention.giver if anchor.mention else ""
            if not giver:
                # Who acts in the sentence gives the level when nothing else does; a State
                # award handed over by a province keeps its level (the province only presents).
                s_giver, s_level = _sentence_giver(view, reading, clause, anchor)
                if not level or s_level == level:
                    giver, level = s_giver, level or s_level
            recipient = _recipient(view, reading, group[-1].end)
            pre = low[max(clause[0], group[0].start - 40):group[0].start]
            for c in group:
                figure = AwardFigure(
                    count=c.count, recipient_kind=c.kind, award=award, level=level,
                    status=status or "awarded",  # type: ignore[arg-type]
                    start=view.to_orig(c.start), end=view.to_orig(c.end),
                    sentence=view.orig_slice(s_start, s_end),
                    sentence_start=view.to_orig(s_start), giver=giver, recipient=recipient,
                    year=year,
                    is_total=bool(_TOTAL.search(pre)),
                )
                found.append(_Found(figure, group_id, lookup_key(award), anchor.mention is None))
    return _once(_mark_lead_totals(view, found))


_BULLETS = "-+•–*"
_NEGATION = re.compile(r"(?:không|chưa)(?:[ \t]+\S+){0,2}?[ \t]+(?:được[ \t]+)?"
                       r"(?:xem xét|xét|đề nghị|khen thưởng|tặng|trao|công nhận)")


def _negated(low: str, clause: Span, group: list[_Count], anchor: _Anchor) -> bool:
    """"không xem xét đề nghị khen thưởng đối với 3 tập thể", "17 công nhân … chưa được
    khen thưởng": counts the text says were not commended are not figures."""
    if anchor.end <= group[0].start:
        return bool(_NEGATION.search(low, max(clause[0], group[0].start - 60), group[0].start))
    return bool(_NEGATION.search(low, group[-1].end, anchor.end))


def _inherited(low: str, clauses: list[Span], clause: Span, known: dict[Span, str],
               anchors: list[_Anchor]) -> str:
    """An elliptical clause that starts with the award form ("…cho 01 tập thể; Huân
    chương Lao động hạng Ba cho 04 tập thể") goes on with the verb of the clause before."""
    index = clauses.index(clause)
    start = clause[0] + len(low[clause[0]:clause[1]]) - len(low[clause[0]:clause[1]].lstrip())
    if index == 0 or not any(a.start == start and a.mention is not None for a in anchors):
        return ""
    return known.get(clauses[index - 1], "")


def _lead_end(view: TextView) -> int:
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


def _mark_lead_totals(view: TextView, found: list[_Found]) -> list[_Found]:
    """A lead figure equal to the sum of a group of body figures ("141 tập thể, cá nhân"
    = 19 + 122) is a stated total."""
    lead_end = view.to_orig(_lead_end(view))
    body = [f for f in found if f.figure.start >= lead_end]
    sums: set[tuple[int, str]] = set()
    by_group: dict[int, list[_Found]] = {}
    for f in body:
        by_group.setdefault(f.group, []).append(f)
    for members in by_group.values():
        if len(members) > 1:
            sums.add((sum(f.figure.count for f in members), members[0].figure.status))
    if len(body) > 1:
        for status in {f.figure.status for f in body}:
            same = [f.figure.count for f in body if f.figure.status == status]
            if len(same) > 1:
                sums.add((sum(same), status))
    out = []
    for f in found:
        fig = f.figure
        if fig.start < lead_end and (fig.count, fig.status) in sums and not fig.is_total:
            f = replace(f, figure=replace(fig, is_total=True))
        out.append(f)
    return out


def _same(a: _Found, b: _Found) -> bool:
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


def _once(found: list[_Found]) -> list[AwardFigure]:
    """Each figure once per article, at its first mention."""
    kept: list[_Found] = []
    for f in found:
        if not any(_same(f, k) for k in kept):
            kept.append(f)
    return [k.figure for k in kept]
