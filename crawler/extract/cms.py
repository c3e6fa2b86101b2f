"""The CMS shared by several national papers (nhandan.vn, tienphong.vn,
plo.vn, baoquocte.vn, vietnamplus.vn since 2023…), told by its `cms-*` classes:
`h1.article__title.cms-title`, `div.article__sapo.cms-desc`,
`div.article__body.cms-body`, `time` in `div.article__meta` ("Thứ Hai,
30-11-2026, 07:45"), `.article__author .name` or `.cms-author`,
`.article__tag a`, `ul.breadcrumbs a`. Keyword links inside sentences
(`a.cms-relate`) are words of the text; related boxes (`div.box-related`,
`article.story`) are not. Papers on it without a site file of their own are
the `cms` site (crawler/sites/cms.py); nhandan.vn reuses `layout()`.
"""

from __future__ import annotations

from newsmon.crawler.extract.layout import Layout

NOISE = ("div.box-related", "div.related-news", "article.story", "div.article__related",
         "table.box-related", "div.inner-article")


def layout(era: str = "2022") -> Layout:
    return Layout(
        era=era,
        title=("h1.cms-title", "h1.article__title"),
        body=("div.cms-body", "div.article__body"),
        sapo=("div.cms-desc", "div.article__sapo", "h2.cms-desc"),
        date=("div.article__meta time::attr(datetime)", "div.article__meta time",
              ".article__meta .time", "time.cms-date"),
        authors=(".article__author .name", ".cms-author"),
        byline_last=True,
        category="ul.breadcrumbs li a",
        tags="div.article__tag a",
        noise=NOISE,
        photos="figure, table.picture, div.article-photo",
        captions="figcaption|td.caption|.caption",
    )

