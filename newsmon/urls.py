"""Checks on URLs a user hands us, as configuration errors: the egress policy
(`crawler.egress`) says what may be fetched; here its refusal becomes the
one-line error the CLI prints."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

from newsmon.config import ConfigError
from newsmon.crawler import egress
from newsmon.redact import masked


def parse_url(url: str) -> SplitResult:
    """The parts of a URL, or a ConfigError naming what is wrong with it (an
    unclosed IPv6 bracket, a port beyond 65535) instead of a ValueError."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - validates the port, which urlsplit does lazily
    except ValueError as exc:
        raise ConfigError(f"{masked(url)!r} is not a valid URL: {exc}. Check the address."
                          ) from None
    return parts


def check_public_url(url: str, *, allow_private: bool = False) -> str:
    """The URL, stripped, if it may be crawled; otherwise a ConfigError saying why."""
    parse_url(url.strip())
    try:
        return egress.check_public_url(url, allow_private=allow_private)
    except egress.EgressRefused as exc:
        raise ConfigError(str(exc)) from None
