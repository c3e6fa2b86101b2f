"""The Elasticsearch backend (8.x API, through the official client)."""

from newsmon.index.backends.elasticsearch.indices import template
from newsmon.index.backends.elasticsearch.store import ElasticsearchStore

__all__ = ["ElasticsearchStore", "template"]
