"""Where article extraction runs during a crawl: inline on the reactor thread, or in worker processes.

extract_article is pure and CPU-bound, so with workers > 0 it runs in a process pool beside the reactor
(the reactor keeps downloading while pages are extracted on the other cores). A worker that dies or a page
that takes too long fails that page only; the pool is rebuilt.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .extract.article import extract_article
from .extract.page import RawPage
from .extract.record import ArticleRecord, ExtractionError
from .extract.rules import SiteRules

logger = logging.getLogger(__name__)


class Extractor:
    def __init__(self, workers: int = 0, timeout: float = 120.0) -> None:
        self.workers = max(0, workers)
        self.timeout = timeout
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: never fork the reactor's threads into a worker
            ctx = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)
        return self._pool

    async def extract(self, page: RawPage, rules: SiteRules | None) -> ArticleRecord:
        """The record for a page; raises ExtractionError when none can be made (also for a crashed worker)."""
        if not self.workers:
            return extract_article(page, rules)
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._get_pool(), extract_article, page, rules)
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self._reset()
            raise ExtractionError(f"extraction took longer than {self.timeout:.0f} s", url=page.url) from None
        except BrokenProcessPool:
            self._reset()
            raise ExtractionError("extraction worker crashed", url=page.url) from None

    def _reset(self) -> None:
        if self._pool is not None:
            logger.warning("restarting the extraction worker pool")
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
