"""The admins' Người dùng page against the session's uvicorn (and, where the
test needs an installation of its own, a fresh app): only admins reach it,
every change needs the CSRF token, the last admin stays, and a removed user or
one given a new password is logged out at their next request."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newsmon.index import open_store
from newsmon.web.app import create_app
from newsmon.web.users import add_user, find_user, remove_user
from tests.newsmon.web.conftest import PASSWORD, csrf_of, login

NEW_PASSWORD = "mat-khau-moi-2026"


def alert(page: str) -> str:
    found = re.search(r'role="alert"><p>(.*?)</p>', page, re.S)
    return html.unescape(found.group(1)) if found else ""


def notice(page: str) -> str:
    found = re.search(r'role="status">(.*?)</p>', page, re.S)
    return html.unescape(found.group(1)) if found else ""


@pytest.fixture
def token(admin) -> str:
    return csrf_of(admin.get("/users").text)


@pytest.fixture
def newcomer(web_site, admin, token) -> Iterator[str]:
    """A viewer added through the page, removed afterwards if still there."""
    name = "moi.den"
    answer = admin.post(
        "/users",
        data={
            "csrf": token,
            "name": name,
            "role": "viewer",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert answer.status_code == 303, alert(answer.text)
    yield name
    if find_user(web_site.data_dir, name):
        remove_user(web_site.data_dir, name)


@contextmanager
def client_of(web_site, name: str, password: str = PASSWORD) -> Iterator[httpx.Client]:
    """A client logged in as one user."""
    with httpx.Client(base_url=web_site.url, follow_redirects=False, timeout=30) as client:
        assert login(client, name, password).status_code == 303
        yield client


def test_the_admin_sees_every_user_with_their_role(admin):
    page = admin.get("/users")
    assert page.status_code == 200
    rows = dict(
        re.findall(r'<tr data-user="([^"]+)">.*?<option value="(\w+)" selected', page.text, re.S)
    )
    assert {"lan": "viewer", "minh": "editor", "quan": "admin"}.items() <= rows.items()
    assert '<a href="/users"' in page.text


@pytest.mark.parametrize("who", ["viewer", "editor"])
def test_viewers_and_editors_get_403_and_no_link(request, who, web_site):
    client = request.getfixturevalue(who)
    page = client.get("/users")
    assert page.status_code == 403 and "quản trị viên" in page.text
    assert '<a href="/users"' not in client.get("/").text
    token = csrf_of(client.get("/").text)
    for path, data in [
        ("/users", {"name": "ke.gian", "role": "admin", "password": "x" * 9, "password2": "x" * 9}),
        ("/users/lan/role", {"role": "admin"}),
        ("/users/lan/password", {"password": "x" * 9, "password2": "x" * 9}),
        ("/users/quan/delete", {}),
    ]:
        assert client.post(path, data={"csrf": token, **data}).status_code == 403
    assert find_user(web_site.data_dir, "ke.gian") is None
    assert find_user(web_site.data_dir, "lan").role == "viewer"
    assert find_user(web_site.data_dir, "quan").role == "admin"


def test_an_admin_post_without_csrf_changes_nothing(admin, web_site):
    answer = admin.post("/users/lan/role", data={"role": "admin"})
    assert answer.status_code == 403 and "CSRF" in answer.text
    assert find_user(web_site.data_dir, "lan").role == "viewer"


def test_added_user_logs_in_with_the_initial_password(admin, web_site, newcomer):
    page = admin.get(f"/users?done=added&name={newcomer}").text
    assert notice(page).startswith(f"Đã thêm người dùng “{newcomer}”")
    with client_of(web_site, newcomer) as them:
        assert "moi.den (xem)" in them.get("/").text


@pytest.mark.parametrize(
    ("name", "password", "password2", "says"),
    [
        ("lan", PASSWORD, PASSWORD, "Đã có người dùng “lan”"),
        ("ngan.qua", "ngan", "ngan", "dài 4 ký tự; cần ít nhất 8"),
        ("khac.nhau", PASSWORD, PASSWORD + "x", "Hai lần nhập mật khẩu không giống nhau"),
        ("có dấu cách", PASSWORD, PASSWORD, "Tên đăng nhập “có dấu cách” không hợp lệ"),
    ],
)
def test_a_bad_new_user_is_refused_in_vietnamese(
    admin, token, web_site, name, password, password2, says
):
    answer = admin.post(
        "/users",
        data={
            "csrf": token,
            "name": name,
            "role": "editor",
            "password": password,
            "password2": password2,
        },
    )
    assert answer.status_code == 400 and says in alert(answer.text)
    assert f'value="{html.escape(name)}"' in answer.text  # the form keeps what was typed
    assert authenticate_role(web_site, name) in (None, "viewer")  # lan untouched


def authenticate_role(web_site, name: str) -> str | None:
    user = find_user(web_site.data_dir, name)
    return user.role if user else None


def test_change_a_role(admin, token, web_site, newcomer):
    with client_of(web_site, newcomer) as them:
        answer = admin.post(f"/users/{newcomer}/role", data={"csrf": token, "role": "editor"})
        assert answer.status_code == 303
        assert "Đã đổi vai trò" in notice(admin.get(answer.headers["location"]).text)
        assert "moi.den (biên tập)" in them.get("/").text  # at their next page
    wrong = admin.post(f"/users/{newcomer}/role", data={"csrf": token, "role": "boss"})
    assert wrong.status_code == 400 and "Vai trò “boss” không có" in alert(wrong.text)


def test_a_new_password_ends_the_old_sessions(admin, token, web_site, newcomer):
    with client_of(web_site, newcomer) as them:
        answer = admin.post(
            f"/users/{newcomer}/password",
            data={"csrf": token, "password": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        assert answer.status_code == 303
        assert them.get("/").status_code == 303
    with httpx.Client(base_url=web_site.url, timeout=30) as other:
        assert login(other, newcomer).status_code == 401
    with client_of(web_site, newcomer, NEW_PASSWORD) as again:
        assert again.get("/").status_code == 200
    short = admin.post(
        f"/users/{newcomer}/password", data={"csrf": token, "password": "a", "password2": "a"}
    )
    assert short.status_code == 400 and "cần ít nhất 8" in alert(short.text)


def test_a_removed_user_is_out_at_their_next_request(admin, token, web_site, newcomer):
    with client_of(web_site, newcomer) as them:
        assert them.get("/").status_code == 200
        answer = admin.post(f"/users/{newcomer}/delete", data={"csrf": token})
        assert answer.status_code == 303
        assert "Đã xóa người dùng" in notice(admin.get(answer.headers["location"]).text)
        assert them.get("/").status_code == 303
        assert them.get("/figures").headers["location"].startswith("/login")
    assert find_user(web_site.data_dir, newcomer) is None


def test_the_last_admin_is_neither_removed_nor_demoted(admin, token, web_site):
    for path, data in [("/users/quan/role", {"role": "editor"}), ("/users/quan/delete", {})]:
        answer = admin.post(path, data={"csrf": token, **data})
        assert answer.status_code == 400
        assert "“quan” là quản trị viên cuối cùng" in alert(answer.text)
    assert find_user(web_site.data_dir, "quan").role == "admin"


def test_with_a_second_admin_one_may_step_down(tmp_path: Path):
    store = f"sqlite:///{tmp_path / 's.db'}"
    open_store(store).close()
    add_user(tmp_path, "an", PASSWORD, "admin")
    add_user(tmp_path, "binh", PASSWORD, "admin")
    client = TestClient(create_app(store, tmp_path), follow_redirects=False)
    assert login(client, "an").status_code == 303
    token = csrf_of(client.get("/users").text)
    step_down = client.post("/users/an/role", data={"csrf": token, "role": "editor"})
    assert step_down.status_code == 303 and step_down.headers["location"] == "/"
    assert client.get("/users").status_code == 403
    assert find_user(tmp_path, "an").role == "editor"
    # binh is now the last admin
    other = TestClient(create_app(store, tmp_path), follow_redirects=False)
    assert login(other, "binh").status_code == 303
    token = csrf_of(other.get("/users").text)
    refused = other.post("/users/binh/delete", data={"csrf": token})
    assert refused.status_code == 400 and "cuối cùng" in alert(refused.text)


def test_a_name_added_again_does_not_revive_an_old_session(tmp_path: Path):
    store = f"sqlite:///{tmp_path / 's.db'}"
    open_store(store).close()
    add_user(tmp_path, "tam", PASSWORD, "viewer")
    client = TestClient(create_app(store, tmp_path), follow_redirects=False)
    assert login(client, "tam").status_code == 303
    remove_user(tmp_path, "tam")
    add_user(tmp_path, "tam", PASSWORD, "admin")
    assert client.get("/").status_code == 303
