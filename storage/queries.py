"""Read-only questions about the archive, for the CLI and the demo: status, summaries, one article by URL.

Sits beside ``Store`` (which writes): these functions open the file read-only (``mode=ro``), so they never
take the write lock and can run while a crawl writes. Every line of SQL over the archive lives in
``storage/``; the crawler and the CLI call these instead of writing their own.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .schema import RUN_COUNTS


@contextmanager
def read_only(db: str | Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to an existing archive. FileNotFoundError when there is none."""
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(str(db))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def archive_status(db: str | Path, *, limit: int = 20) -> dict[str, Any]:
    """Totals and the ``limit`` most recent runs. Raises FileNotFoundError when there is no archive."""
    with read_only(db) as conn:
        totals = {
            "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            "versions": conn.execute("SELECT count(*) FROM article_versions").fetchone()[0],
            "gone": conn.execute("SELECT count(*) FROM articles WHERE status = 'gone'").fetchone()[0],
            "raw_pages": conn.execute("SELECT count(*) FROM raw_pages").fetchone()[0],
            "runs": conn.execute("SELECT count(*) FROM crawl_runs").fetchone()[0],
        }
        runs = []
        for row in conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT ?", [limit]):
            stats = json.loads(row["stats"] or "{}")
            runs.append(
                {
                    "id": row["id"],
                    "site": row["site"],
                    "status": row["status"],
                    "started_at": row["started_at"],
                    "finished_at": row["finished_at"],
                    "counts": {k: stats.get(k, row[k]) for k in RUN_COUNTS},
                    "warnings": json.loads(row["warnings"] or "[]"),
                }
            )
    return {"db": str(db), "totals": totals, "runs": runs}


def archive_summary(db: str | Path) -> dict[str, int]:
    """Articles, versions, edited articles (more than one version) and distinct raw pages."""
    with read_only(db) as conn:
        articles, versions, edited = conn.execute(
            "SELECT count(*), coalesce(sum(version_count), 0), coalesce(sum(version_count > 1), 0)"
            " FROM articles"
        ).fetchone()
        raw = conn.execute("SELECT count(*) FROM raw_pages").fetchone()[0]
    return {"articles": articles, "versions": versions, "edited": edited, "raw_pages": raw}


def articles_by_url(db: str | Path, urls: list[str]) -> dict[str, dict[str, Any]]:
    """The ``articles`` rows stored under these (canonical) URLs, by URL; absent URLs are left out."""
    out: dict[str, dict[str, Any]] = {}
    with read_only(db) as conn:
        for url in urls:
            row = conn.execute("SELECT * FROM articles WHERE url = ?", [url]).fetchone()
            if row is not None:
                out[url] = dict(row)
    return out


def crawled_sites(db: str | Path) -> set[str] | None:
    """The sites that have crawl runs in the archive; None when the file is not a readable archive."""
    try:
        with read_only(db) as conn:
            return {r[0] for r in conn.execute("SELECT DISTINCT site FROM crawl_runs")}
    except sqlite3.DatabaseError:
        return None
