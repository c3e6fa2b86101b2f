"""What the CLI prints for programs and spreadsheets: CSV that Excel opens
right, one JSON shape per field, and figures that say where they were published."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from urllib.parse import urlsplit

from tests.helpers import ROOT, cli_json, run_cli


def _raw(*args: str) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run([sys.executable, "-m", "newsmon", *args], cwd=ROOT,
                            capture_output=True, timeout=240)
    assert result.returncode == 0, result.stderr.decode()
    return result


def test_csv_is_utf8_with_a_bom(crawled):
    for args in (("search", "has:award", "--all", "--csv"), ("figures", "--csv")):
        data = _raw(*args, "--store", crawled["store"]).stdout
        assert data.startswith(b"\xef\xbb\xbf"), args
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert rows and "title" in rows[0]
        assert any("ư" in row["title"] or "ơ" in row["title"] for row in rows)


def test_csv_of_one_page_says_so(crawled):
    total = cli_json("search", "has:award", "--store", crawled["store"])["total"]
    assert total > 3
    result = _raw("search", "has:award", "-n", "3", "--csv", "--store", crawled["store"])
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert "--all" in result.stderr.decode()
    everything = _raw("search", "has:award", "--all", "--csv", "--store", crawled["store"])
    assert everything.stderr == b""


def test_a_hit_has_one_json_shape_in_pages_and_in_exports(crawled):
    page = cli_json("search", "has:award", "-n", "100", "--order", "date", "--all-copies",
                    "--store", crawled["store"])
    result = run_cli("search", "has:award", "--all", "--json", "--order", "date",
                     "--store", crawled["store"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == page["total"] == len(page["hits"])
    for paged, streamed in zip(page["hits"], lines, strict=True):
        assert set(paged) == set(streamed)
        assert isinstance(paged["units"], list) and isinstance(streamed["units"], list)
        assert paged["units"] == streamed["units"]
        assert (paged["id"], paged["canonical_url"]) == (streamed["id"],
                                                         streamed["canonical_url"])
    assert any(hit["units"] for hit in lines)
    # by default a page has one hit per story; an export still has every copy
    stories = cli_json("search", "has:award", "-n", "100", "--order", "date",
                       "--store", crawled["store"])
    assert stories["total"] == len(lines) and len(stories["hits"]) == stories["stories"]
    assert len(stories["hits"]) + sum(h["reprints"] for h in stories["hits"]) == len(lines)


def test_each_figure_names_its_article_title_and_canonical_url(crawled):
    figures = cli_json("figures", "--store", crawled["store"])
    assert figures
    for f in figures:
        assert f["title"]
        assert urlsplit(f["canonical_url"]).hostname in ("baotintuc.vn", "www.vietnamplus.vn",
                                                         "vietnamplus.vn", "bnews.vn")
    shown = run_cli("figures", "-n", "5", "--store", crawled["store"])
    assert shown.returncode == 0, shown.stderr
    for f in figures[:5]:
        assert f["canonical_url"] in shown.stdout
        assert f["title"][:30] in shown.stdout
