"""The backends every conformance test runs on.

`elasticsearch` runs against the cluster named by NEWSMON_TEST_ELASTICSEARCH_URL
when it is set, and otherwise against the ES-API server of `noida-db`, started
here on a free loopback port for the session and stopped at its end. Each test
gets its own index name and deletes it afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from index import open_store

NOIDA = "noida"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _noida_command() -> list[str]:
    """The noida-db binary itself where the package ships it (so terminating the
    process stops the server), else the console script next to this Python."""
    try:
        from importlib.resources import files

        binary = files("noida_db").joinpath("noida-db.exe" if os.name == "nt" else "noida-db")
        if binary.is_file():
            os.chmod(str(binary), 0o755)
            return [str(binary)]
    except ImportError:
        pass
    script = Path(sys.executable).parent / "noida-db"
    if script.exists():
        return [str(script)]
    found = shutil.which("noida-db")
    if not found:
        pytest.skip("noida-db is not installed (pip install noida-db) and "
                    "NEWSMON_TEST_ELASTICSEARCH_URL is not set")
    return [found]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def elasticsearch_url(tmp_path_factory):
    """(url, kind): a real cluster from the environment, or a noida-db server."""
    if url := os.environ.get("NEWSMON_TEST_ELASTICSEARCH_URL"):
        yield url.rstrip("/"), "cluster"
        return
    port = free_port()
    data = tmp_path_factory.mktemp("noida")
    log = (data / "server.log").open("wb")
    proc = subprocess.Popen(
        [*_noida_command(), "start", "--data-dir", str(data / "data"), "--only",
         "elasticsearch", "--elasticsearch-port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not _answers(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.fail(f"noida-db did not start on {url}: "
                        f"{(data / 'server.log').read_text(errors='replace')[-2000:]}")
        time.sleep(0.1)
    try:
        yield url, NOIDA
    finally:
        # Only the process group this fixture started.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@pytest.fixture
def es_index_url(elasticsearch_url):
    """A URL naming an index of its own, dropped after the test."""
    base, _ = elasticsearch_url
    url = f"{base}/newsmon-test-{uuid.uuid4().hex[:12]}"
    yield url
    from index.elasticsearch_store import ElasticsearchStore

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
