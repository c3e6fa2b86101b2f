"""The sources file names sites (crawler/sites/): `site = "…"`, start URLs
optional for a registered site, and errors that say what to write."""

from __future__ import annotations

import pytest

from newsmon.config import ConfigError, Source, load_sources
from newsmon.crawler.sites import get_site


def _load(tmp_path, text: str) -> list[Source]:
    path = tmp_path / "sources.toml"
    path.write_text(text, "utf-8")
    return load_sources(path)


def test_a_registered_site_brings_its_own_start_urls(tmp_path):
    (vov,) = _load(tmp_path, '[vov]\nsite = "vov"\n')
    assert vov == Source("vov", "vov", list(get_site("vov").start_urls))


def test_start_urls_given_replace_the_sites_own(tmp_path):
    (paper,) = _load(
        tmp_path, '[tienphong]\nsite = "cms"\nstart_urls = ["https://tienphong.vn/"]\n'
    )
    assert paper == Source("tienphong", "cms", ["https://tienphong.vn/"])


def test_the_older_spider_key_still_reads(tmp_path):
    (old,) = _load(tmp_path, '[bnews]\nspider = "bnews"\n')
    assert old == Source("bnews", "bnews", ["https://bnews.vn/"])


def test_any_other_site_needs_its_start_urls(tmp_path):
    with pytest.raises(ConfigError, match=r"\[songhong\] reads 'news'.*add `start_urls"):
        _load(tmp_path, '[songhong]\nsite = "news"\n')


def test_a_table_without_a_site_says_what_to_write(tmp_path):
    with pytest.raises(ConfigError, match=r'\[songhong\].*needs a `site = "..."` line'):
        _load(tmp_path, '[songhong]\nstart_urls = ["https://songhong.example/"]\n')


def test_an_unknown_site_is_left_for_the_crawl_to_name_the_known_ones(tmp_path):
    (odd,) = _load(tmp_path, '[odd]\nsite = "songhong"\n')
    assert odd == Source("odd", "songhong", [])
