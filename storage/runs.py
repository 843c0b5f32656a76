"""Crawl runs: one ``crawl_runs`` row per site per crawl, from 'running' to its final status.

Called by the archive writer (crawler/archive.py) through ``Store.start_run`` / ``finish_run`` /
``close_stale_runs`` / ``adopt_run``. ``finish_run`` stores the run's counts, warnings and reasons (why
fetches failed, by kind, with the first few examples: ``reasons_json``). A run killed before ``finish_run``
(SIGKILL, power loss) stays 'running' until the next crawl calls ``close_stale_runs``, which marks it
'interrupted' when its process is gone and gives it the counts of what it committed (``committed_counts``).
A distributed writer restarted while its runs go on (their crawl workers are alive) takes them over with
``adopt_run`` first.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterable, Mapping
from typing import Any

from sqlite_utils import Database

from .schema import RUN_COUNTS, RUN_STATUSES
from .timeutil import iso_utc, now_iso
from .txn import write_transaction

MAX_FIRST_REASONS = 20  # examples kept per run in crawl_runs.reasons ("first")


def start_run(
    db: Database, site: str, *, options: Mapping[str, Any] | None = None, started_at: str | None = None
) -> int:
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO crawl_runs (site, started_at, status, pid, hostname, options)"
            " VALUES (?, ?, 'running', ?, ?, ?)",
            [
                site,
                iso_utc(started_at),
                os.getpid(),
                socket.gethostname(),
                json.dumps(dict(options or {}), ensure_ascii=False, default=str),
            ],
        )
    return int(cursor.lastrowid or 0)


def finish_run(
    db: Database,
    run_id: int,
    *,
    status: str,
    stats: Mapping[str, Any],
    finished_at: str | None = None,
    warnings: Iterable[str] = (),
    reasons: Mapping[str, Any] | None = None,
) -> None:
    """Close run ``run_id`` with its status, counts (``stats``, the RUN_COUNTS among them), warnings and
    reasons (see ``reasons_json``)."""
    if status not in RUN_STATUSES or status == "running":
        raise ValueError(f"finish_run: status must be one of {', '.join(RUN_STATUSES[1:])}, got {status!r}")
    counts = [_count(stats.get(name)) for name in RUN_COUNTS]
    with write_transaction(db):
        cursor = db.execute(
            f"UPDATE crawl_runs SET status = ?, finished_at = ?, stats = ?, warnings = ?, reasons = ?,"
            f" {', '.join(f'{name} = ?' for name in RUN_COUNTS)} WHERE id = ?",
            [
                status,
                iso_utc(finished_at),
                json.dumps(dict(stats), ensure_ascii=False, default=str),
                json.dumps(list(warnings), ensure_ascii=False),
                reasons_json(reasons),
                *counts,
                run_id,
            ],
        )
        if cursor.rowcount != 1:
            raise KeyError(f"finish_run: no crawl run {run_id}")


def adopt_run(db: Database, run_id: int) -> bool:
    """Make this process the owner of the still-running run ``run_id`` (so ``close_stale_runs`` leaves it
    alone). False when the run is not running any more."""
    with write_transaction(db):
        cursor = db.execute(
            "UPDATE crawl_runs SET pid = ?, hostname = ? WHERE id = ? AND status = 'running'",
            [os.getpid(), socket.gethostname(), run_id],
        )
    return cursor.rowcount == 1


def reasons_json(reasons: Mapping[str, Any] | None) -> str | None:
    """The ``crawl_runs.reasons`` text for ``reasons``, checked and trimmed; None for no reasons.

    Shape: ``{"counts": {"<kind>": n, ...}, "first": ["<url>: <message>", ...]}``; kinds are short stable
    words (refused, dns, timeout, http-404, http-503, robots, blocked, off-site, too-large, soft-404, ...),
    zero counts are dropped and at most MAX_FIRST_REASONS examples are kept, in the order given."""
    if not reasons:
        return None
    if not isinstance(reasons, Mapping) or set(reasons) - {"counts", "first"}:
        raise ValueError(f"reasons must be {{'counts': {{kind: n}}, 'first': [str]}}, got {reasons!r}")
    counts = {str(kind): _count(n) for kind, n in dict(reasons.get("counts") or {}).items() if _count(n)}
    first = [str(line) for line in list(reasons.get("first") or ())[:MAX_FIRST_REASONS]]
    if not counts and not first:
        return None
    return json.dumps({"counts": counts, "first": first}, ensure_ascii=False)


def _count(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def close_stale_runs(db: Database) -> int:
    """Mark this host's 'running' runs whose process no longer exists as 'interrupted'. Returns how many.

    Runs started on another host are left alone (their pid means nothing here). finished_at becomes the
    time of the run's last recorded fetch (or its start)."""
    host = socket.gethostname()
    rows = db.execute(
        "SELECT id, pid FROM crawl_runs WHERE status = 'running' AND (hostname IS NULL OR hostname = ?)",
        [host],
    ).fetchall()
    stale = [run_id for run_id, pid in rows if not pid or (pid != os.getpid() and not _alive(pid))]
    if not stale:
        return 0
    with write_transaction(db):
        for run_id in stale:
            last = db.execute("SELECT max(fetched_at) FROM fetches WHERE run_id = ?", [run_id]).fetchone()[0]
            counts = committed_counts(db, run_id)
            db.execute(
                f"UPDATE crawl_runs SET status = 'interrupted', finished_at = coalesce(?, started_at),"
                f" warnings = json_insert(coalesce(warnings, '[]'), '$[#]', ?), stats = ?,"
                f" {', '.join(f'{name} = ?' for name in RUN_COUNTS)}"
                f" WHERE id = ? AND status = 'running'",
                [
                    last,
                    f"interrupted: process gone; closed at {now_iso()} by a later run",
                    json.dumps({**counts, "finish_reason": "interrupted"}),
                    *(counts[name] for name in RUN_COUNTS),
                    run_id,
                ],
            )
    return len(stale)


