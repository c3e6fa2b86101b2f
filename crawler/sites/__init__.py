"""A home for each publisher: `crawler/sites/<name>.py` declares one `SITE = Site(...)`.

Everything newsmon knows about a publisher sits in its site file: its name,
the hosts it owns, where a crawl starts (home page, feeds, sitemaps), which
paths are articles and which are lists, and its layout eras, newest first, each
with its reader. The rest is derived from the registry, so adding an outlet is
one new file plus its fixtures:

- the extraction chain's dispatch by host (`crawler.extract.HOSTS`);
- one spider per site (`crawler/spiders/sites.py`; `scrapy list` shows them);
- `sources.toml`, which names sites and may omit their start URLs.

The registry finds site modules itself (pkgutil over this package) and
checks them: a file without a `SITE`, a site named unlike its file, or a host
claimed twice is an error naming the file, not a silent miss.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from newsmon.crawler.extract.common import ExtractedArticle
from newsmon.crawler.extract.layout import Era, read_layouts

__all__ = ["Era", "Site", "SiteError", "all_sites", "get_site", "load_sites", "site_for_url"]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")


class SiteError(ValueError):
    """A site file that cannot be registered; the message names the file and the fix."""


@dataclass(frozen=True)
class Site:
    """One publisher (or one CMS shared by several papers, as `cms`).

    `name` is the spider's, the parser's and the default source's name, and the
    prefix of its fixture folders (`tests/crawler/fixtures/<name>-<era>/`).
    `hosts` are registered domains; their subdomains (www., en., m.) count too.
    Without `article_path` the spider finds articles as the `news` spider does
    (the feeds a page announces, the sitemaps robots.txt lists, same-site links
    that are not navigation) and the parser decides what is an article."""

    name: str
    hosts: tuple[str, ...]
    layouts: tuple[Era, ...]
    start_urls: tuple[str, ...] = ()
    #: paths of the site's articles, and of its list pages (sections, pagination)
    article_path: re.Pattern[str] | None = None
    list_path: re.Pattern[str] | None = None
    #: what the site is, for people: `newsmon sources` and the docs
    title: str = ""

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise SiteError(f"Site name {self.name!r} must be lower-case letters, digits and _.")
        bad = [h for h in self.hosts if not _HOST.match(h)]
        if bad or not self.hosts:
            raise SiteError(
                f"Site {self.name!r}: hosts must be domains such as 'vov.vn' "
                f"(no scheme, no path), at least one; got {list(self.hosts)!r}."
            )
        if not self.layouts:
            raise SiteError(f"Site {self.name!r} needs at least one layout era.")
        if any(not u.startswith(("http://", "https://")) for u in self.start_urls):
            raise SiteError(f"Site {self.name!r}: start_urls must be http(s) URLs.")

    def extract(self, html: str, url: str) -> ExtractedArticle:
        """The article as the first recognising layout era reads it, else ExtractError."""
        return read_layouts(html, url, self.name, self.layouts)

    def owns(self, url: str) -> bool:
        """Whether a URL's host is one of the site's hosts or their subdomains."""
        try:
            host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
        except ValueError:
            return False
        return any(host == d or host.endswith("." + d) for d in self.hosts)


def load_sites(package: str) -> dict[str, Site]:
    """The sites declared by the modules of `package`, by name, checked.
    Modules whose names start with "_" are helpers, not sites."""
    pkg = importlib.import_module(package)
    sites: dict[str, Site] = {}
    owner: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        site = getattr(module, "SITE", None)
        where = module.__file__ or info.name
        if not isinstance(site, Site):
            raise SiteError(
                f"{where} declares no `SITE = Site(...)`; every module in "
                f"{package} is one site (helpers start with '_')."
            )
        if site.name != info.name:
            raise SiteError(
                f"{where} declares site {site.name!r}: name the file "
                f"{site.name}.py or the site {info.name!r}."
            )
        for host in site.hosts:
            if host in owner:
                raise SiteError(f"{where}: host {host!r} is already site {owner[host]!r}'s.")
            owner[host] = site.name
        sites[site.name] = site
    return sites


@cache
def _registry() -> dict[str, Site]:
    return load_sites(__name__)


def all_sites() -> tuple[Site, ...]:
    """Every registered site, by name."""
    return tuple(_registry().values())


def get_site(name: str) -> Site:
    """The site called `name`; KeyError if none is."""
    return _registry()[name]


def site_for_url(url: str) -> Site | None:
    """The site owning a URL's host, or None for other sites."""
    return next((site for site in _registry().values() if site.owns(url)), None)
