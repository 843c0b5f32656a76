"""Timestamps for the archive: ISO 8601 UTC text, the only time format the store writes.

Used by every storage module; inputs from the crawler (``fetched_at``) pass through ``iso_utc`` so that rows
compare and sort as text.
"""

from __future__ import annotations

import datetime as dt


def now_iso() -> str:
    """The current time as ISO 8601 UTC with a ``Z`` suffix and second precision plus microseconds."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iso_utc(value: str | dt.datetime | None) -> str:
    """``value`` as ISO 8601 UTC text ending in ``Z``; the current time when ``value`` is None.

    Naive datetimes and strings without an offset are taken as UTC. A string that does not parse is kept
    as given (it is what the crawler said), so nothing is lost.
    """
    if value is None:
        return now_iso()
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return value
    else:
        parsed = value
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(value: str | None) -> dt.datetime | None:
    """An aware datetime from stored ISO text, or None."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
