"""The layout of the CMS behind tuoitre.vn, thanhnien.vn (since 2022),
baochinhphu.vn and other papers: `h1.detail-title`, `h2.detail-sapo`,
`div.detail-content` (class `afcbc-body`), `div.detail-author … .name`,
`div.detail-time div[data-role=publishdate]` ("30/11/2026 07:45 GMT+7"),
`div.detail-cate a`, `div.detail-tab a`. Photos and related boxes are
`div.VCSortableInPreviewMode` blocks told apart by their `type` attribute.
Each outlet's module adds its own older eras.
"""

from __future__ import annotations

from newsmon.crawler.extract.layout import Layout

PHOTOS = "figure, div.VCSortableInPreviewMode[type=Photo]"
NOISE = (
    "div.VCSortableInPreviewMode[type=RelatedNewsBox]",
    "div.VCSortableInPreviewMode[type=RelatedOneNews]", "div.VCSortableInPreviewMode[type=Video]",
    "div.kbwscwl-relatedbox", "div.detail-tab",
)


def layout(era: str = "detail") -> Layout:
    return Layout(
        era=era,
        title=("h1.detail-title", "h1.article-title"),
        body=("div.detail-content.afcbc-body", "div.detail-content"),
        sapo=("h2.detail-sapo",),
        date=("div.detail-time div[data-role=publishdate]", "div.detail-time"),
        authors=("div.detail-author a.name", "div.detail-author .name", "div.author-info a.name"),
        byline_last=True,
        category="div.detail-cate a",
        tags="div.detail-tab a",
        noise=NOISE,
        photos=PHOTOS,
        captions="figcaption p|figcaption|div.PhotoCMS_Caption p|div.PhotoCMS_Caption",
    )
