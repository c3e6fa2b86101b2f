"""thanhnien.vn.

Layouts, newest first: the shared CMS (vccorp.py, since 2022); the 2018–2021
pages: `h1.details__headline`, `div.sapo` or `#chapeau`, `div#abody`, `time`
in `div.details__meta`, byline `div.details__author h4 a`.
"""

from __future__ import annotations

from newsmon.crawler.extract import vccorp
from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

OLD = Layout(
    era="2018",
    title=("h1.details__headline",),
    body=("div#abody",),
    sapo=("div.sapo", "#chapeau"),
    date=("div.details__meta time::attr(datetime)", "div.details__meta time"),
    authors=("div.details__author h4 a", "div.details__author .author"),
    category="div.breadcrumbs a",
    tags="div.details__tags a",
    noise=("div.details__morenews", "table.morenews"),
)

SITE = Site(
    name="thanhnien",
    title="Thanh Niên",
    hosts=("thanhnien.vn",),
    start_urls=("https://thanhnien.vn/",),
    layouts=(vccorp.layout("2022"), OLD),
)
