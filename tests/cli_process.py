"""Run `newsmon …` in its own process, forked from the session's fork server
(`tests/cli_zygote.py`) so that each run skips the second of imports a fresh
`python -m newsmon` pays. The result is what `subprocess.run(...,
capture_output=True, text=True, timeout=...)` gives: a `CompletedProcess`
with decoded, newline-translated output, or `TimeoutExpired` after killing
the child.

NEWSMON_TEST_FRESH_PYTHON=1 turns the fork server off: every run is then a
fresh `python -m newsmon` (to rule the server out when a test misbehaves).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import locale
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

_server: subprocess.Popen[bytes] | None = None
_socket_path: str | None = None


def _start_server(cwd: Path, env: dict[str, str]) -> str:
    global _server, _socket_path
    if _server is not None and _server.poll() is None and _socket_path:
        return _socket_path
    folder = tempfile.mkdtemp(prefix="newsmon-cli-")
    path = os.path.join(folder, "fork.sock")
    _server = subprocess.Popen(
        [sys.executable, "-m", "tests.cli_zygote", path],
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert _server.stdout is not None
    line = _server.stdout.readline()
    if line != b"ready\n":
        _server.kill()
        raise RuntimeError(f"the CLI fork server did not start (said {line!r})")
    atexit.register(stop_server)
    _socket_path = path
    return path


def stop_server() -> None:
    """Closing the server's stdin ends it (it also ends if this process dies)."""
    global _server
    if _server is None:
        return
    assert _server.stdin is not None
    _server.stdin.close()
    try:
        _server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        _server.kill()
        _server.wait()
    _server = None


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _decode(data: bytes) -> str:
    """As `subprocess` decodes with text=True: the locale's encoding, universal newlines."""
    text = data.decode(locale.getpreferredencoding(False))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def run(
    args: list[str], *, input: str | None, env: dict[str, str], cwd: Path, timeout: float
) -> subprocess.CompletedProcess[str]:
    # no fork (Windows) or no Unix sockets: a fresh interpreter per run, as asked for
    fresh = not (hasattr(os, "fork") and hasattr(socket, "AF_UNIX"))
    if fresh or os.environ.get("NEWSMON_TEST_FRESH_PYTHON") == "1":
        return subprocess.run(
            [sys.executable, "-m", "newsmon", *args],
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            cwd=cwd,
        )
    path = _start_server(cwd, env)
    # with no input the child reads this process's stdin, as subprocess.run's would
    in_r, in_w = os.pipe() if input is not None else (os.dup(0), -1)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    request = json.dumps({"args": args, "env": env, "cwd": str(cwd)}).encode()
    chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}

    def drain(fd: int) -> None:
        while data := os.read(fd, 65536):
            chunks[fd].append(data)

    def feed() -> None:
        try:
            os.write(in_w, (input or "").encode(locale.getpreferredencoding(False)))
        except BrokenPipeError:
            pass
        finally:
            os.close(in_w)

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(path)
        socket.send_fds(conn, [b"%08d" % len(request)], [in_r, out_w, err_w])
        conn.sendall(request)
        for fd in (in_r, out_w, err_w):
            os.close(fd)
        replies = conn.makefile("rb")
        pid = int(replies.readline())
        readers = [threading.Thread(target=drain, args=(fd,), daemon=True) for fd in (out_r, err_r)]
        threads = readers + ([threading.Thread(target=feed, daemon=True)] if in_w >= 0 else [])
        try:
            for t in threads:
                t.start()
            deadline = time.monotonic() + timeout  # bounds reading the output, as subprocess.run's
            for t in threads:
                t.join(max(0.0, deadline - time.monotonic()))
            timed_out = any(t.is_alive() for t in threads)
            if timed_out:
                _kill(pid)
            code = int(replies.readline())
        except BaseException:  # a test timeout or Ctrl-C: leave no child behind
            _kill(pid)
            raise
    for t in readers:
        t.join(5)
    for fd, t in zip((out_r, err_r), readers, strict=True):
        if not t.is_alive():  # a grandchild still holding the pipe keeps its reader
            os.close(fd)
    stdout = _decode(b"".join(chunks[out_r]))
    stderr = _decode(b"".join(chunks[err_r]))
    command = [sys.executable, "-m", "newsmon", *args]
    if timed_out:
        raise subprocess.TimeoutExpired(command, timeout, output=stdout, stderr=stderr)
    return subprocess.CompletedProcess(command, code, stdout, stderr)
