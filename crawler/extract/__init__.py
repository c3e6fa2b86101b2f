"""HTML → article fields. Pure functions over HTML strings, no network.

`extract_article(html, url)` tries, in order:

1. the site parser chosen by `parser` or by the URL's host (`parser_for_url`):
   `baotintuc`, `vietnamplus`, `bnews`, each trying its layouts newest first;
2. `metadata`: JSON-LD / OpenGraph for the fields, trafilatura for the body;
3. `generic`: trafilatura, htmldate and visible Vietnamese dates.

A step that does not recognise the page raises `ExtractError` and the next one
is tried. Pages that are not articles raise `ExtractError` with a final
`reason` ("video", "gallery", "index", "not_html") that stops the chain; when
every step fails the last error ("empty", "not_an_article") is raised.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from crawler.extract import (
    baochinhphu,
    baotintuc,
    bnews,
    cand,
    cms,
    dantri,
    generic,
    laodong,
    metadata,
    nhandan,
    qdnd,
    thanhnien,
    tuoitre,
    vietnamnet,
    vietnamplus,
    vnexpress,
    vov,
)
from crawler.extract.classify import to_text
from crawler.extract.common import (
    FINAL_REASONS,
    REASONS,
    ExtractedArticle,
    ExtractError,
)
from crawler.extract.page import Page

__all__ = [
    "PARSERS", "REASONS", "SITE_PARSERS", "ExtractError", "ExtractedArticle", "extract_article",
    "parser_for_url",
]

SITE_PARSERS: dict[str, Callable[[str, str], ExtractedArticle]] = {
    "baotintuc": baotintuc.extract,
    "vietnamplus": vietnamplus.extract,
    "bnews": bnews.extract,
    "vnexpress": vnexpress.extract,
    "tuoitre": tuoitre.extract,
    "thanhnien": thanhnien.extract,
    "baochinhphu": baochinhphu.extract,
    "dantri": dantri.extract,
    "vietnamnet": vietnamnet.extract,
    "nhandan": nhandan.extract,
    "qdnd": qdnd.extract,
    "cand": cand.extract,
    "laodong": laodong.extract,
    "vov": vov.extract,
    "cms": cms.extract,
}
PARSERS = (*SITE_PARSERS, "metadata", "generic")

# Registered domains; their subdomains (www., en., m.) count too.
HOSTS = {
    "baotintuc.vn": "baotintuc", "vietnamplus.vn": "vietnamplus", "bnews.vn": "bnews",
    "vnexpress.net": "vnexpress", "tuoitre.vn": "tuoitre", "thanhnien.vn": "thanhnien",
    "baochinhphu.vn": "baochinhphu", "dantri.com.vn": "dantri", "vietnamnet.vn": "vietnamnet",
    "nhandan.vn": "nhandan", "qdnd.vn": "qdnd", "cand.com.vn": "cand", "laodong.vn": "laodong",
    "vov.vn": "vov", "tienphong.vn": "cms", "plo.vn": "cms", "baoquocte.vn": "cms",
}


def parser_for_url(url: str) -> str | None:
    """The site parser for a URL's host, or None for other sites."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    for domain, name in HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return None


def extract_article(html: str | bytes, url: str, parser: str | None = None) -> ExtractedArticle:
    """The article on a page, or ExtractError with a reason.

    `parser` names where the chain starts ("baotintuc", "vietnamplus", "bnews",
    "metadata", "generic"); by default the URL's site parser, else metadata.
    Bytes are read as UTF-8."""
    if parser is not None and parser not in PARSERS:
        raise ValueError(f"unknown parser {parser!r}; known: {', '.join(PARSERS)}")
    text = to_text(html)
    start = parser or parser_for_url(url) or "metadata"
    error: ExtractError | None = None
    if start in SITE_PARSERS:
        try:
            return SITE_PARSERS[start](text, url)
        except ExtractError as exc:
            if exc.reason in FINAL_REASONS:
                raise
            error = exc
        start = "metadata"
    page = Page(text, url)
    steps = (metadata.extract_page, generic.extract_page)
    for step in steps if start == "metadata" else steps[1:]:
        try:
            return step(page)
        except ExtractError as exc:
            if exc.reason in FINAL_REASONS:
                raise
            error = exc
    assert error is not None
    raise error
