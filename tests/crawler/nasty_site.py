"""A site on loopback that serves every kind of bad page a crawler meets, each
listed in its RSS feed so the crawl reaches all of them."""

from __future__ import annotations

import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

GENERIC = Path(__file__).parent / "fixtures" / "generic"
GOOD = GENERIC / "kinh-te" / "hop-tac-xa-ca-long-tam-nong-dat-doanh-thu-ky-luc.html"

#: path → the reason the crawl must record for it (None: a good article)
EXPECTED = {
    "/bai/tot.html": None,
    "/bai/cp1258.html": None,
    "/bai/pdf.html": "not_html",
    "/bai/sai-ma.html": "bad_encoding",
    "/bai/cut.html": "truncated",
    "/bai/404.html": "HTTP 404",
    "/bai/500.html": "HTTP 500",
    "/bai/slow.html": "timeout",
    "/bai/loop.html": "redirect loop",
    "/bai/offsite.html": "off-site redirect",
    "/video/clip.html": "video",
    "/gallery/anh.html": "gallery",
    "/chuyen-muc/kinh-te.html": "index",
    "/private/secret.html": "forbidden by robots.txt",
    "/bai/huge.html": "limit: page larger than DOWNLOAD_MAXSIZE",
}

#: children of each generated sitemap index under /sm/: without bounds, endless
SITEMAP_FANOUT = 40


def _good_html() -> str:
    return GOOD.read_text("utf-8")


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese legacy pages wrote it: vowel letters precomposed,
    tone marks as combining characters."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        tones = "".join(c for c in parts if c in _TONES)
        out += (base + tones).encode("cp1258", errors="replace")
    return bytes(out)


class NastyHandler(BaseHTTPRequestHandler):
    base = ""
    served: list[str] = []
    slow_seconds = 3.0

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def send(self, status: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?", 1)[0]
        type(self).served.append(path)
        html = "text/html; charset=utf-8"
        if path.startswith("/sm/"):  # an index of indexes of indexes …
            stem = path.removesuffix(".xml")
            entries = "".join(f"<sitemap><loc>{self.base}{stem}-{i}.xml</loc></sitemap>"
                              for i in range(SITEMAP_FANOUT))
            body = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/'
                    f'schemas/sitemap/0.9">{entries}</sitemapindex>')
            return self.send(200, body.encode(), "application/xml")
        if path == "/bai/huge.html":
            return self.send(200, b"<html><body>" + b"x" * (6 * 1024 * 1024) + b"</body></html>",
                             html)
        if path == "/robots.txt":
            return self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path == "/rss.xml":
            items = "".join(f"<item><title>{p}</title><link>{self.base}{p}</link></item>"
                            for p in EXPECTED)
            feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
            return self.send(200, feed.encode(), "application/rss+xml")
        if path == "/bai/tot.html":
            return self.send(200, _good_html().encode(), html)
        if path == "/bai/cp1258.html":
            page = (_good_html().replace("/kinh-te/hop-tac-xa", "/kinh-te/cp1258-hop-tac-xa")
                    .replace('<meta charset="utf-8">', '<meta charset="windows-1258">'))
            return self.send(200, to_cp1258(page), "text/html; charset=windows-1258")
        if path == "/bai/pdf.html":
            return self.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "application/pdf")
        if path == "/bai/sai-ma.html":  # says UTF-8, is Windows-1258
            return self.send(200, to_cp1258(_good_html()), html)
        if path == "/bai/cut.html":
            page = _good_html().encode()
            return self.send(200, page[: len(page) // 2], html)
        if path in ("/bai/404.html", "/bai/500.html"):
            status = int(path[5:8])
            return self.send(status, b"<html><body>error</body></html>", html)
        if path == "/bai/slow.html":
            time.sleep(self.slow_seconds)
            return self.send(200, _good_html().encode(), html)
        if path == "/bai/loop.html":
            return self.send(302, b"", html, {"Location": self.base + "/bai/loop.html"})
        if path == "/bai/offsite.html":
            return self.send(302, b"", html, {"Location": "http://offsite.example/bai.html"})
        local = GENERIC / path.lstrip("/")
        if local.is_file():
            page = local.read_text("utf-8").replace("__BASE__", self.base)
            return self.send(200, page.encode(), html)
        return self.send(404, b"<html><body>not found</body></html>", html)


class NastySite:
    def __init__(self) -> None:
        handler = type("Handler", (NastyHandler,), {"served": []})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        handler.base = self.base_url
        self.served = handler.served

    def __enter__(self) -> NastySite:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
