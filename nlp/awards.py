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

from .award_anchors import DANH_HIEU, PARTS, Anchor, carried_anchors, grade_anchors, named_anchors
from .award_forms import (
    LEVEL_TAIL,
    given_level,
    giver_at,
    giver_titles,
    level_of_phrase,
)
from .entities import Reading
from .figure_totals import (
    Found,
    lead_end,
    mark_lead_totals,
    mark_part_totals,
    once,
    specified,
)
from .gazetteer import lookup_key, read_list, read_table
from .matching import trie_pattern
from .names import clean
from .numbers import COUNT, parse_count
from .periods import award_period
from .places import place_at, province_at
from .status_scope import realized, scope_at, scopes
from .textview import TextView
from .types import AwardFigure, StatusCue

Span = tuple[int, int]

_MAX_GAP_BEFORE = 60  # chars between an award and "cho 32 tập thể"
# words between "19 tập thể" and "được": room for the usual qualifier ("28 người có thành
# tích đặc biệt xuất sắc trong cuộc kháng chiến chống Mỹ cứu nước đã được trao tặng …")
_MAX_WORDS_TO_LINK = 20
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
        # after a comma, a real link ("…, tặng 5 tập thể") or "có" ("…, đơn vị vinh dự
        # có 1 tập thể và 3 cá nhân"), not a new clause ("…, trong khi 2 tập thể khác")
        "link_strict": re.compile(
            "(?:" + _alternation(by_role["link_before"]) + r"|có)[ \t]*:?[ \t]*"
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
    r"[ \t]+(?:(?:cũng|đã|vừa|đồng[ \t]+thời)[ \t]+){0,2}"
    r"(?:ký[ \t]+quyết[ \t]+định(?:[ \t]+số[ \t]+\S+)?[ \t]+)?"
    r"(?:trao[ \t]+tặng|truy[ \t]+tặng|phong[ \t]+tặng|tặng|trao|khen[ \t]+thưởng|công[ \t]+nhận)"
    r"(?!\w)"
)
#: A give verb coordinated with what the subject did first: "UBND thành phố sơ kết … và
#: tặng Bằng khen …".
_LATER_GIVE = re.compile(r"(?:,|[ \t]và)[ \t]+(?:đồng[ \t]+thời[ \t]+)?(?:trao[ \t]+tặng|tặng|trao|"
                         r"khen[ \t]+thưởng|công[ \t]+nhận)(?!\w)")
_RECIPIENT = re.compile(r"[ \t]+(?:của|thuộc|trong)[ \t]+")
_TOTAL = re.compile(r"(?<!\w)(?:tổng cộng|tổng số|tất cả|cả thảy)(?!\w)|(?<!\w)tổng[ \t]+$")
_YEAR = re.compile(r"(?<!\w)năm[ \t]+((?:19|20)\d\d)(?!\d)")
_NOT_BEFORE_COUNT = {"thứ", "số", "lần", "hạng"}
_GAP_BREAK = re.compile(r"[\d.;!?]")
#: A count that is the subject of its own verb ("388 cá nhân nhận …", "5 tập thể được …").
_OWN_VERB = re.compile(r"[ \t]+(?:(?:đã|cũng|vừa)[ \t]+)?(?:nhận|được|đạt|đón[ \t]+nhận)(?!\w)")
_CLAUSE_END = re.compile(r"[;.!?:]")
_PROPOSAL_CHAIN = re.compile(r"(?<!\w)(?:đề[ \t]+nghị|trình)(?!\w)")


@dataclass(frozen=True)
class _Count:
    start: int
    end: int
    count: int
    kind: str


def _status_at(low: str, start: int, end: int, linking: bool = False) -> tuple[str, Span | None]:
    """The status cue nearest the end of `low[start:end]` and its span, or ("", None).

    With `linking` (the words between a count and its award), only "proposed" and "target"
    cues count: "được tặng" there is the plain passive of the award itself."""
    regex, info = _status_cues()
    found, span = "", None
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
        found, span = status, (m.start(), m.end())
    return found, span


#: "là một trong 4 đơn vị nhận Cờ thi đua": one of a set the text has counted already.
_ONE_OF = re.compile(r"(?<!\w)(?:một|1)[ \t]+trong(?:[ \t]+số)?[ \t]+$")


