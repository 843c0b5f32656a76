"""probe: fetch one listing URL (and its next page) and report what newsarchive would do with the site.

Sits beside the crawl, before it: ``newsarchive probe URL`` calls ``probe()`` so that adding a site takes a
minute. It fetches through Scrapy with the crawl's own settings and components (User-Agent, robots.txt
through Scrapy's middleware, the site-bounds check on redirects, timeouts, retries, size limits, bounded
decompression), and reads what it fetched with the crawl's pure functions (``raw_page``, ``classify_block``,
``parse_listing``, ``describe_failure``): what probe says is what a crawl does, by construction. A probe runs
Scrapy, whose reactor starts once per process: call ``probe()`` once per process (the CLI does).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from courlan.urlutils import extract_domain
from scrapy import Request
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.http import Response
from twisted.python.failure import Failure

from . import logs
from .crawl import crawl_settings
from .errors import classify_failure, describe_failure
from .extract.blocking import classify_block
from .extract.cms.base import host_of
from .extract.dom import parse_html
from .extract.feeds import sitemaps_from_robots
from .extract.listing import Listing, ListingLink, PageRequest, parse_listing
from .extract.page import RawPage, decode_page
from .extract.rules import SiteRules
from .middlewares import HOSTS_META
from .pages import raw_page

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageReport:
    """What the followed next page gave: enough to see that the pager really leads somewhere new."""

    url: str
    status: int
    cms: str | None
    articles: int
    new_articles: int  # links not already on the first page
    next_pages: tuple[str, ...]
    blocked: str | None
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProbeReport:
    url: str
    final_url: str
    status: int  # 0 when no HTTP answer came (see warnings)
    cms: str | None
    articles: tuple[ListingLink, ...]
    next_pages: tuple[PageRequest, ...]
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]  # from the page and from robots.txt Sitemap: lines
    encoding: str | None
    warnings: tuple[str, ...]
    robots: str  # "allowed" | "disallowed" | "missing" (no robots.txt: allowed) | "error" (could not read it)
    blocked: str | None  # classify_block code, e.g. "challenge-412"
    language: str | None = None
    page_count: int | None = None
    next_page: PageReport | None = None
    user_agent: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "final_url": self.final_url,
            "status": self.status,
            "cms": self.cms,
            "articles": [
                {"url": a.url, "title": a.title, "date": a.date, "kind": a.kind} for a in self.articles
            ],
            "next_pages": [r.url for r in self.next_pages],
            "next_requests": [
                {
                    "url": r.url,
                    "method": r.method,
                    "kind": r.kind,
                    "body": r.body.decode("latin-1") if r.body else None,
                }
                for r in self.next_pages
            ],
            "feeds": list(self.feeds),
            "sitemaps": list(self.sitemaps),
            "encoding": self.encoding,
            "warnings": list(self.warnings),
            "robots": self.robots,
            "blocked": self.blocked,
            "language": self.language,
            "page_count": self.page_count,
            "next_page": None
            if self.next_page is None
            else {
                "url": self.next_page.url,
                "status": self.next_page.status,
                "cms": self.next_page.cms,
                "articles": self.next_page.articles,
                "new_articles": self.next_page.new_articles,
                "next_pages": list(self.next_page.next_pages),
                "blocked": self.next_page.blocked,
                "warnings": list(self.next_page.warnings),
            },
        }

    def stanza(self, name: str) -> str:
        """A ``[sites.NAME]`` table for sites.toml (valid for ``crawler.sites.parse_site``)."""
        lines = [
            f"# probe: {self.cms or 'unknown'} listing, {len(self.articles)} links"
            + (f", next page {self.next_pages[0].url}" if self.next_pages else ", no followable next page")
            + (f", blocked ({self.blocked})" if self.blocked else ""),
            f"[sites.{_toml_key(name)}]",
            f"start_urls = [{_toml_str(self.url)}]",
            f"allowed_domains = [{', '.join(_toml_str(d) for d in self.allowed_domains())}]",
        ]
        if self.language:
            lines.append(f"language = {_toml_str(self.language)}")
        if self.encoding and self.encoding.lower().replace("_", "-") not in ("utf-8", "utf8", "ascii"):
            lines.append(f"charset = {_toml_str(self.encoding.lower())}")
        later = self.next_page is not None and self.next_page.articles > 0
        if not any(a.kind == "article" for a in self.articles) and not self.blocked and not later:
            lines += [
                "# no article links recognised: name them with a selector, e.g.",
                f"# [sites.{_toml_key(name)}.selectors]",
                '# article_links = "ul.list li a"',
            ]
        return "\n".join(lines) + "\n"

    def allowed_domains(self) -> tuple[str, ...]:
        """The page's host, or the registered domain when article links live on sister hosts."""
        host = host_of(self.final_url or self.url)
        hosts = {host_of(a.url) for a in self.articles} - {""}
        if not hosts or hosts <= {host}:
            return (host,)
        domain = extract_domain(self.final_url or self.url)
        if domain and all(h == domain or h.endswith("." + domain) for h in hosts):
            return (domain.lower(),)
        return tuple(sorted(hosts | {host}))


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _toml_str(name)


