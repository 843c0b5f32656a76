"""Article rows and their versions: insert an article, add version N+1, mark it seen, link near-duplicates.

Called by ``Store.save_article`` (and ``crawler.reextract`` through it) inside one write transaction.
``articles`` holds the latest fields; ``article_versions`` is append-only and gets a row only when the content
hash differs from the latest version's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from . import simhash as sh
from .diff import changed_fields, version_diff
from .fields import EXTRA_COLUMN, PART_FIELDS, RECORD_FIELD_NAMES, STORED_FIELDS
from .hashing import normalize_text

# Record keys with a column of their own (or deliberately not stored per article: url is the identity,
# warnings a per-version column). Any other key a newer extractor adds is kept in ``extra`` (JSON).
_KNOWN_KEYS = {*STORED_FIELDS, *RECORD_FIELD_NAMES}


def record_values(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record's column values: parts as JSON text, missing fields as None."""
    out: dict[str, Any] = {}
    for name in STORED_FIELDS:
        value = record.get(name)
        if name == EXTRA_COLUMN:
            extra = {k: v for k, v in record.items() if k not in _KNOWN_KEYS}
            value = json.dumps(extra, ensure_ascii=False, sort_keys=True, default=str) if extra else None
        elif name in PART_FIELDS:
            value = json.dumps(list(value or ()), ensure_ascii=False)
        elif value is not None and not isinstance(value, str | int | float):
            value = str(value)
        out[name] = value
    return out


@dataclass(frozen=True, slots=True)
class Observation:
    """One save's context: where the record came from and when."""

    site: str
    url: str  # the page's effective URL
    content_hash: str
    raw_sha256: str
    fetch_id: int | None
    observed_at: str
    run_id: int | None
    reason: str


def insert_article(db: Database, identity: str, values: dict[str, Any], obs: Observation) -> int:
    cursor = db.execute(
        f"INSERT INTO articles (url, site, {', '.join(STORED_FIELDS)}, content_hash, raw_sha256,"
        " first_seen_at, last_seen_at, last_fetched_at, last_changed_at, version_count, status)"
        f" VALUES (?, ?, {', '.join('?' for _ in STORED_FIELDS)}, ?, ?, ?, ?, ?, ?, 1, 'live')",
        [
            identity,
            obs.site,
            *values.values(),
            obs.content_hash,
            obs.raw_sha256,
            obs.observed_at,
            obs.observed_at,
            obs.observed_at,
            obs.observed_at,
        ],
    )
    return int(cursor.lastrowid or 0)


def latest_version(db: Database, article_id: int) -> dict[str, Any] | None:
    cursor = db.execute(
        "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version DESC LIMIT 1", [article_id]
    )
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def _as_record(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for name in PART_FIELDS:
        if isinstance(out.get(name), str):
            out[name] = json.loads(out[name])
    return out


def add_version(
    db: Database,
    article_id: int,
    values: dict[str, Any],
    record: Mapping[str, Any],
    obs: Observation,
    previous: Mapping[str, Any] | None,
) -> tuple[int, list[str]]:
    """Append version N+1 (1 when ``previous`` is None: the fields are already the article's) and make it the
    article's latest fields."""
    number = (previous["version"] + 1) if previous else 1
    fields = changed_fields(_as_record(previous), record) if previous else []
    diff = (
        version_diff(_as_record(previous), record, fields, old_label=f"v{number - 1}", new_label=f"v{number}")
        if previous
        else None
    )
    warnings = json.dumps(list(record.get("warnings") or ()), ensure_ascii=False)
    db.execute(
        f"INSERT INTO article_versions (article_id, version, content_hash, raw_sha256, fetch_id, url,"
        f" {', '.join(STORED_FIELDS)}, warnings, reason, changed_fields, diff, observed_at, run_id)"
        f" VALUES (?, ?, ?, ?, ?, ?, {', '.join('?' for _ in STORED_FIELDS)}, ?, ?, ?, ?, ?, ?)",
        [
            article_id,
            number,
            obs.content_hash,
            obs.raw_sha256,
            obs.fetch_id,
            obs.url,
            *values.values(),
            warnings,
            obs.reason,
            json.dumps(fields),
            diff,
            obs.observed_at,
            obs.run_id,
        ],
    )
    if previous is None:
        return number, fields
    sets = ", ".join(f"{name} = ?" for name in STORED_FIELDS)
    db.execute(
        f"UPDATE articles SET {sets}, content_hash = ?, version_count = ?, last_changed_at = ? WHERE id = ?",
        [*values.values(), obs.content_hash, number, obs.observed_at, article_id],
    )
    return number, fields


def mark_seen(db: Database, article_id: int, *, at: str, raw_sha256: str | None = None) -> None:
    """A fetch showed the article alive: last_seen_at/last_fetched_at move forward, never back."""
    db.execute(
        "UPDATE articles SET last_seen_at = max(last_seen_at, ?),"
        " last_fetched_at = max(coalesce(last_fetched_at, ''), ?),"
        " raw_sha256 = coalesce(?, raw_sha256) WHERE id = ?",
        [at, at, raw_sha256, article_id],
    )


def bring_back(db: Database, article_id: int, *, at: str, run_id: int | None, detail: str) -> bool:
    """If the article was marked gone, make it live again and record the reappearance. True if it was gone."""
    row = db.execute("SELECT status, gone_at FROM articles WHERE id = ?", [article_id]).fetchone()
    if not row or row[0] != "gone":
        return False
    db.execute("UPDATE articles SET status = 'live', gone_at = NULL WHERE id = ?", [article_id])
    add_event(db, article_id, "back", at=at, run_id=run_id, detail=f"{detail} (gone since {row[1]})")
    return True


def add_event(
    db: Database, article_id: int, event: str, *, at: str, run_id: int | None, detail: str | None = None
) -> None:
    db.execute(
        "INSERT INTO article_events (article_id, event, at, run_id, detail) VALUES (?, ?, ?, ?, ?)",
        [article_id, event, at, run_id, detail],
    )


def index_simhash(db: Database, article_id: int, site: str, text: str | None, at: str) -> int:
    """Store the article's simhash and bands; link other-site articles within MAX_DISTANCE.

    Returns the number of links made."""
    value = sh.simhash(normalize_text(text))
    db.execute("DELETE FROM simhash_bands WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM near_duplicates WHERE article_id = ? OR other_id = ?", [article_id, article_id])
    db.execute(
        "UPDATE articles SET simhash = ? WHERE id = ?",
        [sh.to_signed(value) if value is not None else None, article_id],
    )
    if value is None:
        return 0
    bands = sh.bands(value)
    db.conn.executemany(
        "INSERT INTO simhash_bands (band, article_id, site) VALUES (?, ?, ?)",
        [(band, article_id, site) for band in bands],
    )
    marks = ", ".join("?" for _ in bands)
    candidates = db.execute(
        f"SELECT a.id, a.simhash FROM articles a WHERE a.id IN (SELECT b.article_id FROM simhash_bands b"
        f" WHERE b.band IN ({marks}) AND b.site != ? AND b.article_id != ?"
        f" GROUP BY b.article_id HAVING count(*) >= ?)",
        [*bands, site, article_id, sh.MIN_SHARED_BANDS],
    )
    links = [
        (other, sh.distance(value, other_hash)) for other, other_hash in candidates if other_hash is not None
    ]
    rows = []
    for other, dist in links:
        if dist <= sh.MAX_DISTANCE:
            rows += [(article_id, other, dist, at), (other, article_id, dist, at)]
    if rows:
        db.conn.executemany(
            "INSERT OR REPLACE INTO near_duplicates (article_id, other_id, distance, found_at)"
            " VALUES (?, ?, ?, ?)",
            rows,
        )
    return len(rows) // 2
