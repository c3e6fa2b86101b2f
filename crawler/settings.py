"""Scrapy settings for newsmon's spiders: polite by default.

`NEWSMON_STORE` (a store URL, from the environment or the command line)
turns on the store pipeline; without it the spiders only yield items.
"""

import os
from pathlib import Path

from platformdirs import user_data_dir

BOT_NAME = "newsmon"
SPIDER_MODULES = ["newsmon.crawler.spiders"]
NEWSPIDER_MODULE = "newsmon.crawler.spiders"

NEWSMON_CONTACT = os.environ.get("NEWSMON_CONTACT", "https://github.com/newsmon/newsmon")
USER_AGENT = f"newsmon/0.1 (+{NEWSMON_CONTACT})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
# Bounds, each reported when hit (see `newsmon sources`): a news page is well under
# 1 MB; a 50 MB "page" is an attack or an accident, not an article.
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
NEWSMON_MAX_SITEMAP_DEPTH = 3
NEWSMON_MAX_SITEMAPS = 500
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

# The egress policy (crawler/egress.py): every request, robots.txt and redirect
# included, is checked by the middleware, and every connection's address by the
# resolver. NEWSMON_ALLOW_PRIVATE (`--allow-private`, or `-s NEWSMON_ALLOW_PRIVATE=1`
# with `scrapy crawl`) lets a crawl reach private and loopback addresses.
NEWSMON_ALLOW_PRIVATE = False
DOWNLOADER_MIDDLEWARES = {"newsmon.crawler.middlewares.EgressMiddleware": 50}
DNS_RESOLVER = "newsmon.crawler.middlewares.PublicOnlyResolver"

NEWSMON_STORE = os.environ.get("NEWSMON_STORE", "")
# Articles that could not be stored (the store was down) wait here for the next run.
NEWSMON_SPOOL = str(Path(os.environ.get("NEWSMON_DATA_DIR") or user_data_dir("newsmon"))
                    / "spool")
NEWSMON_STORE_RETRY_SECONDS = 60
ITEM_PIPELINES = {"newsmon.crawler.pipelines.StorePipeline": 300}
# Each run's record (pages, articles, skips and failures by reason, start and end):
# crawler/accounting.py; the pipeline stores it, `newsmon crawl` reports it.
EXTENSIONS = {"newsmon.crawler.accounting.RunAccounting": 0}
