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
                else resources.files("crawler").joinpath("sources.toml").read_text("utf-8"))
        data = tomllib.loads(text)
    except FileNotFoundError as exc:
        raise ConfigError(f"Sources file {path} does not exist.") from exc
    except (tomllib.TOMLDecodeError, OSError) as exc:
        raise ConfigError(f"Cannot read sources file {path}: {exc}") from exc
    sources = []
    for name, table in data.items():
        if not isinstance(table, dict) or "spider" not in table:
            raise ConfigError(f"Source [{name}] in {path or 'the bundled sources'} needs a "
                              "`spider = \"...\"` line.")
        urls = table.get("start_urls", [])
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise ConfigError(f"Source [{name}]: start_urls must be a list of URLs.")
        sources.append(Source(name=name, spider=table["spider"], start_urls=urls))
    return sources
