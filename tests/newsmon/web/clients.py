"""An app in process with a user logged in (FastAPI's TestClient), for tests that
need an app of their own: another backend, a sources file they may change."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from newsmon.web.app import create_app
from newsmon.web.users import add_user

PASSWORD = "mat-khau-thu-nghiem"


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def logged_in(store_url: str, data: Path, role: str, **app_options) -> TestClient:
    """A client of a new app over the store, logged in as a user of that role."""
    add_user(data, role, PASSWORD, role)
    client = TestClient(create_app(store_url, data, **app_options))
    token = csrf_of(client.get("/login").text)
    client.post("/login", data={"csrf": token, "name": role, "password": PASSWORD})
    return client
