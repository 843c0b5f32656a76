"""Where article reading runs during a crawl: on the reactor thread, and in the extraction pool when it pays.

``read_article`` (extraction, and the check that a page is an article at all) is pure and CPU-bound. A crawl
starts by reading pages inline; once it has read ``INLINE_FIRST`` pages (a crawl with real work ahead, not a
revalidation of 304s or a small test), the extraction pool (``ExtractionPool``, the one ``newsarchive
extract`` uses) is warmed up in a background thread, and from then on pages go to the pool's workers while
the reactor keeps downloading. Back-pressure: at most ``IN_FLIGHT_PER_WORKER`` pages per worker wait in the
pool; beyond that a page is read inline, which slows the reactor down instead of piling pages up in memory.
A worker that dies, or a page that takes too long, fails that page only; the pool is restarted for the next.

``NEWSARCHIVE_EXTRACT_WORKERS``: ``auto`` (the default: one worker per core but one, so both cores work on a
2-core machine), 0 (always inline), or a number of workers.
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
IN_FLIGHT_PER_WORKER = 2  # pages waiting per worker before one is read inline instead


def workers_setting(value: Any) -> int:
    """The number of extraction workers a NEWSARCHIVE_EXTRACT_WORKERS value means."""
    if value in (None, "", "auto"):
        return max(0, cpu_count() - 1)
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
        self.in_flight = 0
        self._ready = threading.Event()
        self._warming = False

    async def extract(self, page: RawPage, rules: SiteRules | None) -> ArticleRecord | PageVerdict:
        """The record for a page, or the verdict that it is no article (``read_article``); raises
        ExtractionError when neither can be made (also for a crashed worker)."""
        if self.pool is None or not self._use_pool():
            self.inline += 1
            return read_article(page, rules)
        self.in_flight += 1
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
        finally:
            self.in_flight -= 1

    def _use_pool(self) -> bool:
        if not self._ready.is_set():
            if self.inline + 1 >= self.inline_first and not self._warming:
                self._warming = True
                threading.Thread(target=self._warm_up, name="extraction-pool-warm-up", daemon=True).start()
            return False
        return self.in_flight < self.workers * IN_FLIGHT_PER_WORKER

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
