"""The backends every conformance test runs on.

`elasticsearch` runs against the cluster named by NEWSMON_TEST_ELASTICSEARCH_URL
when it is set, and otherwise against the ES-API server of `noida-db`, started
here on a free loopback port for the session and stopped at its end. Each test
gets its own index name and deletes it afterwards.
"""

from __future__ import annotations

import os
import uuid

import pytest

from newsmon.index import open_store
from tests.es_server import NoidaServer

NOIDA = "noida"


@pytest.fixture(scope="session")
def elasticsearch_url(tmp_path_factory):
    """(url, kind): a real cluster from the environment, or a noida-db server."""
    if url := os.environ.get("NEWSMON_TEST_ELASTICSEARCH_URL"):
        yield url.rstrip("/"), "cluster"
        return
    server = NoidaServer(tmp_path_factory.mktemp("noida")).start()
    try:
        yield server.url, NOIDA
    finally:
        server.stop()


@pytest.fixture
def es_index_url(elasticsearch_url):
    """A URL naming an index of its own, dropped after the test."""
    base, _ = elasticsearch_url
    url = f"{base}/newsmon-test-{uuid.uuid4().hex[:12]}"
    yield url
    from newsmon.index.backends.elasticsearch import ElasticsearchStore

    store = ElasticsearchStore(url)
    store.drop()
    store.close()


@pytest.fixture(params=["sqlite", "elasticsearch"])
def any_store(request, tmp_path):
    if request.param == "sqlite":
        store = open_store(f"sqlite:///{tmp_path / 'conformance.db'}")
    else:
        store = open_store(request.getfixturevalue("es_index_url"))
    yield store
    store.close()
