"""Log in and out. Failed logins are limited per address and per name."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from newsmon.web.auth import require_user
from newsmon.web.sessions import COOKIE, LOGIN_COOKIE, MAX_AGE
from newsmon.web.templating import render
from newsmon.web.users import User, authenticate

router = APIRouter()


def _safe_next(value: str | None) -> str:
    """Only a path of this site: never an absolute or protocol-relative URL."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value if not urlsplit(value).netloc else "/"


def _login_page(
    request: Request, next_url: str, error: str = "", status: int = 200, name: str = ""
):
    web = request.app.state.web
    cookie, token = web.sessions.login_token()
    response = render(
        request,
        "login.html",
        status_code=status,
        csrf=token,
        next=next_url,
        error=error,
        name=name,
        title="Đăng nhập",
    )
    response.set_cookie(
        LOGIN_COOKIE,
        cookie,
        max_age=3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/login",
    )
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    return _login_page(request, _safe_next(next))


@router.post("/login")
def login(request: Request, name: str = Form(""), password: str = Form(""), next: str = Form("/")):
    web = request.app.state.web
    client = request.client.host if request.client else "?"
    keys = (f"ip:{client}", f"user:{name.lower()}")
    wait = web.limiter.wait_s(*keys)
    if wait:
        return _login_page(
            request,
            _safe_next(next),
            status=429,
            name=name,
            error=f"Quá nhiều lần đăng nhập sai. Thử lại sau {-(-wait // 60)} phút.",
        )
    user = authenticate(web.data_dir, name, password)
    if user is None:
        web.limiter.failed(*keys)
        return _login_page(
            request,
            _safe_next(next),
            status=401,
            name=name,
            error="Sai tên đăng nhập hoặc mật khẩu.",
        )
    web.limiter.succeeded(*keys)
    response = RedirectResponse(_safe_next(next), status_code=303)
    start_session(request, response, user)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


def start_session(request: Request, response: Response, user: User) -> None:
    """A fresh session cookie for the user (at login, and for an admin who just
    set their own password, which ends the session they had)."""
    cookie, _ = request.app.state.web.sessions.new(user.name, user.stamp)
    response.set_cookie(
        COOKIE,
        cookie,
        max_age=MAX_AGE,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


@router.post("/logout")
def logout(request: Request):
    require_user(request)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response
