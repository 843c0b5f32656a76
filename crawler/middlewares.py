"""Downloader middlewares: staying on the site, honouring Retry-After, and no network beyond the sites.

SiteBoundsMiddleware: a crawl (and a probe) stays on its site, redirects included.

A downloader middleware placed before robots.txt handling: every request that names its site's hosts
(``request.meta["newsarchive_hosts"]``, set by the news and probe spiders) is checked before anything is
sent, and a redirect to another host is refused with ``OffsiteRedirect``: the errback records the hop as a
failure, and neither the target nor its robots.txt is fetched. Scrapy's own offsite check cannot do this
for us: our requests carry ``dont_filter`` (the spider dedups by canonical URL itself), which switches it off.

A host belongs to the site when it is one of its hosts or a subdomain of one, ignoring a leading ``www.``
on either side (``www.x.cn`` and ``x.cn`` are one site; a scheme change is never off-site).

RetryAfterMiddleware: a 429/503 with ``Retry-After`` slows the site's download slot down to what it asked
for before Scrapy's retry goes out (AutoThrottle then eases it back); a wait over
``NEWSARCHIVE_RETRY_AFTER_MAX`` is not retried in this run, and the failure says so.

Scrapy's cookie middleware asks tldextract whether a cookie's domain is a public suffix, and tldextract
downloads the public-suffix list from the internet on first use: a stall, and traffic to a host nobody
asked to contact. ``use_bundled_suffix_list`` makes it read the snapshot bundled with tldextract instead.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
from urllib.parse import urlsplit

import scrapy.downloadermiddlewares.cookies as scrapy_cookies
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from tldextract import TLDExtract

logger = logging.getLogger(__name__)

HOSTS_META = "newsarchive_hosts"


class OffsiteRedirect(IgnoreRequest):
    """A redirect (or request) to a host outside the site; the message names the hop."""


class CrawlStopping(IgnoreRequest):
    """A request dropped, never sent, because the crawl is stopping (crawler.extensions.StopPromptly)."""


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def on_site(url: str, hosts: tuple[str, ...] | list[str]) -> bool:
    """Whether ``url``'s host is one of ``hosts`` (or a subdomain of one), ``www.`` aside."""
    host = _bare(urlsplit(url).hostname or "")
    for allowed in hosts:
        bare = _bare(allowed)
        if host == bare or host.endswith("." + bare):
            return True
    return False


def offsite_message(request: Request, hosts: tuple[str, ...] | list[str]) -> str:
    host = urlsplit(request.url).hostname or "?"
    chain = request.meta.get("redirect_urls") or []
    where = f"{chain[-1]} -> {request.url}" if chain else request.url
    kind = "off-site redirect" if chain else "off-site request"
    return f"{kind}: {where} ({host} is not one of the site's hosts: {', '.join(hosts)}); not fetched"


class SiteBoundsMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteBoundsMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        hosts = request.meta.get(HOSTS_META)
        if not hosts or on_site(request.url, hosts):
            return
        if self.stats:
            self.stats.inc_value("newsarchive/offsite")
        raise OffsiteRedirect(offsite_message(request, hosts))


class RetryAfterMiddleware:
    STATUSES = (429, 503)

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("NEWSARCHIVE_RETRY_AFTER_MAX")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in self.STATUSES:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return response
        request.meta["retry_after"] = wait
        if wait > self.cap:
            request.meta["dont_retry"] = True  # the site asked for more than we wait within a run
            logger.info(
                "%s asks to retry after %.0f s (over the %.0f s cap): not retried",
                request.url,
                wait,
                self.cap,
            )
            return response
        engine = self.crawler.engine
        if engine is not None:
            downloader = engine.downloader
            slot = downloader.slots.get(downloader.get_slot_key(request))
            # the slot's delay counts from when its last request was sent; Retry-After from this answer
            wait += float(request.meta.get("download_latency") or 0.0)
            if slot is not None and slot.delay < wait:
                logger.info(
                    "%s asks to retry after %.0f s: slowing its download slot down", request.url, wait
                )
                slot.delay = wait
        return response


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Retry-After as seconds from now (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


def retry_after_note(response: Response) -> str:
    """What a failed response's Retry-After did, for the failure's message ("" when it had none)."""
    wait = response.request.meta.get("retry_after") if response.request is not None else None
    if wait is None:
        return ""
    if response.request.meta.get("dont_retry"):
        return f" (Retry-After {wait:.0f} s is over the cap: not retried in this run)"
    return f" (Retry-After {wait:.0f} s honoured before retrying)"


def use_bundled_suffix_list() -> None:
    """Point Scrapy's cookie middleware at tldextract's bundled public-suffix snapshot (no download)."""
    scrapy_cookies._split_domain = TLDExtract(suffix_list_urls=(), include_psl_private_domains=True)


use_bundled_suffix_list()
