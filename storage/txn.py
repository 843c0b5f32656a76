"""Write transactions for the archive: ``BEGIN IMMEDIATE``, commit on success, roll back on any exception.

Every Store write goes through ``write_transaction``. Why not plain ``db.atomic()``: sqlite-utils opens
a deferred ``BEGIN``; in WAL mode a deferred transaction that has read and then wants to write fails at
once with SQLITE_BUSY (the busy timeout does not apply) if another process (a second cron crawl,
``reextract``) committed in between. ``BEGIN IMMEDIATE`` takes the write lock first, waiting up to the
busy timeout, so concurrent writers queue instead of failing. Nested calls become savepoints through
``db.atomic()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
