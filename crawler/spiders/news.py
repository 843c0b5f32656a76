"""The generic ``news`` spider: listing pages -> article requests, for any configured site.

``scrapy crawl news -a site=NAME`` (or ``newsarchive crawl NAME``). It only decides what to request next:
parsing listings and articles is pure code in ``crawler.extract``, and every write is the archive writer's
(``crawler.pipelines``): the spider opens its site's run there, gets the ``SiteView`` it decides from, yields
items, and closes the run with its tally. It never holds the store. Incremental by default: known articles
are skipped or re-fetched conditionally, and pagination stops at a page that holds only known articles.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from ..errors import classify_failure
from ..extract.blocking import PageVerdict, classify_block
from ..extract.listing import Listing, PageRequest, parse_listing
from ..extract.record import ExtractionError
from ..extractor import Extractor
from ..items import ArticleItem, DocumentItem, FailureItem, ListingItem, PageItem, SeenItem
from ..middlewares import HOSTS_META, retry_after_note
from ..pages import raw_page
from ..pipelines import ArchivePort, archive_for
from ..sites import SiteConfig, SiteConfigError, adhoc_site, check_user_agent, load_sites
from ..state import MODES, Mode, RunTally, SiteView

ARTICLE_STATUSES = [304, 404, 410]  # answers an article request handles itself (not failures)
DOCUMENT_TYPES = (
    "application/pdf",
    "application/msword",
    "application/vnd.",
    "application/zip",
    "application/octet-stream",
    "application/x-",
    "application/ofd",
)


class SpiderArgumentError(ValueError):
    """A bad ``-a NAME=VALUE`` spider argument; the message names the argument."""


@dataclass(frozen=True, slots=True)
class SpiderArgs:
    site: str | None = None
    start_url: str | None = None
    mode: Mode = "incremental"
    max_pages: int | None = None
    max_articles: int | None = None

    @classmethod
    def parse(cls, kwargs: dict[str, Any]) -> SpiderArgs:
        known = {"site", "start_url", "mode", "max_pages", "max_articles"}
        unknown = sorted(set(kwargs) - known)
        if unknown:
            raise SpiderArgumentError(
                f"unknown spider argument(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        mode = kwargs.get("mode") or "incremental"
        if mode not in MODES:
            raise SpiderArgumentError(f"argument 'mode' must be one of {', '.join(MODES)}, got {mode!r}")
        if not kwargs.get("site") and not kwargs.get("start_url"):
            raise SpiderArgumentError("give -a site=NAME (a site of sites.toml) or -a start_url=URL")
        return cls(
            site=kwargs.get("site") or None,
            start_url=kwargs.get("start_url") or None,
            mode=mode,
            max_pages=_positive("max_pages", kwargs.get("max_pages")),
            max_articles=_positive("max_articles", kwargs.get("max_articles")),
        )


def _positive(name: str, value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise SpiderArgumentError(f"argument '{name}' must be a positive integer, got {value!r}")
    return number


@dataclass(slots=True)
class Chain:
    """Pagination state of one start URL: pages seen, their item sets, pages without anything new."""

    start_url: str
    pages: int = 0
    signatures: dict[frozenset[str], int] = field(default_factory=dict)
    barren: int = 0  # consecutive pages that brought no link not seen before in this run


class NewsSpider(scrapy.Spider):
    name = "news"
    BARREN_PAGES = 3  # listing pages in a row with no new link end a chain (calendar-style traps)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()
        self.args = SpiderArgs.parse(kwargs)
        self.site: SiteConfig
        self.tally = RunTally()  # what this run decided: links, skips, traps, refusals, blocks
        self.view: SiteView  # the archive as this run reads it (set in start())
        self.archive: ArchivePort | None = None
        self.extractor: Extractor
        self._seen: set[str] = set()
        self.hosts: tuple[str, ...] = ()
        self._article_requests = 0

    # ------------------------------------------------------------------ set-up

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = cls(*args, **kwargs)
        spider._set_crawler(crawler)
        spider._configure(crawler)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    def _configure(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.site = self._site_config(settings.get("NEWSARCHIVE_SITES"))
        if self.site.delay is not None:
            settings.set("DOWNLOAD_DELAY", self.site.delay, priority="spider")
            if self.site.delay == 0:
                settings.set("AUTOTHROTTLE_START_DELAY", 0.0, priority="spider")
        if self.site.concurrency is not None:
            settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", self.site.concurrency, priority="spider")
        check_user_agent(
            self.site, settings.get("USER_AGENT"), settings.get("NEWSARCHIVE_DEFAULT_USER_AGENT")
        )
        self.allowed_domains = list(self.site.hosts())
        self.max_pages = min(
            self.args.max_pages or self.site.max_pages, settings.getint("NEWSARCHIVE_MAX_LISTING_PAGES")
        )
        self.max_articles = self.args.max_articles or self.site.max_articles
        self.extractor = Extractor(settings.getint("NEWSARCHIVE_EXTRACT_WORKERS"))

    def _site_config(self, sites_file: str | None) -> SiteConfig:
        if self.args.start_url:
            name = self.args.site or (urlsplit(self.args.start_url).hostname or "adhoc")
            return adhoc_site(name, self.args.start_url)
        sites = load_sites(sites_file)
        if self.args.site not in sites:
            raise SiteConfigError(
                f"no site '{self.args.site}' in {sites_file} "
                f"(configured: {', '.join(sorted(sites)) or 'none'})"
            )
        return sites[self.args.site]

    def _closed(self, spider: scrapy.Spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        try:
            if self.archive is not None:
                self.archive.close_site(self.site.name, reason=reason, tally=self.tally, stats=stats)
        finally:
            self.extractor.close()

    def warn(self, code: str, detail: str) -> None:
        """A run warning: kept once in the run record and logged with the site's name."""
        if self.tally.warn(code, detail):
            self.logger.warning("site %s: %s: %s", self.site.name, code, detail)

    # ------------------------------------------------------------------ listings

    async def start(self) -> AsyncIterator[Request]:
        self.archive = archive_for(self.crawler)
        self.view = self.archive.open_site(
            self.site.name,
            mode=self.args.mode,
            options={"start_urls": list(self.site.start_urls), "max_pages": self.max_pages},
        )
        # what requests and their redirects may reach: the site's hosts, its configured feeds' and sitemaps'
        # hosts, and the origins the archive learned serve the same site (SiteBoundsMiddleware)
        self.hosts = tuple(
            dict.fromkeys(
                [
                    *self.site.hosts(),
                    *(urlsplit(u).hostname or "" for u in (*self.site.feeds, *self.site.sitemaps)),
                    *(urlsplit(o).hostname or "" for o in self.view.state.aliases),
                ]
            )
        )
        for url in self.site.start_urls:
            yield self._listing_request(PageRequest(url), Chain(url), page_no=1)
        for url, kind in [
            *((u, "feed") for u in self.site.feeds),
            *((u, "sitemap") for u in self.site.sitemaps),
            *((u, "sitemap") for u in self._robots_urls()),
        ]:
            self._seen.add(self.view.canonical(url))
            yield self._listing_request(PageRequest(url, kind=kind), Chain(url), page_no=2)
        # known articles due a re-check, wherever they are in the listings (or no longer in them); with
        # --revalidate all of them (edits to old articles, takedowns, reappearances)
        for url in self.view.due():
            if url not in self._seen:
                self._seen.add(url)
                yield self._article_request(url, None, None, "recheck")

    def _robots_urls(self) -> list[str]:
        """robots.txt of each start host, read as a list of sitemaps when the site asks for them."""
        if not self.site.robots_sitemaps:
            return []
        return list(dict.fromkeys(urljoin(u, "/robots.txt") for u in self.site.start_urls))

    def _listing_request(self, target: PageRequest, chain: Chain, page_no: int) -> Request:
        return Request(
            target.url,
            method=target.method,
            body=target.body,
            headers=dict(target.headers),
            callback=self.parse_listing,
            errback=self.on_error,
            dont_filter=True,
            cb_kwargs={"chain": chain, "page_no": page_no, "kind": target.kind},
            meta={"newsarchive_kind": target.kind, HOSTS_META: self.hosts},
            priority=10,
        )

    def parse_listing(self, response: Response, chain: Chain, page_no: int, kind: str) -> Iterator[Any]:
        page = raw_page(response)
        block = classify_block(page)
        if block:
            yield from self._blocked(page, block)
            return
        self.tally.count("listing_pages")
        yield PageItem(self.site.name, page, kind)
        listing = parse_listing(page, self.site.rules, allowed_hosts=self.site.hosts())
        for warning in listing.warnings:
            self.warn("listing", f"{warning} ({page.url})")
        if page_no == 1 and kind == "listing":  # the writer flags a start page that stops yielding links
            links = sum(1 for link in listing.links if link.kind == "article")
            yield ListingItem(self.site.name, page.url, links, page.fetched_at or "")
        unseen, fresh = yield from self._follow_links(listing, page.url)
        yield from self._follow_feeds(listing, chain, page_no, kind)
        if self._continue_chain(chain, listing, page_no, unseen, fresh, page.url):
            for target in listing.next_pages[:1]:
                yield self._listing_request(target, chain, page_no + 1)

    def _follow_links(self, listing: Listing, listing_url: str) -> Iterator[Any]:
        """Article and document requests for a listing's links.

        Returns (links not seen before in this run, links not in the archive before this run)."""
        unseen = fresh = 0
        for link in listing.links:
            canonical = self.view.canonical(link.url)
            if canonical in self._seen or not self.site.wants(link.url):
                continue
            self._seen.add(canonical)
            unseen += 1
            self.tally.count("article_links")
            meta = {"newsarchive_kind": link.kind, "listing_url": listing_url, HOSTS_META: self.hosts}
            if link.kind == "document":
                fresh += not self.view.known(canonical)
                yield Request(
                    link.url,
                    callback=self.parse_document,
                    errback=self.on_error,
                    meta=meta,
                    dont_filter=True,
                    cb_kwargs={"title": link.title, "date": link.date, "listing_url": listing_url},
                )
                continue
            decision = self.view.decide(canonical)
            if decision == "skip":
                self.tally.count("skipped_known")
                continue
            fresh += decision == "new"
            if self.max_articles and self._article_requests >= self.max_articles:
                self.warn("max-articles", f"stopped after {self.max_articles} article requests")
                continue
            yield self._article_request(link.url, listing_url, link.date, decision)
        return unseen, fresh

    def _article_request(
        self, url: str, listing_url: str | None, listing_date: str | None, decision: str
    ) -> Request:
        self._article_requests += 1
        headers = self.view.conditional_headers(url) if decision in ("recheck", "back") else {}
        return Request(
            url,
            headers=headers,
            callback=self.parse_article,
            errback=self.on_error,
            dont_filter=True,
            meta={
                HOSTS_META: self.hosts,
                "newsarchive_kind": "article",
                "listing_url": listing_url,
                "decision": decision,
                "handle_httpstatus_list": ARTICLE_STATUSES,
            },
            cb_kwargs={"listing_url": listing_url, "listing_date": listing_date},
        )

    def _follow_feeds(self, listing: Listing, chain: Chain, page_no: int, kind: str) -> Iterator[Request]:
        if page_no == 1 and kind == "listing" and self.site.follow_feeds:
            for url in listing.feeds:
                if self.view.canonical(url) not in self._seen:
                    self._seen.add(self.view.canonical(url))
                    yield self._listing_request(PageRequest(url, kind="feed"), Chain(url), page_no=2)
        if kind == "sitemap":
            for url in listing.sitemaps:
                if self.view.canonical(url) not in self._seen:
                    self._seen.add(self.view.canonical(url))
                    yield self._listing_request(PageRequest(url, kind="sitemap"), Chain(url), page_no=2)

    def _continue_chain(
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
        if chain.barren >= self.BARREN_PAGES:
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
            self.logger.info("%s holds only known articles; not following its next page", url)
            return False
        return True

    # ------------------------------------------------------------------ articles and documents

    async def parse_article(
        self, response: Response, listing_url: str | None, listing_date: str | None
    ) -> AsyncIterator[Any]:
        page = raw_page(response)
        if response.status in ARTICLE_STATUSES:
            yield SeenItem(self.site.name, page.url, response.status, page.fetched_at or "")
            return
        block = classify_block(page)
        if block:
            for item in self._blocked(page, block):
                yield item
            return
        content_type = (page.content_type or "").lower()
        if content_type.startswith(DOCUMENT_TYPES):
            yield DocumentItem(self.site.name, page, None, listing_date, listing_url)
            return
        try:
            result = await self.extractor.extract(page, self.site.rules)
        except ExtractionError as exc:
            yield FailureItem(
                self.site.name, page.url, f"extraction failed: {exc.reason}", page, reason="extraction"
            )
            return
        except Exception as exc:
            self.logger.exception("site %s: extractor crashed on %s", self.site.name, page.url)
            error = f"extractor crashed: {type(exc).__name__}: {exc}"
            yield FailureItem(self.site.name, page.url, error, page, reason="extraction")
            return
        if isinstance(result, PageVerdict):  # never a version of a real article
            if result.kind == "blocked":
                for item in self._blocked(page, result.reason):
                    yield item
            else:
                self.logger.info("site %s: %s is no article: %s", self.site.name, page.url, result.reason)
                yield SeenItem(
                    self.site.name, page.url, page.status, page.fetched_at or "", page, result.reason
                )
            return
        yield ArticleItem(self.site.name, page, result, listing_url, listing_date)

    def parse_document(
        self, response: Response, title: str | None, date: str | None, listing_url: str | None
    ) -> Iterator[Any]:
        yield DocumentItem(self.site.name, raw_page(response), title, date, listing_url)

    def _blocked(self, page: Any, block: str) -> Iterator[PageItem]:
        self.tally.count("blocked")
        self.tally.note("blocked", page.url, f"HTTP {page.status}: {block}")
        self.warn("blocked", f"{block} at {page.url} (an anti-bot answer: nothing recorded as gone)")
        yield PageItem(self.site.name, page, "blocked")

    def on_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request
        kind = request.meta.get("newsarchive_kind", "article")
        if failure.check(HttpError):
            page = raw_page(failure.value.response)
            block = classify_block(page)
            if block:
                yield from self._blocked(page, block)
                return
            error = f"HTTP {page.status}" + retry_after_note(failure.value.response)
            yield FailureItem(self.site.name, request.url, error, page, kind, f"http-{page.status}")
            return
        reason = classify_failure(failure)
        if reason.kind == "robots":
            self.tally.count("robots_forbidden")
            self.tally.note("robots", request.url, reason.message)
            self.warn("robots", f"{request.url}: {reason}")
        else:
            yield FailureItem(self.site.name, request.url, reason.message, None, kind, reason.kind)
