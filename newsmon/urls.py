"""Checks on URLs a user hands us: http(s) only, and no host that resolves to a
private, loopback or link-local address unless allowed, so newsmon cannot be
pointed at a machine's or a network's internal services by accident."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import SplitResult, urlsplit

from newsmon.config import ConfigError
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
    url = url.strip()
    parts = parse_url(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{url!r} is not an http(s) URL: give a site, feed, sitemap or "
                          "article address such as https://baotintuc.vn/.")
    if allow_private:
        return url
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise ConfigError(f"Cannot resolve {parts.hostname}: {exc.strerror}. Check the "
                          "address and the network.") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if (address.is_private or address.is_loopback or address.is_link_local
                or address.is_reserved or address.is_multicast or address.is_unspecified):
            raise ConfigError(
                f"{parts.hostname} resolves to {address}, a private or local address. "
                "newsmon only crawls public sites unless you pass --allow-private.")
    return url
