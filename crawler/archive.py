"""ArchiveWriter: the one component that writes the archive during a crawl.

Data flow: spider -> items -> ``StorePipeline`` (crawler/pipelines.py, the Scrapy component) -> ArchiveWriter
-> ``storage.Store``. Every write of a crawl happens here: opening and closing each site's run in
``crawl_runs``, articles and their versions, raw pages, the fetch log, 304 bookkeeping (batched), 404/410
strikes and takedown events, documents, listing state. It knows nothing of Scrapy: it takes items and run
events and returns outcomes, so the same class can commit items that arrive from a queue in a separate writer
process.

When a site's run opens, the writer loads what the spider may read (``storage.SiteState``: known articles,
validators, host aliases, the last full walk) and returns it wrapped in a ``SiteView``; the spider decides
from that and never touches the store.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from newsarchive.storage import SiteState, Store

from .items import ArticleItem, DocumentItem, FailureItem, Item, ListingItem, PageItem, SeenItem
from .state import (
    FAILURE_SHARE,
    Mode,
    RecheckPolicy,
    RunOutcome,
    RunTally,
    SiteView,
    failure_summary,
    full_walk_due,
    run_status,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CrawlPolicy:
    """The incremental settings a run is opened with (NEWSARCHIVE_* settings)."""

    recheck: RecheckPolicy = field(default_factory=RecheckPolicy)
    stop_at_known: bool = True
    full_crawl_days: float = 7
    failure_share: float = FAILURE_SHARE  # more failed fetches than this share fail the run

    def view(self, state: SiteState, *, mode: Mode, now: dt.datetime | None = None) -> SiteView:
        """What a run of ``state``'s site reads: its decisions under this policy, the full-walk rule applied.

        The one place the rule lives: the archive writer calls it when a run opens here, a crawl worker
        (crawler/distributed) with the state its job brought."""
        now = now or dt.datetime.now(dt.UTC)
        full_walk = full_walk_due(
            state, mode=mode, stop_at_known=self.stop_at_known, days=self.full_crawl_days, now=now
        )
        if full_walk and mode != "full":
            logger.info(
                "site %s: no full listing walk in the last %s days; walking every listing page",
                state.site,
                self.full_crawl_days,
            )
        return SiteView(state, mode, self.recheck, now, stop_at_known=self.stop_at_known, full_walk=full_walk)


@dataclass(slots=True)
class _OpenRun:
    run_id: int
    tally: RunTally = field(default_factory=RunTally)
    not_modified: list[tuple[str, str | None]] = field(default_factory=list)


class ArchiveWriter:
    # 304s are bookkept in batches: a --revalidate run answers thousands, and one transaction each would cost
    # more than the request. A killed crawl loses at most this many "seen" marks (never an article).
    NOT_MODIFIED_BATCH = 200

    def __init__(self, store: Store, policy: CrawlPolicy | None = None) -> None:
        self.store = store
        self.policy = policy or CrawlPolicy()
        self._runs: dict[str, _OpenRun] = {}

    # ------------------------------------------------------------------ runs

    def open_run(
        self, site: str, *, mode: Mode, options: dict[str, Any], now: dt.datetime | None = None
    ) -> SiteView:
        """Start ``site``'s run (closing runs of killed crawls first) and return what the spider may read."""
        view = self.policy.view(self.store.site_state(site), mode=mode, now=now)
        self.start_run(site, mode=mode, full_walk=view.full_walk, options=options)
        return view

    def start_run(self, site: str, *, mode: Mode, full_walk: bool, options: dict[str, Any]) -> int:
        """Record the start of ``site``'s run as decided by ``open_run`` or by a crawl worker's view."""
        if site in self._runs:
            raise RuntimeError(f"site {site} already has an open run ({self._runs[site].run_id})")
        stale = self.store.close_stale_runs()
        if stale:
            logger.warning("marked %d earlier run(s) that were killed as interrupted", stale)
        run_id = self.store.start_run(site, options={**options, "mode": mode, "full_walk": full_walk})
        self._runs[site] = _OpenRun(run_id)
        logger.info("site %s: run %s started (%s%s)", site, run_id, mode, ", full walk" if full_walk else "")
        return run_id

    def resume_run(self, site: str, run_id: int, tally: RunTally) -> bool:
        """Take over ``site``'s run ``run_id`` left open by an earlier writer process, with the counts it had
        committed. False (nothing resumed) when the run is no longer open."""
        if not self.store.adopt_run(run_id):
            return False
        self._runs[site] = _OpenRun(run_id, tally)
        return True

    def run_of(self, site: str) -> tuple[int, RunTally] | None:
        """``site``'s open run: its id and the writer's counts so far (None when it has none)."""
        run = self._runs.get(site)
        return None if run is None else (run.run_id, run.tally)

    def flush(self) -> None:
        """Commit what is batched (304 bookkeeping) for every open run."""
        for site, run in self._runs.items():
            self._flush_not_modified(site, run)

    def close_run(
        self, site: str, *, reason: str, tally: RunTally | None = None, stats: dict[str, Any] | None = None
    ) -> RunOutcome:
        """Finish ``site``'s run: its status from the spider's tally and the writer's own counts."""
        run = self._runs.pop(site)
        self._flush_not_modified(site, run)
        merged = (tally or RunTally()).merged(run.tally)
        status = run_status(merged.counts, reason, failure_share=self.policy.failure_share)
        if summary := failure_summary(merged, status):
            merged.warnings.insert(0, summary)
        scalars = {k: v for k, v in (stats or {}).items() if isinstance(v, int | float | str)}
        reasons = merged.reasons_json()
        self.store.finish_run(
            run.run_id,
            status=status,
            stats={**dict(merged.counts), "finish_reason": reason, **scalars},
            warnings=merged.warnings,
            reasons=reasons,
        )
        outcome = RunOutcome(site, run.run_id, status, dict(merged.counts), list(merged.warnings), reasons)
        logger.info(
            "site %s: run %s %s: %s",
            site,
            run.run_id,
            status,
            ", ".join(f"{k}={v}" for k, v in sorted(merged.counts.items())) or "nothing done",
        )
        return outcome

    def open_sites(self) -> list[str]:
        return list(self._runs)

    def close(self) -> list[RunOutcome]:
        """Close runs left open (the crawl stopped before its spider did) as interrupted; then the store."""
        outcomes = [self.close_run(site, reason="shutdown") for site in list(self._runs)]
        self.store.close()
        return outcomes

    # ------------------------------------------------------------------ items

    def write(self, item: Item) -> str | None:
        """Archive one item in its site's run; returns the outcome it counted (None for plain pages)."""
        run = self._runs.get(item.site)
        if run is None:
            raise KeyError(f"no open run for site {item.site!r}: open_run() comes first")
        outcome = self._write(item, run)
        if outcome:
            run.tally.count(outcome)
        return outcome

    def _write(self, item: Item, run: _OpenRun) -> str | None:
        store, site, run_id = self.store, item.site, run.run_id
        if isinstance(item, ArticleItem):
            record = item.record.to_dict()
            if (
                item.listing_date
            ):  # the date the listing (or feed, or sitemap) showed: a hint, kept in `extra`
                record["listing_date"] = item.listing_date
            result = store.save_article(item.page, record, site=site, run_id=run_id)
            if result.status == "changed":
                logger.info("changed: %s (%s)", item.page.url, ", ".join(result.changed_fields))
            return result.status
        if isinstance(item, PageItem):  # the spider counts listing pages and blocked answers
            store.save_page(item.page, site=site, run_id=run_id, kind=item.kind)
            return None
        if isinstance(item, DocumentItem):
            store.save_document(
                item.page,
                site=site,
                run_id=run_id,
                title=item.title,
                date=item.date,
                listing_url=item.listing_url,
            )
            return "documents"
        if isinstance(item, FailureItem):
            store.save_failure(
                item.url, site=site, run_id=run_id, error=item.error, page=item.page, kind=item.kind
            )
            logger.error("site %s: failed: %s: %s", site, item.url, item.error)
            run.tally.note(item.reason, item.url, item.error)
            if item.kind not in ("article", "document"):
                run.tally.count("listing_failed")
            return "failed"
        if isinstance(item, SeenItem):
            return self._seen(item, run)
        if isinstance(item, ListingItem):
            return self._listing(item, run)
        raise TypeError(f"ArchiveWriter cannot store {type(item).__name__}")

    def _seen(self, item: SeenItem, run: _OpenRun) -> str:
        if item.status == 304:
            run.not_modified.append((item.url, item.fetched_at))
            if len(run.not_modified) >= self.NOT_MODIFIED_BATCH:
                self._flush_not_modified(item.site, run)
            return "not_modified"
        verdict = self.store.mark_missing(
            item.url,
            site=item.site,
            run_id=run.run_id,
            status=item.status,
            fetched_at=item.fetched_at,
            page=item.page,
            reason=item.reason,
        )
        kind = item.reason or f"http-{item.status}"
        run.tally.note(kind, item.url, f"HTTP {item.status}" + (f": {item.reason}" if item.reason else ""))
        if verdict == "gone":
            logger.warning(
                "site %s: gone: %s answered %s twice; marked gone (nothing deleted)",
                item.site,
                item.url,
                kind,
            )
        return {"gone": "gone", "strike": "missing_once"}.get(verdict, "missing")

    def _listing(self, item: ListingItem, run: _OpenRun) -> str | None:
        before = self.store.save_listing_state(
            item.site, item.url, links=item.links, fetched_at=item.fetched_at
        )
        if item.links or not before:
            return None
        self._warn(
            run,
            item.site,
            "listing-emptied",
            f"{item.url} yielded no article links (it yielded {before} last time): a redesign or a block?",
        )
        return "listings_emptied"

    def _flush_not_modified(self, site: str, run: _OpenRun) -> None:
        if run.not_modified:
            self.store.mark_not_modified_many(run.not_modified, site=site, run_id=run.run_id)
            run.not_modified.clear()

    @staticmethod
    def _warn(run: _OpenRun, site: str, code: str, detail: str) -> None:
        if run.tally.warn(code, detail):
            logger.warning("site %s: %s: %s", site, code, detail)
