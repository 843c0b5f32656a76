"""The spider's read side of the archive, and a run's tally: what the crawl decides from, what it reports.

``SiteView`` wraps the ``storage.SiteState`` that the archive writer loads when a site's run opens and answers
the spider's only questions: is this link known, is a known article due a re-check, which conditional
headers go with it, should pagination stop at known pages. The spider never holds the Store.

``RunTally`` counts what happened in a run and keeps its warnings; the spider tallies what it decides
(links, skips, robots refusals, pagination traps), the archive writer what it stores. ``run_status`` turns the
merged tally into the run's status, and ``RunOutcome`` is what a finished run reports to its caller.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from newsarchive.storage import KnownArticle, SiteState
from newsarchive.storage.timeutil import parse_iso

logger = logging.getLogger(__name__)

Mode = Literal["incremental", "full", "revalidate"]
MODES: tuple[Mode, ...] = ("incremental", "full", "revalidate")
Decision = Literal["new", "recheck", "skip", "back"]


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


@dataclass(frozen=True, slots=True)
class SiteView:
    """One run's view of a site in the archive: decisions only, no writes."""

    state: SiteState
    mode: Mode = "incremental"
    recheck: RecheckPolicy = field(default_factory=RecheckPolicy)
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    stop_at_known: bool = True
    full_walk: bool = False  # this run walks every listing page (--full, or the last full walk is too old)

    @property
    def stops_at_known(self) -> bool:
        return self.stop_at_known and not self.full_walk

    def canonical(self, url: str) -> str:
        return self.state.canonical(url)

    def known(self, url: str) -> bool:
        return self.canonical(url) in self.state.known

    def decide(self, url: str) -> Decision:
        """What to do with an article link: fetch it (new), re-fetch it conditionally, or skip it."""
        known = self.state.known.get(self.canonical(url))
        return "new" if known is None else self._decide_known(known)

    def _decide_known(self, known: KnownArticle) -> Decision:
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

    def due(self) -> list[str]:
        """URLs of known articles to re-check this run whatever the listings show: all of them when
        revalidating, else the live ones the re-check window says are due. One URL per article."""
        out: dict[int, str] = {}
        for canonical, known in self.state.known.items():
            if known.article_id in out or canonical != known.url:
                continue
            if self.mode == "revalidate" or (
                known.status == "live" and self._decide_known(known) == "recheck"
            ):
                out[known.article_id] = known.url
        return list(out.values())

    def conditional_headers(self, url: str) -> dict[str, str]:
        return self.state.conditional_headers(url)


def full_walk_due(
    state: SiteState, *, mode: Mode, stop_at_known: bool, days: float, now: dt.datetime
) -> bool:
    """Whether this run walks every listing page: --full, or no full walk in ``days`` (0: never forced)."""
    if mode == "full":
        return True
    if not stop_at_known or not days:
        return False
    last = parse_iso(state.last_full_walk_at)
    return last is None or now - last > dt.timedelta(days=days)


FIRST_REASONS = 20  # failures kept word for word per run (all are counted by kind)


@dataclass(slots=True)
class RunTally:
    """Counts, warnings and failure reasons of one site's run (the spider's and the writer's, merged at the
    end). ``reasons`` counts what went wrong by kind (timeout, refused, http-404, soft-404, blocked ...);
    ``first`` keeps the first FIRST_REASONS of them as "url: what happened"."""

    counts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)
    first: list[str] = field(default_factory=list)

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def note(self, kind: str, url: str, message: str) -> None:
        """A failure (or refusal, block, missing page) of one fetch, by kind."""
        self.reasons[kind] += 1
        if len(self.first) < FIRST_REASONS:
            self.first.append(f"{url}: {message}")

    def reasons_json(self) -> dict[str, Any]:
        return {"counts": dict(self.reasons.most_common()), "first": list(self.first)}

    def warn(self, code: str, detail: str) -> bool:
        """Add ``code: detail`` once; True if it is new (the caller logs it)."""
        message = f"{code}: {detail}"
        if message in self.warnings:
            return False
        self.warnings.append(message)
        return True

    def merged(self, other: RunTally) -> RunTally:
        return RunTally(
            self.counts + other.counts,
            list(dict.fromkeys([*self.warnings, *other.warnings])),
            self.reasons + other.reasons,
            [*self.first, *other.first][:FIRST_REASONS],
        )


# what counts as one fetch of the run (for the failure share)
FETCH_COUNTS = (
    "listing_pages",
    "new",
    "changed",
    "unchanged",
    "not_modified",
    "missing",
    "missing_once",
    "gone",
    "documents",
    "failed",
    "blocked",
)
FAILURE_SHARE = 0.2  # default NEWSARCHIVE_FAILURE_THRESHOLD: more failed fetches than this fail the run


def run_status(counts: Counter[str], reason: str, *, failure_share: float = FAILURE_SHARE) -> str:
    """A finished run's status from its counts and Scrapy's close reason: ok, partial (some pages failed,
    were blocked, or a listing emptied), failed (no listing read, listings emptied, or more than
    ``failure_share`` of its fetches failed), blocked (only anti-bot answers) or interrupted."""
    if reason not in ("finished", "closespider_itemcount", "max_articles"):
        return "interrupted"
    if counts["listing_pages"] == 0:
        return "blocked" if counts["blocked"] else "failed"
    if counts["listings_emptied"] and not counts["article_links"]:
        return "failed"
    fetches = sum(counts[k] for k in FETCH_COUNTS)
    if fetches and counts["failed"] / fetches > failure_share:
        return "failed"
    if counts["failed"] or counts["blocked"] or counts["listings_emptied"]:
        return "partial"
    return "ok"


def failure_summary(tally: RunTally, status: str) -> str | None:
    """One warning saying why a run failed or was blocked, from its reasons (None for other runs)."""
    if status not in ("failed", "blocked"):
        return None
    kinds = ", ".join(f"{kind} x{n}" for kind, n in tally.reasons.most_common(5)) or "no fetch answered"
    c = tally.counts
    if c["listing_pages"] == 0:
        what = "no listing page could be read"
    elif c["listings_emptied"] and not c["article_links"]:
        what = "every listing went empty"
    else:
        fetches = sum(c[k] for k in FETCH_COUNTS)
        what = f"{c['failed']} of {fetches} fetches failed"
    return f"{status}: {what} ({kinds})"


@dataclass(slots=True)
class RunOutcome:
    site: str
    run_id: int | None
    status: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    reasons: dict[str, Any] = field(default_factory=dict)  # {"counts": {kind: n}, "first": ["url: ..."]}

    def as_dict(self) -> dict[str, Any]:
        return {
            "site": self.site,
            "run_id": self.run_id,
            "status": self.status,
            "counts": self.counts,
            "warnings": self.warnings,
            "reasons": self.reasons,
        }
