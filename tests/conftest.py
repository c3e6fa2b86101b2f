"""Shared fixtures: a temporary data directory so no test touches the user's store,
the sample sites on loopback, and one store crawled from them for the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmon.sample_site.server import SampleSite
from tests.helpers import cli_json, write_sources


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("NEWSMON_DATA_DIR", str(data))
    monkeypatch.delenv("NEWSMON_STORE", raising=False)
    monkeypatch.delenv("NEWSMON_SOURCES", raising=False)
    return data


@pytest.fixture(scope="session")
def sample_site() -> Iterator[SampleSite]:
    """The bundled sample sites, served on loopback for the whole session."""
    with SampleSite() as site:
        yield site


@pytest.fixture(scope="session")
def crawled(sample_site, tmp_path_factory) -> dict:
    """A store built by a real `newsmon crawl` of the sample sites (with the
    analysis), shared by the tests that only read it: one crawl for the
    session instead of one per module. A test that changes a store copies it."""
    tmp = tmp_path_factory.mktemp("cli")
    sources = write_sources(tmp / "sources.toml", sample_site)
    store = f"sqlite:///{tmp / 'cli.db'}"
    report = cli_json(
        "crawl", "--allow-private", "--sources", str(sources), "--store", store, "--workers", "2"
    )
    return {"store": store, "sources": sources, "report": report}


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> dict:
    """`newsmon demo` run once for the session: its store and its JSON summary.
    Tests only read the store; one that runs something on it works on a copy
    (`copy_sqlite`)."""
    store = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    return {"store": store, "summary": cli_json("demo", "--store", store, timeout=400)}

