"""Site health: how each site's crawls go and whether it still publishes, and the alerts that follow.

Data flow: ``crawl_runs`` and ``articles`` -> the ``site_health`` view (storage/schema.py) -> ``site_health``
here (adds each site's usual publishing rhythm) -> ``health_alerts`` (pure: rows and a policy in, alerts out).
``newsarchive status --by-site`` prints rows and alerts; the notifier (crawler/notify.py) sends the alerts.
Read-only: runs beside a crawl that writes.
"""

from __future__ import annotations

import itertools
import json
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from .queries import read_only

RHYTHM_ARTICLES = 60  # the newest articles whose dates give a site's usual gap between articles
RHYTHM_MIN_GAPS = 4  # fewer gaps than this: no usual rhythm, the floor alone decides


@dataclass(frozen=True, slots=True)
class SiteHealth:
    """One row of the ``site_health`` view plus ``usual_gap_days`` (median days between new articles)."""

    site: str
    last_run_id: int | None = None
    last_status: str | None = None
    last_run_at: str | None = None
    last_success_at: str | None = None
    failure_streak: int = 0
    articles: int = 0
    live: int = 0
    gone: int = 0
    last_new_at: str | None = None
    days_since_new: float | None = None
    last_change_at: str | None = None
    last_warnings: tuple[str, ...] = ()
    last_reasons: dict[str, Any] | None = None
    usual_gap_days: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["last_warnings"] = list(self.last_warnings)
        return out


@dataclass(frozen=True, slots=True)
class HealthPolicy:
    """When a site deserves an alert.

    failing: ``fail_after`` failed or blocked runs in a row. quiet: no new article for longer than
    ``quiet_factor`` times the site's usual gap between articles, and never less than ``quiet_floor_days``;
    ``quiet_days`` (per site, from sites.toml) replaces that threshold."""

    fail_after: int = 3
    quiet_factor: float = 3.0
    quiet_floor_days: float = 14.0
    quiet_days: Mapping[str, float] = field(default_factory=dict)

    def quiet_threshold(self, row: SiteHealth) -> float:
        if row.site in self.quiet_days:
            return float(self.quiet_days[row.site])
        usual = (row.usual_gap_days or 0.0) * self.quiet_factor
        return max(self.quiet_floor_days, usual)


AlertKind = Literal["failing", "quiet", "listing-emptied"]


@dataclass(frozen=True, slots=True)
class Alert:
    site: str
    kind: AlertKind
    message: str

    def __str__(self) -> str:
        return f"{self.site}: {self.kind}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"site": self.site, "kind": self.kind, "message": self.message}


def site_health(db: str | Path) -> list[SiteHealth]:
    """Every site's health, by site name. FileNotFoundError when there is no archive."""
    with read_only(db) as conn:
        rows = [dict(r) for r in conn.execute("SELECT * FROM site_health")]
        out = []
        for row in rows:
            dates = conn.execute(
                "SELECT julianday(substr(coalesce(published, first_seen_at), 1, 10)) AS day FROM articles"
                " WHERE site = ? AND day IS NOT NULL ORDER BY day DESC LIMIT ?",
                [row["site"], RHYTHM_ARTICLES],
            ).fetchall()
            row["last_warnings"] = tuple(json.loads(row["last_warnings"] or "[]"))
            row["last_reasons"] = json.loads(row["last_reasons"]) if row["last_reasons"] else None
            out.append(SiteHealth(**row, usual_gap_days=usual_gap([d[0] for d in dates])))
    return out


def usual_gap(days: Iterable[float]) -> float | None:
    """The median gap in days between consecutive dates (Julian day numbers, any order); None when there are
    too few to tell."""
    ordered = sorted(days)
    gaps = [b - a for a, b in itertools.pairwise(ordered)]
    if len(gaps) < RHYTHM_MIN_GAPS:
        return None
    return round(statistics.median(gaps), 1)


def health_alerts(rows: Iterable[SiteHealth], policy: HealthPolicy | None = None) -> list[Alert]:
    """The alerts the rows call for: failing runs in a row, a site gone quiet, a listing that emptied."""
    policy = policy or HealthPolicy()
    alerts = []
    for row in rows:
        if row.failure_streak >= policy.fail_after:
            since = f"; last success {row.last_success_at}" if row.last_success_at else "; never succeeded"
            alerts.append(
                Alert(row.site, "failing", f"{row.failure_streak} failed or blocked runs in a row{since}")
            )
        threshold = policy.quiet_threshold(row)
        if row.days_since_new is not None and row.days_since_new > threshold:
            alerts.append(
                Alert(
                    row.site,
                    "quiet",
                    f"no new article for {row.days_since_new:g} days (usual gap "
                    f"{_days(row.usual_gap_days)}, alert after {threshold:g})",
                )
            )
        emptied = [w for w in row.last_warnings if w.startswith("listing-emptied")]
        if emptied:
            alerts.append(Alert(row.site, "listing-emptied", emptied[0].partition(": ")[2] or emptied[0]))
    return alerts


def _days(value: float | None) -> str:
    return "unknown" if value is None else f"{value:g} days"
