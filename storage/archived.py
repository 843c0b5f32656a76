"""The archived copy of a page, read back for a person: the exact bytes (decompressed by ``RawArchive``, with
the site's zstd dictionary when it has one), what was archived about them, and how to serve them safely.

Read side only: the Datasette plugin's ``/DB/-/archived/SHA`` (banner + sandboxed frame) and ``/DB/-/raw/SHA``
(the bytes) routes call ``archived_copy`` with a plain sqlite3 connection. An archived page is hostile until
shown otherwise: it is always served under ``SANDBOX_CSP`` (no script runs, nothing is fetched from outside,
not even its own images and stylesheets, which would reach the live site).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlite_utils import Database

from .history import rows
from .rawpages import RawArchive

SANDBOX_CSP = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
)
_SHA = re.compile(r"^[0-9a-f]{64}$")
_EXTENSIONS = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf"}


@dataclass(frozen=True, slots=True)
class ArchivedCopy:
    sha256: str
    body: bytes
    meta: dict[str, Any]  # the raw_pages row without data: url, site, content_type, status, first_fetched_at
    fetches: int  # how many fetches returned these bytes
    last_fetched_at: str | None
    encoding: str | None  # the encoding the extractor decoded them with, when an article came from them
    articles: tuple[dict[str, Any], ...]  # {id, title} of the articles extracted from them

    @property
    def media_type(self) -> str:
        """The archived Content-Type; for text without a charset, the one the extractor used is added."""
        ctype = (self.meta.get("content_type") or "").strip() or "application/octet-stream"
        if "charset=" not in ctype.lower() and self.encoding and _is_text(ctype):
            ctype += f"; charset={self.encoding}"
        return ctype

    @property
    def filename(self) -> str:
        """A file name for downloads: the URL's last path segment, else the hash, with a fitting extension."""
        path = unquote(urlsplit(self.meta.get("url") or "").path)
        name = re.sub(r"[^\w.-]+", "_", path.rstrip("/").rsplit("/", 1)[-1])[:80].strip("._")
        base = self.meta.get("content_type", "") or ""
        ext = _EXTENSIONS.get(base.split(";")[0].strip().lower(), "")
        if not name:
            name = self.sha256[:16]
        return name if "." in name or not ext else name + ext


def _is_text(ctype: str) -> bool:
    base = ctype.split(";")[0].strip().lower()
    return (
        base.startswith("text/") or base.endswith("+xml") or base in ("application/xml", "application/json")
    )


def archived_copy(conn: sqlite3.Connection, sha256: str) -> ArchivedCopy | None:
    """The archived page with this sha256, decompressed and verified, or None when there is none."""
    if not _SHA.match(sha256):
        return None
    found = rows(
        conn,
        "SELECT sha256, size, content_type, status, headers, url, site, first_fetched_at, compression"
        " FROM raw_pages WHERE sha256 = ?",
        [sha256],
    )
    if not found:
        return None
    body = RawArchive(Database(conn)).body(sha256)
    count, last = conn.execute(
        "SELECT count(*), max(fetched_at) FROM fetches WHERE raw_sha256 = ?", [sha256]
    ).fetchone()
    articles = rows(
        conn,
        "SELECT DISTINCT a.id, a.title, v.encoding"
        " FROM article_versions v JOIN articles a ON a.id = v.article_id"
        " WHERE v.raw_sha256 = ? ORDER BY a.id",
        [sha256],
    )
    encoding = next((a["encoding"] for a in articles if a["encoding"]), None)
    return ArchivedCopy(
        sha256=sha256,
        body=body,
        meta=found[0],
        fetches=int(count or 0),
        last_fetched_at=last,
        encoding=encoding,
        articles=tuple({"id": a["id"], "title": a["title"]} for a in articles),
    )
