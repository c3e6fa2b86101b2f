"""The fixtures the application tests share (the crawled sample store itself
lives in tests/conftest.py, which the index tests share too)."""

from __future__ import annotations

from tests.index.conftest import any_store, elasticsearch_url, es_index_url  # noqa: F401 - both backends
