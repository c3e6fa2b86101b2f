"""dantri.com.vn.

Layouts, newest first:

- 2021 on: `h1.title-page`, `h2.singular-sapo`, `div.singular-content`,
  `time.author-time[datetime]` ("2026-11-30 07:45"), `div.author-name b`,
  `ul.dt-breadcrumb a`, `ul.tags-wrap a`; the sapo opens with "(Dân trí) - ";
- 2014–2020: `h1.fon31`, `h2.fon33` (sapo), `div#divNewsContent`,
  `span.tt-capitalize` date, byline the closing right-aligned paragraph.
"""

from __future__ import annotations

from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

CURRENT = Layout(
    era="2021",
    title=("h1.title-page", "h1.e-magazine__title"),
    body=("div.singular-content", "div.e-magazine__body"),
    sapo=("h2.singular-sapo", "h2.e-magazine__sapo"),
    date=("time.author-time::attr(datetime)", "time.author-time"),
    authors=("div.author-name b", "div.author-name"),
    byline_last=True,
    category="ul.dt-breadcrumb li a",
    tags="ul.tags-wrap li a",
    noise=("article.article-related", "div.article-related"),
    captions="figcaption p|figcaption",
)
OLD = Layout(
    era="2014",
    title=("h1.fon31",),
    body=("div#divNewsContent",),
    sapo=("h2.fon33",),
    date=("span.tt-capitalize", "span.fr.fon7"),
    byline_last=True,
    category="div.fl.wid470 a",
    tags="span.news-tags-item a",
    noise=("div.news-tag", "ul.listrelated"),
    photos="figure, table.image",
    captions="figcaption|td.image_desc|td p",
)

SITE = Site(
    name="dantri",
    title="Dân trí",
    hosts=("dantri.com.vn",),
    start_urls=("https://dantri.com.vn/",),
    layouts=(CURRENT, OLD),
)
