"""Where article extraction runs during a crawl: inline on the reactor thread, or in the extraction pool.

``extract_article`` is pure and CPU-bound, so with workers > 0 it runs in ``ExtractionPool`` (the pool
that ``newsarchive extract`` uses too) while the reactor keeps downloading. A worker that dies, or a page
that takes too long, fails that page only; the pool is restarted for the next.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures.process import BrokenProcessPool

from .extract.article import extract_article
from .extract.page import RawPage
from .extract.pool import ExtractionPool
from .extract.record import ArticleRecord, ExtractionError
from .extract.rules import SiteRules

logger = logging.getLogger(__name__)


class Extractor:
    def __init__(self, workers: int = 0, timeout: float = 120.0) -> None:
        self.workers = max(0, workers)
        self.timeout = timeout
        self.pool = ExtractionPool(self.workers) if self.workers else None

    async def extract(self, page: RawPage, rules: SiteRules | None) -> ArticleRecord:
        """The record for a page; raises ExtractionError when none can be made (also for a crashed worker)."""
        if self.pool is None:
            return extract_article(page, rules)
        future = asyncio.wrap_future(self.pool.submit(extract_article, page, rules))
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
