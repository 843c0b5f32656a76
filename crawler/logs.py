"""Log hygiene for crawls and probes: one readable line per event, no tracebacks for ordinary network faults.

Scrapy's robots.txt middleware logs an unreachable robots.txt (refused, DNS, timeout) at ERROR with the whole
traceback; the fault is ordinary and the message already names it. ``install`` keeps the line and drops the
traceback. Called by ``run_crawls`` and ``probe`` before Scrapy starts.
"""

from __future__ import annotations

import logging

QUIET_LOGGERS = ("scrapy.downloadermiddlewares.robotstxt",)


class DropTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


def install() -> None:
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropTraceback) for f in logger.filters):
            logger.addFilter(DropTraceback())
