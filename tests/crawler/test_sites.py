"""The site registry (crawler/sites/): every publisher is one file, and
everything else (dispatch by host, spiders, sources) follows from it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

import newsmon.crawler.extract as chain
from newsmon.crawler.extract import ExtractError, extract_article, parser_for_url
from newsmon.crawler.sites import Site, SiteError, all_sites, get_site, load_sites, site_for_url
from newsmon.crawler.spiders.news import NewsSpider
from tests.helpers import ROOT

FIXTURES = Path(__file__).parent / "fixtures"
NOT_SITES = {"generic", "metadata-classes"}  # the metadata and generic paths' own fixtures
SITES = all_sites()
NAMES = [site.name for site in SITES]


def _fixture_site(folder: Path) -> str:
    return folder.name.rsplit("-", 1)[0] if folder.name[-4:].isdigit() else folder.name


def test_the_registry_holds_every_outlet_we_read():
    assert {
        "baotintuc",
        "vietnamplus",
        "bnews",
        "vnexpress",
        "tuoitre",
        "thanhnien",
        "dantri",
        "vietnamnet",
        "nhandan",
        "qdnd",
        "cand",
        "baochinhphu",
        "laodong",
        "vov",
        "cms",
    } <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_site_has_fixture_pages_its_own_parser_reads(name):
    folders = [f for f in FIXTURES.iterdir() if f.is_dir() and _fixture_site(f) == name]
    assert folders, f"add tests/crawler/fixtures/{name}-<era>/ pages for crawler/sites/{name}.py"
    pages = [
        p for f in folders for p in f.glob("*.html") if p.with_suffix(".expected.json").exists()
    ]
    read_by_it = [
        p
        for p in pages
        if json.loads(p.with_suffix(".expected.json").read_text("utf-8")).get("parser") == name
    ]
    assert read_by_it, f"no fixture page of {name} expects parser {name!r}"


def test_every_fixture_folder_belongs_to_a_site():
    for folder in FIXTURES.iterdir():
        if folder.is_dir() and folder.name not in NOT_SITES:
            assert _fixture_site(folder) in NAMES, folder.name


@pytest.mark.parametrize("site", SITES, ids=NAMES)
def test_a_sites_hosts_dispatch_to_its_parser(site):
    assert chain.SITE_PARSERS[site.name] == site.extract
    for host in site.hosts:
        for url in (f"https://{host}/a.html", f"https://www.{host}/a.html", f"http://m.{host}/"):
            assert parser_for_url(url) == site.name
            assert site_for_url(url) is site
    assert not site.owns(f"https://not{site.hosts[0]}/a.html")


@pytest.mark.parametrize("site", SITES, ids=NAMES)
def test_a_spider_is_built_for_every_site(site):
    settings = Settings()
    settings.setmodule("newsmon.crawler.settings")
    loader = SpiderLoader.from_settings(settings)
    spider = loader.load(site.name)
    assert spider.site is site and spider.parser == site.name
    assert spider.default_start_urls == list(site.start_urls)
    # a site without URL patterns finds its articles as the `news` spider does
    assert issubclass(spider, NewsSpider) == (site.article_path is None)


def test_get_site_knows_only_registered_names():
    assert get_site("vov").hosts == ("vov.vn",)
    with pytest.raises(KeyError):
        get_site("songhong")


PAGE = """<html><head><title>x</title></head><body>
<h1 class="tieu-de">Hợp tác xã Sông Hồng mở rộng vùng trồng</h1>
<div class="noi-dung"><p>Đoạn thứ nhất của bài viết, đủ dài để là một đoạn văn.</p>
<p>Đoạn thứ hai, cũng là đoạn cuối của bài.</p></div></body></html>"""

SONGHONG = '''
"""songhong.example: a publisher added as one file."""

from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

SITE = Site(
    name="songhong",
    hosts=("songhong.example",),
    start_urls=("https://songhong.example/",),
    layouts=(Layout(era="2026", title=("h1.tieu-de",), body=("div.noi-dung",)),),
)
'''


def test_adding_a_publisher_is_one_file(tmp_path):
    """A new file in the sites folder (here a second folder on its path, so the
    repository is not touched) gives a parser chosen by host and a spider that
    `scrapy list` shows, with nothing else edited."""
    (tmp_path / "songhong.py").write_text(SONGHONG, "utf-8")
    (tmp_path / "page.html").write_text(PAGE, "utf-8")
    script = textwrap.dedent(f"""
        import contextlib, io, json, sys
        import newsmon.crawler.sites
        newsmon.crawler.sites.__path__.append({str(tmp_path)!r})
        from newsmon.crawler.extract import extract_article
        from scrapy.cmdline import execute
        page = open({str(tmp_path / "page.html")!r}, encoding="utf-8").read()
        got = extract_article(page, "https://www.songhong.example/bai-viet.html")
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            execute(["scrapy", "list"])
        print(json.dumps({{"parser": got.parser, "body": got.body,
                          "spiders": out.getvalue().split()}}))
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    got = json.loads(result.stdout.splitlines()[-1])
    assert got["parser"] == "songhong"
    assert got["body"].startswith("Đoạn thứ nhất") and got["body"].endswith("đoạn cuối của bài.")
    assert "songhong" in got["spiders"] and {"baotintuc", "news", "vov"} <= set(got["spiders"])
    # without the file, the generic path finds this short page no article
    with pytest.raises(ExtractError):
        extract_article(PAGE, "https://songhong.example/bai-viet.html")


def _package(tmp_path: Path, monkeypatch, files: dict[str, str]) -> str:
    name = "sites_" + re.sub(r"\W", "_", tmp_path.name)  # fresh: imported packages are cached
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("", "utf-8")
    for file, text in files.items():
        (package / file).write_text(text, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def test_helpers_beside_the_sites_are_skipped(tmp_path, monkeypatch):
    package = _package(tmp_path, monkeypatch, {"songhong.py": SONGHONG, "_shared.py": "X = 1\n"})
    assert list(load_sites(package)) == ["songhong"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"songhong.py": "X = 1\n"}, "declares no `SITE = Site(...)`"),
        ({"hongha.py": SONGHONG}, "name the file songhong.py"),
        (
            {
                "songhong.py": SONGHONG,
                "vov2.py": SONGHONG.replace('name="songhong"', 'name="vov2"'),
            },
            "host 'songhong.example' is already site 'songhong'",
        ),
    ],
)
def test_a_site_file_that_cannot_be_registered_says_why(tmp_path, monkeypatch, files, message):
    package = _package(tmp_path, monkeypatch, files)
    with pytest.raises(SiteError, match=re.escape(message)):
        load_sites(package)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "Song Hong"}, "lower-case"),
        ({"hosts": ("https://songhong.example/",)}, "hosts must be domains"),
        ({"hosts": ()}, "hosts must be domains"),
        ({"layouts": ()}, "at least one layout"),
        ({"start_urls": ("songhong.example",)}, "http"),
    ],
)
def test_a_bad_site_declaration_is_refused(kwargs, message):
    fields = {"name": "songhong", "hosts": ("songhong.example",), "layouts": (lambda r, u: None,)}
    with pytest.raises(SiteError, match=message):
        Site(**{**fields, **kwargs})
