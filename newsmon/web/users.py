"""Accounts of the web interface, kept in `users.json` under the data directory.

A file rather than a store table because accounts belong to the installation,
not to the articles: a reindex into Elasticsearch or a fresh store keeps them.
Passwords are hashed with Argon2id (argon2-cffi), a memory-hard hash, so a copied
file does not give the passwords away cheaply.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from newsmon.config import ConfigError
from newsmon.crawler.files import write_atomic

ROLES = ("viewer", "editor", "admin")
MIN_PASSWORD = 8
_NAME = re.compile(r"^[\w.@-]{1,64}$")
_hasher = PasswordHasher()
#: Verified against when the name is unknown, so a wrong name costs as long as a
#: wrong password and the timing does not tell which names exist.
_DUMMY = _hasher.hash("not a password of anyone")


@dataclass(frozen=True)
class User:
    name: str
    role: str

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


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ConfigError(f"--role takes viewer, editor or admin, not {role!r}.")
    return role


def add_user(data_dir: Path, name: str, password: str, role: str) -> User:
    """Add a user, or replace the password and role of an existing one."""
    if not _NAME.match(name):
        raise ConfigError(
            f"A user name is 1-64 letters, digits, '.', '_', '@' or '-', not {name!r}."
        )
    check_role(role)
    if len(password) < MIN_PASSWORD:
        raise ConfigError(
            f"The password is {len(password)} characters long; use at least {MIN_PASSWORD}."
        )
    path = users_path(data_dir)
    data = _load(path)
    data[name] = {"hash": _hasher.hash(password), "role": role}
    _save(path, data)
    return User(name, role)


def remove_user(data_dir: Path, name: str) -> None:
    path = users_path(data_dir)
    data = _load(path)
    if name not in data:
        raise ConfigError(f"No user {name!r}: newsmon user list shows them.")
    del data[name]
    _save(path, data)


def list_users(data_dir: Path) -> list[User]:
    return [
        User(name, entry.get("role", "viewer"))
        for name, entry in sorted(_load(users_path(data_dir)).items())
    ]


def find_user(data_dir: Path, name: str) -> User | None:
    entry = _load(users_path(data_dir)).get(name)
    return User(name, entry.get("role", "viewer")) if entry else None


def authenticate(data_dir: Path, name: str, password: str) -> User | None:
    """The user if the password is right, else None (same cost either way)."""
    entry = _load(users_path(data_dir)).get(name)
    try:
        _hasher.verify(entry["hash"] if entry else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(name, entry.get("role", "viewer")) if entry else None
