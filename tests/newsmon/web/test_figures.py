"""The figures page's comparison view over HTTP, against the session's uvicorn:
its verdict choices, counts and pages give the same rows as
`newsmon figures --compare --verdict` for the same filter."""

from __future__ import annotations

import html
import re

import pytest

from newsmon.figuring import VERDICT_CHOICES
from tests.helpers import cli_json

PILL = re.compile(r'<a href="/figures\?([^"]*)"[^>]*>[^<]*<span class="n">([\d.]+)</span>')
ROW = re.compile(r'<section class="ledger (\w+)">')


def pills(page: str) -> dict[str, tuple[int, str]]:
    """verdict choice -> (count shown, its link's query)."""
    found = {}
    for query, count in PILL.findall(page):
        query = html.unescape(query)
        verdict = re.search(r"verdict=(\w+)", query).group(1)
        found[verdict] = (int(count.replace(".", "")), query)
    return found


def all_rows(client, query: str) -> list[str]:
    """The verdicts of every ledger row, page after page."""
    verdicts: list[str] = []
    for page in range(1, 100):
        answer = client.get(f"/figures?{query}&page={page}")
        assert answer.status_code == 200
        verdicts += ROW.findall(answer.text)
        if 'rel="next"' not in answer.text:
            return verdicts
    raise AssertionError("the pager never ends")


def test_opens_on_discrepancies_then_agreements(viewer, web_site):
    page = viewer.get("/figures?view=compare").text
    shown = ROW.findall(page)
    assert "single" not in shown
    assert shown == sorted(shown, key=["discrepancy", "agree"].index)
    assert 'aria-current="true">Nhiều nguồn' in page


@pytest.mark.parametrize("extra", [[], ["--status", "awarded"], ["--year", "2026"]])
def test_counts_and_rows_match_the_cli(viewer, web_site, extra):
    params = "&".join(
        f"{k.removeprefix('--')}={v}" for k, v in zip(extra[::2], extra[1::2], strict=True)
    )
    found = pills(viewer.get(f"/figures?view=compare&{params}").text)
    assert set(found) == set(VERDICT_CHOICES)
    for verdict, (count, query) in found.items():
        cli = cli_json(
            "figures", "--compare", "--verdict", verdict, *extra, "--store", web_site.store
        )
        assert count == len(cli), verdict
        assert all_rows(viewer, query) == [r["verdict"] for r in cli]


def test_a_filter_keeps_the_verdict_and_narrows_the_counts(viewer, web_site):
    everything = pills(viewer.get("/figures?view=compare&verdict=all").text)["all"][0]
    narrowed = viewer.get("/figures?view=compare&verdict=single&unit=không+có+đơn+vị+này").text
    assert pills(narrowed)["all"][0] == 0 < everything
    assert 'name="verdict" value="single"' in narrowed
    assert "Không có sự kiện nào thuộc loại “Một nguồn”" in narrowed


def test_each_source_links_to_its_article(viewer, web_site):
    page = viewer.get("/figures?view=compare&verdict=all").text
    links = re.findall(r'<a href="/article/([^"#]+)#figures">', page)
    assert links
    assert viewer.get(f"/article/{links[0]}").status_code == 200


def test_a_bad_verdict_falls_back_to_the_opening_choice(viewer):
    page = viewer.get("/figures?view=compare&verdict=%3Cscript%3E").text
    assert 'aria-current="true">Nhiều nguồn' in page and "<script>" not in page.split("<main>")[1]
