"""Where things live: the data directory, the store URL, the sources file.

Precedence, highest first: command-line option, `NEWSMON_*` environment
variable, `newsmon.toml` in the data directory, built-in default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from platformdirs import user_data_dir

from newsmon.redact import masked


class ConfigError(ValueError):
    """A configuration file or value that cannot be used; the message says how to fix it."""


def data_dir() -> Path:
    return Path(os.environ.get("NEWSMON_DATA_DIR") or user_data_dir("newsmon")).expanduser()


def _file_settings() -> dict:
    path = data_dir() / "newsmon.toml"
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc}") from exc


def store_url(option: str | None = None) -> str:
    """The store to use: `--store`, else NEWSMON_STORE, else newsmon.toml's `store`,
    else a SQLite file in the data directory."""
    url = (option or os.environ.get("NEWSMON_STORE") or _file_settings().get("store")
           or f"sqlite:///{data_dir() / 'newsmon.db'}")
    if url.lower().startswith(("http://", "https://")):
        try:
            urlsplit(url).port  # noqa: B018 - checks the host and port, which urlsplit defers
        except ValueError as exc:
            raise ConfigError(f"Store URL {masked(url)!r} is not a valid URL: {exc}.") from None
    return url


@dataclass(frozen=True)
class Source:
    """One table of a sources file. `spider` is the site it names (crawler/sites/,
    `site = "..."` in the file; `spider = "..."` is the older spelling) or `news`
    for any other site."""

    name: str
    spider: str
    start_urls: list[str] = field(default_factory=list)


def sources_path(option: Path | None = None) -> Path | None:
    """The user's sources file if there is one; None means the bundled default."""
    if option:
        return option
    env = os.environ.get("NEWSMON_SOURCES")
    if env:
        return Path(env)
    user = data_dir() / "sources.toml"
    return user if user.exists() else None


def load_sources(path: Path | None = None, *, bundled: bool = False) -> list[Source]:
    """The sources of a file, of the user's file, or (`bundled`) the shipped ones."""
    path = None if bundled else sources_path(path)
    try:
        text = (path.read_text(encoding="utf-8") if path
                else resources.files("newsmon.crawler").joinpath("sources.toml").read_text("utf-8"))
        data = tomllib.loads(text)
    except FileNotFoundError as exc:
        raise ConfigError(f"Sources file {path} does not exist.") from exc
    except (tomllib.TOMLDecodeError, OSError) as exc:
        raise ConfigError(f"Cannot read sources file {path}: {exc}") from exc
    sources = []
    for name, table in data.items():
        site = table.get("site", table.get("spider")) if isinstance(table, dict) else None
        if not isinstance(site, str) or not site:
            raise ConfigError(f"Source [{name}] in {path or 'the bundled sources'} needs a "
                              "`site = \"...\"` line: a site of `scrapy list`, or \"news\" "
                              "for any other site.")
        own = _site_start_urls(site)
        urls = table.get("start_urls") or own or []
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise ConfigError(f"Source [{name}]: start_urls must be a list of URLs.")
        if not urls and own is not None:
            raise ConfigError(f"Source [{name}] reads {site!r}, which has no start URLs of its "
                              "own: add `start_urls = [\"https://…\"]` (a home page, feed or "
                              "sitemap).")
        sources.append(Source(name=name, spider=site, start_urls=urls))
    return sources


def _site_start_urls(name: str) -> list[str] | None:
    """A registered site's own start URLs ([] for `news`, which has none); None
    for an unknown name, which the crawl reports with the known ones."""
    from newsmon.crawler.sites import get_site

    if name == "news":
        return []
    try:
        return list(get_site(name).start_urls)
    except KeyError:
        return None
