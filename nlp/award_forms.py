"""Award forms (AWARD) as written, with what completes them: the rank ("Huân chương Lao
động hạng Ba"), a level ("Bằng khen cấp tỉnh"), the giver ("Bằng khen của Thủ tướng Chính
phủ", "Cờ thi đua của Chính phủ"), or a name ("Kỷ niệm chương Vì sự nghiệp ...").

The mention's level comes from, in order: "cấp ..." as written, the giver (Chủ tịch nước ->
Nhà nước, Thủ tướng -> Chính phủ, Bộ trưởng -> bộ/ngành, Chủ tịch UBND tỉnh -> tỉnh), and
the form itself (every Huân chương is a State award).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import read_table
from .matching import PhraseMatcher
from .names import clean
from .orgs import Org
from .textview import TextView, match_form


@dataclass(frozen=True)
class Form:
    form: str
    level: str
    takes: frozenset[str]
    canonical: str  # the full name ("LĐTT" -> "Lao động tiên tiến")


@dataclass(frozen=True)
class Giver:
    end: int
    canonical: str
    level: str


@dataclass(frozen=True)
class AwardMention:
    start: int
    end: int
    canonical: str
    form: str
    level: str
    giver: str = ""


_RANKS = {"nhất": "Nhất", "i": "Nhất", "1": "Nhất", "nhì": "Nhì", "ii": "Nhì", "2": "Nhì",
          "ba": "Ba", "iii": "Ba", "3": "Ba"}
_ALL_RANKS = re.compile(r"[ \t]+các[ \t]+hạng(?!\w)")
_RANK = re.compile(r"[ \t]+hạng[ \t]+(nhất|nhì|ba|iii|ii|i|1|2|3)(?!\w)")
#: "cấp ..." as written -> level.
LEVEL_WORDS = {
    "nhà nước": "Nhà nước", "chính phủ": "Chính phủ", "bộ, ngành": "bộ/ngành",
    "bộ, ban, ngành": "bộ/ngành", "bộ": "bộ/ngành", "ngành": "bộ/ngành",
    "trung ương": "bộ/ngành", "tỉnh": "tỉnh", "thành phố": "tỉnh", "huyện": "huyện",
    "quận": "huyện", "xã": "cơ sở", "cơ sở": "cơ sở",
}
#: " cấp tỉnh", " cấp Nhà nước", ... after a form or "khen thưởng" (on a `low` view).
LEVEL_TAIL = re.compile(
    r"[ \t]+cấp[ \t]+(" + "|".join(sorted(map(re.escape, LEVEL_WORDS), key=len, reverse=True))
    + r")(?!\w)"
)
_OF = re.compile(r"[ \t]+của[ \t]+")
_QUOTED = re.compile(r'[ \t]*"([^"\n]{3,80})"')
_YEARS = re.compile(r"[ \t]+(\d{2})[ \t]+năm(?:[ \t]+tuổi[ \t]+đảng)?(?!\w)")
_NAME_STOP = re.compile(r"[,.;:()\"]|(?<!\w)(?:cho|của|tới|đến|được|đã|nhân dịp)(?!\w)")


@lru_cache(maxsize=1)
def form_matcher() -> PhraseMatcher[Form]:
    rows = read_table("award_forms.tsv")
    return PhraseMatcher(
        (r["form"], Form(r["form"], r["level"].strip("-"),
                         frozenset(t for t in r["takes"].split(",") if t != "-"),
                         r.get("canonical") or r["form"]))
        for r in rows
    )


@lru_cache(maxsize=1)
def giver_titles() -> PhraseMatcher[str]:
    """Titles of givers -> the level the title implies ("" if the body decides)."""
    return PhraseMatcher((r["title"], r["level"].strip("-")) for r in read_table("titles.tsv"))


def giver_at(view: TextView, pos: int, org_at: Callable[[int], Org | None]) -> Giver | None:
    """A giver starting at `pos`: a title, a body, or a title and its body ("Thủ tướng
    Chính phủ", "Chủ tịch nước", "Bộ trưởng Bộ Y tế", "Chủ tịch UBND tỉnh Nghệ An")."""
    title = giver_titles().match(view, pos)
    if title is not None and title.form[:1].islower():
        title = None  # "ông", "bà": a person, not an office
    parts: list[str] = []
    level = ""
    if title is not None:
        parts.append(title.form[:1].upper() + title.form[1:])
        level = title.value
        pos = title.end
        if view.norm[pos:pos + 1] == " ":
            pos += 1
    org = org_at(pos)
    if org is not None:
        parts.append(org.canonical)
        level = level or org.level
        pos = org.end
    elif title is not None:
        pos = title.end
    if not parts or (title is not None and org is None and not level):
        return None
    return Giver(pos, " ".join(parts), level)


def find_award_mentions(view: TextView, org_at: Callable[[int], Org | None]) -> list[AwardMention]:
    """Award forms in the text, each completed as far as the text allows."""
    out: list[AwardMention] = []
    low = view.low
    for hit in form_matcher().finditer(view):
        form: Form = hit.value
        end = hit.end
        canonical = form.canonical
        level = form.level
        giver = ""
        stated = False
        if "rank" in form.takes and (m := _RANK.match(low, end)):
            canonical += f" hạng {_RANKS[m.group(1)]}"
            end = m.end()
        elif form.form.startswith("Huân chương") and (m := _ALL_RANKS.match(low, end)):
            canonical += " các hạng"  # "Huân chương Lao động các hạng": every rank
            end = m.end()
        if "name" in form.takes:
            end, name = _name_after(view, end)
            canonical += f" {name}" if name else ""
        if "quoted" in form.takes:
            # "Cờ “Đơn vị dẫn đầu phong trào thi đua”": a bare "cờ" is a flag, not a form
            m = _QUOTED.match(low, end)
            if m is None:
                continue
            canonical = f'{form.form} "{clean(view.norm[m.start(1):m.end(1)])}"'
            end = m.end()
        if "years" in form.takes and (m := _YEARS.match(low, end)):
            # "Huy hiệu 50 năm tuổi Đảng": the years name the badge; they count nothing
            canonical = f"Huy hiệu {m.group(1)} năm tuổi Đảng"
            end = m.end()
        elif "years" in form.takes:
            # "Huy hiệu Tuổi trẻ sáng tạo": a named badge; "huy hiệu" alone is any badge
            end, name = capitalised_name(view, end)
            if not name:
                continue
            canonical = f"{form.canonical} {name}"
        if m := LEVEL_TAIL.match(low, end):
            canonical += f" cấp {clean(view.norm[m.start(1):m.end(1)])}"
            level = LEVEL_WORDS[m.group(1)]
            stated = True
            end = m.end()
        if "giver" in form.takes and (m := _OF.match(low, end)):
            g = giver_at(view, m.end(), org_at)
            if g is not None:
                giver = g.canonical
                level = level if stated else given_level(form.level, g.level)
                stated = stated or bool(g.level)
                canonical += f" của {g.canonical}"
                end = g.end
        out.append(AwardMention(hit.start, end, canonical, form.form, level, giver))
    return out + _titles_in_quotes(view, out)


#: 'danh hiệu "Nông dân Việt Nam xuất sắc"': the quoted words are the title conferred.
_TITLE_IN_QUOTES = re.compile(r'(?<!\w)danh hiệu[ \t]*"([^"\n]{3,80})"')


def _titles_in_quotes(view: TextView, found: list[AwardMention]) -> list[AwardMention]:
    """A quoted title after "danh hiệu" is an award form even when the lexicon does not know
    it ("Nông dân Việt Nam xuất sắc", "Doanh nhân tiêu biểu"): "danh hiệu" is the head that
    says what the quote is, and the spec leaves the head out of the span. Titles the lexicon
    read already are left to it."""
    out = []
    for m in _TITLE_IN_QUOTES.finditer(view.low):
        start, end = m.span(1)
        if any(a.start < end and start < a.end for a in found):
            continue
        name = clean(view.norm[start:end])
        out.append(AwardMention(start, end, name, name, ""))
    return out


def _name_after(view: TextView, pos: int) -> tuple[int, str]:
    """A quoted name, or a name starting with a capital "Vì" and running to a stop word
    ("Kỷ niệm chương Vì sự nghiệp Giáo dục cho ...")."""
    low, norm = view.low, view.norm
    m = re.compile(r'[ \t]+"([^"\n]{2,80})"').match(low, pos)
    if m:
        return m.end(), clean(norm[m.start(1):m.end(1)])
    m = re.compile(r"[ \t]+(?=vì[ \t])").match(low, pos)
    if not m or not norm[m.end()].isupper():
        return pos, ""
    stop = _NAME_STOP.search(low, m.end(), min(len(low), m.end() + 80))
    end = stop.start() if stop else min(len(low), m.end() + 80)
    end = m.end() + len(norm[m.end():end].rstrip())
    return end, clean(norm[m.end():end])


#: Levels below the province: a giver there sets the level of a lower-level form.
_LOCAL = {"huyện", "cơ sở"}


def given_level(form_level: str, giver_level: str) -> str:
    """The level of a form given by a giver: the giver's, except that a form with a level of
    its own keeps it ("Giấy khen" of a provincial department's director is cơ sở, a State
    order presented by a province stays Nhà nước) unless a local giver makes it more precise
    (a district's Giấy khen is huyện)."""
    if not form_level or not giver_level:
        return giver_level or form_level
    if form_level in _LOCAL and giver_level in _LOCAL:
        return giver_level
    return form_level


def capitalised_name(view: TextView, pos: int) -> tuple[int, str]:
    """A name right after `pos` that starts with a capital, up to a stop word or 40
    characters: ("Huy hiệu") "Tuổi trẻ sáng tạo" (của Trung ương Đoàn)."""
    m = re.compile(r"[ \t]+").match(view.low, pos)
    if not m or m.end() >= len(view.norm) or not view.norm[m.end()].isupper():
        return pos, ""
    limit = min(len(view.low), m.end() + 40)
    stop = _NAME_STOP.search(view.low, m.end(), limit)
    end = stop.start() if stop else limit
    end = m.end() + len(view.norm[m.end():end].rstrip())
    if stop is None and end < len(view.norm) and view.norm[end:end + 1].isalpha():
        return pos, ""  # ran past 40 characters: not a short name
    return end, clean(view.norm[m.end():end])


def level_of_phrase(written: str) -> str:
    """Level named in a phrase such as "khen thưởng cấp Nhà nước" ("" if none)."""
    m = LEVEL_TAIL.search(match_form(written))
    return LEVEL_WORDS[m.group(1)] if m else ""