def _not_one_of(low: str, counts: list[_Count]) -> list[_Count]:
    return [c for c in counts if not _ONE_OF.search(low, max(0, c.start - 20), c.start)]


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
        # "… cho 10 tập thể, 200 hộ nghèo nhận quà": a count of gift receivers stands apart
        stop = _CLAUSE_END.search(view.low, c.end, min(len(view.low), c.end + 30))
        gift = _cues()["gift"].search(view.low, c.end, stop.start() if stop else c.end + 30)
        if groups and not gift and re.fullmatch(r"(?:[ \t]+(?:tiêu biểu|xuất sắc|điển hình))?"
                                   r"[ \t]*(?:,[ \t]*)?(?:và[ \t]+)?",
                                   view.low[groups[-1][-1].end:c.start]):
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _words(text: str) -> int:
    return len(text.split())


def _tie_before(view: TextView, anchors: list[Anchor], clause: Span,
                group: list[_Count]) -> Anchor | None:
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
    after_comma = gap.rsplit(",", 1)[1].strip() if "," in gap else ""
    if after_comma and not _cues()["link_strict"].search(after_comma + " "):
        return None  # "… tặng Bằng khen, trong khi 2 tập thể khác …": a new clause
    if "," in gap and not after_comma and _OWN_VERB.match(view.low, group[-1].end):
        return None  # "… nhận bằng khen của Thủ tướng, 388 cá nhân nhận khen của Bộ": ditto
    return anchor


def _loosely_tied(view: TextView, anchor: Anchor, group: list[_Count]) -> bool:
    """Whether words other than a link ("cho", "tặng", ...) stand between an award and the
    counts after it ("Bằng khen và 3 tập thể")."""
    gap = view.low[anchor.end:group[0].start]
    return bool(gap.strip()) and not _cues()["link_strict"].search(gap.rstrip() + " ")


def _tie_after(view: TextView, anchors: list[Anchor], clause: Span,
               group: list[_Count], next_start: int) -> Anchor | None:
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
    if not anchor.named:  # "được công nhận danh hiệu Chiến sĩ thi đua ..."
        named = [a for a in later if a.named and a.start - anchor.end <= 40]
        anchor = min(named, key=lambda a: a.start) if named else anchor
    between = view.low[link.end():anchor.start]
    # the chain of a proposal may be long and hold commas: "được các Bộ, ngành đề nghị Thủ
    # tướng Chính phủ xét, trình Chủ tịch nước phong tặng, truy tặng danh hiệu …"
    chain = _PROPOSAL_CHAIN.search(between) is not None
    if (_words(between) > _MAX_WORDS_LINK_TO_AWARD + (8 if chain else 0)
            or re.search(r"[\d;]" if chain else r"[\d,;]", between)
            or _cues()["gift"].search(between)):
        return None
    return anchor


def _sentence_giver(view: TextView, reading: Reading, clause: Span,
                    anchor: Anchor) -> tuple[str, str]:
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
        return _subject_giver(view, reading, clause, anchor)
    before = [(pos, g) for pos, g in givers if g.end <= anchor.start]
    # the latest to end; of givers ending together, the longest ("Thủ tướng Chính phủ")
    _, g = max(before, key=lambda pg: (pg[1].end, -pg[0])) if before else givers[0]
    return g.canonical, g.level


def _subject_giver(view: TextView, reading: Reading, clause: Span,
                   anchor: Anchor) -> tuple[str, str]:
    """The clause's subject as giver when its give verb comes later, coordinated ("UBND
    thành phố Đà Nẵng sơ kết … và tặng Bằng khen …"): the first body in the clause, if a
    coordinated give verb stands between it and the award."""
    firsts = sorted(o.start for o in reading.orgs if clause[0] <= o.start < anchor.start)
    for pos in firsts[:1]:
        g = giver_at(view, pos, reading.org_at)
        if g is not None and _LATER_GIVE.search(view.low, g.end, anchor.start):
            return g.canonical, g.level
    # a province standing for its authorities as the subject ("Gia Lai công nhận …")
    start = clause[0] + len(view.low[clause[0]:clause[1]]) - len(
        view.low[clause[0]:clause[1]].lstrip())
    found = province_at(view, start, alone=True)
    if found is not None and _GIVE_VERB.match(view.low, found[0]):
        return f"{found[1].type} {found[1].name}", "tỉnh"
    return "", ""


