"""Scrapy extensions for crawls of many sites in one engine: per-site AutoThrottle, one progress line.

``SiteAutoThrottle`` is Scrapy's AutoThrottle with one change: the delay it never goes below is the site's
own (``delay`` in sites.toml, given to its download slot through ``DOWNLOAD_SLOTS``), not one global
``DOWNLOAD_DELAY``, so each site of a shared engine keeps its politeness.

``StopPromptly`` makes the first SIGTERM/SIGINT stop a crawl in the time of the downloads in progress:
Scrapy's graceful stop also waits for every request queued in a download slot, which with many sites (or a
site's politeness delay, or a Retry-After) can be minutes. On the signal it fails those queued requests
with ``CrawlStopping`` (never sent, not counted as failures), then lets Scrapy's own handler stop the
crawl; a second signal still forces it.

``Progress`` takes the place of Scrapy's LogStats: one line for the whole run every ``LOGSTATS_INTERVAL``
seconds, with sites done and crawling, pages fetched, articles new and changed.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Request, Response
from twisted.internet import task
from twisted.python.failure import Failure

from .middlewares import CrawlStopping

logger = logging.getLogger(__name__)


class SiteAutoThrottle(AutoThrottle):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        slots = crawler.settings.getdict("DOWNLOAD_SLOTS")
        self.slot_min = {key: float(conf["delay"]) for key, conf in slots.items() if "delay" in conf}

    def _response_downloaded(self, response: Response, request: Request, spider: Any) -> None:
        key = request.meta.get("download_slot")
        floor = self.slot_min.get(key) if key is not None else None
        if floor is None:
            super()._response_downloaded(response, request, spider)
            return
        global_min, self.mindelay = self.mindelay, floor
        try:
            super()._response_downloaded(response, request, spider)
        finally:
            self.mindelay = global_min


class Progress:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: task.LoopingCall | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = crawler.settings.getfloat("LOGSTATS_INTERVAL")
        if not interval:
            raise NotConfigured
        return cls(crawler, interval)

    def spider_opened(self, spider: Any) -> None:
        self.task = task.LoopingCall(self.log, spider)
        self.task.start(self.interval, now=False)

    def log(self, spider: Any) -> None:
        stats = self.crawler.stats
        get = stats.get_value if stats else (lambda key, default=0: default)
        progress = getattr(spider, "progress", None)
        sites = progress() if callable(progress) else ""
        logger.info(
            "progress: %s%d pages fetched, %d new and %d changed articles",
            f"{sites}, " if sites else "",
            get("response_received_count", 0),
            get("newsarchive/new", 0),
            get("newsarchive/changed", 0),
        )

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()


class StopPromptly:
    SIGNALS = (signal.SIGTERM, signal.SIGINT)

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.engine_started, signal=signals.engine_started)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StopPromptly:
        return cls(crawler)

    def engine_started(self) -> None:
        from twisted.internet import reactor

        # after the reactor's startup triggers, where Scrapy installs its own handlers
        reactor.callLater(0, self.install)  # type: ignore[attr-defined]

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # signal handlers live in the main thread only
        for signum in self.SIGNALS:
            previous = signal.getsignal(signum)
            if callable(previous):
                signal.signal(signum, self._chain(previous))

    def _chain(self, previous: Callable[[int, Any], Any]) -> Callable[[int, Any], Any]:
        def handler(signum: int, frame: Any) -> Any:
            from twisted.internet import reactor

            reactor.callFromThread(self.drop_queued)  # type: ignore[attr-defined]
            return previous(signum, frame)

        return handler

    def drop_queued(self) -> int:
        """Fail every request waiting in a download slot (not yet sent) with CrawlStopping."""
        engine = self.crawler.engine
        if engine is None:
            return 0
        dropped = 0
        for slot in list(engine.downloader.slots.values()):
            while slot.queue:
                request, deferred = slot.queue.popleft()
                deferred.errback(Failure(CrawlStopping(f"the crawl is stopping: {request.url} not fetched")))
                dropped += 1
        if dropped:
            logger.info("stopping: %d queued request(s) dropped, not fetched", dropped)
        return dropped
