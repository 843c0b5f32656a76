"""Scrapy settings for newsarchive: only values that differ from Scrapy's defaults, each with its reason.

Environment variables are read here and nowhere else: NEWSARCHIVE_DB, NEWSARCHIVE_SITES,
NEWSARCHIVE_USER_AGENT, NEWSARCHIVE_REDIS_URL. CLI options become settings
(``newsarchive crawl -s KEY=VALUE``).
"""

from __future__ import annotations

import os

from scrapy.settings import default_settings as _scrapy_defaults

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["newsarchive.crawler.spiders"]
NEWSPIDER_MODULE = "newsarchive.crawler.spiders"

# --------------------------------------------------------------------------- our settings
# The archive file (sqlite). Relative paths are relative to the working directory.
NEWSARCHIVE_DB = os.environ.get("NEWSARCHIVE_DB") or "data/newsarchive.db"
# The sites file (see sites.toml).
NEWSARCHIVE_SITES = os.environ.get("NEWSARCHIVE_SITES") or "sites.toml"
# Who we are. Crawling anything but loopback hosts with the placeholder contact fails with a message:
# sites deserve to know who is crawling them and how to reach you.
NEWSARCHIVE_DEFAULT_USER_AGENT = "newsarchive/0.1 (+https://example.invalid/set-NEWSARCHIVE_USER_AGENT)"
NEWSARCHIVE_USER_AGENT = os.environ.get("NEWSARCHIVE_USER_AGENT") or NEWSARCHIVE_DEFAULT_USER_AGENT
# Processes that read articles beside the reactor, started once a crawl has real work (crawler/extractor.py):
# "auto" (one per core: the system shares the cores between the reactor and them), 0 (always on the reactor
# thread), or a number.
NEWSARCHIVE_EXTRACT_WORKERS = "auto"
# Incremental crawling: stop paginating a listing once a page holds only known articles ...
NEWSARCHIVE_STOP_AT_KNOWN = True
# ... unless the site's last full walk of its listings is older than this many days (0: never force one).
NEWSARCHIVE_FULL_CRAWL_DAYS = 7
# Re-check window: re-fetch (conditionally) known articles this young often, older ones rarely.
NEWSARCHIVE_RECHECK_YOUNG_DAYS = 14  # articles published (or first seen) this many days ago or less ...
NEWSARCHIVE_RECHECK_YOUNG_HOURS = 20  # ... are re-fetched when last fetched longer ago than this
NEWSARCHIVE_RECHECK_OLD_DAYS = 90  # older articles are re-fetched when last fetched longer ago than this
# Sites crawled at the same time by one spider (more wait until one finishes): memory follows this, not
# the number of sites in a run.
NEWSARCHIVE_ACTIVE_SITES = 100
# Listing pages that repeat the items of an earlier page, or run past the page limit, end pagination.
NEWSARCHIVE_MAX_LISTING_PAGES = 200  # hard cap per start URL, over any site's max_pages
# The longest Retry-After (seconds) a crawl waits for before retrying; a longer one is not retried this run.
NEWSARCHIVE_RETRY_AFTER_MAX = 60
# A run where more than this share of a site's fetches failed is "failed" (exit status 1), not "partial".
NEWSARCHIVE_FAILURE_THRESHOLD = 0.2

# --------------------------------------------------------------------------- distributed mode
# Redis shared by `newsarchive enqueue`, `worker` and `writer` (empty: single-machine mode, no Redis at all).
NEWSARCHIVE_REDIS_URL = os.environ.get("NEWSARCHIVE_REDIS_URL") or ""
# Seconds a site job stays with a worker that stopped renewing it (killed, cut off) before another worker
# takes it; a live worker renews every third of it. Also how long a killed writer's lock outlives it.
NEWSARCHIVE_VISIBILITY_TIMEOUT = 120.0
# Times a site job is handed out before it is given up (each worker stopped before the site was done).
NEWSARCHIVE_JOB_ATTEMPTS = 3
# Workers take no new job while more messages than this wait for the writer (it is down or behind):
# Redis memory stays bounded.
NEWSARCHIVE_STREAM_BACKLOG = 20000

