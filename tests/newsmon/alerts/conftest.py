"""The alert tests that run on both backends use the index tests' store fixtures
(SQLite files; noida-db or NEWSMON_TEST_ELASTICSEARCH_URL for Elasticsearch)."""

from tests.index.conftest import any_store, elasticsearch_url, es_index_url  # noqa: F401
