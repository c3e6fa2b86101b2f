"""Reading Vietnamese news: organisations, places, people, award forms and campaigns
(`Analysis.entities`), the units an article is about, and the award figures it reports.

    >>> from newsmon.nlp import analyze
    >>> analyze("UBND TP. Cần Thơ tặng Bằng khen cho 32 tập thể.").awards[0].count
    32

The reader is a spaCy pipeline (`newsmon.nlp.pipeline.pipeline()`) over Docs built from
underthesea's words; `to_doc(text)` gives the Doc for displaCy. Old and new province names
are linked by `province_successor` / `province_predecessors` (the 2025 merger), and
`canonical_unit` spells a typed unit name as analyses do; both are lexicon lookups
(`nlp/lookup.py`) that never run the reader.

Pure text in, data out; the only files read are the lexicons in `nlp/data/`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .lookup import canonical_unit, province_predecessors, province_successor
from .types import Analysis, AwardFigure, Entity, StatusCue

if TYPE_CHECKING:
    from .analysis import analyze
    from .pipeline import to_doc

#: the reader itself loads spaCy and underthesea (most of a second): only when it is
#: used, so a command that only reads the store (search, figures) starts without them.
#: The spaCy Language is `newsmon.nlp.pipeline.pipeline()`: a lazy `pipeline` here
#: would be replaced by its own submodule the moment anything imported that.
_READER = {"analyze": ".analysis", "to_doc": ".pipeline"}


def __getattr__(name: str) -> object:
    if name in _READER:
        value = getattr(import_module(_READER[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Analysis", "AwardFigure", "Entity", "StatusCue", "analyze", "canonical_unit",
           "province_predecessors", "province_successor", "to_doc"]
