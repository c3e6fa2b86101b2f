"""A small world for testing the egress policy on one machine: sites on
loopback addresses stand in for public hosts, and name resolution is patched
in-process, so a test can play a public site that redirects, links or
resolves to an internal service.

`python -m tests.egress_world ARGS` runs the newsmon CLI inside that world:
    public.test, evil.test  → 127.0.0.2, 127.0.0.3, treated as public hosts
    *.public.test           → 127.0.0.1, an internal service (a subdomain trick)
Any port is allowed there (test servers take free ports); the port rule has
its own tests."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PUBLIC = {"public.test": "127.0.0.2", "evil.test": "127.0.0.3"}
INTERNAL = "127.0.0.1"

Page = tuple[int, dict[str, str], bytes]


def _answer(host: str) -> str | None:
    host = host.rstrip(".").lower()
    if host in PUBLIC:
        return PUBLIC[host]
    if host.endswith(".public.test"):
        return INTERNAL
    return None


def enter() -> None:
    """Patch resolution and the policy's idea of a public address."""
    import newsmon.crawler.egress as egress
    import newsmon.crawler.middlewares as middlewares

    real_getaddrinfo, real_gethostbyname = socket.getaddrinfo, socket.gethostbyname

    def getaddrinfo(host, port, *args, **kwargs):  # noqa: ANN001 - socket's signature
        address = _answer(host) if isinstance(host, str) else None
        return real_getaddrinfo(address or host, port, *args, **kwargs)

    def gethostbyname(host: str) -> str:
        return _answer(host) or real_gethostbyname(host)

    socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname
    real_public = egress.is_public_address

    def is_public_address(address) -> bool:  # noqa: ANN001
        return str(address) in PUBLIC.values() or real_public(address)

    egress.is_public_address = middlewares.is_public_address = is_public_address
    egress.ALLOWED_PORTS = frozenset(range(1, 65536))


class ScriptedSite:
    """An HTTP server on one loopback address answering from a table of paths
    (a path may map to a function of the server, for pages naming its URL), and
    recording every request it gets."""

    def __init__(self, address: str, pages: dict[str, Page | Callable[[ScriptedSite], Page]]):
        self.pages = pages
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                site.requests.append(self.path)
                page = site.pages.get(self.path.split("?", 1)[0], (404, {}, b"not found"))
                status, headers, body = page(site) if callable(page) else page
                self.send_response(status)
                for key, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer((address, 0), Handler)
        self.port = self.server.server_address[1]

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"

    def __enter__(self) -> ScriptedSite:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    enter()
    from newsmon.cli import main

    main()
