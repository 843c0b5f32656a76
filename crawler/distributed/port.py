"""StreamArchive: a crawl worker's archive port, the same port as StorePipeline's, on Redis.

Data flow: NewsSpider -> ``archive_for(crawler)`` (crawler/pipelines.py) -> this component -> the
``archive`` stream -> the writer process. A worker (crawler/distributed/worker.py) builds one crawler per
claimed site job and puts the job's lease in the setting ``NEWSARCHIVE_JOB``; ``open_site`` answers the spider
from the SiteState the job brought (the full-walk rule of ``CrawlPolicy.view``, as the archive writer applies
it) and appends a run-open message; each item is appended as it comes (``crawler.itemcodec``); the
spider's ``SiteClosed`` item (after the site's other items), or ``close_site`` when the crawl stops first,
appends the run-close with the spider's tally (counts, warnings, failure reasons) and drops the job in the
same step. The writer then closes the run exactly as a single-process crawl's writer does.

A write the lease refuses (another worker holds the job now) or that Redis does not take (it stayed down
past the client's retries) stops the crawl; the job is then not finished, so it comes back after the
visibility timeout and is crawled again whole: nothing half-sent is committed as a finished run.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from newsarchive.storage import SiteState

from ..itemcodec import item_to_dict, tally_to_dict
from ..items import Item, SiteClosed
from ..pipelines import ArchivePipeline, crawl_policy, run_closed
from ..state import Mode, RunOutcome, RunTally, SiteView, run_status
from .jobs import Lease, RedisError, connect

logger = logging.getLogger(__name__)


class LeaseLost(Exception):
    """This worker no longer holds the job, or Redis took no write: the crawl stops."""


class StreamArchive(ArchivePipeline):
    def __init__(self, crawler: Crawler) -> None:
        job = crawler.settings.get("NEWSARCHIVE_JOB")
        url = crawler.settings.get("NEWSARCHIVE_REDIS_URL")
        if not job or not url:
            raise NotConfigured("StreamArchive runs in a crawl worker: NEWSARCHIVE_JOB and _REDIS_URL unset")
        self.crawler = crawler
        self.lease = Lease.from_setting(connect(url), job)
        self.policy = crawl_policy(crawler.settings)
        self.opened = False
        self.finished = False  # the job's run-close is in the stream and the job is done
        self.lost: str | None = None  # why this worker stopped writing, when it did
        self._closing: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StreamArchive:
        return cls(crawler)

    def open_site(self, site: str, *, mode: Mode, options: dict[str, Any]) -> SiteView:
        job = self.lease.job
        if site != job.site:
            raise ValueError(f"this crawl holds the job of site {job.site!r}, not {site!r}")
        view = self.policy.view(SiteState.from_dict(job.state), mode=mode)
        self._write(
            "open",
            {
                "mode": mode,
                "full_walk": view.full_walk,
                "options": options,
                "known": len(view.state.known),
                "worker": self.lease.consumer,
            },
        )
        self.opened = True
        logger.info("site %s: job %s, attempt %d: crawling", site, job.id, self.lease.attempt)
        return view

    def closing_item(
        self, site: str, *, reason: str, tally: RunTally, stats: dict[str, Any] | None = None
    ) -> SiteClosed:
        return SiteClosed(site, reason, tally, stats)

    def process_item(self, item: Item | SiteClosed) -> Item | SiteClosed:
        if isinstance(item, SiteClosed):
            self.close_site(item.site, reason=item.reason, tally=item.tally, stats=item.stats)
            return item
        if self.lost:
            raise DropItem(f"not sent: {self.lost}")
        try:
            self._write("item", item_to_dict(item))
        except LeaseLost as exc:
            raise DropItem(f"not sent: {exc}") from None
        return item

    def close_site(
        self, site: str, *, reason: str, tally: RunTally, stats: dict[str, Any] | None = None
    ) -> RunOutcome:
        status = run_status(tally.counts, reason, failure_share=self.policy.failure_share)
        outcome = RunOutcome(
            site, None, status, dict(tally.counts), list(tally.warnings), tally.reasons_json()
        )
        if self.opened and not self.lost:
            data = {
                "reason": reason,
                **tally_to_dict(tally),
                "stats": {k: v for k, v in (stats or {}).items() if isinstance(v, int | float | str)},
            }
            try:
                # stopped from outside (SIGTERM): hand the job back for another worker; else it is done
                done = self.lease.release(data) if reason == "shutdown" else self.lease.finish("close", data)
            except RedisError as exc:
                done, self.lost = False, f"Redis: {exc}"
            self.finished = bool(done) and reason != "shutdown"
            if not done:
                self.lost = self.lost or "another worker holds the job"
        if self.finished:
            counts = ", ".join(f"{k}={v}" for k, v in sorted(tally.counts.items()))
            logger.info(
                "site %s: job %s crawled (%s): %s", site, self.lease.job.id, reason, counts or "nothing"
            )
        if self.lost:
            logger.error(
                "site %s: job %s not finished here (%s); it comes back", site, self.lease.job.id, self.lost
            )
        self.crawler.signals.send_catch_log(run_closed, outcome=outcome)
        return outcome

    def stop(self, why: str) -> None:
        """Stop writing and close the crawl (the heartbeat found the lease gone)."""
        if not self.lost:
            self.lost = why
            logger.error("site %s: %s; stopping the crawl", self.lease.job.site, why)
            self._closing = asyncio.ensure_future(self.crawler.engine.close_spider_async(reason="lease-lost"))

    def _write(self, kind: str, data: Any) -> None:
        try:
            written = self.lease.append(kind, data)
        except RedisError as exc:
            self.stop(f"Redis took no write: {exc}")
            raise LeaseLost(self.lost) from None
        if not written:
            self.stop("another worker holds the job now")
            raise LeaseLost(self.lost)