# --------------------------------------------------------------------------- the probe


@dataclass(slots=True)
class _Seen:
    """What the probe spider saw, filled in by its callbacks."""

    robots: str = "allowed"
    robots_sitemaps: tuple[str, ...] = ()
    page: RawPage | None = None
    listing: Listing | None = None
    blocked: str | None = None
    warnings: list[str] = field(default_factory=list)
    next_page: PageReport | None = None


ERROR_STATUSES = list(range(400, 600))


class ProbeSpider(scrapy.Spider):
    """Fetches robots.txt (for its Sitemap: lines), the listing, and its next page, as a crawl would."""

    name = "newsarchive-probe"

    def __init__(self, url: str, rules: SiteRules, follow_next: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url = url
        self.rules = rules
        self.follow_next = follow_next
        self.hosts = (urlsplit(url).hostname or "",)
        self.seen = _Seen()

    def _meta(self, **extra: Any) -> dict[str, Any]:
        # 4xx/5xx answers reach the callbacks (to be classified and reported, as a crawl's errback does);
        # 3xx still go through the redirect middleware
        return {HOSTS_META: self.hosts, "handle_httpstatus_list": ERROR_STATUSES, **extra}

    async def start(self) -> AsyncIterator[Request]:
        parts = urlsplit(self.url)
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        yield Request(
            robots_url,
            callback=self.parse_robots,
            errback=self.robots_failed,
            meta=self._meta(dont_obey_robotstxt=True),
            dont_filter=True,
            priority=10,
        )
        # dont_filter as in the crawl: a redirect back to the same URL is a loop to report, not a duplicate
        yield Request(
            self.url,
            callback=self.parse_first,
            errback=self.first_failed,
            meta=self._meta(),
            dont_filter=True,
        )

    def parse_robots(self, response: Response) -> None:
        if response.status >= 500:
            self.seen.robots = "error"
        elif response.status >= 400:
            self.seen.robots = "missing"
        else:
            text = response.body.decode("utf-8", "replace")
            self.seen.robots_sitemaps = sitemaps_from_robots(text, response.url)

    def robots_failed(self, failure: Failure) -> None:
        logger.warning("robots.txt of %s unreadable: %s", self.url, describe_failure(failure))
        self.seen.robots = "error"

    def parse_first(self, response: Response) -> Iterator[Request]:
        page = raw_page(response)
        self.seen.page = page
        self.seen.blocked = classify_block(page)
        if self.seen.blocked:
            self.seen.warnings.append(
                f"blocked: {self.seen.blocked} (the site answered with an anti-bot challenge or a WAF page)"
            )
            return
        listing = parse_listing(page, self.rules, allowed_hosts=())
        self.seen.listing = listing
        if page.status >= 400:
            self.seen.warnings.insert(0, f"http-error: status {page.status}")
        if self.follow_next and listing.next_pages:
            target = listing.next_pages[0]
            yield Request(
                target.url,
                method=target.method,
                body=target.body,
                headers=dict(target.headers),
                callback=self.parse_next,
                errback=self.next_failed,
                meta=self._meta(),
                dont_filter=True,
            )

    def first_failed(self, failure: Failure) -> None:
        reason = classify_failure(failure)
        self.seen.warnings.append(f"{_CODES.get(reason.kind, 'fetch-failed')}: {reason}")
        if reason.kind == "robots":
            self.seen.robots = "disallowed"

    def parse_next(self, response: Response) -> None:
        page = raw_page(response)
        target = self.seen.listing.next_pages[0] if self.seen.listing else None
        url = target.url if target else response.url
        blocked = classify_block(page)
        if blocked:
            self.seen.next_page = PageReport(
                url, page.status, None, 0, 0, (), blocked, (f"blocked: {blocked}",)
            )
            return
        listing = parse_listing(page, self.rules, allowed_hosts=())
        first = {link.url for link in self.seen.listing.links} if self.seen.listing else set()
        new = sum(1 for link in listing.links if link.url not in first)
        warnings = list(listing.warnings)
        if listing.links and not new:
            warnings.append("pager-repeats-items: the next page shows the same links as the first")
        self.seen.next_page = PageReport(
            url,
            page.status,
            listing.cms,
            len(listing.links),
            new,
            tuple(r.url for r in listing.next_pages),
            None,
            tuple(warnings),
        )

    def next_failed(self, failure: Failure) -> None:
        reason = classify_failure(failure)
        warning = f"{_CODES.get(reason.kind, 'fetch-failed')}: {reason}"
        self.seen.next_page = PageReport(failure.request.url, 0, None, 0, 0, (), None, (warning,))
        self.seen.warnings.append(f"next page: {warning}")


_CODES = {"robots": "robots-disallowed", "off-site": "off-site"}  # other failures: "fetch-failed"


def probe(
    url: str,
    *,
    user_agent: str,
    timeout: float = 20,
    follow_next: bool = True,
    charset: str | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> ProbeReport:
    """Fetch ``url`` (and its next listing page) through Scrapy with the crawl's settings; report family,
    links, pager, feeds, robots, blocking. Starts Scrapy's reactor: once per process."""
    if not user_agent or not user_agent.strip():
        raise ValueError("probe needs a User-Agent (set NEWSARCHIVE_USER_AGENT or pass --user-agent)")
    settings = crawl_settings(
        user_agent=user_agent,
        overrides={
            "DOWNLOAD_TIMEOUT": timeout,
            "ITEM_PIPELINES": {},  # a probe archives nothing
            "LOG_LEVEL": "WARNING",
            **(overrides or {}),
        },
    )
    logs.install()
    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(ProbeSpider)
    process.crawl(crawler, url=url, rules=SiteRules(charset=charset), follow_next=follow_next)
    process.start()
    spider = crawler.spider
    assert isinstance(spider, ProbeSpider)
    return _report(url, spider.seen, user_agent)


def _report(url: str, seen: _Seen, user_agent: str) -> ProbeReport:
    page, listing = seen.page, seen.listing
    robots_sitemaps = seen.robots_sitemaps
    if page is None or listing is None:  # not fetched (robots.txt, off-site, no answer) or blocked
        return ProbeReport(
            url=url,
            final_url=page.effective_url if page else url,
            status=page.status if page else 0,
            cms=None,
            articles=(),
            next_pages=(),
            feeds=(),
            sitemaps=robots_sitemaps,
            encoding=None,
            warnings=tuple(seen.warnings),
            robots=seen.robots,
            blocked=seen.blocked,
            user_agent=user_agent,
        )
    return ProbeReport(
        url=url,
        final_url=page.effective_url,
        status=page.status,
        cms=listing.cms,
        articles=listing.links,
        next_pages=listing.next_pages,
        feeds=listing.feeds,
        sitemaps=tuple(dict.fromkeys(listing.sitemaps + robots_sitemaps)),
        encoding=listing.encoding,
        warnings=tuple([*listing.warnings, *seen.warnings]),
        robots=seen.robots,
        blocked=None,
        language=guess_language(page, listing),
        page_count=listing.page_count,
        next_page=seen.next_page,
        user_agent=user_agent,
    )


# --------------------------------------------------------------------------- language


_CJK = re.compile(r"[\u3400-\u9fff]")


def guess_language(page: RawPage, listing: Listing) -> str | None:
    """``<html lang>`` or Content-Language (primary subtag), else zh/en from the link titles when clear."""
    declared = page.header("Content-Language") or ""
    root = parse_html(decode_page(page).text) if page.body else None
    if root is not None:
        declared = (root.get("lang") or root.get("xml:lang") or "").strip() or declared
        if not declared:
            meta = root.xpath(
                "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')="
                "'content-language']/@content"
            )
            declared = str(meta[0]) if meta else ""
    primary = declared.split(",")[0].strip().split("-")[0].split("_")[0].lower()
    if re.fullmatch(r"[a-z]{2,3}", primary):
        return primary
    titles = "".join(link.title or "" for link in listing.links)
    if len(titles) >= 20:
        share = len(_CJK.findall(titles)) / len(titles)
        if share > 0.3:
            return "zh"
        if share == 0 and re.search(r"[A-Za-z]{3,}", titles) and titles.isascii():
            return "en"
    return None


__all__ = ["PageReport", "ProbeReport", "probe"]
