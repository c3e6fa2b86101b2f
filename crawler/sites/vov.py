"""vov.vn (Đài Tiếng nói Việt Nam), 2020 on (Drupal): `div.article__title h1`
or `h1.article-title`, `div.article__sapo` (`div.article-summary`),
`div.article-content` (`div.text-long`), `div.article__date` ("Thứ Hai, 07:45,
30/11/2026": the time first), byline `div.article__author .name` or the
closing bold paragraph, breadcrumb `ol.breadcrumb a`, tags `div.article__tags a`."""

from __future__ import annotations

from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

CURRENT = Layout(
    era="2020",
    title=("div.article__title h1", "h1.article-title"),
    body=("div.article-content", "div.text-long"),
    sapo=("div.article__sapo", "div.article-summary"),
    date=("div.article__date", "div.article__meta time"),
    authors=("div.article__author .name",),
    byline_last=True,
    category="ol.breadcrumb li a",
    tags="div.article__tags a",
    noise=("div.article__related", "div.related-article"),
)

SITE = Site(
    name="vov",
    title="VOV (Đài Tiếng nói Việt Nam)",
    hosts=("vov.vn",),
    start_urls=("https://vov.vn/",),
    layouts=(CURRENT,),
)
