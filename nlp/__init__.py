"""Reading Vietnamese news: organisations, places, people, award forms and campaigns
(`Analysis.entities`), the units an article is about, and the award figures it reports.

    >>> from newsmon.nlp import analyze
    >>> analyze("UBND TP. Cần Thơ tặng Bằng khen cho 32 tập thể.").awards[0].count
    32

The reader is a spaCy pipeline (`pipeline()`, see `nlp/pipeline.py`) over Docs built from
underthesea's words; `to_doc(text)` gives the Doc for displaCy. Old and new province names
are linked by `province_successor` / `province_predecessors` (the 2025 merger), and
`canonical_unit` spells a typed unit name as analyses do; both are lexicon lookups
(`nlp/lookup.py`) that never run the reader.

Pure text in, data out; the only files read are the lexicons in `nlp/data/`.
"""

from .analysis import analyze
from .lookup import canonical_unit, province_predecessors, province_successor
from .pipeline import pipeline, to_doc
from .types import Analysis, AwardFigure, Entity, StatusCue

__all__ = ["Analysis", "AwardFigure", "Entity", "StatusCue", "analyze", "canonical_unit",
           "pipeline", "province_predecessors", "province_successor", "to_doc"]
