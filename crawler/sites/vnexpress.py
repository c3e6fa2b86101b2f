"""vnexpress.net.

Layouts, newest first:

- 2019 on: `h1.title-detail`, `p.description` (opening with a
  `span.location-stamp`), `article.fck_detail` of `p.Normal`; the byline is the
  closing right-aligned bold paragraph; `span.date` reads "Thứ hai, 2/12/2024,
  07:30 (GMT+7)"; photos are `figure` with `figcaption p.Image`; related boxes
  `div.box-tinlienquanv2`;
- 2014–2018: `h1.title_news_detail`, `h2.description`, `div.fck_detail`,
  `div.block_timer`, byline `p.author_mail strong` or the closing paragraph.
"""

from __future__ import annotations

from newsmon.crawler.extract.layout import Layout
from newsmon.crawler.sites import Site

CURRENT = Layout(
    era="2019",
    title=("h1.title-detail",),
    body=("article.fck_detail", "div.fck_detail"),
    sapo=("p.description",),
    sapo_stamp="span.location-stamp",
    date=("span.date",),
    byline_last=True,
    authors=("p.author_mail strong",),
    category="ul.breadcrumb li a",
    tags="div.tags h4.item-tag a",
    noise=("div.box-tinlienquanv2", "div.box_brief_info", "ul.list-news", "div.width_common.box"),
)
OLD = Layout(
    era="2014",
    title=("h1.title_news_detail",),
    body=("div.fck_detail",),
    sapo=("h2.description", "h3.short_intro"),
    date=("div.block_timer", "span.time"),
    byline_last=True,
    authors=("p.author_mail strong",),
    category="ul#breakumb_web li a",
    tags="div.block_tag a",
    noise=("div.block_tinlienquan", "div.relative_new"),
    photos="table.tplCaption, figure",
    captions="p.Image|figcaption",
)

SITE = Site(
    name="vnexpress",
    title="VnExpress",
    hosts=("vnexpress.net",),
    start_urls=("https://vnexpress.net/rss/tin-moi-nhat.rss", "https://vnexpress.net/"),
    layouts=(CURRENT, OLD),
)
