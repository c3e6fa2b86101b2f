"""Where newsmon may send a request: the one egress policy for every request
the product makes (Scrapy downloads and their redirects, robots.txt, source
detection, webhooks).

newsmon fetches URLs that strangers write (feeds, sitemaps, redirects, links),
so a hostile site could point it at the machine's or the network's internal
services. The rule is that a request may reach only a *global* address, checked
on the address actually connected to (after resolution, so a subdomain that
resolves to 127.0.0.1 or a DNS rebinding is caught) and again on every
redirect. `allow_private` (the CLI's `--allow-private`) is the only way round
it, for a site on the user's own network.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
from urllib.parse import SplitResult, urljoin, urlsplit

#: Ports a public news site serves on; anything else is an internal service until
#: the user says otherwise.
ALLOWED_PORTS = frozenset({80, 443, 8080, 8443})

# Ranges that Python's `is_global` still counts as global but that are not
# reachable public hosts: the IETF protocol block, the deprecated 6to4 relay
# anycast, and NAT64's well-known and local-use prefixes (whose embedded IPv4
# address is checked instead).
_NOT_PUBLIC = tuple(ipaddress.ip_network(n) for n in (
    "192.0.0.0/24", "192.88.99.0/24", "64:ff9b:1::/48",
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class EgressRefused(ValueError):
    """A request newsmon will not make; the message says why and what to do."""


def is_public_address(address: str | IPAddress) -> bool:
    """Whether an address is a public host: global, not multicast, and not an
    IPv6 form (mapped, 6to4, Teredo, NAT64) that embeds a non-public IPv4."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded: list[IPAddress] = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a]
        if ip.teredo:
            embedded += list(ip.teredo)
        if ip in _NAT64:
            embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if any(not is_public_address(e) for e in embedded):
            return False
    if any(ip in net for net in _NOT_PUBLIC if net.version == ip.version):
        return False
    return ip.is_global and not ip.is_multicast


def _refuse_address(host: str, address: str) -> EgressRefused:
    return EgressRefused(f"{host} resolves to {address}, which is not a public address; "
                         "newsmon only fetches public sites unless you pass --allow-private.")


def check_url(url: str, *, allow_private: bool = False) -> SplitResult:
    """The parsed URL if newsmon may request it, judged on what the URL itself
    says (scheme, port, an IP literal); names are checked when they resolve."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise EgressRefused(f"{url!r} is not a valid URL ({exc}).") from None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url.strip()):
        raise EgressRefused(f"{url!r} contains a control character; it is not a usable URL.")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EgressRefused(f"{url!r} is not an http(s) URL: give a site, feed, sitemap or "
                            "article address such as https://baotintuc.vn/.")
    if allow_private:
        return parts
    if port is not None and port not in ALLOWED_PORTS:
        raise EgressRefused(f"{url} uses port {port}; newsmon fetches public sites on ports "
                            f"{', '.join(map(str, sorted(ALLOWED_PORTS)))} unless you pass "
                            "--allow-private.")
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return parts
    if not is_public_address(literal):
        raise _refuse_address(parts.hostname, str(literal))
    return parts


def resolve_public(host: str, port: int, *, allow_private: bool = False) -> list[str]:
    """The addresses a name resolves to, all of which must be public: one
    private answer is enough to refuse (a name that mixes them is a trick)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise EgressRefused(f"Cannot resolve {host}: {exc.strerror}. Check the address and "
                            "the network.") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for address in addresses:
            if not is_public_address(address):
                raise _refuse_address(host, address)
    return addresses


def check_public_url(url: str, *, allow_private: bool = False) -> str:
    """The URL, stripped, if it may be fetched now: its form and every address
    its host resolves to."""
    parts = check_url(url, allow_private=allow_private)
    if not allow_private:
        default = 443 if parts.scheme == "https" else 80
        resolve_public(parts.hostname or "", parts.port or default)
    return url.strip()


class _PeerChecked:
    """Checks the address it actually connected to, so what was resolved and
    what is reached cannot differ (DNS rebinding)."""

    allow_private = False

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        address = self.sock.getpeername()[0]  # type: ignore[attr-defined]
        if not self.allow_private and not is_public_address(address):
            self.close()  # type: ignore[attr-defined]
            raise _refuse_address(self.host, address)  # type: ignore[attr-defined]


class _CheckedConnection(_PeerChecked, http.client.HTTPConnection):
    pass


class _CheckedHTTPSConnection(_PeerChecked, http.client.HTTPSConnection):
    pass


def _connect(url: str, allow_private: bool, timeout: float
             ) -> tuple[http.client.HTTPConnection, str]:
    """A connection for a URL the policy accepts, and the path to request."""
    parts = check_url(url, allow_private=allow_private)
    cls = _CheckedHTTPSConnection if parts.scheme == "https" else _CheckedConnection
    connection = cls(parts.hostname or "", parts.port, timeout=timeout)
    connection.allow_private = allow_private
    return connection, (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def fetch(url: str, *, user_agent: str, allow_private: bool = False, limit: int = 5_000_000,
          timeout: float = 20, max_redirects: int = 5) -> tuple[bytes, str]:
    """GET a URL under the policy: each redirect is checked before it is
    followed and every connection on the address it reached. Returns the body
    (at most `limit` bytes) and the final URL."""
    for _ in range(max_redirects + 1):
        connection, path = _connect(url, allow_private, timeout)
        try:
            connection.request("GET", path, headers={"User-Agent": user_agent,
                                                     "Accept-Encoding": "identity"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            if response.status >= 400:
                raise OSError(f"HTTP {response.status}")
            return response.read(limit), url
        finally:
            connection.close()
    raise OSError(f"more than {max_redirects} redirects")


def post(url: str, body: bytes, headers: dict[str, str], *, allow_private: bool = False,
         timeout: float = 10, limit: int = 4096) -> tuple[int, str]:
    """POST under the same policy as `fetch` (webhooks): the URL's form and the
    address connected to are checked; redirects are not followed, since a POST
    redirected elsewhere is not what the user configured. Returns the status and
    the start of the response body."""
    connection, path = _connect(url, allow_private, timeout)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(limit).decode("utf-8", "replace")
    finally:
        connection.close()
