"""Checks on URLs a user hands us, as configuration errors: the egress policy
(`crawler.egress`) says what may be fetched; here its refusal becomes the
one-line error the CLI prints."""

from __future__ import annotations

from crawler import egress
from newsmon.config import ConfigError


def check_public_url(url: str, *, allow_private: bool = False) -> str:
    """The URL, stripped, if it may be crawled; otherwise a ConfigError saying why."""
    try:
        return egress.check_public_url(url, allow_private=allow_private)
    except egress.EgressRefused as exc:
        raise ConfigError(str(exc)) from None
