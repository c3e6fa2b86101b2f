"""Adding a source: find what a site offers (feeds, sitemaps) and write it to
the user's sources file."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from crawler import discovery
from crawler.extract import parser_for_url
from newsmon.config import ConfigError, Source, data_dir, load_sources, sources_path

TIMEOUT = 20


def spider_for_url(url: str) -> str:
    """The spider for a URL: the TTXVN site spiders for their hosts, else `news`."""
    return parser_for_url(url) or "news"


def _fetch(url: str, user_agent: str) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - checked
        return response.read(5_000_000), response.geturl()


def detect(url: str, user_agent: str) -> Source:
    """What to crawl on a site: the URL itself if it is a feed or sitemap, else the
    feeds its page announces and the sitemaps its robots.txt lists (or the page)."""
    try:
        body, final = _fetch(url, user_agent)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise ConfigError(f"Cannot fetch {url}: {getattr(exc, 'reason', exc)}. Check the "
                          "address and the network.") from exc
    name = (urlsplit(final).hostname or "site").removeprefix("www.")
    if discovery.kind_of(body) != "html":
        return Source(name, spider_for_url(final), [final])
    html = body.decode("utf-8", errors="replace")
    found = [f for f in discovery.feeds_in_page(html, final) if discovery.same_site(f, final)]
    root = "{0.scheme}://{0.netloc}".format(urlsplit(final))
    try:
        robots, _ = _fetch(root + "/robots.txt", user_agent)
        found += [s for s in discovery.sitemaps_in_robots(robots.decode("utf-8", "replace"),
                                                            root)
                  if discovery.same_site(s, final)]
    except (urllib.error.URLError, TimeoutError, OSError):
        pass
    return Source(name, spider_for_url(final), list(dict.fromkeys(found)) or [final])


def dump_sources(sources: list[Source]) -> str:
    lines = ["# newsmon sources: one table per source (see `newsmon sources --help`).", ""]
    for s in sources:
        urls = ", ".join(_toml_string(u) for u in s.start_urls)
        lines += [f"[{_toml_key(s.name)}]", f"spider = {_toml_string(s.spider)}",
                  f"start_urls = [{urls}]", ""]
    return "\n".join(lines)


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_key(name: str) -> str:
    bare = all(ch.isalnum() or ch in "-_" for ch in name) and name.isascii()
    return name if bare else _toml_string(name)


def add_source(source: Source, path: Path | None = None) -> Path:
    """Add or replace a source in the user's sources file (created from the
    bundled one on first use); returns the file written."""
    target = sources_path(path) or data_dir() / "sources.toml"
    current = load_sources(target) if target.exists() else load_sources(bundled=True)
    sources = [s for s in current if s.name != source.name] + [source]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dump_sources(sources), encoding="utf-8")
    return target
