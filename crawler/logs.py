"""Log hygiene for crawls and probes: one readable line per event, each naming its site.

Scrapy's robots.txt middleware logs an unreachable robots.txt (refused, DNS, timeout) at ERROR with the whole
traceback; the fault is ordinary and the message already names it: ``install`` keeps the line and drops the
traceback. And in a crawl of many sites, Scrapy's own lines about a request ("Retrying <GET ...>", "Gave up
retrying ...") are prefixed with the request's site, so every line of a multi-site log says whose it is.
Called by ``run_crawls`` and ``probe`` before Scrapy starts.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import urlsplit

QUIET_LOGGERS = ("scrapy.downloadermiddlewares.robotstxt",)


class DropTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


SITE_META = "newsarchive_site"
_PREFIXED = "_newsarchive_site_prefixed"
_URL = re.compile(r"https?://[^\s<>'\"]+")
RECENT_URLS = 20_000  # request URLs remembered for naming the site of Scrapy's pre-formatted messages


class SiteNames:
    """Which site a URL belongs to, for log lines that name only a URL: the URLs recently requested (the
    spider tells), else the host when one site alone uses it."""

    def __init__(self) -> None:
        self.urls: OrderedDict[str, str] = OrderedDict()
        self.hosts: dict[str, set[str]] = {}

    def remember(self, url: str, site: str) -> None:
        self.urls[url] = site
        self.urls.move_to_end(url)
        if len(self.urls) > RECENT_URLS:
            self.urls.popitem(last=False)
        self.hosts.setdefault(urlsplit(url).hostname or "", set()).add(site)

    def site_in(self, text: str) -> str | None:
        for url in _URL.findall(text):
            url = url.rstrip(".,;:)>")
            if url in self.urls:
                return self.urls[url]
            sites = self.hosts.get(urlsplit(url).hostname or "", set())
            if len(sites) == 1:
                return next(iter(sites))
        return None


SITES = SiteNames()


def _site_of(args: object) -> str | None:
    values = args.values() if isinstance(args, dict) else args if isinstance(args, tuple) else ()
    for value in values:
        meta = getattr(value, "meta", None)
        if meta is None and hasattr(value, "request"):  # a Response: its request's meta
            meta = getattr(getattr(value, "request", None), "meta", None)
        if isinstance(meta, dict) and meta.get(SITE_META):
            return str(meta[SITE_META])
    return None


def _with_site(factory: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def make(*args: object, **kwargs: object) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        if record.name.startswith("scrapy.") and isinstance(record.msg, str) and SITES.urls:
            site = _site_of(record.args) if record.args else None
            site = site or SITES.site_in(record.msg)
            if site and not record.msg.startswith("site "):
                record.msg = f"site {site}: {record.msg}"
        return record

    setattr(make, _PREFIXED, True)
    return make


def install() -> None:
    factory = logging.getLogRecordFactory()
    if not getattr(factory, _PREFIXED, False):
        logging.setLogRecordFactory(_with_site(factory))
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropTraceback) for f in logger.filters):
            logger.addFilter(DropTraceback())
