"""tuoitre.vn.

Layouts, newest first: the shared CMS (vccorp.py, about 2019 on); the
2014–2018 pages: `h1.article-title`, `h2.txt-head` (sapo), `div#main-detail-body`,
`div.date-time` or `span.date`, byline `div.author` or the closing bold paragraph.
"""

from __future__ import annotations

from newsmon.crawler.extract import vccorp
from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

OLD = Layout(
    era="2014",
    title=("h1.article-title",),
    body=("div#main-detail-body",),
    sapo=("h2.txt-head", "p.sapo"),
    date=("div.date-time", "span.date"),
    authors=("div.author",),
    byline_last=True,
    category="div.bread-crumbs a",
    tags="ul.block-key li a",
    noise=("div.relate-container", "ul.list-news"),
    photos="div.VCSortableInPreviewMode[type=Photo], figure",
    captions="div.PhotoCMS_Caption p|figcaption",
)

SITE = Site(
    name="tuoitre",
    title="Tuổi Trẻ",
    hosts=("tuoitre.vn",),
    start_urls=("https://tuoitre.vn/rss/tin-moi-nhat.rss", "https://tuoitre.vn/"),
    layouts=(vccorp.layout("2019"), OLD),
)
