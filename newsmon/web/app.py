"""The app factory: one FastAPI app over one store URL and one data directory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsmon.config import ConfigError
from newsmon.index import StoreError, open_store
from newsmon.index.store import Store
from newsmon.web.auth import LoginRequired, csrf_guard
from newsmon.web.pool import StorePool
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
    readers: StorePool = field(init=False)

    def __post_init__(self) -> None:
        self.readers = StorePool(lambda: open_store(self.store_url, read_only=True))

    @contextmanager
    def store(self, *, write: bool = False) -> Iterator[Store]:
        """The store for one request: a kept read-only one (`pool.py`), or for a
        write one opened, used and closed, like each CLI command."""
        if not write:
            with self.readers.borrow() as db:
                yield db
            return
        db = open_store(self.store_url)
        try:
            yield db
        finally:
            db.close()


#: what was wrong with a parameter, by pydantic's error type
_INVALID = {"int_parsing": "phải là một số nguyên", "missing": "bị thiếu"}


def invalid_parameters(errors: list[dict]) -> str:
    """A hand-edited or truncated address (page=abc) or form in words, not
    FastAPI's JSON."""
    parts = dict.fromkeys(
        f"“{e['loc'][-1]}” {_INVALID.get(e.get('type', ''), 'không hợp lệ')}"
        for e in errors
        if e.get("loc")
    )
    return (
        f"Địa chỉ hoặc biểu mẫu không hợp lệ: {'; '.join(parts)}. "
        "Hãy mở lại trang từ một liên kết hoặc từ trang tìm kiếm."
    )


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

    def error_page(request: Request, status: int, title: str, message: str):
        return render(request, "error.html", status_code=status, title=title, message=message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        missing = exc.status_code == 404 and exc.detail == "Not Found"
        return error_page(
            request, exc.status_code, "Lỗi", "Không có trang này." if missing else exc.detail
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return error_page(request, 400, "Địa chỉ không hợp lệ", invalid_parameters(exc.errors()))

    @app.exception_handler(StoreError)
    @app.exception_handler(ConfigError)
    async def _store(request: Request, exc: Exception):
        return error_page(request, 503, "Không mở được kho dữ liệu", str(exc))

    return app
