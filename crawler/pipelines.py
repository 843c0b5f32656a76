"""StorePipeline: the archive writer as a Scrapy component, the one place a crawl writes.

Built by Scrapy from the crawler (``ITEM_PIPELINES``); it wraps an ``ArchiveWriter`` over the archive named by
``NEWSARCHIVE_DB`` (an empty value switches it off with ``NotConfigured``: the crawl then archives nothing,
e.g. to only export items with ``-O``). The spider reaches it through ``archive_for(crawler)``: it opens a
site's run (and gets the ``SiteView`` it decides from) and closes it with its tally; items go through
``process_item``. Each closed run is announced with the ``run_closed`` signal, which is how
``crawler.crawl.run_crawls`` learns every site's outcome. In a crawl worker of the distributed mode another
``ArchivePipeline`` takes its place (``crawler.distributed.port.StreamArchive``: the same port, on Redis).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Protocol

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsarchive.storage import SiteState, Store

from .archive import ArchiveWriter, CrawlPolicy
from .items import Item, SiteClosed
from .state import Mode, RecheckPolicy, RunOutcome, RunTally, SiteView, run_status

logger = logging.getLogger(__name__)

run_closed = object()  # signal: a site's run is closed; handlers get ``outcome`` (a RunOutcome)


class ArchivePort(Protocol):
    """What the spider may ask of the archive: open a site's run; close it, normally with the item
    ``closing_item`` returns (it reaches the writer after the site's other items), or at once."""

    def open_site(self, site: str, *, mode: Mode, options: dict[str, Any]) -> SiteView: ...

    def closing_item(
        self, site: str, *, reason: str, tally: RunTally, stats: dict[str, Any] | None = None
    ) -> SiteClosed | None: ...

    def close_site(
        self, site: str, *, reason: str, tally: RunTally, stats: dict[str, Any] | None = None
    ) -> RunOutcome: ...


def crawl_policy(settings: Any) -> CrawlPolicy:
    return CrawlPolicy(
        recheck=RecheckPolicy(
            young_days=settings.getfloat("NEWSARCHIVE_RECHECK_YOUNG_DAYS"),
            young_hours=settings.getfloat("NEWSARCHIVE_RECHECK_YOUNG_HOURS"),
            old_days=settings.getfloat("NEWSARCHIVE_RECHECK_OLD_DAYS"),
        ),
        stop_at_known=settings.getbool("NEWSARCHIVE_STOP_AT_KNOWN"),
        full_crawl_days=settings.getfloat("NEWSARCHIVE_FULL_CRAWL_DAYS"),
        failure_share=settings.getfloat("NEWSARCHIVE_FAILURE_THRESHOLD"),
    )


class ArchivePipeline:
    """Base of the item pipelines that are the crawl's archive port (``archive_for`` finds them by it):
    ``StorePipeline`` here, ``crawler.distributed.port.StreamArchive`` in a crawl worker."""


class StorePipeline(ArchivePipeline):
    def __init__(self, crawler: Crawler) -> None:
        db = crawler.settings.get("NEWSARCHIVE_DB")
        if not db:
            raise NotConfigured("NEWSARCHIVE_DB is empty: nothing is archived")
        self.crawler = crawler
        self.writer = ArchiveWriter(Store(db), crawl_policy(crawler.settings))
        crawler.signals.connect(self._engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_site(self, site: str, *, mode: Mode, options: dict[str, Any]) -> SiteView:
        return self.writer.open_run(site, mode=mode, options=options)

    def close_site(
        self, site: str, *, reason: str, tally: RunTally, stats: dict[str, Any] | None = None
    ) -> RunOutcome:
        return self._announce(self.writer.close_run(site, reason=reason, tally=tally, stats=stats))

    def closing_item(
        self, site: str, *, reason: str, tally: RunTally, stats: dict[str, Any] | None = None
    ) -> SiteClosed:
        return SiteClosed(site, reason, tally, stats)

    def process_item(self, item: Item | SiteClosed) -> Item | SiteClosed:
        if isinstance(item, SiteClosed):
            self.close_site(item.site, reason=item.reason, tally=item.tally, stats=item.stats)
            return item
        outcome = self.writer.write(item)
        if outcome and self.crawler.stats:
            self.crawler.stats.inc_value(f"newsarchive/{outcome}")
        return item

    def _engine_stopped(self) -> None:
        for outcome in self.writer.close():
            self._announce(outcome)

    def _announce(self, outcome: RunOutcome) -> RunOutcome:
        self.crawler.signals.send_catch_log(run_closed, outcome=outcome)
        return outcome


class NullArchive:
    """The archive port when no writer is configured: every link is new, nothing is stored."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    def open_site(self, site: str, *, mode: Mode, options: dict[str, Any]) -> SiteView:
        logger.warning("site %s: no archive writer (NEWSARCHIVE_DB is empty): nothing is archived", site)
        return SiteView(SiteState(site), mode, now=dt.datetime.now(dt.UTC), full_walk=mode == "full")

    def closing_item(
        self, site: str, *, reason: str, tally: RunTally, stats: dict[str, Any] | None = None
    ) -> None:
        self.close_site(site, reason=reason, tally=tally, stats=stats)

    def close_site(
        self, site: str, *, reason: str, tally: RunTally, stats: dict[str, Any] | None = None
    ) -> RunOutcome:
        status = run_status(tally.counts, reason)
        outcome = RunOutcome(site, None, status, dict(tally.counts), tally.warnings, tally.reasons_json())
        self.crawler.signals.send_catch_log(run_closed, outcome=outcome)
        return outcome


def archive_for(crawler: Crawler) -> ArchivePort:
    """The crawl's archive port (once the engine is built: from ``start()`` on), or a NullArchive."""
    port: Any = crawler.get_item_pipeline(ArchivePipeline)
    return port or NullArchive(crawler)
