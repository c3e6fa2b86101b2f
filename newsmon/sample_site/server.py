"""Serve the bundled sample sites (baotintuc, vietnamplus, bnews) on 127.0.0.1,
one port per site.

Feeds, sitemaps and pages refer to the site itself as `__BASE__`; the server
writes in its own address, so the same files work on any free port. Article
canonical links keep the real domains, so ids stay the same across runs.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import Any

SITES = ("baotintuc", "vietnamplus", "bnews")
PLACEHOLDER = b"__BASE__"
TYPES = {
    ".htm": "text/html; charset=utf-8", ".html": "text/html; charset=utf-8",
    ".vnp": "text/html; charset=utf-8", ".rss": "application/rss+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
}
#: Where each site's feeds and sitemaps are, relative to its root.
START_PATHS = {
    "baotintuc": ["/tin-moi-nhat.rss", "/sitemap.xml"],
    "vietnamplus": ["/rss/home.rss", "/sitemap.xml"],
    "bnews": ["/rss/trang-chu.rss", "/sitemap.xml"],
}


def site_root(name: str) -> Path:
    return Path(str(resources.files("newsmon") / "sample_site" / "site" / name))


class _Handler(SimpleHTTPRequestHandler):
    """Static files with the site's address written in, an ETag on every answer
    (so conditional requests get 304 Not Modified), and an optional delay on
    pages, which lets tests stop a crawl midway."""

    base = ""
    delay = 0.0
    requests: list[str]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "Not found")
            return None
        self.requests.append(self.path)
        data = path.read_bytes()
        ctype = TYPES.get(path.suffix)
        if ctype:
            data = data.replace(PLACEHOLDER, self.base.encode())
        if self.delay and ctype and ctype.startswith("text/html"):
            time.sleep(self.delay)
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        self.send_response(200)
        self.send_header("Content-Type", ctype or self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.end_headers()
        return BytesIO(data)


class _Server(ThreadingHTTPServer):
    """A client that hangs up mid-answer (a crawl stopped by Ctrl-C) is normal
    here, not an error to print a traceback for: the demo runs this server in
    the command's own process, on the user's terminal."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class StaticSite:
    """One folder served on 127.0.0.1 (a free port unless given), in a thread."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0,
                 delay: float = 0.0) -> None:
        self.root = root
        self.requests: list[str] = []
        handler = type("SiteHandler", (_Handler,), {"delay": delay, "requests": self.requests})
        self.server = _Server((host, port), partial(handler, directory=str(root)))
        self.host = host
        handler.base = self.base_url
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1]}"

    def start(self) -> StaticSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> StaticSite:
        return self.start()

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.stop()


class SampleSite:
    """Every sample site: `with SampleSite() as site: site.start_urls("baotintuc")`."""

    def __init__(self, host: str = "127.0.0.1", ports: dict[str, int] | None = None,
                 delay: float = 0.0) -> None:
        self.sites = {name: StaticSite(site_root(name), host, (ports or {}).get(name, 0), delay)
                      for name in SITES}

    def start(self) -> SampleSite:
        for site in self.sites.values():
            site.start()
        return self

    def stop(self) -> None:
        for site in self.sites.values():
            site.stop()

    def base_url(self, name: str) -> str:
        return self.sites[name].base_url

    def requests(self, name: str) -> list[str]:
        """Paths served so far, in order: what a crawl really fetched."""
        return self.sites[name].requests

    def start_urls(self, name: str) -> list[str]:
        return [self.base_url(name) + path for path in START_PATHS[name]]

    def __enter__(self) -> SampleSite:
        return self.start()

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.stop()
