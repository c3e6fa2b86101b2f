"""baochinhphu.vn (Báo điện tử Chính phủ): the shared CMS (vccorp.py), since
the 2022 redesign; older pages fall through to the metadata path."""

from __future__ import annotations

from newsmon.crawler.extract import vccorp
from newsmon.crawler.sites import Site

SITE = Site(
    name="baochinhphu",
    title="Báo Điện tử Chính phủ",
    hosts=("baochinhphu.vn",),
    start_urls=("https://baochinhphu.vn/",),
    layouts=(vccorp.layout("2022"),),
)
