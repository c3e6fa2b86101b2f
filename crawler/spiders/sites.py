"""One spider per registered site (crawler/sites/), built here so that
`scrapy list` and `scrapy crawl <site>` know them without a module each.

A site with article and list path patterns gets a `SiteSpider` that follows
exactly those; a site without them gets a `NewsSpider` (feeds a page announces,
sitemaps robots.txt lists, same-site links that are not navigation) whose
pages its own parser then reads.
"""

from __future__ import annotations

from newsmon.crawler.sites import Site, all_sites
from newsmon.crawler.spiders.base import SiteSpider
from newsmon.crawler.spiders.news import NewsSpider


def spider_class(site: Site) -> type[SiteSpider]:
    """The spider class for a site: named for it, starting where it says."""
    base = SiteSpider if site.article_path is not None else NewsSpider
    cls_name = "".join(part.capitalize() for part in site.name.split("_")) + "Spider"
    return type(
        cls_name,
        (base,),
        {
            "__module__": __name__,
            "__doc__": f"{site.title or site.name}: `scrapy crawl {site.name}` (real site) or "
            "`-a start_urls=...` (any copy).",
            "name": site.name,
            "site": site,
            "parser": site.name,
            "default_start_urls": list(site.start_urls),
            "article_path": site.article_path,
            "list_path": site.list_path,
        },
    )


SPIDERS: dict[str, type[SiteSpider]] = {site.name: spider_class(site) for site in all_sites()}
# Scrapy's spider loader finds spider classes among a module's globals.
globals().update({cls.__name__: cls for cls in SPIDERS.values()})
