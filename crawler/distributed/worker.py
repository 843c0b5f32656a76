"""The crawl worker: claim one site job at a time from Redis and crawl it with the normal news spider.

Data flow: ``jobs`` stream -> ``claim`` (crawler/distributed/jobs.py) -> one Scrapy crawler per job, in one
reactor for the worker's life -> NewsSpider -> StreamArchive (port.py) -> ``archive`` stream. The job brings
the site's sites.toml table (written to a temporary sites file for the spider) and its archive state, so a
worker needs only the Redis URL: no sites file, no archive. ``newsarchive worker`` runs it.

While a site is crawled the worker renews its lease every third of the visibility timeout; if the renewal
finds another worker holding the job, the crawl stops. SIGTERM/SIGINT: stop taking jobs, close the running
crawl (its job is handed back for another worker), exit; a second signal stops at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import tempfile
from pathlib import Path
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings
from scrapy.utils.ossignal import install_shutdown_handlers
from twisted.internet.task import LoopingCall

from .. import logs
from ..sites import format_site_table
from ..spiders.news import NewsSpider
from .jobs import ARCHIVE, JOBS, WORKERS, Lease, RedisError, claim, connect, jobs_left
from .port import StreamArchive

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5  # how often an idle worker looks for a job
# Scrapy's start-up and close banners (settings, middlewares, the stats dump) come once per crawler, and a
# worker makes one crawler per site job: above DEBUG they are left out; the port logs a line per job instead.
BANNER_LOGGERS = ("scrapy.addons", "scrapy.middleware", "scrapy.crawler", "scrapy.statscollectors")


class Worker:
    def __init__(self, settings: Settings, redis_url: str, *, name: str | None = None, drain: bool = False):
        self.settings = settings
        self.redis_url = redis_url
        self.client = connect(redis_url)
        self.consumer = name or f"{socket.gethostname()}-{os.getpid()}"
        self.drain = drain
        self.timeout = settings.getfloat("NEWSARCHIVE_VISIBILITY_TIMEOUT")
        self.attempts = settings.getint("NEWSARCHIVE_JOB_ATTEMPTS")
        self.backlog = settings.getint("NEWSARCHIVE_STREAM_BACKLOG")
        self.stopping = False
        self.done = 0  # jobs this worker crawled to the end
        self._process: AsyncCrawlerProcess | None = None
        self._stopping_crawls: asyncio.Future[None] | None = None
        self._held_back = False  # the writer is behind: no job taken

    def run(self) -> int:
        """Take and crawl jobs until stopped (or, with ``drain``, until no job is queued or held); returns
        how many it crawled to the end."""
        logs.install()
        process = self._process = AsyncCrawlerProcess(self.settings)
        if self.settings.get("LOG_LEVEL") != "DEBUG":
            for name in BANNER_LOGGERS:
                logging.getLogger(name).setLevel(logging.WARNING)
        task = asyncio.get_event_loop().create_task(self._work(process))
        task.add_done_callback(self._finished)
        install_shutdown_handlers(self._on_signal)
        logger.info("worker %s: taking site jobs from %s", self.consumer, self.redis_url)
        process.start(stop_after_crawl=False, install_signal_handlers=False)
        if task.done() and not task.cancelled() and task.exception():
            raise task.exception()  # type: ignore[misc]
        return self.done

    async def _work(self, process: AsyncCrawlerProcess) -> None:
        while not self.stopping:
            try:
                lease = self._next()
                if lease is not None:
                    await self._crawl(process, lease)
                    continue
                if self.drain and jobs_left(self.client) == 0:
                    break
            except RedisError as exc:  # down past the client's retries: keep trying
                logger.warning("worker %s: Redis: %s; trying again", self.consumer, exc)
            await asyncio.sleep(POLL_SECONDS)
        self._leave()

    def _next(self) -> Lease | None:
        backlog = int(self.client.xlen(ARCHIVE))
        if backlog > self.backlog:
            if not self._held_back:  # once, not at every look
                logger.warning(
                    "worker %s: %d messages wait for the writer; taking no job", self.consumer, backlog
                )
            self._held_back = True
            return None
        self._held_back = False
        lease = claim(self.client, self.consumer, self.timeout)
        if lease and lease.attempt > self.attempts:
            reason = f"given up after {self.attempts} attempts (each worker stopped before the site was done)"
            logger.error("site %s: job %s %s", lease.job.site, lease.job.id, reason)
            lease.finish("failed", {"reason": reason})
            return None
        return lease

    async def _crawl(self, process: AsyncCrawlerProcess, lease: Lease) -> None:
        job = lease.job
        error: Exception | None = None
        with tempfile.TemporaryDirectory(prefix="newsarchive-job-") as tmp:
            crawler = Crawler(NewsSpider, self._job_settings(lease, Path(tmp)))
            heartbeat = LoopingCall(self._renew, lease, crawler)
            heartbeat.start(self.timeout / 3, now=False)
            try:
                kwargs = {k: v for k, v in job.options.items() if v is not None}
                await process.crawl(crawler, site=job.site, mode=job.mode, **kwargs)
            except Exception as exc:
                error = exc
                logger.error("site %s: the crawl did not run: %s: %s", job.site, type(exc).__name__, exc)
            finally:
                heartbeat.stop()
        port = _port(crawler)
        if port is not None and port.finished:
            self.done += 1
        elif isinstance(error, ValueError) or (port is not None and not port.opened and not port.lost):
            # it cannot start as configured (a bad site table, no User-Agent): another attempt would fail the
            # same way. Anything else (Redis gone) leaves the job, to come back later
            reason = str(error) if error else "the crawl did not start; see the worker's log"
            lease.finish("failed", {"reason": reason})

    def _job_settings(self, lease: Lease, folder: Path) -> Settings:
        sites = folder / "sites.toml"
        sites.write_text(format_site_table(lease.job.site, lease.job.table), encoding="utf-8")
        settings = self.settings.copy()
        values: dict[str, Any] = {
            "NEWSARCHIVE_SITES": str(sites),
            "NEWSARCHIVE_DB": "",
            "NEWSARCHIVE_REDIS_URL": self.redis_url,
            "NEWSARCHIVE_JOB": lease.as_setting(),
            "ITEM_PIPELINES": {"newsarchive.crawler.distributed.port.StreamArchive": 300},
        }
        settings.setdict(values, priority="cmdline")
        return settings

    def _renew(self, lease: Lease, crawler: Crawler) -> None:
        try:
            held = lease.renew()
        except RedisError as exc:
            logger.warning("site %s: lease not renewed: %s", lease.job.site, exc)
            return
        port = _port(crawler)
        if not held and port is not None:
            port.stop("another worker holds the job now (this worker's lease ran out)")

    def _on_signal(self, signum: int, _: Any) -> None:
        from twisted.internet import reactor

        if self.stopping:  # the second signal: stop at once (the job comes back after its lease)
            reactor.callFromThread(reactor.stop)
            return
        self.stopping = True
        reactor.callFromThread(self._stop_crawls)

    def _stop_crawls(self) -> None:
        if self._process is not None:
            self._stopping_crawls = asyncio.ensure_future(self._process.stop())

    def _finished(self, task: asyncio.Task[None]) -> None:
        from twisted.internet import reactor

        if not task.cancelled() and task.exception():
            logger.error("worker %s stopped: %s", self.consumer, task.exception())
        if reactor.running:
            reactor.stop()

    def _leave(self) -> None:
        """Remove this worker from the group when it holds nothing (a killed one stays listed, harmless)."""
        try:
            if not self.client.xpending_range(JOBS, WORKERS, "-", "+", 1, consumername=self.consumer):
                self.client.xgroup_delconsumer(JOBS, WORKERS, self.consumer)
        except RedisError:
            pass
        logger.info("worker %s: stopping after %d site job(s)", self.consumer, self.done)


def _port(crawler: Crawler) -> StreamArchive | None:
    try:
        return crawler.get_item_pipeline(StreamArchive)
    except RuntimeError:  # the crawl never built its engine
        return None


def run_worker(settings: Settings, redis_url: str, *, name: str | None = None, drain: bool = False) -> int:
    return Worker(settings, redis_url, name=name, drain=drain).run()
