"""vietnamnet.vn.

Layouts, newest first: 2021 on: `h1.content-detail-title`,
`h2.content-detail-sapo`, `div.maincontent` (`#maincontent`),
`div.bread-crumb-detail__time` ("Thứ Hai, 30/11/2026 - 07:45"),
`.article-detail-author__info .name`, `div.bread-crumb-detail a`,
`div.tag-cotnent a`; 2014–2020: `h1.title`, `div.ArticleLead`,
`div#ArticleContent`, `span.ArticleDate`, byline the closing bold paragraph.
"""

from __future__ import annotations

from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

CURRENT = Layout(
    era="2021",
    title=("h1.content-detail-title",),
    body=("div.maincontent", "div#maincontent"),
    sapo=("h2.content-detail-sapo",),
    date=("div.bread-crumb-detail__time",),
    authors=(".article-detail-author__info .name", "span.name"),
    byline_last=True,
    category="div.bread-crumb-detail ul li a",
    tags="div.tag-cotnent a",
    noise=("div.article-relate", "div.insert-related", "div.vnn-related"),
    captions="figcaption p|figcaption",
)
OLD = Layout(
    era="2014",
    title=("div.ArticleDetail h1.title", "h1.title"),
    body=("div#ArticleContent",),
    sapo=("div.ArticleLead",),
    date=("span.ArticleDate",),
    byline_last=True,
    category="div.top-cate-head-title a",
    tags="div.tagBoxContent a",
    noise=("div.inner-article", "table.box-related"),
    photos="table.FCKImage, figure",
    captions="td.FCKImageCaption|td p|figcaption",
)

SITE = Site(
    name="vietnamnet",
    title="VietNamNet",
    hosts=("vietnamnet.vn",),
    start_urls=("https://vietnamnet.vn/",),
    layouts=(CURRENT, OLD),
)
