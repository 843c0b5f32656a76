"""SiteCrawl: one site's part of a crawl, what the news spider keeps per site while it crawls many at once.

Holds the site's config, the ``SiteView`` the archive writer gave when its run opened, the run's tally and
warnings, the URLs seen in this run, the pagination chains, and how many of its requests are still in
flight (when that reaches zero the site is done and its run can be closed). Builds the site's requests:
every request names its site (``meta["newsarchive_site"]``), its hosts (the site-bounds check) and its
download slot (the site's own politeness: delay, concurrency, AutoThrottle), and decides what to follow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request

from . import logs
from .extract.listing import Listing, PageRequest
from .middlewares import HOSTS_META
from .sites import SiteConfig
from .state import RunTally, SiteView

logger = logging.getLogger(__name__)

SITE_META = "newsarchive_site"
ARTICLE_STATUSES = [304, 404, 410]  # answers an article request handles itself (not failures)
BARREN_PAGES = 3  # listing pages in a row with no new link end a chain (calendar-style traps)


@dataclass(slots=True)
class Chain:
    """Pagination state of one start URL: pages seen, their item sets, pages without anything new."""

    start_url: str
    pages: int = 0
    signatures: dict[frozenset[str], int] = field(default_factory=dict)
    barren: int = 0  # consecutive pages that brought no link not seen before in this run


@dataclass(slots=True)
class Callbacks:
    listing: Callable[..., Any]
    article: Callable[..., Any]
    document: Callable[..., Any]
    error: Callable[..., Any]


@dataclass(slots=True)
class SiteCrawl:
    config: SiteConfig
    view: SiteView
    callbacks: Callbacks
    max_pages: int
    max_articles: int | None = None
    tally: RunTally = field(default_factory=RunTally)
    seen: set[str] = field(default_factory=set)
    hosts: tuple[str, ...] = ()
    article_requests: int = 0
    in_flight: int = 0  # requests made and not yet answered (callback or errback finished)
    done: bool = False
    stopped: bool = False  # the crawl is stopping (a signal): requests were dropped unsent

    def __post_init__(self) -> None:
        # what requests and their redirects may reach: the site's hosts, its configured feeds' and sitemaps'
        # hosts, and the origins the archive learned serve the same site (SiteBoundsMiddleware)
        site = self.config
        self.hosts = tuple(
            dict.fromkeys(
                [
                    *site.hosts(),
                    *(urlsplit(u).hostname or "" for u in (*site.feeds, *site.sitemaps)),
                    *(urlsplit(o).hostname or "" for o in self.view.state.aliases),
                ]
            )
        )

    @property
    def name(self) -> str:
        return self.config.name

    def warn(self, code: str, detail: str) -> None:
        """A run warning: kept once in the run record and logged with the site's name."""
        if self.tally.warn(code, detail):
            logger.warning("site %s: %s: %s", self.name, code, detail)

    # ------------------------------------------------------------------ requests

    def _request(self, url: str, callback: Callable[..., Any], meta: dict[str, Any], **kw: Any) -> Request:
        self.in_flight += 1
        logs.SITES.remember(url, self.name)
        return Request(
            url,
            callback=callback,
            errback=self.callbacks.error,
            dont_filter=True,  # the spider dedups by canonical URL itself; a redirect loop must fail loudly
            meta={SITE_META: self.name, HOSTS_META: self.hosts, "download_slot": self.name, **meta},
            **kw,
        )

    def first_requests(self) -> Iterator[Request]:
        """The start URLs, configured feeds and sitemaps, and the known articles due a re-check."""
        site = self.config
        for url in site.start_urls:
            yield self.listing_request(PageRequest(url), Chain(url), page_no=1)
        robots = (
            list(dict.fromkeys(urljoin(u, "/robots.txt") for u in site.start_urls))
            if site.robots_sitemaps
            else []
        )
        for url, kind in [
            *((u, "feed") for u in site.feeds),
            *((u, "sitemap") for u in site.sitemaps),
            *((u, "sitemap") for u in robots),
        ]:
            self.seen.add(self.view.canonical(url))
            yield self.listing_request(PageRequest(url, kind=kind), Chain(url), page_no=2)
        # known articles due a re-check, wherever they are in the listings (or no longer in them); with
        # --revalidate all of them (edits to old articles, takedowns, reappearances)
        for url in self.view.due():
            if url not in self.seen:
                self.seen.add(url)
                yield self.article_request(url, None, None, "recheck")

    def listing_request(self, target: PageRequest, chain: Chain, page_no: int) -> Request:
        return self._request(
            target.url,
            self.callbacks.listing,
            {"newsarchive_kind": target.kind},
            method=target.method,
            body=target.body,
            headers=dict(target.headers),
            cb_kwargs={"chain": chain, "page_no": page_no, "kind": target.kind},
            priority=10,
        )

    def article_request(
        self, url: str, listing_url: str | None, listing_date: str | None, decision: str
    ) -> Request:
        self.article_requests += 1
        headers = self.view.conditional_headers(url) if decision in ("recheck", "back") else {}
        return self._request(
            url,
            self.callbacks.article,
            {
                "newsarchive_kind": "article",
                "listing_url": listing_url,
                "decision": decision,
                "handle_httpstatus_list": ARTICLE_STATUSES,
            },
            headers=headers,
            cb_kwargs={"listing_url": listing_url, "listing_date": listing_date},
        )

    # ------------------------------------------------------------------ following a listing

    def follow_links(self, listing: Listing, listing_url: str) -> Iterator[Any]:
        """Article and document requests for a listing's links.

        Returns (links not seen before in this run, links not in the archive before this run)."""
        unseen = fresh = 0
        for link in listing.links:
            canonical = self.view.canonical(link.url)
            if canonical in self.seen or not self.config.wants(link.url):
                continue
            self.seen.add(canonical)
            unseen += 1
            self.tally.count("article_links")
            if link.kind == "document":
                fresh += not self.view.known(canonical)
                yield self._request(
                    link.url,
                    self.callbacks.document,
                    {"newsarchive_kind": "document", "listing_url": listing_url},
                    cb_kwargs={"title": link.title, "date": link.date, "listing_url": listing_url},
                )
                continue
            decision = self.view.decide(canonical)
            if decision == "skip":
                self.tally.count("skipped_known")
                continue
            fresh += decision == "new"
            if self.max_articles and self.article_requests >= self.max_articles:
                self.warn("max-articles", f"stopped after {self.max_articles} article requests")
                continue
            yield self.article_request(link.url, listing_url, link.date, decision)
        return unseen, fresh

    def follow_feeds(self, listing: Listing, page_no: int, kind: str) -> Iterator[Request]:
        urls: list[tuple[str, str]] = []
        if page_no == 1 and kind == "listing" and self.config.follow_feeds:
            urls += [(u, "feed") for u in listing.feeds]
        if kind == "sitemap":
            urls += [(u, "sitemap") for u in listing.sitemaps]
        for url, found_kind in urls:
            canonical = self.view.canonical(url)
            if canonical not in self.seen:
                self.seen.add(canonical)
                yield self.listing_request(PageRequest(url, kind=found_kind), Chain(url), page_no=2)

    def continue_chain(
        self, chain: Chain, listing: Listing, page_no: int, unseen: int, fresh: int, url: str
    ) -> bool:
        """Whether to follow this listing page's next page: stop at known pages, traps and the page limit."""
        chain.pages += 1
        if not listing.next_pages:
            return False
        signature = frozenset(self.view.canonical(link.url) for link in listing.links)
        if signature and signature in chain.signatures:
            self.warn(
                "pagination-trap",
                f"{url} repeats the items of page {chain.signatures[signature]} of {chain.start_url}",
            )
            return False
        chain.signatures[signature] = page_no
        chain.barren = 0 if unseen else chain.barren + 1
        if chain.barren >= BARREN_PAGES:
            self.warn(
                "pagination-trap",
                f"{chain.barren} listing pages in a row brought no new link "
                f"after {chain.start_url}; stopped at {url}",
            )
            return False
        if page_no >= self.max_pages:
            self.warn("page-limit", f"stopped {chain.start_url} after {self.max_pages} listing pages")
            return False
        if listing.links and not fresh and self.view.stops_at_known:
            self.tally.count("listings_stopped_at_known")
            logger.info("site %s: %s holds only known articles; not following its next page", self.name, url)
            return False
        return True
