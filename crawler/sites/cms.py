"""The papers on the shared `cms-*` CMS that have no site file of their own
(tienphong.vn, plo.vn, baoquocte.vn): one site, read by the CMS's layout
(crawler/extract/cms.py). A paper that needs more gets its own file and takes
its host from here."""

from __future__ import annotations

from newsmon.crawler.extract import cms
from newsmon.crawler.sites import Site

SITE = Site(
    name="cms",
    title="Papers on the shared cms-* CMS (Tiền Phong, Pháp Luật TP.HCM, Thế giới & Việt Nam)",
    hosts=("tienphong.vn", "plo.vn", "baoquocte.vn"),
    start_urls=("https://tienphong.vn/", "https://plo.vn/", "https://baoquocte.vn/"),
    layouts=(cms.layout(),),
)
