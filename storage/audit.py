"""Audits of an archive file: is it intact, what did each fetch leave, what does every article hold.

Read by the soak (``bench/soak.py``) after faults, kill -9 trials and crawls under Datasette load; never by a
crawl. The integrity check opens the file read-write, as the next crawl would, so that SQLite recovers a WAL
left by a killed process before checking; everything else opens it read-only (``queries.read_only``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .queries import read_only


def integrity_problems(db: str | Path) -> list[str]:
    """What ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` report; empty for a sound archive."""
    conn = sqlite3.connect(str(db), timeout=60)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [
            f"foreign key: {table} row {rowid} -> {parent}"
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
        ]
        return problems
    except sqlite3.DatabaseError as exc:
        return [f"not readable: {exc}"]
    finally:
        conn.close()


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """One row of the fetch log, with the article it was tied to and the version it made (if any)."""

    run_id: int | None
    url: str
    final_url: str | None
    status: int | None
    kind: str
    error: str | None
    raw_kept: bool
    article_id: int | None
    version: int | None  # the article version this fetch made (None: it made none)


def fetch_records(db: str | Path, *, site: str | None = None) -> list[FetchRecord]:
    """Every fetch of ``site`` (or of all sites), oldest first."""
    where, params = ("WHERE f.site = ?", [site]) if site else ("", [])
    with read_only(db) as conn:
        rows = conn.execute(
            "SELECT f.run_id, f.url, f.final_url, f.status, f.kind, f.error, f.raw_sha256 IS NOT NULL AS raw,"
            " f.article_id, v.version FROM fetches f LEFT JOIN article_versions v ON v.fetch_id = f.id"
            f" {where} ORDER BY f.id",
            params,
        ).fetchall()
    return [FetchRecord(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class ArticleState:
    """What the archive holds for one article: its content hash, version count and version rows."""

    url: str
    content_hash: str
    version_count: int
    versions: int  # rows in article_versions
    distinct_hashes: int  # distinct content hashes among them


def article_states(db: str | Path) -> dict[str, ArticleState]:
    """Every article by URL."""
    with read_only(db) as conn:
        rows = conn.execute(
            "SELECT a.url, a.content_hash, a.version_count, count(v.id), count(DISTINCT v.content_hash)"
            " FROM articles a LEFT JOIN article_versions v ON v.article_id = a.id GROUP BY a.id"
        ).fetchall()
    return {row[0]: ArticleState(*row) for row in rows}


def versions_by_run(db: str | Path) -> dict[int, int]:
    """Run id -> article versions it added (first versions and edits): what a run really committed."""
    with read_only(db) as conn:
        rows = conn.execute(
            "SELECT run_id, count(*) FROM article_versions WHERE run_id IS NOT NULL GROUP BY run_id"
        ).fetchall()
    return {int(run_id): int(n) for run_id, n in rows}


def run_rows(db: str | Path) -> list[dict[str, Any]]:
    """Every crawl run, oldest first, with its stats, warnings (and reasons, when the archive has them)
    decoded from JSON."""
    with read_only(db) as conn:
        rows = [dict(row) for row in conn.execute("SELECT * FROM crawl_runs ORDER BY id")]
    for row in rows:
        for key in ("stats", "warnings", "reasons", "options"):
            if isinstance(row.get(key), str):
                row[key] = json.loads(row[key])
    return rows