# --------------------------------------------------------------------------- politeness
USER_AGENT = NEWSARCHIVE_USER_AGENT
ROBOTSTXT_OBEY = True  # Scrapy's default is False
AUTOTHROTTLE_ENABLED = True  # adapt the delay to the server's latency
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 1.0  # per site; sites.toml `delay` overrides it for one site
# Across all sites of one crawl (one engine): many sites are crawled at once, each held to its own slot's
# delay and concurrency; the scheduler hands out requests of the slots with the fewest downloads first.
CONCURRENT_REQUESTS = 128
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # government hosts ban aggressive clients (docs/cms-patterns.md §12)
DOWNLOAD_TIMEOUT = 30  # Scrapy's 180 s would stall a cron run on one dead host
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # news pages are < 1 MB; anything past 20 MB is not an article page
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5  # a redirect loop fails after 5 hops instead of 20
COOKIES_ENABLED = True  # some CMSs set session cookies on the listing page

# --------------------------------------------------------------------------- components
ITEM_PIPELINES = {"newsarchive.crawler.pipelines.StorePipeline": 300}
# Before robots.txt (100): a redirect off the site is refused before anything, robots.txt included, is fetched
# from the other host. Scrapy's own offsite check is off for our requests (they carry dont_filter).
# After the retry middleware's response handling (550): a Retry-After slows the slot before the retry goes
# out.
DOWNLOADER_MIDDLEWARES = {
    "newsarchive.crawler.middlewares.SiteBoundsMiddleware": 50,
    "newsarchive.crawler.middlewares.RetryAfterMiddleware": 560,
}
# Scrapy starts CONCURRENT_ITEMS asyncio tasks for every response's output (default 100); our pipeline is
# synchronous (one SQLite transaction per item), so that buys nothing (bench: 14.3 s -> 7.6 s for 5,000
# conditional GETs at 4). At 1, a site's items reach the writer in the order the spider yields them, its
# closing item last.
CONCURRENT_ITEMS = 1
# Scrapy imports every class named in EXTENSIONS to normalise its path, even one set to None there, and
# the remote-control module imports aiohttp (a tenth of a second of every run's start-up). So the extensions
# we replace or switch off are left out of EXTENSIONS_BASE instead; a project may still add them back.
_not_loaded = (
    "scrapy.extensions.throttle.AutoThrottle",  # replaced by SiteAutoThrottle
    "scrapy.extensions.logstats.LogStats",  # replaced by Progress
    "scrapy.extensions.remote_control.RemoteControl",  # and REMOTE_CONTROL_ENABLED = False below
    "scrapy.extensions.telnet.TelnetConsole",  # and TELNETCONSOLE_ENABLED = False below
)
EXTENSIONS_BASE = {
    path: order for path, order in _scrapy_defaults.EXTENSIONS_BASE.items() if path not in _not_loaded
}
EXTENSIONS = {
    # AutoThrottle, with each site's own delay as its floor
    "newsarchive.crawler.extensions.SiteAutoThrottle": 0,
    # LogStats for a run of many sites: one line, every LOGSTATS_INTERVAL
    "newsarchive.crawler.extensions.Progress": 0,
    # the first SIGTERM drops queued requests; Scrapy then stops
    "newsarchive.crawler.extensions.StopPromptly": 0,
}
TELNETCONSOLE_ENABLED = False  # no open ports on a cron host
REMOTE_CONTROL_ENABLED = False  # Scrapy 2.19's HTTP server that runs Python sent to it: not on a cron host
LOG_LEVEL = "INFO"
LOGSTATS_INTERVAL = 60.0
FEED_EXPORT_ENCODING = "utf-8"
