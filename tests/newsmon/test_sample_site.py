"""The committed sample site is exactly what its content and templates render to,
so a fixture page can never drift from the content the tests compare it with."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from newsmon.sample_site.articles import load_content
from tools.sample_site import build

SITE = build.SITE_DIR


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_committed_site_matches_a_fresh_build(tmp_path):
    subprocess.run([sys.executable, build.__file__, "-q", "--out", str(tmp_path)], check=True)
    fresh, committed = _files(tmp_path), _files(SITE)
    assert sorted(fresh) == sorted(committed)
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert changed == [], "run: python tools/sample_site/build.py"


def test_sample_is_big_enough_and_half_about_commendation():
    docs = load_content()
    pages = sum(len(d["sites"]) for d in docs)
    commendation = [d for d in docs if d["kind"] == "commendation"]
    assert pages >= 40
    assert 0.4 <= len(commendation) / len(docs) <= 0.6
    assert sum(1 for d in docs if len(d["sites"]) == 2) >= 5  # reprints on both sites


def test_server_writes_its_own_address_into_feeds(sample_site):
    url = sample_site.base_url("baotintuc") + "/tin-moi-nhat.rss"
    with urllib.request.urlopen(url) as response:
        feed = response.read().decode("utf-8")
        assert response.headers["Content-Type"].startswith("application/rss+xml")
    assert "__BASE__" not in feed
    assert sample_site.base_url("baotintuc") + "/" in feed


def test_server_answers_404_for_missing_pages(sample_site):
    try:
        urllib.request.urlopen(sample_site.base_url("vietnamplus") + "/nope.vnp")
    except urllib.error.HTTPError as exc:
        assert exc.code == 404
    else:
        raise AssertionError("expected 404")


def test_a_client_that_hangs_up_is_not_an_error(capfd):
    """A stopped crawl closes its connections mid-answer; the demo's server (in
    the user's terminal) must not print a traceback for each."""
    import socket
    import struct
    import time

    from newsmon.sample_site.server import StaticSite

    with StaticSite(SITE / "baotintuc", delay=0.3) as site:
        port = site.server.server_address[1]
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port)) as conn:
                # close with a reset, as a killed crawler's connection ends
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                conn.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.8)  # the answers are written to closed connections
        assert site.requests  # the requests were served
    assert "Traceback" not in capfd.readouterr().err
