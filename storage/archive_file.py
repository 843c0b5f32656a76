"""What a ``--db`` path holds, checked before anything opens it: an archive, nothing yet, or something else.

Sits in front of ``Store`` and ``queries``: the CLI calls ``check_archive_file`` first, so that a folder, a
text file or another program's SQLite database gets one clear message instead of a traceback, and is never
written to (opening it as a Store would apply the archive's migrations to it).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
ARCHIVE_TABLES = frozenset({"articles", "crawl_runs", "raw_pages"})  # made by the first migration


class ArchiveFileError(ValueError):
    """The path cannot be used as the archive; the message names the path and says why."""


def _not_archive(path: Path, why: str) -> ArchiveFileError:
    return ArchiveFileError(f"{path}: not an SQLite archive ({why})")


def check_archive_file(db: str | os.PathLike[str], *, create: bool = False) -> None:
    """Raise ArchiveFileError unless ``db`` is an archive, or (``create``) a place a new one may be made:
    a missing file in a folder, an empty file or an SQLite database without tables."""
    path = Path(db)
    if path.is_dir():
        raise _not_archive(path, "it is a folder")
    if not path.exists():
        if not create:
            raise ArchiveFileError(f"{path}: no archive here yet (run newsarchive crawl or make demo)")
        ancestor = next(p for p in path.parents if p.exists())
        if not ancestor.is_dir():
            raise _not_archive(path, f"{ancestor} is not a folder")
        return
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _not_archive(path, f"cannot read it: {exc.strerror or exc}") from None
    if not head:
        if create:
            return
        raise _not_archive(path, "an empty file")
    if head != SQLITE_HEADER:
        raise _not_archive(path, "the file does not start with SQLite's header")
    tables = _tables(path)
    if not tables and create:
        return
    if not tables >= ARCHIVE_TABLES:
        held = f"; it holds {', '.join(sorted(tables)[:5])}" if tables else ""
        raise _not_archive(path, f"an SQLite database without newsarchive's tables{held}")


def _tables(path: Path) -> set[str]:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _not_archive(path, f"unreadable: {exc}") from None
    return {row[0] for row in rows}
