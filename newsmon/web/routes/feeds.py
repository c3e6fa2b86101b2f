"""Per-watch Atom feeds, open to whoever holds the feed URL's secret token (a
feed reader has no login). The token is the watch's own secret (made at `watch
add`, renewed by `watch edit --new-token`), and the feed is the one
`newsmon.watching.watch_feed_xml` builds from the store."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from newsmon.index.watches import WatchError
from newsmon.watching import watch_feed_xml

router = APIRouter()


@router.get("/feeds/{name}/{token}.atom")
def feed(request: Request, name: str, token: str):
    """A wrong token and an unknown watch answer alike, so the URL tells nothing
    about which watches exist."""
    try:
        xml = watch_feed_xml(name, token, request.app.state.web.store_url)
    except WatchError:
        raise HTTPException(
            404, "Không có luồng tin này (địa chỉ sai, mã đã đổi, hoặc theo dõi đã xóa)."
        ) from None
    return Response(xml, media_type="application/atom+xml; charset=utf-8")
