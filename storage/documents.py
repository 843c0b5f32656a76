"""Documents: files (PDF, DOC, OFD...) linked from listing pages, archived raw, one ``documents`` row per URL.

Called by ``Store.save_document`` inside its write transaction, after the body went to ``raw_pages`` and the
fetch to ``fetches``. Every distinct body stays in the raw archive; the row points at the latest one and
counts how often the bytes changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlite_utils import Database

DocumentStatus = Literal["new", "changed", "unchanged"]


@dataclass(frozen=True, slots=True)
class DocumentSeen:
    url: str  # identity (canonical) URL
    site: str
    sha256: str
    size: int
    content_type: str | None
    at: str
    title: str | None = None
    date: str | None = None
    listing_url: str | None = None


def upsert_document(db: Database, doc: DocumentSeen) -> DocumentStatus:
    row = db.execute("SELECT id, raw_sha256 FROM documents WHERE url = ?", [doc.url]).fetchone()
    if row is None:
        db.execute(
            "INSERT INTO documents (url, site, title, date, listing_url, content_type, size, raw_sha256,"
            " first_seen_at, last_seen_at, last_changed_at, change_count)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            [doc.url, doc.site, doc.title, doc.date, doc.listing_url, doc.content_type, doc.size, doc.sha256,
             doc.at, doc.at, doc.at],
        )  # fmt: skip
        return "new"
    changed = row[1] != doc.sha256
    db.execute(
        "UPDATE documents SET last_seen_at = max(last_seen_at, ?), title = coalesce(?, title),"
        " date = coalesce(?, date), raw_sha256 = ?, size = ?,"
        " last_changed_at = CASE WHEN ? THEN ? ELSE last_changed_at END,"
        " change_count = change_count + ? WHERE id = ?",
        [doc.at, doc.title, doc.date, doc.sha256, doc.size, changed, doc.at, int(changed), row[0]],
    )
    return "changed" if changed else "unchanged"
