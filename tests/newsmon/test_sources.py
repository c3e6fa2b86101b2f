"""`newsmon sources`: health per source, the layout-change alarm, and adding sites."""

from __future__ import annotations

import tomllib

from newsmon.sample_site.server import SITES, StaticSite
from tests.crawler.nasty_site import GENERIC
from tests.helpers import cli_json, run_cli, write_sources


def test_health_lists_each_source_after_a_crawl(sample_site, tmp_path):
    store = f"sqlite:///{tmp_path / 'h.db'}"
    sources = write_sources(tmp_path / "sources.toml", sample_site)
    cli_json("crawl", "--allow-private",
             "--sources", str(sources), "--store", store, "--no-analyze")
    health = cli_json("sources", "--store", store, "--sources", str(sources))
    assert {h["source"] for h in health} == set(SITES)
    for h in health:
        assert h["last_success"] is not None
        assert h["last_run"]["articles"] > 0
        assert not h["layout_suspect"] and not h["never_succeeded"]
    shown = run_cli("sources", "--store", store, "--sources", str(sources))
    assert shown.returncode == 0 and "baotintuc" in shown.stdout


def test_a_configured_source_never_collected_fails_the_check(sample_site, tmp_path):
    store = f"sqlite:///{tmp_path / 'n.db'}"
    sources = write_sources(tmp_path / "sources.toml", sample_site)
    with sources.open("a", encoding="utf-8") as f:  # a third source, never crawled
        f.write('[songhong]\nspider = "news"\nstart_urls = ["https://songhong.example/"]\n')
    cli_json("crawl", "--allow-private",
             "--sources", str(sources), "--store", store, "--no-analyze",
             "-s", "baotintuc", "-s", "vietnamplus", "-s", "bnews")
    result = run_cli("sources", "--store", store, "--sources", str(sources))
    assert result.returncode == 4
    assert "songhong: never collected successfully" in result.stdout
    health = cli_json("sources", "--store", store, "--sources", str(sources), expect_code=4)
    never = {h["source"] for h in health if h["never_succeeded"]}
    assert never == {"songhong"}
    assert len(health) == len(SITES) + 1


def test_a_one_off_crawl_does_not_become_a_source(sample_site, tmp_path):
    store = f"sqlite:///{tmp_path / 'o.db'}"
    sources = write_sources(tmp_path / "sources.toml", sample_site)
    cli_json("crawl", "--allow-private",
             "--sources", str(sources), "--store", store, "--no-analyze")
    feed = sample_site.start_urls("baotintuc")[0]
    cli_json("crawl", feed, "--allow-private", "--store", store, "--no-analyze")
    health = cli_json("sources", "--store", store, "--sources", str(sources))
    assert {h["source"] for h in health} == set(SITES)
    shown = run_cli("sources", "--store", store, "--sources", str(sources))
    assert shown.returncode == 0
    assert "one-off crawls of 127.0.0.1" in shown.stdout
    assert "newsmon sources add" in shown.stdout


def test_a_site_whose_pages_yield_no_article_is_flagged_loudly(tmp_path):
    site_dir = tmp_path / "site"
    (site_dir / "thoi-su").mkdir(parents=True)
    items = []
    for n in range(3):
        path = f"/thoi-su/bai-viet-{n}-2026111807450012{n}.htm"
        (site_dir / path.lstrip("/")).write_text(
            "<html><head><title>Tin</title></head><body><div id='app'></div>"
            "<script src='/app.js'></script></body></html>", "utf-8")
        items.append(f"<item><link>__BASE__{path}</link></item>")
    (site_dir / "tin-moi-nhat.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel>{"".join(items)}</channel></rss>',
        "utf-8")
    store = f"sqlite:///{tmp_path / 'layout.db'}"
    sources = tmp_path / "sources.toml"
    with StaticSite(site_dir) as site:
        sources.write_text(f'[changed]\nspider = "baotintuc"\n'
                           f'start_urls = ["{site.base_url}/tin-moi-nhat.rss"]\n', "utf-8")
        cli_json("crawl", "--allow-private",
                 "--sources", str(sources), "--store", store, "--no-analyze")
    result = run_cli("sources", "--store", store, "--sources", str(sources))
    assert result.returncode == 3
    assert "changed its layout" in result.stdout
    (health,) = cli_json("sources", "--store", store, "--sources", str(sources),
                         expect_code=3)
    assert health["layout_suspect"] and health["last_success"] is None


def test_add_detects_feeds_and_sitemaps(tmp_path):
    sources = tmp_path / "sources.toml"
    with StaticSite(GENERIC) as site:
        result = run_cli("sources", "add", site.base_url + "/", "--name", "songhong",
                         "--allow-private", "--sources", str(sources))
        assert result.returncode == 0, result.stderr
        written = tomllib.loads(sources.read_text("utf-8"))
        assert written["songhong"]["site"] == "news"
        assert written["songhong"]["start_urls"] == [site.base_url + "/rss.xml",
                                                     site.base_url + "/sitemap.xml"]
        assert "baotintuc" in written  # the bundled sources are kept


def test_add_refuses_private_hosts_and_other_schemes(tmp_path):
    sources = tmp_path / "sources.toml"
    private = run_cli("sources", "add", "http://127.0.0.1/", "--sources", str(sources))
    assert private.returncode == 1 and "not a public address" in private.stderr
    ftp = run_cli("sources", "add", "ftp://example.vn/", "--sources", str(sources))
    assert ftp.returncode == 1 and "not an http(s) URL" in ftp.stderr
    assert not sources.exists()


def test_remove_drops_a_source_and_names_the_others_for_a_wrong_name(tmp_path):
    sources = tmp_path / "sources.toml"
    removed = run_cli("sources", "remove", "bnews", "--sources", str(sources))
    assert removed.returncode == 0, removed.stderr
    assert "its articles stay in the store" in removed.stdout
    left = tomllib.loads(sources.read_text("utf-8"))
    assert "bnews" not in left and {"baotintuc", "vietnamplus"} <= set(left)
    again = run_cli("sources", "remove", "bnews", "--sources", str(sources))
    assert again.returncode == 1
    assert "No source named 'bnews'" in again.stderr and "baotintuc" in again.stderr
    assert tomllib.loads(sources.read_text("utf-8")) == left
