"""Outlets and credits (ORG): the paper, site or agency that a text names as its source.

Vietnamese news writes its source in a few fixed places, and there the name is an
abbreviation or a web address that no lexicon can list in full:

- the dateline tag that opens the lead: "BDK.VN - Ngày 10-3, …", "(BĐ) - UBND tỉnh …",
  "(LĐ online) - …", "(kiemsat.vn) Chủ tịch nước …";
- a credit after "Ảnh:", "Nguồn:", "Theo" ("Ảnh: VietnamPlus", "(Nguồn: VGP News)", "Theo
  baotintuc.vn");
- a web address written as a name anywhere ("Chinhphu.vn", "giaoducthoidai.vn"), but not
  inside an e-mail address or a URL.

A word is taken for an outlet only when its shape says so (see `outlet_like`): an
abbreviation ("TTV", "NDĐT", "VOV5"), a web address, or a run-together name with an inner
capital ("PhuthoPortal"), optionally with "online" / "News" / "Plus" after it. "PV"
(phóng viên, the reporter) is not a name.
"""

from __future__ import annotations

import re

from .textview import TextView

_TLD = r"(?:vn|VN|Vn|com|net|org|cz|info)"
_DOMAIN = re.compile(r"[^\W_][\w-]*(?:\.[\w-]+)*\." + _TLD)
_ABBREVIATION = re.compile(r"[A-ZĐ][A-ZĐ0-9&]*[A-ZĐ0-9]")
_CAMEL = re.compile(r"[A-ZĐ][a-zà-ỹ]+(?:[A-Z][a-zà-ỹ]*)+")
_SUFFIX = ("online", "Online", "News", "Plus", "TV")
_NOT_NAMES = frozenset(("PV", "CTV", "BTV", "TP", "UBND", "HĐND"))

_TOKEN = r"[^\W_][\w&.+-]{0,24}?(?:[ \t](?:" + "|".join(_SUFFIX) + r"))?"
#: The tag that opens a lead, with or without brackets, before a dash or (bracketed) a word.
_DATELINE = re.compile(
    r"^[ \t]*(?:\((?P<b>" + _TOKEN + r")\)[ \t]*(?:[-–—]|(?=[A-ZĐ]))|(?P<p>" + _TOKEN
    + r")(?:[ \t]+[-–—]|[-–—][ \t]))", re.MULTILINE)
#: A credit: "Ảnh: X", "Nguồn: X", "Nguồn ảnh: X", "Theo X" (at the start of a line or in
#: brackets: "(Theo VOV)").
_CREDIT = re.compile(
    r"(?:(?<![\w])(?:[Ảả]nh|[Nn]guồn(?: ảnh)?)[ \t]*:[ \t]*|(?:^[ \t]*|\()Theo[ \t]+)(?P<c>"
    + _TOKEN
    + r")(?=[ \t]*(?:[).,;|/\n]|$))", re.MULTILINE)
#: A web address standing as a name: not part of an e-mail address, a path or a longer word.
_ADDRESS = re.compile(r"(?<![\w@./:-])" + _DOMAIN.pattern + r"(?![\w@/-])(?!\.\w)")


def outlet_like(token: str) -> bool:
    """Whether a word is shaped like an outlet's name: "TTV", "BDK.VN", "VTC News",
    "PhuthoPortal", "kiemsat.vn", yes; "Ngày", "Trần Cao", "PV", no."""
    first, _, suffix = token.partition(" ")
    if suffix and suffix not in _SUFFIX:
        return False
    if first in _NOT_NAMES and not suffix:
        return False
    return bool(_DOMAIN.fullmatch(first) or _ABBREVIATION.fullmatch(first)
                or _CAMEL.fullmatch(first))


def find_outlets(view: TextView) -> list[tuple[int, int]]:
    """Spans (start, end) of outlets in datelines, credits and web addresses."""
    out: list[tuple[int, int]] = []
    for m in _DATELINE.finditer(view.norm):
        group = "b" if m.group("b") else "p"
        if outlet_like(m.group(group)):
            out.append(m.span(group))
    for m in _CREDIT.finditer(view.norm):
        if outlet_like(m.group("c")):
            out.append(m.span("c"))
    out.extend(m.span() for m in _ADDRESS.finditer(view.norm))
    return out
