"""What a user can type wrong never ends in a traceback: markup-like text in
messages, malformed URLs, arguments that are not UTF-8, queries with nothing to
search for; and a password in a store URL is never printed."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from newsmon.crawler.pipelines import spool_name
from tests.es_server import NoidaServer
from tests.helpers import ROOT, cli_json, run_cli


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr and "Unexpected error" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_an_error_quoting_markup_like_text_prints_it_as_is(tmp_path):
    line = _one_line_error(run_cli("crawl", "--since", "[/x]", "--no-analyze",
                                   "--store", f"sqlite:///{tmp_path / 'a.db'}"))
    assert "[/x]" in line
    page = tmp_path / "p.html"
    page.write_text("<html></html>", "utf-8")
    line = _one_line_error(run_cli("extract", str(page), "--url", "https://x.vn/a",
                                   "--parser", "[bold]x[/y]"))
    assert "[bold]x[/y]" in line


@pytest.mark.parametrize("url", ["http://[::1/", "http://example.vn:99999/"])
def test_a_malformed_url_is_a_one_line_error(tmp_path, url):
    for args in (("crawl", url, "--store", f"sqlite:///{tmp_path / 'a.db'}"),
                 ("sources", "add", url, "--sources", str(tmp_path / "s.toml")),
                 ("stats", "--store", url)):
        line = _one_line_error(run_cli(*args))
        assert "not a valid URL" in line, args
    assert not (tmp_path / "s.toml").exists()


def test_an_argument_that_is_not_utf8_is_a_one_line_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "newsmon", "search", b"can\xff",
                             "--store", f"sqlite:///{tmp_path / 'a.db'}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=240,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    line = _one_line_error(result, code=2)
    assert "not valid UTF-8" in line


@pytest.mark.parametrize("query", ["😀🎉", "\u200b\u200b", "\u200d ★ \ufeff", "a\x01"])
def test_a_query_with_nothing_to_search_for_is_refused(crawled, query):
    for command in ("search", "figures"):
        line = _one_line_error(run_cli(command, query, "--store", crawled["store"]))
        assert "query" in line


def test_a_zero_width_space_in_a_query_is_a_word_break(crawled):
    plain = cli_json("search", "cần thơ", "--store", crawled["store"])
    pasted = cli_json("search", "cần\u200bthơ", "--store", crawled["store"])
    assert pasted["total"] == plain["total"] > 0


def test_a_password_in_a_store_url_is_never_printed(crawled, tmp_path):
    closed = f"http://user:s3cret@127.0.0.1:{_closed_port()}/newsmon"
    failed = run_cli("reindex", "--store", crawled["store"], "--to", closed)
    assert failed.returncode != 0
    assert "s3cret" not in failed.stdout + failed.stderr
    assert "Traceback" not in failed.stderr

    server = NoidaServer(tmp_path).start()
    try:
        url = server.url.replace("http://", "http://user:s3cret@") + "/masked"
        copied = run_cli("reindex", "--store", crawled["store"], "--to", url)
        assert copied.returncode == 0, copied.stderr
        assert "user:***@" in copied.stdout
        report = cli_json("reindex", "--store", crawled["store"], "--to", url)
        assert report["to"].startswith("http://user:***@")
        crawl = run_cli("crawl", "--analyze-only", "--store", url)
        crawl_json = run_cli("crawl", "--analyze-only", "--store", url, "--json")
        assert crawl.returncode == crawl_json.returncode == 0, crawl.stderr
        assert json.loads(crawl_json.stdout)["store"].startswith("http://user:***@")
        for result in (copied, crawl, crawl_json):
            assert "s3cret" not in result.stdout + result.stderr
    finally:
        server.stop()


def test_spool_file_names_leave_out_credentials():
    assert "s3cret" not in spool_name("https://user:s3cret@search.example.vn:9200/newsmon")
    assert spool_name("https://user:s3cret@search.example.vn:9200/newsmon") == spool_name(
        "https://search.example.vn:9200/newsmon")
    # a URL without credentials keeps the name it always had (earlier spools are replayed)
    assert spool_name("sqlite:////srv/newsmon.db") == "sqlite_____srv_newsmon_db.jsonl"
