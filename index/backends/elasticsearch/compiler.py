"""A prepared query as an Elasticsearch query (filter context): text as phrase
queries over the folded text fields, fields as nested or term queries."""

from __future__ import annotations

from datetime import date, timedelta

from newsmon.index.backends.base import BaseCompiler, field_keys
from newsmon.index.backends.elasticsearch.aggregations import contains
from newsmon.index.query import Field

TEXT_FIELDS = ("title^10", "sapo^4", "body", "names^2")
_ENTITY_TYPES = {"person": "PER", "place": "LOC"}


def text_clause(text: str) -> dict:
    """Words in order, adjacent, within one of title, sapo, body or the analysis names;
    scores add up over fields like FTS5's weighted bm25 over columns."""
    return {"multi_match": {"query": text, "type": "phrase", "fields": list(TEXT_FIELDS),
                            "tie_breaker": 1.0}}


def _nested(path: str, query: dict) -> dict:
    return {"nested": {"path": path, "query": query}}


def _any_key(field: str, node: Field) -> dict:
    return {"bool": {"should": [contains(field, k) for k in field_keys(node)],
                     "minimum_should_match": 1}}


class ElasticsearchCompiler(BaseCompiler[dict]):
    def match_all(self) -> dict:
        return {"match_all": {}}

    def text(self, text: str) -> dict:
        return text_clause(text)

    def not_(self, item: dict) -> dict:
        return {"bool": {"must_not": [item]}}

    def and_(self, items: list[dict]) -> dict:
        return {"bool": {"filter": items}}

    def or_(self, items: list[dict]) -> dict:
        return {"bool": {"should": items, "minimum_should_match": 1}}

    def field_unit(self, node: Field) -> dict:
        return _nested("units", _any_key("units.key", node))

    def _entity(self, node: Field) -> dict:
        return _nested("entities", {"bool": {"filter": [
            {"term": {"entities.type": _ENTITY_TYPES[node.name]}},
            _any_key("entities.key", node)]}})

    field_place = _entity
    field_person = _entity

    def field_campaign(self, node: Field) -> dict:
        return _nested("campaigns", _any_key("campaigns.key", node))

    def field_award(self, node: Field) -> dict:
        return _nested("award_forms", _any_key("award_forms.key", node))

    def field_source(self, node: Field) -> dict:
        return {"term": {"source": node.value.lower()}}

    def field_from(self, node: Field) -> dict:
        return {"range": {"published_local": {"gte": node.value, "format": "yyyy-MM-dd"}}}

    def field_to(self, node: Field) -> dict:
        after = (date.fromisoformat(node.value) + timedelta(days=1)).isoformat()
        return {"range": {"published_local": {"lt": after, "format": "yyyy-MM-dd"}}}

    def field_has(self, node: Field) -> dict:
        return _nested("awards", {"match_all": {}})


def compile_query(node: object) -> dict:
    """The Elasticsearch query (filter context) for a prepared query tree."""
    return ElasticsearchCompiler().compile(node)  # type: ignore[arg-type]
