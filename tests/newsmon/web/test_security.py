"""The web interface's guards, against a real uvicorn on loopback: logins,
sessions, CSRF, roles, the Content-Security-Policy, the feed tokens."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newsmon.web.app import create_app
from newsmon.web.users import add_user
from tests.newsmon.web.conftest import PASSWORD, csrf_of, login

PAGES = [
    "/",
    "/?q=can+tho",
    "/article/0000",
    "/figures",
    "/figures?view=compare",
    "/watches",
    "/watches/new",
    "/watches/x",
    "/sources",
    "/export.csv?q=a",
    "/export.json",
    "/users",
]
POSTS = ["/watches", "/watches/x", "/watches/x/test", "/watches/x/delete", "/sources", "/logout"]
POSTS += ["/users", "/users/lan/role", "/users/lan/password", "/users/lan/delete"]
POSTS += ["/sources/bnews/remove"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_without_a_session_redirects_to_login(anonymous, path):
    answer = anonymous.get(path)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=/")


def test_login_then_back_where_one_was_going(web_site):
    with httpx.Client(base_url=web_site.url, timeout=30) as client:
        first = client.get("/figures?view=compare", follow_redirects=True)
        assert first.url.path == "/login"
        form = {
            "csrf": csrf_of(first.text),
            "name": "lan",
            "password": PASSWORD,
            "next": re.search(r'name="next" value="([^"]*)"', first.text).group(1),
        }
        landed = client.post("/login", data=form, follow_redirects=True)
        assert landed.url.path == "/figures" and "So sánh giữa các nguồn" in landed.text


def test_login_never_redirects_off_site(anonymous):
    page = anonymous.get("/login")
    answer = anonymous.post(
        "/login",
        data={
            "csrf": csrf_of(page.text),
            "name": "lan",
            "password": PASSWORD,
            "next": "//evil.example/x",
        },
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/"


@pytest.mark.parametrize("path", POSTS)
def test_a_post_without_csrf_token_is_refused(editor, path):
    answer = editor.post(path, data={"name": "csrfless", "query": "a", "url": "https://a.vn/"})
    assert answer.status_code == 403
    assert "CSRF" in answer.text


def test_a_post_with_another_sessions_token_is_refused(web_site, editor, viewer):
    foreign = csrf_of(viewer.get("/").text)
    answer = editor.post("/watches", data={"csrf": foreign, "name": "foreign", "query": "a"})
    assert answer.status_code == 403
    assert "foreign" not in editor.get("/watches").text


def test_login_without_its_token_is_refused(anonymous):
    answer = anonymous.post("/login", data={"name": "lan", "password": PASSWORD})
    assert answer.status_code == 403
    assert "newsmon_session" not in answer.headers.get("set-cookie", "")


def test_a_viewer_cannot_create_a_watch(viewer, editor):
    page = viewer.get("/watches")
    answer = viewer.post(
        "/watches", data={"csrf": csrf_of(page.text), "name": "by-viewer", "query": "can tho"}
    )
    assert answer.status_code == 403
    assert "quyền" in answer.text
    assert "by-viewer" not in editor.get("/watches").text
    assert viewer.get("/watches/new").status_code == 403


def test_an_editor_creates_edits_and_removes_a_watch(editor):
    token = csrf_of(editor.get("/watches/new?q=can+tho").text)
    made = editor.post(
        "/watches",
        data={"csrf": token, "name": "sec-watch", "query": 'unit:"Cần Thơ"', "cadence": "daily"},
    )
    assert made.status_code == 303 and made.headers["location"] == "/watches/sec-watch"
    page = editor.get("/watches/sec-watch").text
    assert "hằng ngày" in page and "unit:&#34;Cần Thơ&#34;" in page
    changed = editor.post(
        "/watches/sec-watch", data={"csrf": token, "query": "can tho", "cadence": "weekly"}
    )
    assert changed.status_code == 303
    assert "hằng tuần" in editor.get("/watches/sec-watch").text
    bad = editor.post(
        "/watches/sec-watch", data={"csrf": token, "query": '"unclosed', "cadence": "weekly"}
    )
    assert bad.status_code == 400 and "Không đọc được truy vấn" in bad.text
    assert editor.post("/watches/sec-watch/delete", data={"csrf": token}).status_code == 303
    assert editor.get("/watches/sec-watch").status_code == 404


def test_csp_and_headers_on_every_kind_of_answer(anonymous, viewer):
    for answer in (
        anonymous.get("/login"),
        viewer.get("/"),
        viewer.get("/article/nope"),
        viewer.get("/static/style.css"),
        anonymous.get("/feeds/nope/nope.atom"),
    ):
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(viewer, web_site):
    for path in (
        "/",
        "/?q=can+tho",
        f"/article/{web_site.xss_id}",
        "/figures",
        "/sources",
        "/watches",
    ):
        html = viewer.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert " style=" not in html and "<style" not in html, path
        assert not re.search(r"\son[a-z]+=", html.replace("onerror=&#34;", "")), path


def test_session_cookie_is_httponly_and_samesite(anonymous):
    answer = login(anonymous, "lan")
    cookie = answer.headers["set-cookie"]
    assert "newsmon_session=" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")


def test_a_tampered_cookie_is_no_session(web_site, viewer):
    value = viewer.cookies["newsmon_session"]
    forged = value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")
    with httpx.Client(base_url=web_site.url, cookies={"newsmon_session": forged}) as client:
        assert client.get("/").status_code == 303


def test_feeds_need_their_secret_token_and_no_login(editor, anonymous):
    token = csrf_of(editor.get("/watches/new").text)
    editor.post("/watches", data={"csrf": token, "name": "feed-watch", "query": "can tho"})
    page = editor.get("/watches/feed-watch").text
    feed_url = re.search(r'id="feed-link">([^<]+)<', page).group(1)
    assert "/feeds/" in feed_url
    answer = anonymous.get(httpx.URL(feed_url).path)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/atom+xml")
    assert b"urn:newsmon:watch:feed-watch" in answer.content
    assert anonymous.get("/feeds/feed-watch/not-the-token.atom").status_code == 404
    token_of_feed = httpx.URL(feed_url).path.rsplit("/", 1)[1]
    assert anonymous.get(f"/feeds/another/{token_of_feed}").status_code == 404
    editor.post("/watches/feed-watch/delete", data={"csrf": token})
    assert anonymous.get(httpx.URL(feed_url).path).status_code == 404


def test_removing_a_user_ends_their_session(tmp_path):
    store = tmp_path / "s.db"
    from newsmon.index import open_store

    open_store(f"sqlite:///{store}").close()
    add_user(tmp_path, "tam", PASSWORD, "viewer")
    client = TestClient(create_app(f"sqlite:///{store}", tmp_path), follow_redirects=False)
    assert login(client, "tam").status_code == 303
    assert client.get("/").status_code == 200
    from newsmon.web.users import remove_user

    remove_user(tmp_path, "tam")
    assert client.get("/").status_code == 303


def test_logins_are_rate_limited(tmp_path: Path):
    store = tmp_path / "s.db"
    from newsmon.index import open_store

    open_store(f"sqlite:///{store}").close()
    add_user(tmp_path, "tam", PASSWORD, "viewer")
    client = TestClient(create_app(f"sqlite:///{store}", tmp_path), follow_redirects=False)
    for _ in range(5):
        assert login(client, "tam", "wrong password").status_code == 401
    blocked = login(client, "tam")
    assert blocked.status_code == 429
    assert "Quá nhiều lần đăng nhập sai" in blocked.text
    assert "newsmon_session" not in blocked.headers.get("set-cookie", "")


def test_passwords_are_stored_as_argon2_hashes(web_site):
    text = (web_site.data_dir / "users.json").read_text(encoding="utf-8")
    assert "$argon2id$" in text and PASSWORD not in text
