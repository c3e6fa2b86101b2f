"""Accounts: Argon2 hashes in users.json, clear errors, the CLI that adds them."""

from __future__ import annotations

import json

import pytest

from newsmon.config import ConfigError
from newsmon.web.users import add_user, authenticate, find_user, list_users, remove_user
from tests.helpers import run_cli


def test_add_authenticate_remove(tmp_path):
    add_user(tmp_path, "lan", "mat-khau-dai", "editor")
    assert authenticate(tmp_path, "lan", "mat-khau-dai").role == "editor"
    assert authenticate(tmp_path, "lan", "sai") is None
    assert authenticate(tmp_path, "khong-co", "mat-khau-dai") is None
    stored = json.loads((tmp_path / "users.json").read_text(encoding="utf-8"))
    assert stored["lan"]["hash"].startswith("$argon2id$")
    assert (tmp_path / "users.json").stat().st_mode & 0o077 == 0
    remove_user(tmp_path, "lan")
    assert find_user(tmp_path, "lan") is None and list_users(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "password", "role", "says"),
    [
        ("lan", "ngan", "viewer", "at least 8"),
        ("lan", "mat-khau-dai", "boss", "viewer, editor or admin"),
        ("có dấu cách", "mat-khau-dai", "viewer", "user name"),
    ],
)
def test_bad_accounts_are_refused_with_the_reason(tmp_path, name, password, role, says):
    with pytest.raises(ConfigError, match=says):
        add_user(tmp_path, name, password, role)


def test_a_damaged_users_file_is_a_clear_error(tmp_path):
    (tmp_path / "users.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="Cannot read the users file"):
        authenticate(tmp_path, "lan", "x")


def test_cli_adds_lists_and_refuses(tmp_path):
    env = {"NEWSMON_DATA_DIR": str(tmp_path)}
    added = run_cli(
        "user",
        "add",
        "minh",
        "--role",
        "admin",
        "--password-stdin",
        input="mat-khau-dai\n",
        env=env,
    )
    assert added.returncode == 0, added.stderr
    listed = run_cli("user", "list", "--json", env=env)
    assert json.loads(listed.stdout) == [{"name": "minh", "role": "admin"}]
    short = run_cli("user", "add", "x", "--password-stdin", input="ngan\n", env=env)
    assert short.returncode == 1 and "at least 8" in short.stderr
    assert "Traceback" not in short.stderr


def test_serve_without_users_says_how_to_add_one(tmp_path):
    env = {"NEWSMON_DATA_DIR": str(tmp_path)}
    store = f"sqlite:///{tmp_path / 's.db'}"
    from newsmon.index import open_store

    open_store(store).close()
    done = run_cli("serve", "--store", store, "--port", "0", env=env, timeout=60)
    assert done.returncode == 1
    assert "newsmon user add" in done.stderr and "Traceback" not in done.stderr


def test_roles_passwords_and_the_last_admin(tmp_path):
    from newsmon.web.users import UserError, set_password, set_role

    first = add_user(tmp_path, "an", "mat-khau-dai", "admin")
    add_user(tmp_path, "binh", "mat-khau-dai", "viewer")
    with pytest.raises(UserError, match="exists already") as info:
        add_user(tmp_path, "binh", "mat-khau-khac", "editor", only_new=True)
    assert info.value.code == "exists" and find_user(tmp_path, "binh").role == "viewer"
    assert set_role(tmp_path, "binh", "editor").role == "editor"
    with pytest.raises(UserError, match="last admin") as info:
        set_role(tmp_path, "an", "viewer")
    assert info.value.code == "last_admin" and info.value.values == {"name": "an"}
    with pytest.raises(UserError, match="last admin"):
        remove_user(tmp_path, "an", keep_an_admin=True)
    again = set_password(tmp_path, "an", "mat-khau-moi")
    assert again.stamp and again.stamp != first.stamp
    assert authenticate(tmp_path, "an", "mat-khau-dai") is None
    assert authenticate(tmp_path, "an", "mat-khau-moi").stamp == again.stamp
    with pytest.raises(UserError) as info:
        set_password(tmp_path, "an", "ngan")
    assert info.value.code == "short_password"
    assert info.value.values == {"length": 4, "minimum": 8}
    with pytest.raises(UserError) as info:
        set_role(tmp_path, "khong-co", "viewer")
    assert info.value.code == "no_such_user"
    set_role(tmp_path, "binh", "admin")
    set_role(tmp_path, "an", "viewer")  # another admin is left: allowed
    remove_user(tmp_path, "an", keep_an_admin=True)
    assert [(u.name, u.role) for u in list_users(tmp_path)] == [("binh", "admin")]
