"""What a benchmark crawl left in the archive: sizes, row counts, raw bytes, and which mutations it caught.

Used by ``bench/run.py`` after each of our crawls (read-only; the crawl's process has exited). The URLs of
edited and new articles come from the benchmark server (``bench/serve.py`` ``mutate``); they are matched to
articles through ``article_urls`` by canonical URL, as the store itself does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from storage.urls import canonical_url

WAL_SUFFIX = "-wal"


@dataclass(frozen=True, slots=True)
class ArchiveFigures:
    file_bytes: int  # the database file plus its WAL
    articles: int
    versions: int
    raw_pages: int
    raw_bytes: int  # sum of raw_pages.size: the distinct bodies kept
    raw_stored: int  # sum of raw_pages.stored_size: what they take compressed
    fetches: int
    dictionaries: int  # zstd dictionaries adopted


def read_figures(db: Path) -> ArchiveFigures:
    wal = db.with_name(db.name + WAL_SUFFIX)
    size = db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    with closing(_connect(db)) as con:
        (articles,) = con.execute("SELECT count(*) FROM articles").fetchone()
        (versions,) = con.execute("SELECT count(*) FROM article_versions").fetchone()
        raw_pages, raw_bytes, raw_stored = con.execute(
            "SELECT count(*), coalesce(sum(size), 0), coalesce(sum(stored_size), 0) FROM raw_pages"
        ).fetchone()
        (fetches,) = con.execute("SELECT count(*) FROM fetches").fetchone()
        (dictionaries,) = con.execute("SELECT count(*) FROM zstd_dicts WHERE adopted = 1").fetchone()
    return ArchiveFigures(size, articles, versions, raw_pages, raw_bytes, raw_stored, fetches, dictionaries)


def version_counts(db: Path, urls: Iterable[str]) -> dict[str, int]:
    """URL -> version_count of its article (0 when the archive does not know the URL)."""
    out = {}
    with closing(_connect(db)) as con:
        for url in urls:
            row = con.execute(
                "SELECT a.version_count FROM article_urls u JOIN articles a ON a.id = u.article_id"
                " WHERE u.canonical_url = ? LIMIT 1",
                [canonical_url(url)],
            ).fetchone()
            out[url] = int(row[0]) if row else 0
    return out


def changed_articles(db: Path) -> int:
    """Articles with more than one version (edits caught, and any false change)."""
    with closing(_connect(db)) as con:
        return int(con.execute("SELECT count(*) FROM articles WHERE version_count > 1").fetchone()[0])


def _connect(db: Path) -> sqlite3.Connection:
    if not db.exists():
        raise FileNotFoundError(f"no archive at {db}: did the crawl start?")
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)
