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
                    "reasons": _json_column(row, "reasons"),
                }
            )
    return {"db": str(db), "totals": totals, "runs": runs}


def _json_column(row: sqlite3.Row, name: str) -> Any:
    """A JSON column's value; None when empty or when the archive predates the column (read-only
    connections apply no migration)."""
    value = row[name] if name in row.keys() else None  # noqa: SIM118 (`in row` looks at values)
    return json.loads(value) if value else None


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


def archive_figures(db: str | Path) -> dict[str, int]:
    """Sizes and row counts: file bytes (with the WAL), articles, versions, raw pages with their raw and
    stored bytes, fetches, adopted zstd dictionaries."""
    path = Path(db)
    wal = path.with_name(path.name + "-wal")
    with read_only(path) as conn:
        raw_pages, raw_bytes, raw_stored = conn.execute(
            "SELECT count(*), coalesce(sum(size), 0), coalesce(sum(stored_size), 0) FROM raw_pages"
        ).fetchone()
        return {
            "file_bytes": path.stat().st_size + (wal.stat().st_size if wal.exists() else 0),
            "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            "versions": conn.execute("SELECT count(*) FROM article_versions").fetchone()[0],
            "raw_pages": raw_pages,
            "raw_bytes": raw_bytes,
            "raw_stored": raw_stored,
            "fetches": conn.execute("SELECT count(*) FROM fetches").fetchone()[0],
            "dictionaries": conn.execute("SELECT count(*) FROM zstd_dicts WHERE adopted = 1").fetchone()[0],
            "edited": conn.execute("SELECT count(*) FROM articles WHERE version_count > 1").fetchone()[0],
        }


def version_counts(db: str | Path, canonical_urls: list[str]) -> dict[str, int]:
    """Canonical URL -> version_count of its article (0 when the archive does not know the URL)."""
    out = {}
    with read_only(db) as conn:
        for url in canonical_urls:
            row = conn.execute(
                "SELECT a.version_count FROM article_urls u JOIN articles a ON a.id = u.article_id"
                " WHERE u.canonical_url = ? LIMIT 1",
                [url],
            ).fetchone()
            out[url] = int(row[0]) if row else 0
    return out


def dictionary_trials(db: str | Path) -> list[tuple[str, float, bool]]:
    """Every zstd dictionary trial as (site, gain, adopted)."""
    with read_only(db) as conn:
        rows = conn.execute("SELECT site, round(gain, 2), adopted FROM zstd_dicts ORDER BY id").fetchall()
    return [(site, gain, bool(adopted)) for site, gain, adopted in rows]


def table_sizes(db: str | Path, *, limit: int = 5) -> list[tuple[str, int]]:
    """The largest tables and indexes as (name, bytes), from SQLite's dbstat."""
    with read_only(db) as conn:
        rows = conn.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT ?", [limit]
        ).fetchall()
    return [(name, int(size)) for name, size in rows]


_RUN_CHANGES = {
    "new": "SELECT v.run_id, a.site, coalesce(v.title, a.title) AS title, a.url, v.observed_at AS at, NULL"
    " FROM article_versions v JOIN articles a ON a.id = v.article_id"
    " WHERE v.run_id = ? AND v.version = 1 ORDER BY v.id",
    "changed": "SELECT v.run_id, a.site, coalesce(v.title, a.title) AS title, a.url, v.observed_at AS at,"
    " v.changed_fields FROM article_versions v JOIN articles a ON a.id = v.article_id"
    " WHERE v.run_id = ? AND v.version > 1 ORDER BY v.id",
    "gone": "SELECT e.run_id, a.site, a.title, a.url, e.at, e.detail"
    " FROM article_events e JOIN articles a ON a.id = e.article_id"
    " WHERE e.run_id = ? AND e.event = 'gone' ORDER BY e.id",
}


def run_changes(db: str | Path, run_ids: list[int]) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """What each run did to the archive: run id -> {"new": [...], "changed": [...], "gone": [...]}, each item
    {site, title, url, at, detail} (detail: the changed fields of a change, why an article is gone)."""
    out: dict[int, dict[str, list[dict[str, Any]]]] = {}
    with read_only(db) as conn:
        for run_id in run_ids:
            out[run_id] = {}
            for kind, sql in _RUN_CHANGES.items():
                rows = conn.execute(sql, [run_id]).fetchall()
                out[run_id][kind] = [
                    {"site": r[1], "title": r[2], "url": r[3], "at": r[4], "detail": _detail(kind, r[5])}
                    for r in rows
                ]
    return out


def _detail(kind: str, value: str | None) -> str | None:
    if kind == "changed" and value:
        return ", ".join(json.loads(value))
    return value
