"""``newsarchive status``: what the archive holds and how its recent crawl runs went (read-only)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

RUN_COUNTS = ("new", "changed", "unchanged", "not_modified", "failed", "blocked", "gone", "documents")


def archive_status(db: str | Path, *, limit: int = 20) -> dict[str, Any]:
    """Totals and the ``limit`` most recent runs. Raises FileNotFoundError when there is no archive."""
    path = Path(db)
    if not path.exists():
        raise FileNotFoundError(db)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        totals = {
            "articles": conn.execute("select count(*) from articles").fetchone()[0],
            "versions": conn.execute("select count(*) from article_versions").fetchone()[0],
            "gone": conn.execute("select count(*) from articles where status = 'gone'").fetchone()[0],
            "raw_pages": conn.execute("select count(*) from raw_pages").fetchone()[0],
            "runs": conn.execute("select count(*) from crawl_runs").fetchone()[0],
        }
        runs = []
        for row in conn.execute("select * from crawl_runs order by id desc limit ?", [limit]):
            stats = json.loads(row["stats"] or "{}")
            runs.append(
                {
                    "id": row["id"],
                    "site": row["site"],
                    "status": row["status"],
                    "started_at": row["started_at"],
                    "finished_at": row["finished_at"],
                    "counts": {k: stats.get(k, 0) for k in RUN_COUNTS},
                    "warnings": json.loads(row["warnings"] or "[]"),
                }
            )
    finally:
        conn.close()
    return {"db": str(path), "totals": totals, "runs": runs}
