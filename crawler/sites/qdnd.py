"""qdnd.vn (Báo Quân đội nhân dân), 2019 on: `h1.post-title`,
`div.post-summary` (sapo), `div.post-content`, `span.post-subinfo` date
("30/11/2026 - 07:45"), byline the closing bold right-aligned paragraph,
breadcrumb `ul.breadcrumb a`, tags `div.post-tags a`."""

from __future__ import annotations

from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

CURRENT = Layout(
    era="2019",
    title=("h1.post-title",),
    body=("div.post-content",),
    sapo=("div.post-summary",),
    date=("span.post-subinfo",),
    byline_last=True,
    category="ul.breadcrumb li a",
    tags="div.post-tags a",
    noise=("div.post-related", "div.box-related"),
    captions="figcaption|.caption",
)

SITE = Site(
    name="qdnd",
    title="Quân đội nhân dân",
    hosts=("qdnd.vn",),
    start_urls=("https://www.qdnd.vn/",),
    layouts=(CURRENT,),
)
