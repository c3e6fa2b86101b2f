"""Serve the bundled sample sites on 127.0.0.1, one port per site.

Feeds, sitemaps and pages refer to the site itself as `__BASE__`; the server
writes in its own address, so the same files work on any free port. Article
canonical links keep the real domains, so ids stay the same across runs.
"""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from io import BytesIO
from pathlib import Path
from types import TracebackType

SITES = ("baotintuc", "vietnamplus")
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
}


def site_root(name: str) -> Path:
    return Path(str(resources.files("newsmon") / "sample_site" / "site" / name))


class _Handler(SimpleHTTPRequestHandler):
    base = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "Not found")
            return None
        data = path.read_bytes()
        ctype = TYPES.get(path.suffix)
        if ctype:
            data = data.replace(PLACEHOLDER, self.base.encode())
        self.send_response(200)
        self.send_header("Content-Type", ctype or self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return BytesIO(data)


class SampleSite:
    """Context manager: `with SampleSite() as site: site.base_url("baotintuc")`."""

    def __init__(self, host: str = "127.0.0.1", ports: dict[str, int] | None = None) -> None:
        self.host = host
        self.ports = ports or {}
        self.servers: dict[str, ThreadingHTTPServer] = {}

    def start(self) -> SampleSite:
        for name in SITES:
            handler = type(f"{name}Handler", (_Handler,), {})
            server = ThreadingHTTPServer(
                (self.host, self.ports.get(name, 0)),
                partial(handler, directory=str(site_root(name))),
            )
            handler.base = f"http://{self.host}:{server.server_address[1]}"
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers[name] = server
        return self

    def stop(self) -> None:
        for server in self.servers.values():
            server.shutdown()
            server.server_close()
        self.servers.clear()

    def base_url(self, name: str) -> str:
        return f"http://{self.host}:{self.servers[name].server_address[1]}"

    def start_urls(self, name: str) -> list[str]:
        return [self.base_url(name) + path for path in START_PATHS[name]]

    def __enter__(self) -> SampleSite:
        return self.start()

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.stop()
