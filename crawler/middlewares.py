"""The egress policy (`crawler.egress`) inside Scrapy, at the two places a
request can be stopped before it leaves: the downloader middleware sees every
request, robots.txt and each redirect included, and judges what the URL says;
the DNS resolver sees the address the connection will use, so a name that
resolves (or rebinds) to an internal address is refused at connect time.

Both read `NEWSMON_ALLOW_PRIVATE` (the CLI's `--allow-private`)."""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError

from newsmon.crawler.egress import EgressRefused, check_url, is_public_address

#: Why each refused host was refused, for the spider's failure record: Twisted
#: turns a resolver's error into a bare "no results", so the reason is kept here.
REFUSED_HOSTS: dict[str, str] = {}


class EgressIgnored(IgnoreRequest):
    """A request the egress policy refused."""


class PrivateAddressError(DNSLookupError):
    """A name that resolves to an address newsmon must not connect to."""


class EgressMiddleware:
    """Refuses, before download, any request whose URL the policy refuses."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EgressMiddleware:
        return cls(crawler.settings.getbool("NEWSMON_ALLOW_PRIVATE"))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        try:
            check_url(request.url, allow_private=self.allow_private)
        except EgressRefused as exc:
            if spider is not None and spider.crawler.stats:
                spider.crawler.stats.inc_value("newsmon/egress_refused")
            raise EgressIgnored(f"refused: {exc}") from None


class PublicOnlyResolver(CachingThreadedResolver):
    """Scrapy's caching resolver that answers only with public addresses."""

    allow_private = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> PublicOnlyResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.allow_private = crawler.settings.getbool("NEWSMON_ALLOW_PRIVATE")
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Deferred:  # noqa: N802 (Twisted)
        answer = super().getHostByName(name, timeout)
        if self.allow_private:
            return answer

        def check(address: str) -> str:
            if not is_public_address(address):
                reason = (f"{name} resolves to {address}, which is not a public address "
                          "(pass --allow-private to crawl a site on your own network)")
                REFUSED_HOSTS[name] = reason
                raise PrivateAddressError(reason)
            return address

        return answer.addCallback(check)
