"""A store built by a real crawl of the sample site, shared by the CLI tests
that only read it."""

from __future__ import annotations

import pytest

from tests.helpers import cli_json, write_sources
from tests.index.conftest import any_store, elasticsearch_url, es_index_url  # noqa: F401 - both backends


@pytest.fixture(scope="session")
def crawled(sample_site, tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("cli")
    sources = write_sources(tmp / "sources.toml", sample_site)
    store = f"sqlite:///{tmp / 'cli.db'}"
    report = cli_json("crawl", "--allow-private", "--sources", str(sources), "--store", store,
                      "--workers", "2")
    return {"store": store, "sources": sources, "report": report}
