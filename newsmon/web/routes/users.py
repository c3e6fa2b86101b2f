"""Người dùng: the admins' page of accounts, with the CLI's own code
(newsmon/web/users.py): list, add, change a role, set a new password, remove.

Every change is a POST with the session's CSRF token (the app's guard), and
only an admin gets past `Admin`. The last admin can be neither removed nor
demoted here, or nobody could manage accounts from the web any more. A
removed user's session ends at their next request and a new password ends
the sessions opened with the old one (see newsmon/web/sessions.py).
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from newsmon.web.auth import Admin
from newsmon.web.messages import user_message
from newsmon.web.routes.auth import start_session
from newsmon.web.templating import render
from newsmon.web.users import (
    MIN_PASSWORD,
    ROLES,
    UserError,
    add_user,
    find_user,
    list_users,
    remove_user,
    set_password,
    set_role,
)

router = APIRouter()

#: what the page says after each change, by the `done` of its redirect
DONE = {
    "added": "Đã thêm người dùng “{name}”. Họ đăng nhập được ngay bằng mật khẩu bạn đặt.",
    "role": "Đã đổi vai trò của “{name}”; có hiệu lực từ trang tiếp theo họ mở.",
    "password": "Đã đặt mật khẩu mới cho “{name}”; các phiên đăng nhập cũ của họ đã kết thúc.",
    "removed": "Đã xóa người dùng “{name}”; phiên đăng nhập của họ kết thúc ngay.",
}
MISMATCH = "Hai lần nhập mật khẩu không giống nhau. Nhập lại cả hai ô."


def _page(request: Request, *, notice: str = "", error: str = "", status: int = 200, form=None):
    return render(
        request,
        "users.html",
        status_code=status,
        title="Người dùng",
        users=list_users(request.app.state.web.data_dir),
        roles=ROLES,
        min_password=MIN_PASSWORD,
        notice=notice,
        error=error,
        form=form or {"role": "viewer"},
    )


def _done(what: str, name: str) -> RedirectResponse:
    return RedirectResponse(f"/users?done={what}&name={quote(name, safe='')}", status_code=303)


@router.get("/users")
def users_page(request: Request, admin: Admin, done: str = "", name: str = ""):
    exists = find_user(request.app.state.web.data_dir, name) is not None if name else False
    notice = ""
    if done in DONE and name and exists == (done != "removed"):
        notice = DONE[done].format(name=name)
    return _page(request, notice=notice)


@router.post("/users")
def add(
    request: Request,
    admin: Admin,
    name: str = Form(""),
    role: str = Form("viewer"),
    password: str = Form(""),
    password2: str = Form(""),
):
    form = {"name": name, "role": role}
    if password != password2:
        return _page(request, error=MISMATCH, status=400, form=form)
    try:
        add_user(request.app.state.web.data_dir, name.strip(), password, role, only_new=True)
    except UserError as exc:
        return _page(request, error=user_message(exc), status=400, form=form)
    return _done("added", name.strip())


@router.post("/users/{name}/role")
def change_role(request: Request, name: str, admin: Admin, role: str = Form("")):
    try:
        set_role(request.app.state.web.data_dir, name, role)
    except UserError as exc:
        return _page(request, error=user_message(exc), status=400)
    if name == admin.name and role != "admin":
        return RedirectResponse("/", status_code=303)  # this page is no longer theirs
    return _done("role", name)


@router.post("/users/{name}/password")
def reset_password(
    request: Request,
    name: str,
    admin: Admin,
    password: str = Form(""),
    password2: str = Form(""),
):
    if password != password2:
        return _page(request, error=MISMATCH, status=400)
    try:
        user = set_password(request.app.state.web.data_dir, name, password)
    except UserError as exc:
        return _page(request, error=user_message(exc), status=400)
    response = _done("password", name)
    if name == admin.name:
        start_session(request, response, user)  # their old session just ended
    return response


@router.post("/users/{name}/delete")
def remove(request: Request, name: str, admin: Admin):
    try:
        remove_user(request.app.state.web.data_dir, name, keep_an_admin=True)
    except UserError as exc:
        return _page(request, error=user_message(exc), status=400)
    if name == admin.name:
        return RedirectResponse("/login", status_code=303)
    return _done("removed", name)
