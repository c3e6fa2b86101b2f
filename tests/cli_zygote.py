"""A fork server for the CLI tests: one Python that has imported `newsmon.cli`
forks a fresh child for each `newsmon …` the tests run.

Why: every `python -m newsmon` pays about a second of interpreter start and
imports (spaCy, Typer, the store) before the command begins, and the suite runs
a few hundred of them. A child forked from here is still a separate process with
its own stdin, stdout and stderr pipes, environment, working directory and exit
status, running `newsmon`'s real `__main__` through `runpy` exactly as `-m`
does; only the imports are already done. Tests whose point is the process
start itself (Ctrl-C while importing, pipes, encodings of a fresh interpreter)
keep using `subprocess` directly.

Protocol on a Unix socket, one request per connection: the client sends the
child's stdin, stdout and stderr descriptors with a length-prefixed JSON header
(`args`, `env`, `cwd`); the server answers the child's pid, then its exit code
(as `subprocess` reports it: negative for a signal), one line each.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import runpy
import select
import socket
import sys
import threading
import traceback


def _recv_exact(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise EOFError("the client went away mid-request")
        data += chunk
    return data


def _exit_code(code: object) -> int:
    """What the interpreter makes of `SystemExit(code)`."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _run_child(request: dict, fds: list[int]) -> None:
    """In the forked child: become `python -m newsmon ARGS` and never return."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    sys.argv = ["newsmon", *request["args"]]
    try:
        runpy.run_module("newsmon", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc.code)
    except BaseException:  # as the interpreter does with an uncaught exception
        traceback.print_exc()
        code = 1
    try:
        threading._shutdown()  # type: ignore[attr-defined]  # join non-daemon threads
        atexit._run_exitfuncs()
    except BaseException:
        traceback.print_exc()
        code = code or 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError, OSError):
            stream.flush()
    os._exit(code)


def serve(path: str) -> None:
    import newsmon.cli  # noqa: F401 - the imports each child would otherwise repeat
    import newsmon.nlp.analysis  # noqa: F401 - the reader, which newsmon.nlp loads on use

    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    lifeline = sys.stdin.fileno()  # the test session holds the other end
    while True:
        ready, _, _ = select.select([server, lifeline], [], [])
        if lifeline in ready and not os.read(lifeline, 1):
            return  # the session ended (or died): so does the server
        if server not in ready:
            continue
        conn, _ = server.accept()
        with conn:
            header, fds, _, _ = socket.recv_fds(conn, 8, 3)
            header += _recv_exact(conn, 8 - len(header))
            request = json.loads(_recv_exact(conn, int(header)))
            pid = os.fork()
            if pid == 0:
                server.close()
                conn.close()
                _run_child(request, fds)
            for fd in fds:
                os.close(fd)
            conn.sendall(f"{pid}\n".encode())
            _, status = os.waitpid(pid, 0)
            conn.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())


if __name__ == "__main__":
    serve(sys.argv[1])
