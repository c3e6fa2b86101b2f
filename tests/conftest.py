"""Shared fixtures: a temporary data directory so no test touches the user's store,
and the sample sites on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmon.sample_site.server import SampleSite


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
