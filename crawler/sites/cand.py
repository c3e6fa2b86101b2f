"""cand.com.vn (Công an nhân dân), 2020 on: `div.box-title-detail h1`,
`div.box-des-detail` (sapo), `div.detail-content-body`, `div.box-date`
("Thứ Hai, 07:45 30/11/2026"), byline `div.box-author strong` or the closing
bold paragraph, breadcrumb `div.box-breadcrumb a`, tags `div.box-tag a`."""

from __future__ import annotations

from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

CURRENT = Layout(
    era="2020",
    title=("div.box-title-detail h1",),
    body=("div.detail-content-body",),
    sapo=("div.box-des-detail",),
    date=("div.box-date",),
    authors=("div.box-author strong",),
    byline_last=True,
    category="div.box-breadcrumb a",
    tags="div.box-tag a",
    noise=("div.box-related", "div.box-tin-lien-quan"),
)

SITE = Site(
    name="cand",
    title="Công an nhân dân",
    hosts=("cand.com.vn",),
    start_urls=("https://cand.com.vn/",),
    layouts=(CURRENT,),
)
