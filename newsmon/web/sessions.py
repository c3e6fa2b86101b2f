"""Signed session cookies and the CSRF token each session carries.

The cookie holds the user name and a random CSRF token, signed with the
installation's secret (itsdangerous): it cannot be forged or edited, it is
HttpOnly (scripts cannot read it) and SameSite=Strict (other sites cannot
make the browser send it). The role is looked up in the users file on every
request, so removing a user or changing a role takes effect at once; the
cookie also carries the user's stamp (`users.User.stamp`), which a new password
changes, so resetting a password ends the sessions opened with the old one.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from newsmon.crawler.files import write_atomic

COOKIE = "newsmon_session"
#: Before login: the token the login form must carry (double-submit cookie).
LOGIN_COOKIE = "newsmon_login"
MAX_AGE = 12 * 3600


def load_secret(data_dir: Path) -> str:
    """NEWSMON_WEB_SECRET, else `web-secret` in the data directory (made on first
    use, readable by its owner only), so sessions survive a restart."""
    env = os.environ.get("NEWSMON_WEB_SECRET")
    if env:
        return env
    path = data_dir / "web-secret"
    if not path.exists():
        write_atomic(path, secrets.token_hex(32).encode("ascii"))
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


class Sessions:
    def __init__(self, secret: str) -> None:
        self._session = URLSafeTimedSerializer(secret, salt="newsmon-session")
        self._login = URLSafeTimedSerializer(secret, salt="newsmon-login")

    def new(self, user: str, stamp: str) -> tuple[str, str]:
        """A cookie value for a fresh session, and its CSRF token."""
        csrf = secrets.token_urlsafe(24)
        return self._session.dumps({"u": user, "c": csrf, "g": stamp}), csrf

    def read(self, cookie: str | None) -> tuple[str, str, str] | None:
        """(user, csrf token, user's stamp) of a valid, unexpired cookie, else None."""
        if not cookie:
            return None
        try:
            data = self._session.loads(cookie, max_age=MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not {"u", "c", "g"} <= data.keys():
            return None
        return str(data["u"]), str(data["c"]), str(data["g"])

    def login_token(self) -> tuple[str, str]:
        token = secrets.token_urlsafe(24)
        return self._login.dumps(token), token

    def read_login_token(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            return str(self._login.loads(cookie, max_age=3600))
        except BadSignature:
            return None


def same_token(expected: str | None, given: str | None) -> bool:
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))
