"""What crawls and the archive say to a person: run reasons, failing sites, site health, as lines of text.

One wording everywhere: the crawl's summary table and its failing-site lines (crawler/cli.py, which cron
mails), ``newsarchive status`` and ``status --by-site``, and the notification digest (crawler/notify.py).
Pure: dicts and records in, strings out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsarchive.storage.health import Alert, SiteHealth

FAILING_STATUSES = ("failed", "blocked", "interrupted")


def reason_summary(reasons: Mapping[str, Any] | None, *, top: int = 3) -> str:
    """``refused 3, http-404 1`` (the ``top`` commonest kinds, then how many more); '' for none."""
    counts = dict((reasons or {}).get("counts") or {})
    ranked = sorted(counts.items(), key=lambda kv: (-int(kv[1]), kv[0]))
    text = ", ".join(f"{kind} {n}" for kind, n in ranked[:top])
    if len(ranked) > top:
        text += f", {len(ranked) - top} more kind(s)"
    return text


def reason_lines(reasons: Mapping[str, Any] | None, *, first: int = 3, indent: str = "  ") -> list[str]:
    """``reasons: refused 3, ...`` then the first ``first`` examples, indented; [] when there are none."""
    if not reasons:
        return []
    lines = [f"{indent}reasons: {reason_summary(reasons, top=8) or '-'}"]
    examples = list(reasons.get("first") or ())
    lines += [f"{indent}  {line}" for line in examples[:first]]
    if len(examples) > first:
        lines.append(f"{indent}  ... {len(examples) - first} more in crawl_runs.reasons")
    return lines


def outcome_reasons(outcome: Any) -> dict[str, Any] | None:
    """A run outcome's reasons (``RunOutcome.reasons``, absent from outcomes that predate it)."""
    return getattr(outcome, "reasons", None) or None


def failing_site_line(
    site: str, status: str, reasons: Mapping[str, Any] | None, warnings: Sequence[str]
) -> str:
    """One line saying why a site's run did not complete: its status, top reasons, first example."""
    why = reason_summary(reasons)
    examples = list((reasons or {}).get("first") or ())
    if examples:
        why += f" (first: {examples[0]})"
    elif not why and warnings:
        why = warnings[0]
    return f"{site}: {status}" + (f": {why}" if why else "")


def failing_sites(outcomes: Iterable[Any]) -> list[str]:
    """One line per run that failed, was blocked or was interrupted (what cron mails)."""
    return [
        failing_site_line(o.site, o.status, outcome_reasons(o), o.warnings)
        for o in outcomes
        if o.status in FAILING_STATUSES
    ]


HEALTH_COLUMNS = (
    ("site", 22),
    ("last status", 12),
    ("last run", 17),
    ("last success", 17),
    ("streak", 6),
    ("days quiet", 10),
    ("usual gap", 9),
    ("live/gone", 10),
    ("last change", 17),
)


def health_lines(rows: Sequence[SiteHealth], alerts: Sequence[Alert]) -> list[str]:
    """The ``status --by-site`` table, then the alerts (or 'no alerts')."""
    lines = [" ".join(f"{name:<{width}}" for name, width in HEALTH_COLUMNS).rstrip()]
    for row in rows:
        cells = (
            row.site,
            row.last_status or "-",
            _minute(row.last_run_at),
            _minute(row.last_success_at),
            str(row.failure_streak),
            _number(row.days_since_new),
            _number(row.usual_gap_days),
            f"{row.live}/{row.gone}",
            _minute(row.last_change_at),
        )
        lines.append(
            " ".join(
                f"{cell:<{width}}" for cell, (_, width) in zip(cells, HEALTH_COLUMNS, strict=True)
            ).rstrip()
        )
    lines.append("")
    lines += [f"ALERT {alert}" for alert in alerts] or ["no alerts"]
    return lines


def _minute(value: str | None) -> str:
    return value[:16].replace("T", " ") if value else "-"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
