"""Where article reading runs during a crawl: on the reactor thread, and in the extraction pool when it pays.

``read_article`` (extraction, and the check that a page is an article at all) is pure and CPU-bound. A crawl
starts by reading pages inline; once it has read ``INLINE_FIRST`` pages (a crawl with real work ahead, not a
revalidation of 304s or a small test), the extraction pool (``ExtractionPool``, the one ``newsarchive
extract`` uses) is warmed up in a background thread, and from then on pages go to the pool's workers while
the reactor keeps downloading. Once the pool is up the reactor reads no page itself: a busy reactor that
read a page whenever the pool looked full would read nearly all of them (the pool's answers wait behind the
callbacks that are ready, so the pool looks full after every burst of pages) while the workers idle.
Back-pressure: at most ``IN_FLIGHT_PER_WORKER`` pages per worker are in the pool; a page that finds it full
waits for room, and while too many bytes of responses wait, Scrapy's scraper takes no new ones (its
``SCRAPER_SLOT_MAX_ACTIVE_SIZE``), so memory stays bounded.
A worker that dies, or a page that takes too long, fails that page only; the pool is restarted for the next.

``NEWSARCHIVE_EXTRACT_WORKERS``: ``auto`` (the default: one worker per core, so the system spreads the reactor
and the workers over every core, whichever of them has more to do), 0 (always inline), or a number.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .extract.blocking import PageVerdict
from .extract.page import RawPage
from .extract.pool import ExtractionPool, cpu_count
from .extract.reading import read_article
from .extract.record import ArticleRecord, ExtractionError
from .extract.rules import SiteRules

logger = logging.getLogger(__name__)

INLINE_FIRST = 16  # pages read inline before the pool is started
IN_FLIGHT_PER_WORKER = 2  # pages in the pool per worker: one being read, one ready for it


def workers_setting(value: Any) -> int:
    """The number of extraction workers a NEWSARCHIVE_EXTRACT_WORKERS value means."""
    if value in (None, "", "auto"):
        return cpu_count()
    try:
        workers = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"NEWSARCHIVE_EXTRACT_WORKERS must be 'auto' or a number, got {value!r}") from None
    if workers < 0:
        raise ValueError(f"NEWSARCHIVE_EXTRACT_WORKERS must be 'auto' or >= 0, got {value!r}")
    return workers


class Extractor:
    @classmethod
    def from_settings(cls, settings: Any) -> Extractor:
        return cls(workers_setting(settings.get("NEWSARCHIVE_EXTRACT_WORKERS")))

    def __init__(self, workers: int = 0, timeout: float = 120.0, inline_first: int = INLINE_FIRST) -> None:
        self.workers = max(0, workers)
        self.timeout = timeout
        self.inline_first = inline_first
        self.pool = ExtractionPool(self.workers) if self.workers else None
        self.inline = 0  # pages read on the reactor thread
        self.pooled = 0  # pages read by the workers
        self._room = asyncio.Semaphore(max(1, self.workers * IN_FLIGHT_PER_WORKER))
        self._ready = threading.Event()
        self._warming = False

    async def extract(self, page: RawPage, rules: SiteRules | None) -> ArticleRecord | PageVerdict:
        """The record for a page, or the verdict that it is no article (``read_article``); raises
        ExtractionError when neither can be made (also for a crashed worker)."""
        if self.pool is None or not self._use_pool():
            self.inline += 1
            return read_article(page, rules)
        async with self._room:
            return await self._in_pool(page, rules)

    async def _in_pool(self, page: RawPage, rules: SiteRules | None) -> ArticleRecord | PageVerdict:
        assert self.pool is not None
        self.pooled += 1
        try:
            future = asyncio.wrap_future(self.pool.submit(read_article, page, rules))
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self.pool.restart()
            raise ExtractionError(f"extraction took longer than {self.timeout:.0f} s", url=page.url) from None
        except BrokenProcessPool:
            self.pool.restart()
            raise ExtractionError("extraction worker crashed", url=page.url) from None

    def _use_pool(self) -> bool:
        """Whether the pool is up (and, after ``inline_first`` pages, start it)."""
        if not self._ready.is_set() and self.inline + 1 >= self.inline_first and not self._warming:
            self._warming = True
            threading.Thread(target=self._warm_up, name="extraction-pool-warm-up", daemon=True).start()
        return self._ready.is_set()

    def _warm_up(self) -> None:
        """Start the pool's processes off the reactor thread (the fork server imports the extractor)."""
        assert self.pool is not None
        try:
            for future in [self.pool.submit(cpu_count) for _ in range(self.workers)]:
                future.result(timeout=self.timeout)
        except Exception as exc:  # no pool: pages keep being read inline
            logger.warning("extraction pool did not start (%s); extracting on the reactor thread", exc)
            return
        logger.info("extraction pool started: %d worker(s) beside the reactor", self.workers)
        self._ready.set()

    def close(self) -> None:
        if self.pool is not None:
            if self.pooled or self.inline:
                logger.info("pages read: %d in the extraction pool, %d inline", self.pooled, self.inline)
            self.pool.close()