def _award_text(view: TextView, anchor: Anchor) -> tuple[str, str]:
    """What the figure was awarded as written, and its level as stated.

    A commendation word alone ("khen thưởng", "biểu dương", "danh hiệu") names no form:
    the award is empty and only a level it states ("khen thưởng cấp Nhà nước") is kept.
    The generic head "danh hiệu" is not part of a form ("danh hiệu Anh hùng Lao động")."""
    if anchor.text:
        return anchor.text, anchor.mention.level if anchor.mention else level_of_phrase(
            anchor.text)
    if anchor.mention is not None:
        text = DANH_HIEU.sub("", clean(view.norm[anchor.start:anchor.end]))
        return text, anchor.mention.level
    m = LEVEL_TAIL.match(view.low, anchor.end)
    end = m.end() if m else anchor.end
    return "", level_of_phrase(view.norm[anchor.start:end])


_GRADES = re.compile(
    r"(?:[ \t]*\(|[ \t]*,?[ \t]*(?:trong[ \t]+đó|gồm)(?:[ \t]+có)?[ \t]*:?)[ \t]*"
    r"((?:" + COUNT + r"[ \t]+hạng[ \t]+(?:nhất|nhì|ba)(?!\w)[ \t]*(?:,|và)?[ \t]*)+)")
_GRADE = re.compile(r"(" + COUNT + r")[ \t]+hạng[ \t]+(nhất|nhì|ba)")


def _self_anchor(anchors: list[Anchor], group: list[_Count]) -> Anchor | None:
    """A count of award items or of title holders names its award itself: "13 Huân chương
    Bảo vệ Tổ quốc", "5 Thầy thuốc Nhân dân"."""
    if len(group) != 1:
        return None
    c = group[0]
    for a in anchors:
        if a.mention is not None and c.start < a.start < c.end:
            return a
    return None


def _own_forms_apart(groups: list[list[_Count]],
                     anchors: list[Anchor]) -> list[list[_Count]]:
    """"5 Thầy thuốc Nhân dân, 12 Thầy thuốc Ưu tú": counts that name their own award do
    not share one."""
    out: list[list[_Count]] = []
    for group in groups:
        if len(group) > 1 and any(_self_anchor(anchors, [c]) for c in group):
            out.extend([c] for c in group)
        else:
            out.append(group)
    return out


def _continued(view: TextView, previous: tuple[Anchor, _Count] | None, clause: Span,
               group: list[_Count]) -> Anchor | None:
    """A list after one award goes on with it: "tặng Bằng khen cho 1 đảng bộ, 10 chi bộ
    trực thuộc đảng ủy cơ sở, 170 đảng viên": each count after a comma or "và", with a
    short qualifier between, takes the award of the count before it; so do the parts of a
    count ("…, trong đó có 4 lao động Việt Nam")."""
    if previous is None or previous[1].start < clause[0]:
        return None
    gap = view.low[previous[1].end:group[0].start]
    stop = _CLAUSE_END.search(view.low, group[-1].end, min(clause[1], group[-1].end + 30))
    if _cues()["gift"].search(view.low, group[-1].end,
                              stop.start() if stop else min(clause[1], group[-1].end + 30)):
        return None  # "…, 200 hộ nghèo nhận quà"
    if PARTS.fullmatch(gap):
        return previous[0]
    if re.fullmatch(r"[^\d;:.()\"]{0,80}?(?:,|[ \t]và)[ \t]*", gap) and _words(gap) <= 8:
        return previous[0]
    return None


def _grades(view: TextView, found: Found, group: int) -> list[Found]:
    """Counts by grade after a count of orders: "13 Huân chương Bảo vệ Tổ quốc (3 hạng
    nhất, 1 hạng nhì, 9 hạng ba)"; each is a figure of the same item, of that grade."""
    fig = found.figure
    pos = view.to_view(fig.end)
    m = _GRADES.match(view.low, _after_award(view, pos))
    if m is None:
        return []
    out = []
    base = re.sub(r"\s+hạng\s+\S+$", "", fig.award, flags=re.IGNORECASE)
    for g in _GRADE.finditer(view.low, m.start(1), m.end(1)):
        value = parse_count(g.group(1))
        if not value:
            continue
        grade = view.norm[g.start(2):g.end(2)]
        out.append(Found(replace(fig, count=value, award=f"{base} hạng {grade}",
                                  start=view.to_orig(g.start()), end=view.to_orig(g.end()),
                                  is_total=False), group, lookup_key(base), False))
    return out


