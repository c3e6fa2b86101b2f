"""What `newsmon analyze` accepts as input: UTF-8 with or without a BOM, UTF-16
with one, JSON lines only when they are JSON lines, and a clear way out for
legacy encodings."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.crawler.nasty_site import to_cp1258
from tests.helpers import ROOT, run_cli

TEXT = "Ngày 20/11, UBND tỉnh Nghệ An tặng Bằng khen cho 32 tập thể và 15 cá nhân."


def _analyse(*args: str, input: str | None = None) -> list[dict]:
    result = run_cli("analyze", *args, input=input)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def expected() -> dict:
    """The analysis of TEXT given as plain UTF-8, which every encoding must match."""
    (doc,) = _analyse("-", input=TEXT)
    assert doc["awards"], "the sample must have figures to compare"
    return doc


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_utf8_with_bom_and_utf16_with_bom_are_read(tmp_path, expected, encoding):
    path = tmp_path / "a.txt"
    data = TEXT.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # these codecs write no BOM: add it
        data = ("\ufeff" + TEXT).encode(encoding)
    path.write_bytes(data)
    (doc,) = _analyse(str(path))
    assert doc["id"] == str(path)
    assert (doc["entities"], doc["awards"]) == (expected["entities"], expected["awards"])


def test_json_lines_with_a_bom_are_json_lines(tmp_path):
    path = tmp_path / "docs.txt"
    lines = [json.dumps({"id": n, "text": TEXT}, ensure_ascii=False) for n in ("a", "b")]
    path.write_bytes("\n".join(lines).encode("utf-8-sig"))
    assert [d["id"] for d in _analyse(str(path))] == ["a", "b"]


def test_a_text_that_starts_with_a_brace_is_a_text(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("{Tin nóng} " + TEXT, "utf-8")
    (doc,) = _analyse(str(path))
    assert doc["id"] == str(path)
    assert doc["awards"][0]["count"] == 32


def test_a_jsonl_file_with_a_bad_first_line_reports_it(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("{oops\n" + json.dumps({"id": "b", "text": TEXT}) + "\n", "utf-8")
    result = run_cli("analyze", str(path))
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["b"]
    assert "line 1" in result.stderr and "bad JSON" in result.stderr


def test_windows_1258_is_named_with_the_command_that_converts_it(tmp_path):
    path = tmp_path / "cu.txt"
    path.write_bytes(to_cp1258(TEXT * 3))
    result = run_cli("analyze", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "is not UTF-8" in result.stderr and "WINDOWS-1258" in result.stderr
    assert "Traceback" not in result.stderr
    command = result.stderr[result.stderr.index("iconv"):].split(">")[0].split()
    if shutil.which("iconv"):  # the suggested command really converts it
        converted = subprocess.run(command, capture_output=True, check=True).stdout
        assert converted.decode("utf-8") == TEXT * 3


def test_utf16_without_a_bom_is_named(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    result = run_cli("analyze", str(path))
    assert result.returncode == 1
    assert "UTF-16LE" in result.stderr


def test_stdin_in_utf16_with_a_bom(expected):
    result = subprocess.run([sys.executable, "-m", "newsmon", "analyze", "-"], cwd=ROOT,
                    input=TEXT.encode("utf-16"), capture_output=True, timeout=240)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["awards"] == expected["awards"]


def test_a_text_too_short_to_guess_gets_no_made_up_encoding(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("Ngày".encode("cp1258"))
    result = run_cli("analyze", str(path))
    assert result.returncode == 1
    assert "is not UTF-8" in result.stderr and "iconv" not in result.stderr


def test_a_lone_surrogate_is_a_bad_line_and_the_rest_is_read(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "UBND tỉnh \\ud800 khen"}\n'
                    '{"id": "b", "text": "Sở Y tế tỉnh Nghệ An trao Bằng khen cho 5 tập thể."}\n',
                    "utf-8")
    result = run_cli("analyze", str(path))
    assert "line 1" in result.stderr and "lone surrogate" in result.stderr
    assert "Traceback" not in result.stderr and "bug" not in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["b"]
