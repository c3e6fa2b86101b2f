"""Who is asking, and whether a form really comes from our page.

`require_user` guards every page but the login page, the static files and the
per-watch feeds; `csrf_guard` runs on every request of the app and refuses any
POST whose form (or X-CSRF-Token header) lacks the session's token.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from newsmon.web.sessions import COOKIE, LOGIN_COOKIE, same_token
from newsmon.web.users import User, find_user

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


class LoginRequired(Exception):
    """Raised by `require_user`; answered with a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


def session_of(request: Request) -> tuple[User, str] | None:
    web = request.app.state.web
    found = web.sessions.read(request.cookies.get(COOKIE))
    if not found:
        return None
    user = find_user(web.data_dir, found[0])
    if user is None or not same_token(user.stamp, found[2]):
        return None  # removed, or a new password since this session began
    return user, found[1]


def require_user(request: Request) -> User:
    found = session_of(request)
    if not found:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(quote(path, safe="/?=&:%+"))
    request.state.user, request.state.csrf = found
    return found[0]


def require_editor(request: Request) -> User:
    user = require_user(request)
    if not user.can_edit:
        raise HTTPException(
            403,
            "Tài khoản của bạn chỉ có quyền xem; việc này cần quyền "
            "biên tập (editor). Hỏi quản trị viên.",
        )
    return user


async def csrf_guard(request: Request) -> None:
    if request.method not in UNSAFE:
        return
    given = request.headers.get("x-csrf-token")
    if given is None:
        form = await request.form()
        given = str(form.get("csrf") or "")
    web = request.app.state.web
    if request.url.path == "/login":
        expected = web.sessions.read_login_token(request.cookies.get(LOGIN_COOKIE))
    else:
        found = web.sessions.read(request.cookies.get(COOKIE))
        expected = found[1] if found else None
    if not same_token(expected, given):
        raise HTTPException(
            403,
            "Biểu mẫu đã hết hạn hoặc không gửi từ trang này (thiếu mã "
            "CSRF). Tải lại trang rồi gửi lại.",
        )


def require_admin(request: Request) -> User:
    user = require_user(request)
    if user.role != "admin":
        raise HTTPException(
            403,
            "Trang này dành cho quản trị viên (admin): chỉ họ thêm, sửa và xóa "
            "người dùng. Hỏi quản trị viên nếu bạn cần đổi tài khoản.",
        )
    return user


#: A route parameter that only an editor (or admin) gets past.
Editor = Annotated[User, Depends(require_editor)]
#: A route parameter that only an admin gets past.
Admin = Annotated[User, Depends(require_admin)]