# What a run committed, counted from the rows that carry its run_id (the archive writer's counts, rebuilt):
# a new article is its version 1, a change a later version; every other fetch of an article page that
# answered is 'unchanged'; 304s, failures (fetches with an error), blocked answers, documents and listing
# pages are fetch rows of their kind; 'gone' and 'missing_once' are article events.
_COMMITTED = """
SELECT
  (SELECT count(*) FROM article_versions WHERE run_id = :run AND version = 1) AS new,
  (SELECT count(*) FROM article_versions WHERE run_id = :run AND version > 1) AS changed,
  (SELECT count(*) FROM fetches WHERE run_id = :run AND kind = 'article' AND error IS NULL
      AND article_id IS NOT NULL AND status NOT IN (304, 404, 410)) AS article_pages,
  (SELECT count(*) FROM fetches WHERE run_id = :run AND kind = 'article' AND status = 304) AS not_modified,
  (SELECT count(*) FROM fetches WHERE run_id = :run AND error IS NOT NULL
      AND kind NOT IN ('listing', 'feed', 'sitemap')) AS failed,
  (SELECT count(*) FROM fetches WHERE run_id = :run AND error IS NOT NULL
      AND kind IN ('listing', 'feed', 'sitemap')) AS listing_failed,
  (SELECT count(*) FROM fetches WHERE run_id = :run AND kind = 'blocked') AS blocked,
  (SELECT count(*) FROM fetches WHERE run_id = :run AND kind = 'document' AND error IS NULL) AS documents,
  (SELECT count(*) FROM fetches WHERE run_id = :run AND kind IN ('listing', 'feed', 'sitemap')
      AND error IS NULL) AS listing_pages,
  (SELECT count(*) FROM article_events WHERE run_id = :run AND event = 'gone') AS gone,
  (SELECT count(*) FROM article_events WHERE run_id = :run AND event = 'missing') AS missing_once
"""


def committed_counts(db: Database, run_id: int) -> dict[str, int]:
    """The counts of run ``run_id`` (RUN_COUNTS and a few more) from the rows it committed."""
    cursor = db.execute(_COMMITTED, {"run": run_id})
    row = dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))
    pages = row.pop("article_pages")
    row["unchanged"] = max(0, pages - row["new"] - row["changed"])
    return {name: int(n) for name, n in row.items()}
