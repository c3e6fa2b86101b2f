"""Reading Vietnamese news: organisations, places, people, award forms and campaigns
(`Analysis.entities`), the units an article is about, and the award figures it reports.

    >>> from nlp import analyze
    >>> analyze("UBND TP. Cần Thơ tặng Bằng khen cho 32 tập thể.").awards[0].count
    32

Pure text in, data out; the only files read are the lexicons in `nlp/data/`.
"""

from .analysis import analyze
from .types import Analysis, AwardFigure, Entity
from .units import canonical_unit

__all__ = ["Analysis", "AwardFigure", "Entity", "analyze", "canonical_unit"]
