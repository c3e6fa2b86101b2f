"""The CLI through a subprocess, on a store built by a real crawl of the sample site."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from newsmon.sample_site.articles import load_content
from tests.helpers import cli_json, run_cli
from tests.newsmon.test_seeded_checks import hand_count

COMMANDS = ["crawl", "analyze", "search", "stats", "demo", "extract", "sources", "sources add",
            "figures", "reindex"]


def expected_article_count() -> int:
    return sum(len(doc["sites"]) for doc in load_content())


def test_crawl_collects_every_sample_article_and_analyses_it(crawled):
    report = crawled["report"]
    articles = sum(s["articles"] for s in report["sources"])
    assert articles == expected_article_count()
    assert sum(s["new"] for s in report["sources"]) == articles
    assert report["analysis"]["analyzed"] == articles
    assert report["analysis"]["failed"] == []
    stats = cli_json("stats", "--store", crawled["store"])
    assert stats["articles"] == stats["analyzed"] == articles
    assert set(stats["by_source"]) == {"baotintuc", "vietnamplus", "bnews"}
    assert stats["figures"] > 0


def test_second_crawl_fetches_no_known_article(crawled):
    again = cli_json("crawl", "--allow-private",
                     "--sources", str(crawled["sources"]), "--store", crawled["store"])
    assert sum(s["articles"] for s in again["sources"]) == 0
    assert all(s["not_modified"] > 0 for s in again["sources"])  # feeds: 304
    assert again["analysis"]["analyzed"] == 0


def test_search_is_diacritic_insensitive(crawled):
    plain = cli_json("search", "can tho", "--store", crawled["store"])
    marked = cli_json("search", "CẦN THƠ", "--store", crawled["store"])
    assert plain["total"] == marked["total"] > 0
    hit = plain["hits"][0]
    words = {hit["snippet"][s:e].lower() for s, e in hit["highlights"]}
    assert words & {"cần", "thơ", "cần thơ"}  # a known name is searched as a phrase


def test_unit_search_finds_every_spelling(crawled):
    result = cli_json("search", 'unit:"UBND TP Cần Thơ"', "--store", crawled["store"],
                      "--limit", "50")
    assert result["total"] > 0
    assert all(any("Cần Thơ" in u for u in h["units"]) for h in result["hits"])


def test_search_prints_readable_results(crawled):
    result = run_cli("search", "khen thưởng", "--store", crawled["store"], "-n", "3")
    assert result.returncode == 0, result.stderr
    assert "article(s) match" in result.stdout
    numbered = re.findall(r"^(\d+)\. ", result.stdout, flags=re.MULTILINE)
    assert numbered == ["1", "2", "3"]


def test_malformed_query_names_the_position(crawled):
    result = run_cli("search", "(cần thơ", "--store", crawled["store"])
    assert result.returncode == 2
    assert "expected ')'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_store_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 1000)
    result = run_cli("stats", "--store", f"sqlite:///{bad}")
    assert result.returncode == 1
    assert "Cannot open the SQLite store" in result.stderr
    assert "Traceback" not in result.stderr


def test_analyze_reads_json_lines_and_reports_bad_lines(tmp_path):
    text = "Ngày 20/11, UBND tỉnh Nghệ An tặng Bằng khen cho 32 tập thể."
    lines = [json.dumps({"id": "a", "text": text}, ensure_ascii=False), "{not json",
             json.dumps({"id": "b", "text": "  "}), json.dumps({"id": "c", "text": text})]
    result = run_cli("analyze", "-", input="\n".join(lines) + "\n")
    assert result.returncode == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["a", "c"]
    assert "line 2" in result.stderr and "line 3" in result.stderr
    award = docs[0]["awards"][0]
    assert (award["count"], award["recipient_kind"], award["status"]) == (32, "tập thể", "awarded")
    assert text[award["start"]:award["end"]].startswith("32")
    for entity in docs[0]["entities"]:
        assert text[entity["start"]:entity["end"]] == entity["text"]


def test_analyze_plain_text_file(tmp_path):
    path = Path(tmp_path / "a.txt")
    path.write_text("Ông Nguyễn Văn Hùng, Chủ tịch UBND TP. Cần Thơ, phát biểu.", "utf-8")
    doc = json.loads(run_cli("analyze", str(path)).stdout)
    assert doc["id"] == str(path)
    assert "Nguyễn Văn Hùng" in {e["text"] for e in doc["entities"] if e["type"] == "PER"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command):
    result = run_cli(*command.split(), "--help")
    assert result.returncode == 0
    assert "Examples" in result.stdout


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_and_missing_sources_are_reported_and_others_still_collected(
        sample_site, tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[down]\nspider = "baotintuc"\nstart_urls = ["http://127.0.0.1:{_closed_port()}/x.rss"]\n'
        f'[missing]\nspider = "baotintuc"\n'
        f'start_urls = ["{sample_site.base_url("baotintuc")}/khong-co.rss"]\n'
        f'[ok]\nspider = "vietnamplus"\nstart_urls = {sample_site.start_urls("vietnamplus")!r}\n'
        .replace("'", '"'), "utf-8")
    result = run_cli("crawl", "--allow-private", "--sources", str(sources), "--store",
                     f"sqlite:///{tmp_path / 'x.db'}", "--no-analyze")
    assert result.returncode == 1
    assert "down is unreachable" in result.stderr
    assert "HTTP 404" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert re.search(r"ok: \d+ pages, [1-9]\d* articles", result.stdout)


FIXTURES = Path(__file__).parents[1] / "crawler" / "fixtures"


def test_extract_prints_the_fields_of_a_saved_page():
    page = FIXTURES / "bnews" / "vn-index-mat-gan-18-diem.html"
    expected = json.loads(page.with_suffix(".expected.json").read_text("utf-8"))
    result = run_cli("extract", str(page), "--url", expected["canonical_url"])
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert (got["title"], got["parser"]) == (expected["title"], "bnews")
    assert got["body"].split("\n\n") == expected["body"]
    assert got["published_at"] == expected["published_at"]


def test_extract_says_why_a_page_is_not_an_article():
    page = FIXTURES / "generic" / "video" / "clip.html"
    result = run_cli("extract", str(page), "--url", "https://songhong.example/video/clip.html")
    assert result.returncode == 1
    assert "Not an article (video)" in result.stderr
    missing = run_cli("extract", "/nonexistent.html", "--url", "https://x.vn/a.html")
    assert missing.returncode == 1 and "Cannot read" in missing.stderr
    unknown = run_cli("extract", str(page), "--url", "https://x.vn/a.html", "--parser", "x")
    assert unknown.returncode == 1 and "Unknown parser 'x'" in unknown.stderr


def test_analyze_html_marks_entities_and_figures(tmp_path):
    text = ("Ngày 12/11, UBND TP. Cần Thơ tặng Bằng khen cho 32 tập thể và đề nghị "
            "Thủ tướng Chính phủ tặng Bằng khen cho 5 cá nhân.")
    source = tmp_path / "a.txt"
    source.write_text(text, "utf-8")
    page = tmp_path / "found.html"
    result = run_cli("analyze", "--html", str(page), str(source))
    assert result.returncode == 0, result.stderr
    html = page.read_text("utf-8")
    marks = re.findall(r"<mark[^>]*>\s*(.*?)\s*<span[^>]*>\s*(\S+)\s*</span>", html, re.S)
    found = {(" ".join(t.split()), label) for t, label in marks}
    assert ("UBND TP. Cần Thơ", "ORG") in found
    assert ("32 tập thể", "FIGURE") in found
    assert ("5 cá nhân", "FIGURE?") in found


def test_reindex_copies_articles_and_analyses(crawled, tmp_path):
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    first = cli_json("reindex", "--store", crawled["store"], "--to", target)
    again = cli_json("reindex", "--store", crawled["store"], "--to", target)
    stats = cli_json("stats", "--store", target)
    original = cli_json("stats", "--store", crawled["store"])
    assert first["copied"] == first["new"] == original["articles"]
    assert again["new"] == 0
    assert (stats["articles"], stats["analyzed"], stats["figures"]) == (
        original["articles"], original["analyzed"], original["figures"])
    assert stats["top_units"] == original["top_units"]


def test_figures_command_filters_and_sums(crawled):
    everything = cli_json("figures", "--store", crawled["store"])
    proposed = cli_json("figures", "--status", "proposed", "--store", crawled["store"])
    assert proposed and all(f["status"] == "proposed" for f in proposed)
    assert len(proposed) < len(everything)
    sums = cli_json("figures", "--sum-by", "status", "--store", crawled["store"])
    # each story once, its original's figures: the hand count of the labels
    assert {(s["key"], s["kind"]): s["total"] for s in sums} == hand_count("status")
    bad = run_cli("figures", "--sum-by", "colour", "--store", crawled["store"])
    assert bad.returncode == 1 and "--sum-by takes" in bad.stderr


def test_search_exports_every_match_as_csv(crawled):
    import csv
    import io

    total = cli_json("search", "has:award", "--store", crawled["store"])["total"]
    result = run_cli("search", "has:award", "--all", "--csv", "--store", crawled["store"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == total > 10  # more than one page: no cap
    assert {"title", "canonical_url", "snippet", "units"} <= set(rows[0])


def test_analyze_html_is_a_vietnamese_utf8_page_with_every_status(tmp_path):
    text = ("UBND tỉnh Nghệ An tặng Bằng khen cho 32 tập thể và đề nghị Thủ tướng Chính phủ "
            "tặng Bằng khen cho 5 cá nhân; năm tới phấn đấu có 40 tập thể được khen thưởng.")
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "<b>bài 1</b>", "text": text}, ensure_ascii=False),
                      "utf-8")
    page = tmp_path / "found.html"
    result = run_cli("analyze", "--html", str(page), str(source))
    assert result.returncode == 0, result.stderr
    awards = json.loads(result.stdout)["awards"]
    html = page.read_text("utf-8")
    assert '<meta charset="utf-8">' in html and '<html lang="vi">' in html
    assert "&lt;b&gt;bài 1&lt;/b&gt;" in html and "<b>bài 1</b>" not in html
    rows = re.findall(r"<tr><td>(\d+)</td>.*?<td>(\w+)</td></tr>", html)
    assert rows == [(str(a["count"]), a["status"]) for a in awards]
    assert {"awarded", "proposed"} <= {status for _, status in rows}


def test_version_is_the_installed_one():
    from importlib.metadata import version

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"newsmon {version('newsmon')}"


def test_story_lists_the_copies_original_first(crawled):
    hits = cli_json("search", "Quảng Ninh khen thưởng cấp Nhà nước", "--all-copies",
                    "--store", crawled["store"])
    copy = next(h for h in hits["hits"] if h["source"] == "vietnamplus"
                and h["title"].startswith("Quảng Ninh: 26"))
    copies = cli_json("story", copy["id"], "--store", crawled["store"])
    assert [c["source"] for c in copies] == ["baotintuc", "vietnamplus"]
    assert copies[0]["original"] and not copies[1]["original"]
    assert copies[0]["figures"] == copies[1]["figures"] and [4, "cá nhân"] in copies[0]["figures"]
    missing = run_cli("story", "no-such-id", "--store", crawled["store"])
    assert missing.returncode == 1 and "No article 'no-such-id'" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_check_answers_each_number_with_its_citation(crawled):
    found = cli_json("check", "Khánh Hòa có 19 tập thể, 121 cá nhân được khen thưởng cấp Nhà "
                     "nước", "--store", crawled["store"])
    (first, second) = found["numbers"]
    assert (first["count"], first["verdict"]) == (19, "consistent")
    assert (second["count"], second["verdict"]) == (121, "different")
    cited = second["sources"][0]
    assert cited["count"] == 122 and "122 cá nhân" in cited["sentence"]
    assert cited["url"].startswith("https://baotintuc.vn/") and cited["published_at"]
    # the reprint on vietnamplus is the same story: one source, not two
    assert len(second["sources"]) == 1
    review = cli_json("check", "Cà Mau có 19 tập thể được khen thưởng cấp Nhà nước",
                      "--claimreview", "--store", crawled["store"])
    assert review["reviewRating"]["alternateName"].endswith("not found")
    nothing = run_cli("check", "trời hôm nay đẹp", "--store", crawled["store"])
    assert nothing.returncode == 1 and "No award number" in nothing.stderr
    assert "Traceback" not in nothing.stderr


def test_figures_compare_counts_a_reprinted_story_as_one_source(crawled):
    rows = cli_json("figures", "--unit", "UBND tỉnh Quảng Ninh", "--compare",
                    "--store", crawled["store"])
    assert rows and all(r["verdict"] == "single" for r in rows)
    assert {r["sources"][0]["source"] for r in rows} == {"baotintuc"}
    bad = run_cli("figures", "--compare", "--sum-by", "unit", "--store", crawled["store"])
    assert bad.returncode == 1 and "--compare cannot" in bad.stderr
