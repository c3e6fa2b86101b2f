"""Per-watch Atom feeds, open to whoever holds the feed URL's secret token (a
feed reader has no login); the feed is the one `newsmon watch run` writes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from index.watches import WatchError
from newsmon.watching import write_watch_feed
from newsmon.web.feedtokens import watch_for

router = APIRouter()


@router.get("/feeds/{token}.atom")
def feed(request: Request, token: str):
    web = request.app.state.web
    name = watch_for(web.data_dir, token)
    if name is None:
        raise HTTPException(404, "Không có luồng tin này (địa chỉ sai, hoặc theo dõi đã xóa).")
    with web.store() as db:
        try:
            path = write_watch_feed(db, web.data_dir, name)
        except WatchError:
            raise HTTPException(404, "Theo dõi này đã bị xóa.") from None
    return Response(path.read_bytes(), media_type="application/atom+xml; charset=utf-8")
