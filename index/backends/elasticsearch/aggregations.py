"""Aggregations: facets of a search and the nested figure conditions, with the
labels and counts read back as SQLite reports them."""

from __future__ import annotations

from newsmon.index.store import Facets, FigureFilter
from newsmon.nlp.normalize import name_key

AGG_SIZE = 10_000

_HISTOGRAM_FORMAT = {"day": "yyyy-MM-dd", "week": "yyyy-MM-dd", "month": "yyyy-MM"}


#: cardinality is exact up to this many distinct stories per bucket (Elasticsearch's
#: maximum; HyperLogLog++ estimates beyond it)
STORY_PRECISION = 40_000


def _stories(field: str) -> dict:
    return {"stories": {"cardinality": {"field": field, "precision_threshold": STORY_PRECISION}}}


def keyed_agg(path: str, size: int, only_type: str | None = None, by: str = "article") -> dict:
    """Per name key: how many articles (keyed lists are unique per article) and the
    smallest spelling as the label, like SQLite's MIN(name) ... GROUP BY key. By story:
    every bucket is read (the top by stories is not the top by articles) with the
    number of distinct story ids its entries carry."""
    aggs: dict = {"label": {"terms": {"field": f"{path}.name", "size": 1,
                                      "order": {"_key": "asc"}}}}
    wide = max(size * 4, size + 50)
    if by == "story":
        aggs.update(_stories(f"{path}.story_id"))
        wide = AGG_SIZE
    terms = {"terms": {"field": f"{path}.key", "size": wide}, "aggs": aggs}
    if only_type:
        return {"nested": {"path": path}, "aggs": {"only": {
            "filter": {"term": {f"{path}.type": only_type}}, "aggs": {"k": terms}}}}
    return {"nested": {"path": path}, "aggs": {"k": terms}}


def label(bucket: dict) -> str:
    labels = bucket["label"]["buckets"]
    return labels[0]["key"] if labels else ""


def _count(bucket: dict) -> int:
    return bucket["stories"]["value"] if "stories" in bucket else bucket["doc_count"]


def read_keyed(agg: dict, size: int) -> list[tuple[str, int]]:
    inner = agg.get("only", agg)
    pairs = [(label(b), _count(b)) for b in inner["k"]["buckets"]]
    return sorted(pairs, key=lambda kv: (-kv[1], kv[0]))[:size]


def facet_aggs(interval: str, size: int, by: str = "article") -> dict:
    if interval not in _HISTOGRAM_FORMAT:
        raise ValueError(f"interval must be day, week or month, not {interval!r}")
    stories = _stories("story_id") if by == "story" else {}
    return {
        "units": keyed_agg("units", size, by=by),
        "campaigns": keyed_agg("campaigns", size, by=by),
        "people": keyed_agg("entities", size, only_type="PER", by=by),
        "awards": keyed_agg("award_forms", size, by=by),
        "sources": {"terms": {"field": "source",
                              "size": AGG_SIZE if stories else max(size * 4, size + 50)},
                    **({"aggs": stories} if stories else {})},
        # published_local holds the wall-clock time without a zone, read as UTC:
        # buckets are the article's own calendar days; weeks start on Monday.
        "histogram": {"date_histogram": {"field": "published_local", "calendar_interval": interval,
                                         "format": _HISTOGRAM_FORMAT[interval],
                                         "min_doc_count": 1},
                      **({"aggs": stories} if stories else {})},
    }


def read_facets(aggs: dict, size: int) -> Facets:
    sources = sorted(((b["key"], _count(b)) for b in aggs["sources"]["buckets"]),
                     key=lambda kv: (-kv[1], kv[0]))[:size]
    return Facets(
        units=read_keyed(aggs["units"], size), campaigns=read_keyed(aggs["campaigns"], size),
        sources=sources, people=read_keyed(aggs["people"], size),
        awards=read_keyed(aggs["awards"], size),
        histogram=[(b["key_as_string"], _count(b)) for b in aggs["histogram"]["buckets"]
                   if b["doc_count"]],
    )


# ---- figures ----------------------------------------------------------------------------


def contains(field: str, key: str) -> dict:
    escaped = key.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")
    return {"wildcard": {field: {"value": f"*{escaped}*"}}}


def figure_query(flt: FigureFilter, *, totals: bool = True) -> dict:
    """Conditions one nested award figure must meet (all on the same figure)."""
    clauses: list[dict] = []
    if flt.level:
        clauses.append({"term": {"awards.level_key": name_key(flt.level)}})
    if flt.award:
        clauses.append(contains("awards.award_key", name_key(flt.award)))
    if flt.status:
        clauses.append({"term": {"awards.status": flt.status}})
    if flt.year:
        clauses.append({"term": {"awards.year_or_published": flt.year}})
    must_not = [] if totals else [{"term": {"awards.is_total": True}}]
    if not clauses and not must_not:
        return {"match_all": {}}
    return {"bool": {"filter": clauses, "must_not": must_not}}


def figure_matches(f: dict, flt: FigureFilter) -> bool:
    """The same conditions as `figure_query`, on a figure from _source."""
    return ((not flt.level or f["level_key"] == name_key(flt.level))
            and (not flt.award or name_key(flt.award) in f["award_key"])
            and (not flt.status or f["status"] == flt.status)
            and (not flt.year or f.get("year_or_published") == flt.year))

