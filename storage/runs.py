"""Crawl runs: one ``crawl_runs`` row per site per crawl, from 'running' to its final status.

Called by the archive writer (crawler/archive.py) through ``Store.start_run`` / ``finish_run`` /
``close_stale_runs`` / ``adopt_run``. A run killed before ``finish_run`` (SIGKILL, power loss) stays 'running'
until the next crawl calls ``close_stale_runs``, which marks it 'interrupted' when its process is gone. A
distributed writer restarted while its runs go on (their crawl workers are alive) takes them over with
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
) -> None:
    if status not in RUN_STATUSES or status == "running":
        raise ValueError(f"finish_run: status must be one of {', '.join(RUN_STATUSES[1:])}, got {status!r}")
    counts = [_count(stats.get(name)) for name in RUN_COUNTS]
    with write_transaction(db):
        cursor = db.execute(
            f"UPDATE crawl_runs SET status = ?, finished_at = ?, stats = ?, warnings = ?,"
            f" {', '.join(f'{name} = ?' for name in RUN_COUNTS)} WHERE id = ?",
            [
                status,
                iso_utc(finished_at),
                json.dumps(dict(stats), ensure_ascii=False, default=str),
                json.dumps(list(warnings), ensure_ascii=False),
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
            db.execute(
                "UPDATE crawl_runs SET status = 'interrupted', finished_at = coalesce(?, started_at),"
                " warnings = json_insert(coalesce(warnings, '[]'), '$[#]', ?)"
                " WHERE id = ? AND status = 'running'",
                [last, f"interrupted: process gone; closed at {now_iso()} by a later run", run_id],
            )
    return len(stale)
