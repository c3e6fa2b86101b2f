"""One store and one real server for the web tests: the sample site's crawl
(the `crawled` fixture the CLI tests share), copied, plus one article whose
title and text carry script and event-handler markup; users made with
`newsmon user add`; uvicorn on 127.0.0.1 on a free port, for the session."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
import uvicorn

from newsmon.index import Article, open_store
from newsmon.nlp import analyze
from newsmon.web.app import create_app
from tests.helpers import copy_sqlite, run_cli

PASSWORD = "mat-khau-thu-nghiem"
USERS = {"lan": "viewer", "minh": "editor", "quan": "admin"}
XSS_TITLE = 'An toàn hiển thị <script>window.__xss = 1</script><img src=x onerror="window.__xss=2">'
XSS_BODY = (
    "UBND tỉnh Nghệ An tặng Bằng khen cho 12 tập thể có thành tích xuất sắc "
    '<img src=x onerror="window.__xss=3"> trong phong trào thi đua.\n\n'
    '<script>document.body.innerHTML = "hacked"</script> Đoạn cuối của bài thử.'
)


@dataclass
class WebSite:
    url: str
    store: str
    data_dir: Path
    xss_id: str


@pytest.fixture(scope="session")
def web_site(crawled, tmp_path_factory) -> Iterator[WebSite]:
    tmp = tmp_path_factory.mktemp("web")
    data = tmp / "data"
    data.mkdir()
    store = copy_sqlite(crawled["store"], tmp / "web.db")
    xss = Article(
        url="https://baotintuc.vn/thu-nghiem/an-toan-hien-thi.htm",
        canonical_url="https://baotintuc.vn/thu-nghiem/an-toan-hien-thi.htm",
        source="baotintuc",
        title=XSS_TITLE,
        body=XSS_BODY,
        published_at=datetime(2026, 11, 20, 8, 30, tzinfo=timezone(timedelta(hours=7))),
    )
    db = open_store(store)
    try:
        db.add_analyzed([(xss, analyze(xss.text))])
    finally:
        db.close()
    env = {"NEWSMON_DATA_DIR": str(data)}
    for name, role in USERS.items():
        done = run_cli(
            "user", "add", name, "--role", role, "--password-stdin", input=PASSWORD + "\n", env=env
        )
        assert done.returncode == 0, done.stderr
    app = create_app(store, data, sources_file=crawled["sources"])
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield WebSite(f"http://127.0.0.1:{port}", store, data, xss.id)
    server.should_exit = True
    thread.join(timeout=10)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def login(client: httpx.Client, name: str, password: str = PASSWORD) -> httpx.Response:
    page = client.get("/login")
    return client.post(
        "/login", data={"csrf": csrf_of(page.text), "name": name, "password": password, "next": "/"}
    )


@pytest.fixture
def anonymous(web_site) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_site.url, follow_redirects=False, timeout=30) as client:
        yield client


def _client(web_site: WebSite, name: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_site.url, follow_redirects=False, timeout=30) as client:
        assert login(client, name).status_code == 303
        yield client


@pytest.fixture
def viewer(web_site) -> Iterator[httpx.Client]:
    yield from _client(web_site, "lan")


@pytest.fixture
def editor(web_site) -> Iterator[httpx.Client]:
    yield from _client(web_site, "minh")


@pytest.fixture
def admin(web_site) -> Iterator[httpx.Client]:
    yield from _client(web_site, "quan")


def screenshots_dir(tmp_path_factory) -> Path:
    """Where the browser tests write screenshots: NEWSMON_SCREENSHOTS, else a
    temporary folder (its path is printed by the screenshot test)."""
    wanted = os.environ.get("NEWSMON_SCREENSHOTS")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        return Path(wanted)
    return tmp_path_factory.getbasetemp() / "screenshots"
