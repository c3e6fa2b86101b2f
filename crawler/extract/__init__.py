"""HTML → article fields. Pure functions over HTML strings, no network.

`extract_article(html, url)` tries, in order:

1. the site parser chosen by `parser` or by the URL's host (`parser_for_url`):
   a registered site's layouts, newest first (crawler/sites/<name>.py);
2. `metadata`: JSON-LD / OpenGraph for the fields, trafilatura for the body;
3. `generic`: trafilatura, htmldate and visible Vietnamese dates.

A step that does not recognise the page raises `ExtractError` and the next one
is tried. Pages that are not articles raise `ExtractError` with a final
`reason` ("video", "gallery", "index", "not_html") that stops the chain; when
every step fails the last error ("empty", "not_an_article") is raised.

`SITE_PARSERS`, `HOSTS` and `PARSERS` are derived from the site registry on
first use (the site files import this package's layout reader, so the registry
cannot be read while this module loads); each is built once and then the same
object, which tests may patch.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from newsmon.crawler.extract import generic, metadata
from newsmon.crawler.extract.classify import to_text
from newsmon.crawler.extract.common import (
    FINAL_REASONS,
    REASONS,
    ExtractedArticle,
    ExtractError,
)
from newsmon.crawler.extract.page import Page

__all__ = [
    "PARSERS", "REASONS", "SITE_PARSERS", "ExtractError", "ExtractedArticle", "extract_article",
    "parser_for_url",
]


@cache
def _dispatch() -> tuple[dict[str, Callable[[str, str], ExtractedArticle]], dict[str, str],
                         tuple[str, ...]]:
    from newsmon.crawler.sites import all_sites

    sites = all_sites()
    parsers = {site.name: site.extract for site in sites}
    # Registered domains; their subdomains (www., en., m.) count too.
    hosts = {host: site.name for site in sites for host in site.hosts}
    return parsers, hosts, (*parsers, "metadata", "generic")


_DERIVED = ("SITE_PARSERS", "HOSTS", "PARSERS")


def __getattr__(name: str) -> Any:
    """SITE_PARSERS (site name → extract), HOSTS (domain → site name), PARSERS."""
    if name not in _DERIVED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _dispatch()[_DERIVED.index(name)]


def parser_for_url(url: str) -> str | None:
    """The site parser for a URL's host, or None for other sites."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    for domain, name in _dispatch()[1].items():
        if host == domain or host.endswith("." + domain):
            return name
    return None


def extract_article(html: str | bytes, url: str, parser: str | None = None) -> ExtractedArticle:
    """The article on a page, or ExtractError with a reason.

    `parser` names where the chain starts (a site's name, "metadata",
    "generic"); by default the URL's site parser, else metadata.
    Bytes are read as UTF-8."""
    site_parsers, _, parsers = _dispatch()
    if parser is not None and parser not in parsers:
        raise ValueError(f"unknown parser {parser!r}; known: {', '.join(parsers)}")
    text = to_text(html)
    start = parser or parser_for_url(url) or "metadata"
    error: ExtractError | None = None
    if start in site_parsers:
        try:
            return site_parsers[start](text, url)
        except ExtractError as exc:
            if exc.reason in FINAL_REASONS:
                raise
            error = exc
        start = "metadata"
    page = Page(text, url)
    steps = (metadata.extract_page, generic.extract_page)
    for step in steps if start == "metadata" else steps[1:]:
        try:
            return step(page)
        except ExtractError as exc:
            if exc.reason in FINAL_REASONS:
                raise
            error = exc
    assert error is not None
    raise error
