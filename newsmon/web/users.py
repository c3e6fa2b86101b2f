"""Accounts of the web interface, kept in `users.json` under the data directory.

A file rather than a store table because accounts belong to the installation,
not to the articles: a reindex into Elasticsearch or a fresh store keeps them.
Passwords are hashed with Argon2id (argon2-cffi), a memory-hard hash, so a copied
file does not give the passwords away cheaply.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from newsmon.config import ConfigError
from newsmon.crawler.files import write_atomic

ROLES = ("viewer", "editor", "admin")
MIN_PASSWORD = 8
_NAME = re.compile(r"^[\w.@-]{1,64}$")
_hasher = PasswordHasher()


@cache
def _dummy() -> str:
    """Verified against when the name is unknown, so a wrong name costs as long as a
    wrong password and the timing does not tell which names exist. Made on first use:
    a hash costs a tenth of a second, which every command would pay at import."""
    return _hasher.hash("not a password of anyone")


class UserError(ConfigError):
    """A refused account change. The message is the CLI's English; `code` and
    `values` let the web write it in Vietnamese (newsmon/web/messages.py)."""

    def __init__(self, message: str, *, code: str, **values: object) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class User:
    name: str
    role: str
    #: changes whenever the password is set (and when a removed name is added
    #: again): a session made before carries the old stamp and ends.
    stamp: str = field(default="", compare=False, repr=False)

    @property
    def can_edit(self) -> bool:
        """Editors and admins manage watches and sources; viewers read."""
        return self.role in ("editor", "admin")


def users_path(data_dir: Path) -> Path:
    return data_dir / "users.json"


def _load(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"Cannot read the users file {path}: {exc}. Restore it from a "
            "backup, or remove it and add the users again."
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(
            f"The users file {path} is not a JSON object; remove it and add the users again."
        )
    return data


def _save(path: Path, data: dict[str, dict[str, str]]) -> None:
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
    path.chmod(0o600)


def _user(name: str, entry: dict[str, str]) -> User:
    stamp = hashlib.sha256(entry.get("hash", "").encode("utf-8")).hexdigest()[:16]
    return User(name, entry.get("role", "viewer"), stamp)


@contextmanager
def _changing(data_dir: Path) -> Iterator[dict[str, dict[str, str]]]:
    """The accounts, to change and save under a lock: two admins saving at once
    must not undo each other, nor both remove one of the last two admins."""
    path = users_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        if fcntl is not None:  # Windows has no flock: one admin at a time there
            fcntl.flock(lock, fcntl.LOCK_EX)
        data = _load(path)
        yield data
        _save(path, data)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(
            f"--role takes viewer, editor or admin, not {role!r}.", code="bad_role", role=role
        )
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UserError(
            f"The password is {len(password)} characters long; use at least {MIN_PASSWORD}.",
            code="short_password",
            length=len(password),
            minimum=MIN_PASSWORD,
        )
    return password


def add_user(
    data_dir: Path, name: str, password: str, role: str, *, only_new: bool = False
) -> User:
    """Add a user, or replace the password and role of an existing one (not with
    `only_new`, the web's "add", where an existing name is a mistake)."""
    if not _NAME.match(name):
        raise UserError(
            f"A user name is 1-64 letters, digits, '.', '_', '@' or '-', not {name!r}.",
            code="bad_name",
            name=name,
        )
    check_role(role)
    check_password(password)
    with _changing(data_dir) as data:
        if only_new and name in data:
            raise UserError(f"User {name!r} exists already.", code="exists", name=name)
        data[name] = {"hash": _hasher.hash(password), "role": role}
        return _user(name, data[name])


def _known(data: dict[str, dict[str, str]], name: str) -> dict[str, str]:
    if name not in data:
        raise UserError(
            f"No user {name!r}: newsmon user list shows them.", code="no_such_user", name=name
        )
    return data[name]


def _keep_an_admin(data: dict[str, dict[str, str]], name: str) -> None:
    others = [n for n, e in data.items() if n != name and e.get("role") == "admin"]
    if data[name].get("role") == "admin" and not others:
        raise UserError(
            f"{name} is the last admin: make another user admin first.",
            code="last_admin",
            name=name,
        )


def remove_user(data_dir: Path, name: str, *, keep_an_admin: bool = False) -> None:
    """Remove a user; with `keep_an_admin` (the web), never the last admin, who
    alone could add users back from the web."""
    with _changing(data_dir) as data:
        _known(data, name)
        if keep_an_admin:
            _keep_an_admin(data, name)
        del data[name]


def set_role(data_dir: Path, name: str, role: str) -> User:
    """Change a user's role; never the last admin's to a lesser one."""
    check_role(role)
    with _changing(data_dir) as data:
        entry = _known(data, name)
        if role != "admin":
            _keep_an_admin(data, name)
        entry["role"] = role
        return _user(name, entry)


def set_password(data_dir: Path, name: str, password: str) -> User:
    """A new password for a user; their open sessions end (the stamp changes)."""
    check_password(password)
    with _changing(data_dir) as data:
        entry = _known(data, name)
        entry["hash"] = _hasher.hash(password)
        return _user(name, entry)


def list_users(data_dir: Path) -> list[User]:
    return [_user(name, entry) for name, entry in sorted(_load(users_path(data_dir)).items())]


def find_user(data_dir: Path, name: str) -> User | None:
    entry = _load(users_path(data_dir)).get(name)
    return _user(name, entry) if entry else None


def authenticate(data_dir: Path, name: str, password: str) -> User | None:
    """The user if the password is right, else None (same cost either way)."""
    entry = _load(users_path(data_dir)).get(name)
    try:
        _hasher.verify(entry["hash"] if entry else _dummy(), password)
    except (VerificationError, InvalidHashError):
        return None
    return _user(name, entry) if entry else None
