"""What every spider shares: discovery from feeds, sitemaps and list pages,
incremental and conditional fetching, bounds (`since`, `max_articles`), and
turning a page into an `Article` or into a recorded reason why not.

A subclass names the site (`name`, `default_start_urls`, `parser`, `site`),
says which URLs are articles (`is_article_url`) and which pages list them
(`is_list_url`); crawler/spiders/sites.py builds one per registered site.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy import exceptions, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.url import url_is_from_any_domain
from twisted.internet import error as twisted_errors
from twisted.python.failure import Failure

from newsmon.crawler import accounting, discovery
from newsmon.crawler.extract import ExtractedArticle, ExtractError, extract_article
from newsmon.crawler.items import ArticleItem, PageState
from newsmon.crawler.middlewares import REFUSED_HOSTS, EgressIgnored
from newsmon.crawler.sites import Site
from newsmon.index import open_store

# Scrapy ≥ 2.14 wraps Twisted's download errors in its own exceptions.
_TIMEOUTS = tuple(getattr(exceptions, n) for n in ("DownloadTimeoutError",)
                  if hasattr(exceptions, n)) + (twisted_errors.TimeoutError,
                                                 twisted_errors.TCPTimedOutError)
_DNS = tuple(getattr(exceptions, n) for n in ("CannotResolveHostError",)
             if hasattr(exceptions, n)) + (twisted_errors.DNSLookupError,)
_REFUSED = tuple(getattr(exceptions, n) for n in ("DownloadConnectionRefusedError",)
                 if hasattr(exceptions, n)) + (twisted_errors.ConnectionRefusedError,)
_CANCELLED = tuple(getattr(exceptions, n) for n in ("DownloadCancelledError",)
                   if hasattr(exceptions, n))

# Listings whose validators (ETag, Last-Modified) are worth a conditional request.
_CONDITIONAL_KINDS = ("rss", "atom", "sitemap")
_MONTHLY_SITEMAP = re.compile(r"(\d{4})-(\d{1,2})\.xml")
_BAD_DECODING = "\ufffd"


def store_state(store_url: str) -> tuple[set[str], dict[str, tuple[str, str]]]:
    """The URLs the store has and the validators of its feeds and sitemaps."""
    store = open_store(store_url)
    try:
        return store.known_urls(), store.page_states()
    finally:
        store.close()


def failure_reason(failure: Failure) -> tuple[str, bool]:
    """A short, human reason for a failed request, and whether it may pass
    (a timeout, a refused connection or a 5xx is worth trying again later)."""
    exc = failure.value
    if isinstance(exc, EgressIgnored):
        return str(exc), False
    request = getattr(failure, "request", None)
    host = urlsplit(request.url).hostname if request is not None else None
    if isinstance(exc, _DNS) and host in REFUSED_HOSTS:
        return f"refused: {REFUSED_HOSTS[host]}", False
    if isinstance(exc, HttpError):
        status = exc.response.status
        return f"HTTP {status}", status >= 500 or status == 429
    if isinstance(exc, _TIMEOUTS):
        return "timeout", True
    if isinstance(exc, _DNS):
        return "DNS lookup failed", True
    if isinstance(exc, _REFUSED):
        return "connection refused", True
    if _CANCELLED and isinstance(exc, _CANCELLED) and "size" in str(exc):
        return "limit: page larger than DOWNLOAD_MAXSIZE", False
    if isinstance(exc, IgnoreRequest):
        text = str(exc).lower()
        if "robots.txt" in text:
            return "forbidden by robots.txt", False
        if "offsite" in text:
            return "off-site redirect", False
        if "redirect" in text:
            return "redirect loop", False
        return str(exc) or "ignored", False
    return failure.getErrorMessage() or failure.type.__name__, True


class SiteSpider(scrapy.Spider):
    default_start_urls: ClassVar[list[str]] = []
    parser: ClassVar[str | None] = None
    #: the publisher this spider reads (None for `news`, which reads any site)
    site: ClassVar[Site | None] = None
    #: the paths of a site's articles and of its list pages (sections, pagination)
    article_path: ClassVar[re.Pattern[str] | None] = None
    list_path: ClassVar[re.Pattern[str] | None] = None
    custom_settings: ClassVar[dict[str, Any]] = {}

    def __init__(self, start_urls: str | list[str] | None = None, source: str | None = None,
                 max_articles: int | str | None = None, since: str | date | None = None,
                 refetch: bool | str = False, known_urls: set[str] | None = None,
                 page_states: dict[str, tuple[str, str]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(start_urls, str):
            start_urls = [u.strip() for u in start_urls.split(",") if u.strip()]
        self.start_urls = list(start_urls or self.default_start_urls)
        self.allowed_domains = sorted(
            {(urlsplit(u).hostname or "").removeprefix("www.") for u in self.start_urls} - {""})
        self.source = source or self.name
        self.max_articles = int(max_articles) if max_articles else None
        self.since = date.fromisoformat(since) if isinstance(since, str) else since
        self.refetch = refetch in (True, "1", "true", "yes")
        # What the store already has; read from it when the spider opens unless the
        # caller, crawling several sources at once, read it once for all of them.
        self.known_urls: set[str] = set() if known_urls is None else known_urls
        self.page_states: dict[str, tuple[str, str]] = page_states or {}
        self._state_given = known_urls is not None
        self.scheduled = 0
        self.list_pages = 0
        self.sitemaps = 0
        self.limits_hit: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        store_url = crawler.settings.get("NEWSMON_STORE")
        if store_url and not spider.refetch and not spider._state_given:
            spider.known_urls, spider.page_states = store_state(store_url)
        spider.max_list_pages = crawler.settings.getint("NEWSMON_MAX_LIST_PAGES", 20)
        spider.max_sitemap_depth = crawler.settings.getint("NEWSMON_MAX_SITEMAP_DEPTH", 3)
        spider.max_sitemaps = crawler.settings.getint("NEWSMON_MAX_SITEMAPS", 500)
        crawler.signals.connect(spider._dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider._scheduled, signal=signals.request_scheduled)
        return spider

    def _dropped(self, request: scrapy.Request, spider: scrapy.Spider) -> None:
        """A redirect back to a page already fetched is dropped by the duplicate
        filter without calling the errback: record the loop."""
        chain = request.meta.get("redirect_urls")
        if chain and request.url in chain:
            self.skip(chain[0], "redirect loop")

    def _scheduled(self, request: scrapy.Request, spider: scrapy.Spider) -> None:
        """A redirect to another site is filtered silently by the offsite
        middleware: record it."""
        chain = request.meta.get("redirect_urls")
        if chain and self.allowed_domains and not url_is_from_any_domain(
                request.url, self.allowed_domains):
            self.skip(chain[0], "off-site redirect")

    # ---- requests ------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[scrapy.Request]:
        for url in self.start_urls:
            if self.is_article_url(url):
                yield self.article_request(url, start=True)
            else:
                yield self.listing_request(url)

    def listing_request(self, url: str) -> scrapy.Request:
        headers = {}
        etag, modified = self.page_states.get(url, ("", ""))
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, headers=headers,
                              meta={"handle_httpstatus_list": [304]})

    def article_request(self, url: str, start: bool = False) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                              cb_kwargs={"start": start})

    def on_error(self, failure: Failure) -> None:
        """Keep why a page failed (unreachable, timeout, 4xx/5xx, robots, off-site)."""
        request = getattr(failure, "request", None)
        reason, transient = failure_reason(failure)
        self.skip(request.url if request else "?", reason, transient=transient)

    def skip(self, url: str, reason: str, transient: bool = False) -> None:
        """A page that gave no article, and why: the run's record keeps it
        (crawler/accounting.py)."""
        self.crawler.signals.send_catch_log(accounting.page_skipped, url=url, reason=reason,
                                            transient=transient)

    # ---- listings ------------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """A feed, sitemap, sitemap index or list page: follow what it lists."""
        if response.status == 304:
            self.crawler.stats.inc_value(accounting.NOT_MODIFIED)
            return
        body = self._listing_body(response)
        if body is None:
            return
        kind = discovery.kind_of(body)
        if kind in _CONDITIONAL_KINDS:
            self._remember_validators(response)
        if kind == "sitemapindex":
            yield from self._follow_sitemap_index(response, body)
            return
        if kind == "sitemap":
            links = discovery.sitemap_entries(body)
        elif kind in ("rss", "atom"):
            links = discovery.feed_entries(body, response.url)
        elif isinstance(response, TextResponse):
            yield from self.parse_html_listing(response)
            return
        else:
            self.skip(response.url, "not a feed, sitemap or page")
            return
        for link in links:
            url = response.urljoin(link.url)
            if link.date and self.since and link.date.date() < self.since:
                self.crawler.stats.inc_value(accounting.SKIPPED + "too_old")
            elif self.is_article_url(url):
                yield from self._follow_article(url)

    def _listing_body(self, response: Response) -> bytes | None:
        """The listing's bytes; a gzipped sitemap (`sitemap.xml.gz`, served as a
        file rather than with Content-Encoding) unpacked within DOWNLOAD_MAXSIZE,
        so a gzip bomb stops at the bound."""
        try:
            return discovery.unpacked(response.body,
                                      self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        except discovery.TooLarge:
            self.limit(response.url, "gzipped listing larger than DOWNLOAD_MAXSIZE unpacked")
        except zlib.error:
            self.skip(response.url, "bad gzip")
        return None

    def _follow_sitemap_index(self, response: Response, body: bytes
                              ) -> Iterator[scrapy.Request]:
        """Sitemaps listed by an index, within bounds: a hostile or broken site
        can nest indexes without end or list millions of sitemaps."""
        depth = response.meta.get("sitemap_depth", 0) + 1
        if depth > self.max_sitemap_depth:
            self.limit(response.url, f"sitemap index nested deeper than "
                                     f"{self.max_sitemap_depth} (NEWSMON_MAX_SITEMAP_DEPTH)")
            return
        for link in discovery.sitemap_entries(body):
            if self._enough_articles():
                return
            if self._too_old_sitemap(link):
                continue
            if self.sitemaps >= self.max_sitemaps:
                self.limit(response.url, f"more than {self.max_sitemaps} sitemaps "
                                         "(NEWSMON_MAX_SITEMAPS)")
                return
            self.sitemaps += 1
            request = self.listing_request(response.urljoin(link.url))
            request.meta["sitemap_depth"] = depth
            yield request

    def limit(self, url: str, what: str) -> None:
        """A configured bound was reached: recorded once per bound, never silent."""
        if what not in self.limits_hit:
            self.limits_hit.add(what)
            self.skip(url, f"limit: {what}")

    def _enough_articles(self) -> bool:
        return self.max_articles is not None and self.scheduled >= self.max_articles

    def parse_html_listing(self, response: TextResponse) -> Iterator[scrapy.Request]:
        for url in discovery.page_links(response.text, response.url):
            if not discovery.same_site(url, response.url):
                continue
            if self.is_article_url(url):
                yield from self._follow_article(url)
            elif self.is_list_url(url) and self.list_pages < self.max_list_pages:
                self.list_pages += 1
                yield self.listing_request(url)

    def _follow_article(self, url: str) -> Iterator[scrapy.Request]:
        if url in self.known_urls:
            self.crawler.stats.inc_value(accounting.KNOWN)
            return
        if self._enough_articles():
            return
        self.scheduled += 1
        yield self.article_request(url)

    def _remember_validators(self, response: Response) -> None:
        """Kept by the run's accounting, not yielded: the pipeline saves them when
        the run ends well (see crawler.pipelines)."""
        etag = response.headers.get("ETag", b"").decode("latin-1")
        modified = response.headers.get("Last-Modified", b"").decode("latin-1")
        if etag or modified:
            self.crawler.signals.send_catch_log(
                accounting.listing_validated, state=PageState(response.url, etag, modified))

    def _too_old_sitemap(self, link: discovery.Link) -> bool:
        """A monthly sitemap (news-2026-9.xml) or one last modified before `since`."""
        if not self.since:
            return False
        if link.date and link.date.date() < self.since:
            return True
        m = _MONTHLY_SITEMAP.search(link.url)
        return bool(m) and (int(m.group(1)), int(m.group(2))) < (self.since.year,
                                                                  self.since.month)

    # ---- articles ------------------------------------------------------------------------

    def parse_article(self, response: Response, start: bool = False) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.skip(response.url, "not_html")
            return
        problem = page_problem(response)
        if problem:
            self._article_page()
            self.skip(response.url, problem)
            return
        try:
            found = self.extract(response.text, response.url)
        except ExtractError as exc:
            if start and exc.reason == "index":
                # A start URL that is a home or section page: read it as a listing.
                yield from self.parse_html_listing(response)
                return
            self._article_page()
            self.skip(response.url, exc.reason)
            return
        self._article_page()
        if self.since and found.published_at and found.published_at.date() < self.since:
            self.crawler.stats.inc_value(accounting.SKIPPED + "too_old")
            return
        yield self.to_item(found, response.url)

    def _article_page(self) -> None:
        self.crawler.stats.inc_value(accounting.ARTICLE_PAGES)

    def trusted_canonical(self, canonical: str, url: str) -> bool:
        """A page may name its canonical URL only on its own site or on a host
        its spider declares (a TTXVN spider's pages may say baotintuc.vn): the
        id comes from it, so a page elsewhere naming a stored article's URL
        would otherwise overwrite that article."""
        if discovery.same_site(canonical, url):
            return True
        return self.site is not None and self.site.owns(canonical)

    def to_item(self, found: ExtractedArticle, url: str) -> ArticleItem:
        canonical = found.canonical_url or url
        if not self.trusted_canonical(canonical, url):
            self.crawler.stats.inc_value("newsmon/foreign_canonical")
            self.logger.warning("%s names %s as its canonical URL, on another site: ignored, "
                                "the page is stored under its own URL.", url, canonical)
            canonical = url
        return ArticleItem(
            url=url, canonical_url=canonical, source=self.source,
            title=found.title, sapo=found.sapo, body=found.body, authors=found.authors,
            published_at=found.published_at, category=found.category, tags=found.tags,
            agency=found.agency, images=found.images, fetched_at=datetime.now(UTC),
            parser=found.parser,
        )

    def extract(self, html: str, url: str) -> ExtractedArticle:
        return extract_article(html, url, parser=self.parser)

    def is_article_url(self, url: str) -> bool:
        return bool(self.article_path and self.article_path.search(urlsplit(url).path))

    def is_list_url(self, url: str) -> bool:
        return bool(self.list_path and self.list_path.search(urlsplit(url).path))


def page_problem(response: TextResponse) -> str:
    """Why a fetched page must not become an article, or "" if it may."""
    ctype = response.headers.get("Content-Type", b"").decode("latin-1").split(";")[0].strip()
    if ctype and ctype.lower() not in ("text/html", "application/xhtml+xml", "text/plain"):
        return "not_html"
    text = response.text
    if text.count(_BAD_DECODING) > max(3, len(text) // 500):
        return "bad_encoding"
    tail = response.body[-4096:].lower()
    if b"</html>" not in tail and b"</body>" not in tail:
        return "truncated"
    return ""
