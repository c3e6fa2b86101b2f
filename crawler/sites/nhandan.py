"""nhandan.vn (Báo Nhân Dân).

Layouts, newest first: the shared `cms-*` CMS (cms.py, since 2022); the
2015–2021 pages: `div.box-title-detail h1` or `h1.title`, `div.box-des-detail`
(sapo), `div.detail-content-body`, `div.box-date` ("Thứ Hai, 30-11-2020, 07:45"),
byline the closing bold paragraph.
"""

from __future__ import annotations

from newsmon.crawler.extract import cms
from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

OLD = Layout(
    era="2015",
    title=("div.box-title-detail h1", "h1.title"),
    body=("div.detail-content-body", "div#content-detail"),
    sapo=("div.box-des-detail",),
    date=("div.box-date",),
    byline_last=True,
    category="ul.breadcrumb li a",
    tags="div.tags a",
    noise=("div.box-related",),
)

SITE = Site(
    name="nhandan",
    title="Nhân Dân",
    hosts=("nhandan.vn",),
    start_urls=("https://nhandan.vn/",),
    layouts=(cms.layout(), OLD),
)
