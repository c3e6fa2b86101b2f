"""The article record every stage hands on.

It lives in `index` because the store is the contract between the crawler
(which only produces articles) and the rest of the application.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class Image:
    url: str
    caption: str = ""


@dataclass
class Article:
    url: str
    canonical_url: str
    source: str
    title: str
    body: str
    sapo: str = ""
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    category: str = ""
    tags: list[str] = field(default_factory=list)
    agency: str = ""
    images: list[Image] = field(default_factory=list)
    fetched_at: datetime | None = None
    language: str = "vi"
    parser: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.canonical_url or self.url)
        self.images = [i if isinstance(i, Image) else Image(**i) for i in self.images]

    @property
    def text(self) -> str:
        """The text the NLP stage reads; analysis offsets point into exactly this string."""
        return "\n\n".join(part for part in (self.title, self.sapo, self.body) if part)

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in ("published_at", "fetched_at"):
            value = getattr(self, key)
            data[key] = value.isoformat() if value else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Article:
        values = dict(data)
        for key in ("published_at", "fetched_at"):
            if values.get(key):
                values[key] = datetime.fromisoformat(values[key])
        return cls(**values)


def normalize_url(url: str) -> str:
    """Canonical form used for identity: scheme and host lower-cased, no fragment,
    no trailing slash, and http/https and a leading "www." treated as one site."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, parts.query, ""))


def content_hash(article: Article) -> str:
    """What the analysis depends on: a changed text is analysed again."""
    return hashlib.sha1(article.text.encode("utf-8")).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def article_id(canonical_url: str) -> str:
    """Stable id of an article: the same story URL always gives the same id, so
    re-crawling or re-running a stage never creates a second copy."""
    return hashlib.sha1(normalize_url(canonical_url).encode("utf-8")).hexdigest()[:20]


@dataclass
class CrawlRun:
    """What one crawl of one source brought in: the record behind source health."""

    source: str
    started_at: datetime
    finished_at: datetime
    pages: int = 0
    article_pages: int = 0
    articles: int = 0
    new: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def layout_suspect(self) -> bool:
        """Article pages were fetched but none yielded an article: the site has most
        likely changed its layout, and collection is silently failing."""
        return self.article_pages > 0 and self.articles == 0


@dataclass
class SourceHealth:
    source: str
    last_run: CrawlRun
    last_success: datetime | None
    recent: list[CrawlRun]
