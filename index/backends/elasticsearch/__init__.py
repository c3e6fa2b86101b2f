"""The Elasticsearch backend (8.x API, through the official client)."""

from index.backends.elasticsearch.indices import template
from index.backends.elasticsearch.store import ElasticsearchStore

__all__ = ["ElasticsearchStore", "template"]
