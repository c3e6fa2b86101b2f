"""Shared fixtures: a temporary data directory so no test touches the user's store."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("NEWSMON_DATA_DIR", str(data))
    monkeypatch.delenv("NEWSMON_STORE", raising=False)
    monkeypatch.delenv("NEWSMON_SOURCES", raising=False)
    return data
