"""CrawlSession: one site's crawl run against the archive.

Owned by the spider, used by the pipeline. It opens the Store, records the run in ``crawl_runs``, holds the
incremental state loaded from the archive (known articles, validators), decides which known articles are
due a re-check, counts outcomes, and closes the run with a status and its warnings. What a crawl must
remember between runs lives in the archive, so a killed or repeated crawl loses nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from storage import Store
from storage.timeutil import parse_iso
from storage.urls import canonical_url

from .sites import SiteConfig

logger = logging.getLogger(__name__)

Mode = Literal["incremental", "full", "revalidate"]
MODES: tuple[Mode, ...] = ("incremental", "full", "revalidate")


@dataclass(frozen=True, slots=True)
class RecheckPolicy:
    young_days: float = 14  # an article younger than this ...
    young_hours: float = 20  # ... is re-fetched when last fetched more than this many hours ago
    old_days: float = 90  # an older one when last fetched more than this many days ago

    def due(
        self, *, now: dt.datetime, published: str | None, first_seen: str | None, last_fetched: str | None
    ) -> bool:
        fetched = parse_iso(last_fetched)
        if fetched is None:
            return True
        born = parse_iso(published) or parse_iso(first_seen) or fetched
        if now - born <= dt.timedelta(days=self.young_days):
            return now - fetched >= dt.timedelta(hours=self.young_hours)
        return now - fetched >= dt.timedelta(days=self.old_days)


@dataclass(slots=True)
class RunOutcome:
    site: str
    run_id: int | None
    status: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class CrawlSession:
    def __init__(
        self,
        store: Store,
        site: SiteConfig,
        *,
        mode: Mode = "incremental",
        recheck: RecheckPolicy | None = None,
        stop_at_known: bool = True,
        full_crawl_days: float = 7,
        now: dt.datetime | None = None,
    ) -> None:
        self.store = store
        self.site = site
        self.mode: Mode = mode
        self.recheck = recheck or RecheckPolicy()
        self.now = now or dt.datetime.now(dt.UTC)
        self.counts: Counter[str] = Counter()
        self.warnings: list[str] = []
        self.run_id: int | None = None
        self.known: dict[str, Any] = {}
        self._stop_at_known = stop_at_known
        self._full_crawl_days = full_crawl_days
        self.full_walk = mode == "full"
        self.outcome: RunOutcome | None = None

    # ------------------------------------------------------------------ run lifecycle

    def open(self, options: dict[str, Any]) -> int:
        stale = self.store.close_stale_runs()
        if stale:
            logger.warning("marked %d earlier run(s) that were killed as interrupted", stale)
        self.known = self.store.known_articles(self.site.name)
        if self.mode != "full" and self._stop_at_known and self._full_walk_due():
            self.full_walk = True
            logger.info(
                "site %s: no full listing walk in the last %s days; walking every listing page",
                self.site.name,
                self._full_crawl_days,
            )
        options = {**options, "mode": self.mode, "full_walk": self.full_walk}
        self.run_id = self.store.start_run(self.site.name, options=options)
        logger.info(
            "site %s: run %s started (%s, %d known articles)",
            self.site.name,
            self.run_id,
            self.mode,
            len(self.known),
        )
        return self.run_id

    def _full_walk_due(self) -> bool:
        if not self._full_crawl_days:
            return False
        row = self.store.db.execute(
            "select max(finished_at) from crawl_runs where site = ? and status in ('ok', 'partial')"
            " and json_extract(options, '$.full_walk')",
            [self.site.name],
        ).fetchone()
        last = row[0] if row else None
        if last is None:
            return True
        at = parse_iso(last)
        return at is None or self.now - at > dt.timedelta(days=self._full_crawl_days)

    @property
    def stops_at_known(self) -> bool:
        return self._stop_at_known and not self.full_walk

    def warn(self, code: str, detail: str) -> None:
        message = f"{code}: {detail}"
        if message not in self.warnings:
            self.warnings.append(message)
            logger.warning("site %s: %s", self.site.name, message)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def close(self, reason: str, scrapy_stats: dict[str, Any]) -> RunOutcome:
        status = self._status(reason)
        stats = {
            **dict(self.counts),
            "finish_reason": reason,
            **{k: v for k, v in scrapy_stats.items() if isinstance(v, int | float | str)},
        }
        if self.run_id is not None:
            self.store.finish_run(self.run_id, status=status, stats=stats, warnings=self.warnings)
        self.outcome = RunOutcome(self.site.name, self.run_id, status, dict(self.counts), list(self.warnings))
        logger.info(
            "site %s: run %s %s: %s",
            self.site.name,
            self.run_id,
            status,
            ", ".join(f"{k}={v}" for k, v in sorted(self.counts.items())) or "nothing done",
        )
        return self.outcome

    def _status(self, reason: str) -> str:
        c = self.counts
        if reason not in ("finished", "closespider_itemcount", "max_articles"):
            return "interrupted"
        if c["listing_pages"] == 0:
            return "blocked" if c["blocked"] else "failed"
        if c["listings_emptied"] and not c["article_links"]:
            return "failed"
        if c["failed"] or c["blocked"] or c["listings_emptied"]:
            return "partial"
        return "ok"

    # ------------------------------------------------------------------ incremental decisions

    def due(self) -> list[str]:
        """URLs of known articles to re-check this run whatever the listings show: all of them when
        revalidating, else the live ones the re-check window says are due. One URL per article."""
        out: dict[int, str] = {}
        for canonical, known in self.known.items():
            if known.article_id in out or canonical != known.url:
                continue
            if self.mode == "revalidate" or (known.status == "live" and self.decide(canonical) == "recheck"):
                out[known.article_id] = known.url
        return list(out.values())

    def decide(self, canonical: str) -> Literal["new", "recheck", "skip", "back"]:
        """What to do with an article link: fetch it (new), re-fetch it conditionally, or skip it."""
        known = self.known.get(canonical)
        if known is None:
            return "new"
        if known.status == "gone":
            return "back"
        if self.mode == "revalidate":
            return "recheck"
        due = self.recheck.due(
            now=self.now,
            published=known.published,
            first_seen=known.first_seen_at,
            last_fetched=known.last_fetched_at,
        )
        return "recheck" if due else "skip"

    def conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since from the last 200 of ``url`` (loaded with the known articles)."""
        known = self.known.get(canonical_url(url))
        if known is not None and known.url == canonical_url(url):
            etag, last_modified = known.etag, known.last_modified
        else:  # reached through another URL than the one the validators were stored for
            etag, last_modified = self.store.validators(url) or (None, None)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers
