"""Notifications after a crawl: one digest of each run's new, changed and gone articles and of the health
alerts of the sites crawled, sent through apprise (e-mail, webhooks, chat) to the URLs of a notify file.

Data flow: ``newsarchive crawl`` loads the notify file before crawling (``load_notify_config``: a bad file is
a NotifyConfigError, so nothing is crawled), then hands the run outcomes to ``notify_after_crawl``: the
archive (``storage.queries.run_changes``) and site health (crawler/health.py) -> ``build_digest`` (pure) ->
``send`` (apprise, one target at a time). A failed notification never fails the crawl: it is logged and
returned for the CLI to report.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import apprise

from newsarchive.storage.health import Alert
from newsarchive.storage.queries import run_changes

from .health import check_health, policy_for
from .report import FAILING_STATUSES, outcome_reasons, reason_summary
from .sites import SiteConfig

logger = logging.getLogger(__name__)

SEND_CHOICES = ("news", "always")
THRESHOLDS = {"fail_after": int, "quiet_factor": float, "quiet_floor_days": float}


class NotifyConfigError(ValueError):
    """A notify file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class NotifyConfig:
    path: str
    urls: tuple[str, ...]
    send: str = "news"  # news: only when something was new, changed or gone, a site failed, or an alert
    max_items: int = 20  # articles listed per kind and run (the rest are counted)
    thresholds: Mapping[str, float] = field(default_factory=dict)  # HealthPolicy values from [alerts]


@dataclass(frozen=True, slots=True)
class Digest:
    title: str
    body: str
    newsworthy: bool  # something new, changed or gone, a failed site, or an alert


@dataclass(frozen=True, slots=True)
class NotifyResult:
    target: str  # the URL with its secrets masked
    ok: bool
    error: str = ""


def load_notify_config(path: str | os.PathLike[str]) -> NotifyConfig:
    """Read and check the notify file: ``urls`` (apprise URLs, required), ``send`` ("news" or "always"),
    ``max_items``, and an ``[alerts]`` table (fail_after, quiet_factor, quiet_floor_days)."""
    where = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotifyConfigError(f"{where}: notify file not found") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NotifyConfigError(f"{where}: cannot read the notify file: {exc}") from None
    unknown = set(data) - {"urls", "send", "max_items", "alerts"}
    if unknown:
        raise NotifyConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    urls = data.get("urls")
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) and u.strip() for u in urls):
        raise NotifyConfigError(f"{where}: 'urls' must be a non-empty list of apprise URLs")
    for i, url in enumerate(urls, 1):
        if not apprise.Apprise().add(url):
            raise NotifyConfigError(f"{where}: urls item {i} is not an apprise URL apprise can use: {url!r}")
    send = data.get("send", "news")
    if send not in SEND_CHOICES:
        raise NotifyConfigError(f"{where}: 'send' must be one of {', '.join(SEND_CHOICES)}, got {send!r}")
    max_items = data.get("max_items", 20)
    if isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 0:
        raise NotifyConfigError(f"{where}: 'max_items' must be an integer >= 0, got {max_items!r}")
    return NotifyConfig(where, tuple(urls), send, max_items, _thresholds(where, data.get("alerts", {})))


def _thresholds(where: str, table: Any) -> dict[str, float]:
    if not isinstance(table, Mapping):
        raise NotifyConfigError(f"{where}: 'alerts' must be a table")
    out: dict[str, float] = {}
    for key, value in table.items():
        if key not in THRESHOLDS:
            raise NotifyConfigError(f"{where}: unknown key 'alerts.{key}' (known: {', '.join(THRESHOLDS)})")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 10_000:
            raise NotifyConfigError(f"{where}: 'alerts.{key}' must be a number above 0, got {value!r}")
        if THRESHOLDS[key] is int and not isinstance(value, int):
            raise NotifyConfigError(f"{where}: 'alerts.{key}' must be a whole number, got {value!r}")
        out[key] = value
    return out


