"""ExtractionPool: the one process pool that runs extraction beside its caller.

Used by ``newsarchive extract --manifest`` (``batch.run_manifest``: results in manifest order) and by the
crawl (``crawler.extractor``: extraction off the reactor thread). Extraction is pure and CPU-bound, so
spreading it over processes is safe. The pool starts on first use (a run that extracts nothing pays
nothing), and a worker that dies costs only the tasks it held: after ``restart()`` a fresh pool takes over.

Workers are started with ``forkserver`` where the platform has it: a crawl's parent process runs the
reactor's threads, which must never be forked. The fork server imports the extractor once
(``WARM_MODULES``), so each worker starts with it loaded.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")
WARM_MODULES = [
    "charset_normalizer.md",
    "htmldate",
    "trafilatura",
    "newsarchive.crawler.extract.article",
    "newsarchive.crawler.extract.listing",
]


def cpu_count() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class ExtractionPool:
    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or cpu_count())
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    @property
    def started(self) -> bool:
        return self._pool is not None

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run ``fn(*args)`` in a worker. A BrokenProcessPool from the returned future means the worker
        died; call ``restart()`` and carry on."""
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
            if "forkserver" in methods:
                context.set_forkserver_preload(WARM_MODULES)
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._pool.submit(fn, *args)

    def restart(self) -> None:
        """Drop a broken (or stuck) pool; the next ``submit`` starts a new one."""
        if self._pool is not None:
            logger.warning("restarting the extraction worker pool")
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            self.restarts += 1

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
