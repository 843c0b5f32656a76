"""SiteBoundsMiddleware: a crawl (and a probe) stays on its site, redirects included.

A downloader middleware placed before robots.txt handling: every request that names its site's hosts
(``request.meta["newsarchive_hosts"]``, set by the news and probe spiders) is checked before anything is
sent, and a redirect to another host is refused with ``OffsiteRedirect``: the errback records the hop as a
failure, and neither the target nor its robots.txt is fetched. Scrapy's own offsite check cannot do this
for us: our requests carry ``dont_filter`` (the spider dedups by canonical URL itself), which switches it off.

A host belongs to the site when it is one of its hosts or a subdomain of one, ignoring a leading ``www.``
on either side (``www.x.cn`` and ``x.cn`` are one site; a scheme change is never off-site).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

logger = logging.getLogger(__name__)

HOSTS_META = "newsarchive_hosts"


class OffsiteRedirect(IgnoreRequest):
    """A redirect (or request) to a host outside the site; the message names the hop."""


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
