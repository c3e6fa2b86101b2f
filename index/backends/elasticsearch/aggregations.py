"""Aggregations: facets of a search and the nested figure conditions, with the
labels and counts read back as SQLite reports them."""

from __future__ import annotations

from index.store import Facets, FigureFilter
from nlp.normalize import name_key

AGG_SIZE = 10_000

_HISTOGRAM_FORMAT = {"day": "yyyy-MM-dd", "week": "yyyy-MM-dd", "month": "yyyy-MM"}


def keyed_agg(path: str, size: int, only_type: str | None = None) -> dict:
    """Per name key: how many articles (keyed lists are unique per article) and the
    smallest spelling as the label, like SQLite's MIN(name) ... GROUP BY key."""
    terms = {"terms": {"field": f"{path}.key", "size": max(size * 4, size + 50)}, "aggs": {
        "label": {"terms": {"field": f"{path}.name", "size": 1, "order": {"_key": "asc"}}}}}
    if only_type:
        return {"nested": {"path": path}, "aggs": {"only": {
            "filter": {"term": {f"{path}.type": only_type}}, "aggs": {"k": terms}}}}
    return {"nested": {"path": path}, "aggs": {"k": terms}}


def label(bucket: dict) -> str:
    labels = bucket["label"]["buckets"]
    return labels[0]["key"] if labels else ""


def read_keyed(agg: dict, size: int) -> list[tuple[str, int]]:
    inner = agg.get("only", agg)
    pairs = [(label(b), b["doc_count"]) for b in inner["k"]["buckets"]]
    return sorted(pairs, key=lambda kv: (-kv[1], kv[0]))[:size]


def facet_aggs(interval: str, size: int) -> dict:
    if interval not in _HISTOGRAM_FORMAT:
        raise ValueError(f"interval must be day, week or month, not {interval!r}")
    return {
        "units": keyed_agg("units", size),
        "campaigns": keyed_agg("campaigns", size),
        "people": keyed_agg("entities", size, only_type="PER"),
        "awards": keyed_agg("award_forms", size),
        "sources": {"terms": {"field": "source", "size": max(size * 4, size + 50)}},
        # published_local holds the wall-clock time without a zone, read as UTC:
        # buckets are the article's own calendar days; weeks start on Monday.
        "histogram": {"date_histogram": {"field": "published_local", "calendar_interval": interval,
                                         "format": _HISTOGRAM_FORMAT[interval],
                                         "min_doc_count": 1}},
    }


def read_facets(aggs: dict, size: int) -> Facets:
    sources = sorted(((b["key"], b["doc_count"]) for b in aggs["sources"]["buckets"]),
                     key=lambda kv: (-kv[1], kv[0]))[:size]
    return Facets(
        units=read_keyed(aggs["units"], size), campaigns=read_keyed(aggs["campaigns"], size),
        sources=sources, people=read_keyed(aggs["people"], size),
        awards=read_keyed(aggs["awards"], size),
        histogram=[(b["key_as_string"], b["doc_count"]) for b in aggs["histogram"]["buckets"]
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

