"""laodong.vn (Báo Lao Động), 2019 on: `div.article-content h1.title`,
`div.chappeau` (sapo), `div.art-body`, `span.time` ("07:45 | 30/11/2026"),
byline `div.author .name` or the closing bold paragraph, breadcrumb
`div.breadcrumbs a`, tags `div.tags a`."""

from __future__ import annotations

from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

CURRENT = Layout(
    era="2019",
    title=("div.article-content h1.title", "h1.title"),
    body=("div.art-body",),
    sapo=("div.chappeau",),
    date=("div.article-content span.time", "span.time"),
    authors=("div.author .name",),
    byline_last=True,
    category="div.breadcrumbs a",
    tags="div.tags a",
    noise=("div.art-related", "div.box-related"),
)

SITE = Site(
    name="laodong",
    title="Lao Động",
    hosts=("laodong.vn",),
    start_urls=("https://laodong.vn/",),
    layouts=(CURRENT,),
)
