"""Articles out of the archive for scripts and spreadsheets: JSON Lines or CSV (``newsarchive export``).

Reads ``articles`` (the latest version of each article; ``article_versions`` keeps the history) and writes one
line or row per article, oldest first. The CLI opens the output; this module only formats. CSV can start with
a UTF-8 byte order mark, which spreadsheet programs need to read Chinese as UTF-8.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sqlite3
from typing import IO, Any

from .history import json_list

FORMATS = ("jsonl", "csv")
COLUMNS = (
    "id",
    "url",
    "site",
    "title",
    "published",
    "modified",
    "source",
    "author",
    "editor",
    "language",
    "status",
    "first_seen_at",
    "last_changed_at",
    "version_count",
    "gone_at",
    "attachments",
    "images",
    "text",
)
_LIST_COLUMNS = ("attachments", "images")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$")

_SQL = f"""
SELECT {", ".join("a." + c for c in COLUMNS)} FROM articles a
WHERE (:site IS NULL OR a.site = :site)
  AND (:since IS NULL OR coalesce(a.published, a.first_seen_at) >= :since)
  AND (:until IS NULL OR coalesce(a.published, a.first_seen_at) < :until)
ORDER BY coalesce(a.published, a.first_seen_at), a.id
"""


def check_date(value: str | None, name: str) -> str | None:
    """``value`` when it is an ISO 8601 date or date-time (``2026``, ``2026-11``, ``2026-11-20T08:00``)."""
    if value is None:
        return None
    text = value.strip()
    padded = text + "-01-01"[len(text) - 4 :] if len(text) in (4, 7) else text
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        dt.datetime.fromisoformat(padded.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{name} must be an ISO 8601 date such as 2026-11-20, not {value!r}") from None
    return text


def export_articles(
    conn: sqlite3.Connection,
    out: IO[str],
    *,
    fmt: str,
    site: str | None = None,
    since: str | None = None,
    until: str | None = None,
    bom: bool = False,
) -> int:
    """Write the matching articles to ``out`` as ``fmt`` (jsonl or csv); returns how many.

    ``since``/``until`` select by publication date (first-seen time when the page gave none): at or after
    ``since``, before ``until``. ``bom`` starts CSV output with a UTF-8 byte order mark."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    params = {"site": site, "since": check_date(since, "since"), "until": check_date(until, "until")}
    cursor = conn.execute(_SQL, params)
    writer = None
    if fmt == "csv":
        if bom:
            out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
    count = 0
    for row in cursor:
        if writer is not None:
            writer.writerow(row)
        else:
            out.write(json.dumps(_record(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def _record(row: tuple[Any, ...]) -> dict[str, Any]:
    record = dict(zip(COLUMNS, row, strict=True))
    for name in _LIST_COLUMNS:
        record[name] = json_list(record[name])
    return record