def _after_award(view: TextView, pos: int) -> int:
    """Where the award named right after `pos` ends (the whole line if none)."""
    m = re.match(r"[^()\n;.]*?(?=[ \t]*\(|[ \t]*,?[ \t]*(?:trong[ \t]+đó|gồm)(?!\w))",
                 view.low[pos:pos + 120])
    return pos + m.end() if m else pos


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
    found: list[Found] = []
    group_id = 0
    list_status: tuple[str, Span | None] = ("", None)  # a list intro ("…, cụ thể:")
    governing = scopes(low, sentences, lead_end(view))
    for s_start, s_end in sentences:
        line = low[s_start:s_end].strip()
        bullet = line[:1] in _BULLETS
        if not bullet:
            list_status = ("", None)
        if line.endswith(":"):
            list_status = _status_at(low, s_start, s_end)
        anchors = [Anchor(m.start, m.end, m) for m in mentions if s_start <= m.start < s_end]
        anchors += [Anchor(m.start(), m.end(), None)
                    for m in _cues()["gate"].finditer(low, s_start, s_end)
                    if not any(a.start <= m.start() < a.end for a in anchors)]
        anchors += named_anchors(view, s_start, s_end, anchors)
        anchors += grade_anchors(view, s_start, s_end, anchors)
        carried = carried_anchors(view, mentions, s_start, s_end, anchors)
        anchors += carried
        if not anchors:
            continue
        years = {int(y) for y in _YEAR.findall(low, s_start, s_end)}
        year = years.pop() if len(years) == 1 else None
        period = award_period(low[s_start:s_end])
        in_sentence = (_counts(view, s_start, s_end) if counts is None else
                       [c for c in counts if s_start <= c.start and c.end <= s_end])
        groups = _own_forms_apart(_groups(view, _not_one_of(low, in_sentence)), anchors)
        clauses = _clauses(low, s_start, s_end)
        clause_status: dict[Span, tuple[str, Span | None]] = {}
        previous: tuple[Anchor, _Count] | None = None
        for i, group in enumerate(groups):
            clause = next(c for c in clauses if c[0] <= group[0].start <= c[1])
            next_start = groups[i + 1][0].start if i + 1 < len(groups) else s_end
            own = _self_anchor(anchors, group)
            direct = own or _tie_before(view, anchors, clause, group)
            continued = None if direct else _continued(view, previous, clause, group)
            before = direct or continued
            after = _tie_after(view, anchors, clause, group, next_start)
            if continued is not None and after is not None and after.named:
                # "… cho 46 đảng viên, trong đó có 2 đồng chí nhận Huy hiệu 60 năm tuổi
                # Đảng": a part that names its own award takes it
                before = None
            if own is not None and after is not None and after.named:
                # "18 gia đình văn hóa tiêu biểu được … tặng Bằng khen": a title the
                # recipients hold describes them; the award is the one they receive
                before = own = None
            if before is not None and after is not None and (
                    _loosely_tied(view, before, group) or (after.named and not before.named)):
                # "… Bằng khen và 3 tập thể đề nghị tặng Cờ thi đua", "… các danh hiệu, gồm:
                # 15 nghệ nhân được đề nghị xét tặng danh hiệu NNND": the counts' own clause
                # names their award
                before = None
            anchor = before or after
            if anchor is None or _negated(low, clause, group, anchor):
                previous = None
                continue
            previous = (anchor, group[-1]) if anchor.end <= group[0].start else None
            group_id += 1
            status, cue = "", None
            if before is None:
                status, cue = _status_at(low, group[-1].end, anchor.end, linking=True)
            # a count that is the subject of its own verb starts a clause of its own: "52 …
            # được đề nghị nhận Bằng khen …, 140 vận động viên nhận Giấy khen …"
            since = clause[0]
            ahead = _status_at(low, since, group[0].start)
            if (ahead[0] == "proposed" and _received(low, group)
                    and low[clause[0]:group[0].start].rstrip().endswith(",")):
                # a proposal does not reach past a count that is the subject of its own
                # verb: "52 … được đề nghị nhận Bằng khen …, 140 vận động viên nhận Giấy khen"
                since = low.rindex(",", 0, group[0].start) + 1
                ahead = _status_at(low, since, group[0].start)
            if not status or (status == "proposed" and ahead[0] == "target"):
                # "phấn đấu có 5 tập thể được đề nghị tặng …" is a target.
                status, cue = ahead if ahead[0] else (status, cue)
            if not status:
                inherited = _inherited(low, clauses, clause, clause_status, anchors)
                if inherited and inherited[0]:
                    status, cue = inherited
                elif bullet:
                    status, cue = list_status
            if not status and (done := realized(low, since, max(anchor.end, group[-1].end))
                               or _received(low, group)):
                status, cue = "awarded", done
            if not status and (scope := scope_at(governing, group[0].start)) is not None:
                status, cue = scope.status, scope.cue
            clause_status.setdefault(clause, (status, cue))
            award, level = _award_text(view, anchor)
            giver = anchor.mention.giver if anchor.mention else ""
            if not giver:
                # Who acts in the sentence gives the level when nothing else does; a State
                # award handed over by a province keeps its level (the province only presents).
                s_giver, s_level = _sentence_giver(view, reading, clause, anchor)
                if not s_giver and clause[0] > s_start and status in ("", "awarded"):
                    # "Chủ tịch UBND tỉnh tặng …; công nhận danh hiệu …": the subject of
                    # the sentence goes on into its later clauses
                    s_giver, s_level = _sentence_giver(view, reading, (s_start, clause[1]),
                                                       anchor)
                if not level or given_level(level, s_level) == s_level:
                    giver, level = s_giver, s_level or level
            recipient = _recipient(view, reading, group[-1].end)
            pre = low[max(clause[0], group[0].start - 40):group[0].start]
            status_cue = (StatusCue(view.orig_slice(*cue), view.to_orig(cue[0]),
                                    view.to_orig(cue[1])) if cue else None)
            for c in group:
                figure = AwardFigure(
                    count=c.count, recipient_kind=c.kind, award=award, level=level,
                    status=status or "awarded",  # type: ignore[arg-type]
                    start=view.to_orig(c.start), end=view.to_orig(c.end),
                    sentence=view.orig_slice(s_start, s_end),
                    sentence_start=view.to_orig(s_start), giver=giver, recipient=recipient,
                    year=year, period=period,
                    is_total=bool(_TOTAL.search(pre)),
                    status_cue=status_cue,
                )
                found.append(Found(figure, group_id, lookup_key(award), not anchor.named))
            grades = _grades(view, found[-1], group_id)
            if grades and sum(g.figure.count for g in grades) == found[-1].figure.count:
                found[-1] = replace(found[-1], figure=replace(found[-1].figure, is_total=True))
            found.extend(grades)
    found = specified(view, sentences, mentions, found)
    return once(mark_lead_totals(view, mark_part_totals(view, found)))


