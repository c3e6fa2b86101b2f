"""baochinhphu.vn (Báo điện tử Chính phủ): the shared CMS (vccorp.py), since
the 2022 redesign; older pages fall through to the metadata path."""

from __future__ import annotations

from crawler.extract import vccorp
from crawler.extract.common import ExtractedArticle
from crawler.extract.layout import read_layouts


def extract(html: str, url: str) -> ExtractedArticle:
    return read_layouts(html, url, "baochinhphu", (vccorp.layout("2022"),))
