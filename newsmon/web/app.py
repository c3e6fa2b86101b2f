"""The app factory: one FastAPI app over one store URL and one data directory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsmon.config import ConfigError
from newsmon.index import StoreError, open_store
from newsmon.index.store import Store
from newsmon.web.auth import LoginRequired, csrf_guard
from newsmon.web.ratelimit import LoginLimiter
from newsmon.web.security import SecurityHeaders
from newsmon.web.sessions import Sessions, load_secret
from newsmon.web.templating import make_templates, render

STATIC = Path(__file__).parent / "static"


@dataclass
class WebState:
    store_url: str
    data_dir: Path
    sessions: Sessions
    sources_file: Path | None = None
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    templates: object = field(default_factory=make_templates)

    @contextmanager
    def store(self, *, write: bool = False) -> Iterator[Store]:
        """The store for one request: opened, used, closed (a store URL is all
        the app keeps, like each CLI command)."""
        db = open_store(self.store_url, read_only=not write)
        try:
            yield db
        finally:
            db.close()


def create_app(
    store_url: str, data_dir: Path, *, sources_file: Path | None = None, secret: str | None = None
) -> FastAPI:
    from newsmon.web.routes import article, auth, feeds, figures, search, sources, users, watches

    app = FastAPI(
        title="newsmon",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(csrf_guard)],
    )
    app.state.web = WebState(
        store_url, data_dir, Sessions(secret or load_secret(data_dir)), sources_file
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (auth, search, article, figures, watches, sources, feeds, users):
        app.include_router(module.router)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> RedirectResponse:
        return RedirectResponse(f"/login?next={exc.next_url}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = (
            exc.detail
            if exc.status_code != 404 or exc.detail != "Not Found"
            else ("Không có trang này.")
        )
        return render(
            request, "error.html", status_code=exc.status_code, title="Lỗi", message=message
        )

    @app.exception_handler(StoreError)
    @app.exception_handler(ConfigError)
    async def _store(request: Request, exc: Exception):
        return render(
            request,
            "error.html",
            status_code=503,
            title="Không mở được kho dữ liệu",
            message=str(exc),
        )

    return app
