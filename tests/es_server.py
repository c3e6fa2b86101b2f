"""The ES-API server (noida-db) the tests start on a free loopback port, and can
stop and start again on the same port and data, as a real cluster restarts."""

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
from pathlib import Path

import pytest


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


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


class NoidaServer:
    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.directory = directory
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> NoidaServer:
        log = (self.directory / "server.log").open("ab")
        self.proc = subprocess.Popen(
            [*_noida_command(), "start", "--data-dir", str(self.directory / "data"), "--only",
             "elasticsearch", "--elasticsearch-port", str(self.port)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + 60
        while not answers(self.url):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                log_text = (self.directory / "server.log").read_text(errors="replace")
                pytest.fail(f"noida-db did not start on {self.url}: {log_text[-2000:]}")
            time.sleep(0.1)
        return self

    def stop(self) -> None:
        """Stop only the process group this object started."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.proc = None
