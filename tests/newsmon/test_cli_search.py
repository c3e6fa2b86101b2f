"""`newsmon search`, `figures`, `stats` and `sources` as a user types them, through a
subprocess, on a store written through the Python API: forgiving queries, honest
answers, and read-only commands that never create or change a store."""

from __future__ import annotations

import pytest

from newsmon.index import open_store
from tests.helpers import cli_json, run_cli
from tests.index.corpus import CORPUS


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli-search') / 'corpus.db'}"
    with open_store(url) as db:
        db.add_analyzed(CORPUS)
    return url


@pytest.mark.parametrize("command", [["search", "khen"], ["stats"], ["figures"], ["sources"]])
def test_read_only_commands_refuse_a_store_that_does_not_exist(tmp_path, command):
    typo = tmp_path / "newsmn.db"
    result = run_cli(*command, "--store", f"sqlite:///{typo}")
    assert result.returncode == 1
    assert "No store at" in result.stderr and "newsmn.db" in result.stderr
    assert "Traceback" not in result.stderr
    assert not typo.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("typed", ["UBND TP. Cần Thơ", "ubnd tp can tho",
                                   "Ủy ban nhân dân thành phố Cần Thơ", "uy ban nhan dan Can Tho"])
def test_a_unit_typed_any_way_finds_the_same_articles(store, typed):
    assert cli_json("search", f'unit:"{typed}"', "--store", store)["total"] == 2


def test_an_unknown_field_suggests_the_nearest(store):
    result = run_cli("search", 'unti:"Cần Thơ"', "--store", store)
    assert result.returncode == 2
    assert "did you mean 'unit:'?" in result.stderr and "Traceback" not in result.stderr


def test_lower_case_operators_get_a_hint(store):
    result = run_cli("search", "huân or bóng", "--store", store)
    assert "write OR in capitals" in result.stderr


def test_a_query_with_no_result_suggests_one_that_has(store):
    result = run_cli("search", 'campaign:"Dân vận khéeo"', "--store", store)
    assert result.returncode == 0
    assert "No article matches" in result.stdout
    assert 'Did you mean campaign:"Dân vận khéo"? It finds 2 article(s).' in result.stderr


def test_paging_past_the_end_says_so(store):
    result = run_cli("search", "khen", "--page", "99", "--store", store)
    assert result.returncode == 1
    assert "Page 99 is past the end: 3 article(s) match, 1 page(s) of 10." in result.stderr
    assert "showing" not in result.stdout


def test_figure_filters_take_the_labels_the_output_shows(store):
    def counts(*args: str) -> list[int]:
        return sorted(f["count"] for f in cli_json("figures", *args, "--store", store))

    assert counts("--status", "đề nghị") == counts("--status", "proposed") == [5]
    assert counts("--level", "cấp tỉnh") == counts("--level", "tỉnh") == [32, 45, 50, 100, 150]
    assert counts("--unit", "ubnd tinh nghe an", "--status", "đã trao") == [2, 50, 100, 150]
    bad = run_cli("figures", "--status", "maybe", "--store", store)
    assert bad.returncode == 1 and "đề nghị" in bad.stderr


def test_facets_count_stories_when_asked(tmp_path):
    from newsmon.nlp.types import Analysis
    from tests.index.corpus import NGHEAN
    from tests.index.story_cases import families

    (_, copies), (_, other) = families()[:2]
    url = f"sqlite:///{tmp_path / 'stories.db'}"
    with open_store(url) as db:
        db.add_analyzed([(a, Analysis(units=[NGHEAN])) for a in (*copies, other[0])])
    by_article = cli_json("search", "--store", url)["facets"]["units"]
    by_story = cli_json("search", "--facets-by", "story", "--store", url)["facets"]["units"]
    assert by_article == [[NGHEAN, 5]] and by_story == [[NGHEAN, 2]]
    shown = run_cli("search", "--facets-by", "story", "--store", url)
    assert shown.returncode == 0 and "stories" in shown.stdout and "Stories per month" in \
        shown.stdout
    wrong = run_cli("search", "--facets-by", "stories", "--store", url)
    assert wrong.returncode != 0 and "--facets-by" in wrong.stderr and "story" in wrong.stderr
    assert "Traceback" not in wrong.stderr
