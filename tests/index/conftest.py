"""The backends every conformance test runs on."""

from __future__ import annotations

import pytest

from index import open_store


@pytest.fixture(params=["sqlite"])
def any_store(request, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'conformance.db'}")
    yield store
    store.close()
