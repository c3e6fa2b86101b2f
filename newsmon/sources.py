"""Adding a source: find what a site offers (feeds, sitemaps) and write it to
the user's sources file."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import tomli_w

from newsmon.config import ConfigError, Source, data_dir, load_sources, sources_path
from newsmon.crawler import discovery
from newsmon.crawler.egress import EgressRefused, check_url, fetch
from newsmon.crawler.extract import parser_for_url
from newsmon.crawler.files import write_atomic


def spider_for_url(url: str) -> str:
    """The site that reads a URL: the registered site owning its host, else `news`."""
    return parser_for_url(url) or "news"


def detect(url: str, user_agent: str, *, allow_private: bool = False) -> Source:
    """What to crawl on a site: the URL itself if it is a feed or sitemap, else the
    feeds its page announces and the sitemaps its robots.txt lists (or the page).
    Every fetch, redirect and found URL passes the egress policy."""
    try:
        body, final = fetch(url, user_agent=user_agent, allow_private=allow_private)
    except EgressRefused as exc:
        raise ConfigError(str(exc)) from None
    except OSError as exc:
        raise ConfigError(f"Cannot fetch {url}: {getattr(exc, 'reason', None) or exc}. Check "
                          "the address and the network.") from exc
    name = (urlsplit(final).hostname or "site").removeprefix("www.")
    if discovery.kind_of(body) != "html":
        return Source(name, spider_for_url(final), [final])
    html = body.decode("utf-8", errors="replace")
    found = [f for f in discovery.feeds_in_page(html, final) if discovery.same_site(f, final)]
    root = "{0.scheme}://{0.netloc}".format(urlsplit(final))
    try:
        robots, _ = fetch(root + "/robots.txt", user_agent=user_agent,
                          allow_private=allow_private)
        found += [s for s in discovery.sitemaps_in_robots(robots.decode("utf-8", "replace"),
                                                            root)
                  if discovery.same_site(s, final)]
    except (EgressRefused, OSError):
        pass
    found = [u for u in dict.fromkeys(found) if _acceptable(u, allow_private)]
    return Source(name, spider_for_url(final), found or [final])


def _acceptable(url: str, allow_private: bool) -> bool:
    """A found feed or sitemap URL worth keeping: one the policy accepts."""
    try:
        check_url(url, allow_private=allow_private)
    except EgressRefused:
        return False
    return True


def dump_sources(sources: list[Source]) -> str:
    """The sources file, written by a TOML library so that any URL round-trips."""
    header = "# newsmon sources: one table per source (see `newsmon sources --help`).\n\n"
    return header + tomli_w.dumps({s.name: {"site": s.spider, "start_urls": s.start_urls}
                                   for s in sources})


def remove_source(name: str, path: Path | None = None) -> Path:
    """Drop a source from the user's sources file (made from the bundled one on
    first use, as `add_source` does); its articles stay in the store. Returns the
    file written; a name that is not a source is a ConfigError naming those that are."""
    target = sources_path(path) or data_dir() / "sources.toml"
    current = load_sources(target) if target.exists() else load_sources(bundled=True)
    if name not in {s.name for s in current}:
        raise ConfigError(f"No source named {name!r}; the sources are "
                          f"{', '.join(s.name for s in current) or 'none'}.")
    write_atomic(target, dump_sources([s for s in current if s.name != name]).encode("utf-8"))
    return target


def add_source(source: Source, path: Path | None = None) -> Path:
    """Add or replace a source in the user's sources file (created from the
    bundled one on first use); returns the file written."""
    target = sources_path(path) or data_dir() / "sources.toml"
    current = load_sources(target) if target.exists() else load_sources(bundled=True)
    sources = [s for s in current if s.name != source.name] + [source]
    write_atomic(target, dump_sources(sources).encode("utf-8"))
    return target
