"""What a crawl remembers between runs: validators for conditional GET, missing-page strikes, and how many
links each listing page gave last time.

The archive writer records them (``Store.mark_not_modified_many`` for 304s, ``mark_missing`` for 404/410s,
``save_listing_state``, and the validators of every 200); ``storage.state`` reads them back for the next
run. All of it lives in the archive, so a killed or repeated crawl loses nothing. ``url_state`` is keyed by
canonical URL.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from sqlite_utils import Database

from .articles import add_event, bring_back, mark_seen
from .identity import UrlResolver
from .rawpages import first_header
from .urls import canonical_url

MissingVerdict = Literal["strike", "gone", "already-gone", "unknown"]
GONE_AFTER = 2  # consecutive 404/410 answers, in different runs, before an article is marked gone


def record_validators(
    db: Database, page: Any, urls: Iterable[str], *, site: str | None, fetched_at: str
) -> None:
    """After a 200: remember ETag/Last-Modified for ``urls`` (the canonical requested and final URL), and
    clear missing strikes."""
    etag = first_header(page.headers, "ETag")
    last_modified = first_header(page.headers, "Last-Modified")
    for url in urls:
        db.execute(
            "INSERT INTO url_state"
            " (url, site, etag, last_modified, last_status, last_fetched_at, missing_strikes)"
            " VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT (url) DO UPDATE SET site = excluded.site,"
            " etag = excluded.etag, last_modified = excluded.last_modified,"
            " last_status = excluded.last_status,"
            " last_fetched_at = excluded.last_fetched_at, missing_strikes = 0, missing_run_id = NULL,"
            " missing_since = NULL",
            [url, site, etag, last_modified, page.status, fetched_at],
        )


def validators(db: Database, url: str) -> tuple[str | None, str | None] | None:
    row = db.execute(
        "SELECT etag, last_modified FROM url_state WHERE url = ?", [canonical_url(url)]
    ).fetchone()
    if row is None or (row[0] is None and row[1] is None):
        return None
    return row[0], row[1]


def not_modified(
    db: Database, resolver: UrlResolver, url: str, *, site: str, run_id: int | None, fetched_at: str
) -> int | None:
    """A 304: the article is alive and unchanged. Returns its id (None if the URL is no article's)."""
    db.execute(
        "UPDATE url_state SET last_status = 304, last_fetched_at = ?, missing_strikes = 0,"
        " missing_run_id = NULL, missing_since = NULL WHERE url = ?",
        [fetched_at, canonical_url(url)],
    )
    article_id = resolver.find(site, [url])
    if article_id is not None:
        mark_seen(db, article_id, at=fetched_at)
        bring_back(db, article_id, at=fetched_at, run_id=run_id, detail=f"answered 304 at {url}")
    return article_id


def missing(
    db: Database,
    resolver: UrlResolver,
    url: str,
    *,
    site: str,
    run_id: int | None,
    status: int,
    fetched_at: str,
    reason: str | None = None,
) -> tuple[MissingVerdict, int | None]:
    """A 404/410 (or a ``reason`` such as soft-404 for a 200 that is no article): one strike; the
    GONE_AFTER-th consecutive strike (another run) marks the article gone."""
    what = f"HTTP {status}" + (f" ({reason})" if reason else "")
    key = canonical_url(url)
    article_id = resolver.find(site, [url])
    row = db.execute(
        "SELECT missing_strikes, missing_run_id, missing_since FROM url_state WHERE url = ?", [key]
    ).fetchone()
    strikes, last_run, since = row if row else (0, None, None)
    same_run = run_id is not None and last_run == run_id and strikes > 0
    if not same_run:
        strikes += 1
        since = since or fetched_at
    db.execute(
        "INSERT INTO url_state (url, site, last_status, last_fetched_at, missing_strikes, missing_run_id,"
        " missing_since) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
        " last_status = excluded.last_status, last_fetched_at = excluded.last_fetched_at,"
        " missing_strikes = excluded.missing_strikes, missing_run_id = excluded.missing_run_id,"
        " missing_since = excluded.missing_since",
        [key, site, status, fetched_at, strikes, run_id, since],
    )
    if article_id is None:
        return "unknown", None
    current = db.execute("SELECT status FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    if current == "gone":
        return "already-gone", article_id
    if strikes < GONE_AFTER:
        if not same_run:
            add_event(db, article_id, "missing", at=fetched_at, run_id=run_id, detail=f"{what} at {url}")
        return "strike", article_id
    db.execute("UPDATE articles SET status = 'gone', gone_at = ? WHERE id = ?", [fetched_at, article_id])
    add_event(
        db,
        article_id,
        "gone",
        at=fetched_at,
        run_id=run_id,
        detail=f"{what} at {url}, {strikes} consecutive checks since {since}",
    )
    return "gone", article_id


def listing_state(db: Database, site: str, url: str) -> dict[str, Any] | None:
    cursor = db.execute("SELECT * FROM listing_state WHERE site = ? AND url = ?", [site, canonical_url(url)])
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None


def save_listing_state(db: Database, site: str, url: str, *, links: int, fetched_at: str) -> int | None:
    """Record how many article links a listing page gave; returns how many it gave the time before."""
    before = listing_state(db, site, url)
    db.execute(
        "INSERT INTO listing_state (site, url, links, fetched_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (site, url) DO UPDATE SET previous_links = listing_state.links,"
        " previous_fetched_at = listing_state.fetched_at, links = excluded.links,"
        " fetched_at = excluded.fetched_at",
        [site, canonical_url(url), links, fetched_at],
    )
    return int(before["links"]) if before else None