def notify_after_crawl(
    config: NotifyConfig, db: str | os.PathLike[str], outcomes: Sequence[Any], sites: Mapping[str, SiteConfig]
) -> list[NotifyResult]:
    """Build the crawl's digest and send it (unless there is nothing to say and ``send`` is "news").
    Never raises for a failed notification: each target's result is returned (and logged)."""
    runs = [o.run_id for o in outcomes if o.run_id]
    try:
        changes = run_changes(Path(db), runs) if Path(db).exists() else {}
        _, alerts = (
            check_health(db, policy_for(sites, **config.thresholds)) if Path(db).exists() else ([], [])
        )
    except Exception as exc:  # the digest is a courtesy: an unreadable archive must not fail the crawl
        logger.exception("notify: cannot read %s for the digest", db)
        return [NotifyResult(config.path, False, f"cannot read the archive for the digest: {exc}")]
    crawled = {o.site for o in outcomes}
    digest = build_digest(outcomes, changes, [a for a in alerts if a.site in crawled], config.max_items)
    if not digest.newsworthy and config.send == "news":
        logger.info("notify: nothing new, changed or gone and no alert: no digest sent")
        return []
    return send(config.urls, digest)


def send(urls: Sequence[str], digest: Digest) -> list[NotifyResult]:
    """Send ``digest`` to each URL on its own, so one failing target neither hides nor stops the others."""
    results = []
    for url in urls:
        target = apprise.Apprise()
        target.add(url)
        shown = ", ".join(s.url(privacy=True).partition("?")[0] for s in target) or url
        with apprise.LogCapture(level=logging.WARNING) as captured:
            try:
                ok, error = bool(target.notify(title=digest.title, body=digest.body)), ""
            except Exception as exc:  # a plugin bug must not fail the crawl either
                ok, error = False, f"{type(exc).__name__}: {exc}"
        if not ok and not error:
            error = _last_line(captured.getvalue()) or "apprise reported a failure"
        if ok:
            logger.info("notify: digest sent to %s", shown)
        else:
            logger.error("notify: digest not sent to %s: %s", shown, error)
        results.append(NotifyResult(shown, ok, error))
    return results


def _last_line(text: str) -> str:
    lines = [line.split(" - ", 2)[-1].strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def build_digest(
    outcomes: Sequence[Any],
    changes: Mapping[int, Mapping[str, Sequence[Mapping[str, Any]]]],
    alerts: Sequence[Alert],
    max_items: int = 20,
) -> Digest:
    """The digest's title and plain-text body: alerts first, then one section per run."""
    totals = {kind: 0 for kind in ("new", "changed", "gone")}
    sections = []
    for o in outcomes:
        done = changes.get(o.run_id or -1, {})
        for kind in totals:
            totals[kind] += len(done.get(kind, ()))
        sections.append(_run_section(o, done, max_items))
    failing = [f"{o.site} {o.status}" for o in outcomes if o.status in FAILING_STATUSES]
    title = "newsarchive: " + ", ".join(f"{n} {kind}" for kind, n in totals.items())
    if failing:
        title += "; " + ", ".join(failing)
    if alerts:
        title += f"; {len(alerts)} alert(s)"
    body = []
    if alerts:
        body += ["Alerts:", *(f"  {a}" for a in alerts), ""]
    body += [line for section in sections for line in [*section, ""]]
    newsworthy = bool(sum(totals.values()) or failing or alerts)
    return Digest(title, "\n".join(body).rstrip() + "\n", newsworthy)


def _run_section(outcome: Any, done: Mapping[str, Sequence[Mapping[str, Any]]], max_items: int) -> list[str]:
    counts = ", ".join(f"{len(done.get(k, ()))} {k}" for k in ("new", "changed", "gone"))
    lines = [f"{outcome.site} (run {outcome.run_id or '-'}, {outcome.status}): {counts}"]
    why = reason_summary(outcome_reasons(outcome))
    if why:
        lines.append(f"  why fetches failed: {why}")
    if outcome.status in FAILING_STATUSES and outcome.warnings:
        lines.append(f"  warning: {outcome.warnings[0]}")
    for kind in ("new", "changed", "gone"):
        items = list(done.get(kind, ()))
        for item in items[:max_items]:
            detail = f" ({item['detail']})" if item.get("detail") else ""
            lines.append(f"  {kind}: {item.get('title') or '(no title)'}{detail} {item['url']}")
        if len(items) > max_items:
            lines.append(f"  ... and {len(items) - max_items} more {kind}")
    return lines
