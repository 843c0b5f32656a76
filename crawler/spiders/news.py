"""The generic ``news`` spider: listing pages -> article requests, for any number of configured sites at once.

``scrapy crawl news -a site=NAME`` (or ``-a sites=A,B,C``; ``newsarchive crawl`` runs every site it is
given in one spider, one engine). It only decides what to request next: parsing listings and articles is
pure code in ``crawler.extract``, and every write is the archive writer's (``crawler.pipelines``). For each
site the spider opens the site's run with the writer and gets the ``SiteView`` it decides from, keeps the
site's state in a ``SiteCrawl`` (crawler/sitecrawl.py), and when the last of the site's requests is
answered it hands the writer a ``SiteClosed`` item, after all the site's other items. Sites are opened as
others finish, at most ``NEWSARCHIVE_ACTIVE_SITES`` at a time, so memory follows the work in flight and not
the number of sites. Each site keeps its own politeness: its requests share a download slot named after it
(its delay and concurrency, AutoThrottle per slot), and robots.txt is per host. Incremental by default:
known articles are skipped or re-fetched conditionally, pagination stops at a page of known articles.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from ..errors import classify_failure
from ..extract.blocking import PageVerdict, classify_block
from ..extract.listing import parse_listing
from ..extract.record import ExtractionError
from ..extractor import Extractor
from ..items import ArticleItem, DocumentItem, FailureItem, ListingItem, PageItem, SeenItem
from ..middlewares import retry_after_note
from ..pages import raw_page
from ..pipelines import ArchivePort, archive_for
from ..sitecrawl import ARTICLE_STATUSES, SITE_META, Callbacks, Chain, SiteCrawl
from ..sites import SiteConfig, SiteConfigError, adhoc_site, check_user_agent, load_sites
from ..state import MODES, Mode

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
    sites: tuple[str, ...] = ()
    start_url: str | None = None
    mode: Mode = "incremental"
    max_pages: int | None = None
    max_articles: int | None = None

    @classmethod
    def parse(cls, kwargs: dict[str, Any]) -> SpiderArgs:
        known = {"site", "sites", "start_url", "mode", "max_pages", "max_articles"}
        unknown = sorted(set(kwargs) - known)
        if unknown:
            raise SpiderArgumentError(
                f"unknown spider argument(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        mode = kwargs.get("mode") or "incremental"
        if mode not in MODES:
            raise SpiderArgumentError(f"argument 'mode' must be one of {', '.join(MODES)}, got {mode!r}")
        sites = kwargs.get("sites") or ()
        if isinstance(sites, str):
            sites = tuple(s.strip() for s in sites.split(",") if s.strip())
        if not kwargs.get("site") and not sites and not kwargs.get("start_url"):
            raise SpiderArgumentError(
                "give -a site=NAME (a site of sites.toml), -a sites=NAME,NAME or -a start_url=URL"
            )
        return cls(
            site=kwargs.get("site") or None,
            sites=tuple(sites),
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


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()
        self.args = SpiderArgs.parse(kwargs)
        self.configs: list[SiteConfig] = []
        self.crawls: dict[str, SiteCrawl] = {}  # the sites being crawled now
        self.finished: list[str] = []
        self.archive: ArchivePort | None = None
        self.extractor: Extractor
        self.max_active = 1
        self._room: asyncio.Event | None = None

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
        self.configs = self._site_configs(settings.get("NEWSARCHIVE_SITES"))
        placeholder = settings.get("NEWSARCHIVE_DEFAULT_USER_AGENT")
        slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
        for site in self.configs:
            check_user_agent(site, settings.get("USER_AGENT"), placeholder)
            # each site's requests share one download slot named after it: its own delay and concurrency
            slot = {
                k: v for k, v in (("delay", site.delay), ("concurrency", site.concurrency)) if v is not None
            }
            if slot:
                slots[site.name] = {**slots.get(site.name, {}), **slot}
        settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        self.max_pages = settings.getint("NEWSARCHIVE_MAX_LISTING_PAGES")
        self.max_active = max(1, settings.getint("NEWSARCHIVE_ACTIVE_SITES"))
        self.extractor = Extractor.from_settings(settings)

    def _site_configs(self, sites_file: str | None) -> list[SiteConfig]:
        if self.args.start_url:
            name = self.args.site or (urlsplit(self.args.start_url).hostname or "adhoc")
            return [adhoc_site(name, self.args.start_url)]
        sites = load_sites(sites_file)
        names = list(dict.fromkeys([*([self.args.site] if self.args.site else []), *self.args.sites]))
        unknown = [n for n in names if n not in sites]
        if unknown:
            raise SiteConfigError(
                f"no site {', '.join(map(repr, unknown))} in {sites_file} "
                f"(configured: {', '.join(sorted(sites)) or 'none'})"
            )
        return [sites[n] for n in names]

    def progress(self) -> str:
        """For the progress line: how far the run is through its sites."""
        return f"{len(self.finished)} of {len(self.configs)} sites done, {len(self.crawls)} crawling"

    # ------------------------------------------------------------------ sites: open, finish, close

    async def start(self) -> AsyncIterator[Request]:
        self.archive = archive_for(self.crawler)
        for config in self.configs:
            while len(self.crawls) >= self.max_active:
                self._room = asyncio.Event()
                await self._room.wait()
            for request in self._open(config):
                yield request

    def _open(self, config: SiteConfig) -> list[Request]:
        assert self.archive is not None
        max_pages = min(self.args.max_pages or config.max_pages, self.max_pages)
        view = self.archive.open_site(
            config.name,
            mode=self.args.mode,
            options={"start_urls": list(config.start_urls), "max_pages": max_pages},
        )
        callbacks = Callbacks(self.parse_listing, self.parse_article, self.parse_document, self.on_error)
        crawl = SiteCrawl(config, view, callbacks, max_pages, self.args.max_articles or config.max_articles)
        self.crawls[config.name] = crawl
        return list(crawl.first_requests())

    def _answered(self, crawl: SiteCrawl) -> Iterator[Any]:
        """One of the site's requests is answered (its callback's items already yielded): after the last,
        the site is done and its run is closed, in order after its items."""
        crawl.in_flight -= 1
        if crawl.in_flight <= 0 and not crawl.done:
            yield from self._finish(crawl, "shutdown" if crawl.stopped else "finished")

    def _finish(self, crawl: SiteCrawl, reason: str) -> Iterator[Any]:
        assert self.archive is not None
        crawl.done = True
        self.crawls.pop(crawl.name, None)
        self.finished.append(crawl.name)
        if self._room is not None:
            self._room.set()
        stats = self.crawler.stats.get_stats() if self.crawler.stats and len(self.configs) == 1 else None
        closing = self.archive.closing_item(crawl.name, reason=reason, tally=crawl.tally, stats=stats)
        if closing is not None:
            yield closing

    def _closed(self, spider: scrapy.Spider, reason: str) -> None:
        """The crawl ends (finished, or stopped by a signal): sites still open are closed with its reason."""
        try:
            for crawl in list(self.crawls.values()):
                for item in self._finish(crawl, reason if reason != "finished" else "shutdown"):
                    assert self.archive is not None
                    self.archive.close_site(item.site, reason=item.reason, tally=item.tally, stats=item.stats)
        finally:
            self.extractor.close()

    def _crawl(self, meta: dict[str, Any]) -> SiteCrawl | None:
        return self.crawls.get(meta.get(SITE_META, ""))

    # ------------------------------------------------------------------ callbacks

    def parse_listing(self, response: Response, chain: Chain, page_no: int, kind: str) -> Iterator[Any]:
        crawl = self._crawl(response.meta)
        if crawl is None:
            return
        yield from self._listing(crawl, response, chain, page_no, kind)
        yield from self._answered(crawl)

    def _listing(
        self, crawl: SiteCrawl, response: Response, chain: Chain, page_no: int, kind: str
    ) -> Iterator[Any]:
        page = raw_page(response)
        block = classify_block(page)
        if block:
            yield from self._blocked(crawl, page, block)
            return
        crawl.tally.count("listing_pages")
        yield PageItem(crawl.name, page, kind)
        listing = parse_listing(page, crawl.config.rules, allowed_hosts=crawl.config.hosts())
        for warning in listing.warnings:
            crawl.warn("listing", f"{warning} ({page.url})")
        if page_no == 1 and kind == "listing":  # the writer flags a start page that stops yielding links
            links = sum(1 for link in listing.links if link.kind == "article")
            yield ListingItem(crawl.name, page.url, links, page.fetched_at or "")
        unseen, fresh = yield from crawl.follow_links(listing, page.url)
        yield from crawl.follow_feeds(listing, page_no, kind)
        if crawl.continue_chain(chain, listing, page_no, unseen, fresh, page.url):
            for target in listing.next_pages[:1]:
                yield crawl.listing_request(target, chain, page_no + 1)

    async def parse_article(
        self, response: Response, listing_url: str | None, listing_date: str | None
    ) -> AsyncIterator[Any]:
        crawl = self._crawl(response.meta)
        if crawl is None:
            return
        for item in await self._article(crawl, response, listing_url, listing_date):
            yield item
        for item in self._answered(crawl):
            yield item

    async def _article(
        self, crawl: SiteCrawl, response: Response, listing_url: str | None, listing_date: str | None
    ) -> list[Any]:
        site, page = crawl.name, raw_page(response)
        if response.status in ARTICLE_STATUSES:
            return [SeenItem(site, page.url, response.status, page.fetched_at or "")]
        block = classify_block(page)
        if block:
            return list(self._blocked(crawl, page, block))
        if (page.content_type or "").lower().startswith(DOCUMENT_TYPES):
            return [DocumentItem(site, page, None, listing_date, listing_url)]
        try:
            result = await self.extractor.extract(page, crawl.config.rules)
        except ExtractionError as exc:
            return [
                FailureItem(site, page.url, f"extraction failed: {exc.reason}", page, reason="extraction")
            ]
        except Exception as exc:
            self.logger.exception("site %s: extractor crashed on %s", site, page.url)
            error = f"extractor crashed: {type(exc).__name__}: {exc}"
            return [FailureItem(site, page.url, error, page, reason="extraction")]
        if not isinstance(result, PageVerdict):
            return [ArticleItem(site, page, result, listing_url, listing_date)]
        if result.kind == "blocked":  # never a version of a real article
            return list(self._blocked(crawl, page, result.reason))
        self.logger.info("site %s: %s is no article: %s", site, page.url, result.reason)
        return [SeenItem(site, page.url, page.status, page.fetched_at or "", page, result.reason)]

    def parse_document(
        self, response: Response, title: str | None, date: str | None, listing_url: str | None
    ) -> Iterator[Any]:
        crawl = self._crawl(response.meta)
        if crawl is None:
            return
        yield DocumentItem(crawl.name, raw_page(response), title, date, listing_url)
        yield from self._answered(crawl)

    def _blocked(self, crawl: SiteCrawl, page: Any, block: str) -> Iterator[PageItem]:
        crawl.tally.count("blocked")
        crawl.tally.note("blocked", page.url, f"HTTP {page.status}: {block}")
        crawl.warn("blocked", f"{block} at {page.url} (an anti-bot answer: nothing recorded as gone)")
        yield PageItem(crawl.name, page, "blocked")

    def on_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request
        crawl = self._crawl(request.meta)
        if crawl is None:
            return
        yield from self._failed(crawl, failure)
        yield from self._answered(crawl)

    def _failed(self, crawl: SiteCrawl, failure: Failure) -> Iterator[Any]:
        request = failure.request
        kind = request.meta.get("newsarchive_kind", "article")
        if failure.check(HttpError):
            page = raw_page(failure.value.response)
            block = classify_block(page)
            if block:
                yield from self._blocked(crawl, page, block)
                return
            error = f"HTTP {page.status}" + retry_after_note(failure.value.response)
            yield FailureItem(crawl.name, request.url, error, page, kind, f"http-{page.status}")
            return
        reason = classify_failure(failure)
        if reason.kind == "stopped":  # never sent: the crawl is stopping
            crawl.tally.count("not_fetched")
            crawl.stopped = True
        elif reason.kind == "robots":
            crawl.tally.count("robots_forbidden")
            crawl.tally.note("robots", request.url, reason.message)
            crawl.warn("robots", f"{request.url}: {reason}")
        else:
            yield FailureItem(crawl.name, request.url, reason.message, None, kind, reason.kind)
