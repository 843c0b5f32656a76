"""Where article reading runs during a crawl: inline on the reactor thread, or in the extraction pool.

``read_article`` (extraction, and the check that a page is an article at all) is pure and CPU-bound, so with
workers > 0 it runs in ``ExtractionPool`` (the pool that ``newsarchive extract`` uses too) while the reactor
keeps downloading. A worker that dies, or a page that takes too long, fails that page only; the pool is
restarted for the next.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures.process import BrokenProcessPool

from .extract.blocking import PageVerdict
from .extract.page import RawPage
from .extract.pool import ExtractionPool
from .extract.reading import read_article
from .extract.record import ArticleRecord, ExtractionError
from .extract.rules import SiteRules

logger = logging.getLogger(__name__)


class Extractor:
    def __init__(self, workers: int = 0, timeout: float = 120.0) -> None:
        self.workers = max(0, workers)
        self.timeout = timeout
        self.pool = ExtractionPool(self.workers) if self.workers else None

    async def extract(self, page: RawPage, rules: SiteRules | None) -> ArticleRecord | PageVerdict:
        """The record for a page, or the verdict that it is no article (``read_article``); raises
        ExtractionError when neither can be made (also for a crashed worker)."""
        if self.pool is None:
            return read_article(page, rules)
        future = asyncio.wrap_future(self.pool.submit(read_article, page, rules))
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self.pool.restart()
            raise ExtractionError(f"extraction took longer than {self.timeout:.0f} s", url=page.url) from None
        except BrokenProcessPool:
            self.pool.restart()
            raise ExtractionError("extraction worker crashed", url=page.url) from None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
