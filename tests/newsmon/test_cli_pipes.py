"""A reader that goes away (`newsmon search x | head`) ends the command quietly,
with real processes and real pipes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT

TEXT = "Ngày 20/11, UBND tỉnh Nghệ An tặng Bằng khen cho 32 tập thể và 15 cá nhân.\n"


def _run_with_closed_stdout(*args: str, input: str | None = None) -> tuple[int, str]:
    """Run the CLI with its stdout a pipe whose reading end is already closed,
    as when `head` has read its lines and exited; (exit code, stderr)."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run([sys.executable, "-m", "newsmon", *args], cwd=ROOT,
                                stdout=write, stderr=subprocess.PIPE, input=input,
                                text=True, timeout=240, env={**os.environ, "COLUMNS": "200"})
    finally:
        os.close(write)
    return result.returncode, result.stderr


@pytest.mark.parametrize("args", [
    ("search", "khen thưởng"),
    ("search", "has:award", "--all", "--json"),
    ("search", "has:award", "--all", "--csv"),
    ("figures",),
    ("stats", "--json"),
], ids=lambda args: " ".join(args))
def test_a_closed_pipe_ends_quietly(crawled, args):
    code, stderr = _run_with_closed_stdout(*args, "--store", crawled["store"])
    assert stderr == ""
    assert code == 141


def test_analyze_into_a_closed_pipe_ends_quietly():
    code, stderr = _run_with_closed_stdout("analyze", "-", input=TEXT * 3)
    assert (code, stderr) == (141, "")


def test_head_reads_the_first_lines_and_the_rest_stops(crawled):
    """The real thing: `newsmon figures | head -n 2`."""
    producer = subprocess.Popen(
        [sys.executable, "-m", "newsmon", "search", "has:award", "--all", "--json",
         "--store", crawled["store"]], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    head = subprocess.run(["head", "-n", "2"], stdin=producer.stdout, capture_output=True,
                          text=True, timeout=240)
    producer.stdout.close()
    stderr = producer.stderr.read()
    producer.wait(timeout=240)
    assert len(head.stdout.splitlines()) == 2
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert producer.returncode in (0, 141)  # 0 if it wrote everything before head left