_BULLETS = "-+•–*"
_NEGATION = re.compile(r"(?:không|chưa)(?:[ \t]+\S+){0,2}?[ \t]+(?:được[ \t]+)?"
                       r"(?:xem xét|xét|đề nghị|khen thưởng|tặng|trao|công nhận)")


def _received(low: str, group: list[_Count]) -> Span | None:
    """"140 vận động viên nhận Giấy khen", "25 đơn vị đạt danh hiệu …": the recipients'
    own verb says the award was received."""
    m = _OWN_VERB.match(low, group[-1].end)
    if m is None or "được" in m.group():
        return None
    return m.start() + len(m.group()) - len(m.group().lstrip()), m.end()


def _negated(low: str, clause: Span, group: list[_Count], anchor: Anchor) -> bool:
    """"không xem xét đề nghị khen thưởng đối với 3 tập thể", "17 công nhân … chưa được
    khen thưởng": counts the text says were not commended are not figures."""
    if anchor.end <= group[0].start:
        return bool(_NEGATION.search(low, max(clause[0], group[0].start - 60), group[0].start))
    return bool(_NEGATION.search(low, group[-1].end, anchor.end))


def _inherited(low: str, clauses: list[Span], clause: Span,
               known: dict[Span, tuple[str, Span | None]],
               anchors: list[Anchor]) -> tuple[str, Span | None] | None:
    """An elliptical clause that starts with the award form ("…cho 01 tập thể; Huân
    chương Lao động hạng Ba cho 04 tập thể") goes on with the verb of the clause before."""
    index = clauses.index(clause)
    start = clause[0] + len(low[clause[0]:clause[1]]) - len(low[clause[0]:clause[1]].lstrip())
    if index == 0 or not any(a.start == start and a.mention is not None for a in anchors):
        return None
    return known.get(clauses[index - 1])


