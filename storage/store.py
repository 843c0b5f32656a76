"""Store: the archive's write API. Raw pages, fetches, articles with every version, runs, incremental state.

Data flow: the crawler's pipeline hands each fetched page and the record extracted from it to
``Store.save_article`` (one transaction per article); ``crawler.reextract`` re-runs extraction over stored
pages; Datasette and the CLI read the same file. ``page`` arguments are any object with the attributes of
``crawler.extract.page.RawPage`` (url, final_url, status, headers, body, fetched_at, method,
request_headers); storage never imports crawler. ``record`` arguments are mappings shaped like
``ArticleRecord.to_dict()``.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from . import articles as art
from . import incremental, runs, schema
from .contracts import ArchivedPage, FetchedPage, SaveResult, SaveStatus
from .documents import DocumentSeen, DocumentStatus, upsert_document
from .hashing import content_hash, normalize_text, sha256_hex
from .identity import UrlIdentity, UrlResolver
from .incremental import MissingVerdict
from .rawpages import RawArchive, first_header
from .state import KnownArticle, SiteState, known_articles, load_site_state
from .timeutil import iso_utc
from .txn import write_transaction
from .urls import canonical_url

logger = logging.getLogger(__name__)

DEFAULT_DB = "data/newsarchive.db"
ENV_DB = "NEWSARCHIVE_DB"
BUSY_TIMEOUT_MS = 30_000
MIN_MERGE_TEXT = 80  # characters of normalized text below which equal content never merges two URLs

__all__ = ["DEFAULT_DB", "FetchedPage", "KnownArticle", "SaveResult", "SiteState", "Store", "db_path"]


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The archive path: ``explicit`` if given, else $NEWSARCHIVE_DB, else DEFAULT_DB."""
    return Path(explicit or os.environ.get(ENV_DB) or DEFAULT_DB)


class Store:
    def __init__(self, path: str | os.PathLike[str] | None = None, *, dictionaries: bool = True) -> None:
        self.path = db_path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = Database(self.path)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if self.db.journal_mode != "wal":
            self.db.enable_wal()
        # FULL: every committed save survives a power cut too (NORMAL could lose the last ones); the fsync
        # per article costs ~3% of save throughput in bench/bench_store.py
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.execute("PRAGMA foreign_keys = ON")
        if schema.needs_update(self.db):
            with write_transaction(self.db):
                schema.apply(self.db)
        self.raw = RawArchive(self.db, use_dicts=dictionaries)
        self.urls = UrlResolver(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ runs

    def start_run(
        self, site: str, *, options: Mapping[str, Any] | None = None, started_at: str | None = None
    ) -> int:
        return runs.start_run(self.db, site, options=options, started_at=started_at)

    def finish_run(
        self,
        run_id: int,
        *,
        status: str,
        stats: Mapping[str, Any],
        finished_at: str | None = None,
        warnings: Iterable[str] = (),
        reasons: Mapping[str, Any] | None = None,
    ) -> None:
        """Close a run: status, counts, warnings and reasons (``storage.runs.reasons_json`` has the shape)."""
        runs.finish_run(
            self.db,
            run_id,
            status=status,
            stats=stats,
            finished_at=finished_at,
            warnings=warnings,
            reasons=reasons,
        )

    def close_stale_runs(self) -> int:
        return runs.close_stale_runs(self.db)

    def adopt_run(self, run_id: int) -> bool:
        return runs.adopt_run(self.db, run_id)

    # ------------------------------------------------------------------ pages without an article

    def save_page(self, page: FetchedPage, *, site: str, run_id: int | None, kind: str) -> str:
        """Archive a non-article fetch (listing, feed, sitemap, blocked answer). Returns the body's sha256."""
        fetched_at = iso_utc(page.fetched_at)
        with self._writing():
            sha = self.raw.put(page, site=site, fetched_at=fetched_at)
            self._log(page, sha, site=site, run_id=run_id, kind=kind, fetched_at=fetched_at)
            if page.status == 200:
                incremental.record_validators(
                    self.db, page, page_urls(page), site=site, fetched_at=fetched_at
                )
        self._after_write(site)
        return sha

    def save_failure(
        self,
        url: str,
        *,
        site: str,
        run_id: int | None,
        error: str,
        page: FetchedPage | None = None,
        kind: str = "error",
    ) -> None:
        """Record a fetch or extraction that failed; the page (if any) is archived all the same."""
        fetched_at = iso_utc(page.fetched_at if page is not None else None)
        with self._writing():
            if page is None:
                self.raw.log_fetch(
                    url=url,
                    status=None,
                    fetched_at=fetched_at,
                    run_id=run_id,
                    site=site,
                    kind=kind,
                    error=error,
                )
            else:
                sha = self.raw.put(page, site=site, fetched_at=fetched_at)
                self._log(page, sha, site=site, run_id=run_id, kind=kind, fetched_at=fetched_at, error=error)
        self._after_write(site)

    def save_document(
        self,
        page: FetchedPage,
        *,
        site: str,
        run_id: int | None,
        title: str | None = None,
        date: str | None = None,
        listing_url: str | None = None,
    ) -> DocumentStatus:
        """Archive a file linked from a listing (PDF, DOC...): raw bytes kept, a ``documents`` row per URL."""
        fetched_at = iso_utc(page.fetched_at)
        identity = self.urls.identity(site, page.final_url or page.url)
        with self._writing():
            sha = self.raw.put(page, site=site, fetched_at=fetched_at)
            self._log(page, sha, site=site, run_id=run_id, kind="document", fetched_at=fetched_at)
            if page.status == 200:
                incremental.record_validators(
                    self.db, page, page_urls(page), site=site, fetched_at=fetched_at
                )
            seen = DocumentSeen(
                identity,
                site,
                sha,
                len(page.body or b""),
                page_header(page, "Content-Type"),
                fetched_at,
                title,
                date,
                listing_url,
            )
            status = upsert_document(self.db, seen)
        self._after_write(site)
        return status

    # ------------------------------------------------------------------ articles

    def save_article(
        self,
        page: FetchedPage,
        record: Mapping[str, Any],
        *,
        site: str,
        run_id: int | None,
        reason: str = "crawl",
    ) -> SaveResult:
        """Archive the page and its record in one transaction: new article, new version, or only 'seen'.

        A version is added only when the record's content hash differs from the latest version's. If the page
        bytes are those of the latest version, the difference can only come from the extractor, so the
        version's reason is 'reextract' whatever ``reason`` says. With ``reason='reextract'`` the page must be
        one already archived for this article: no fetch is logged and the article is not marked seen (a
        re-extraction is not a visit to the site); the version's observed_at is the time of re-extraction.
        """
        if reason not in ("crawl", "reextract"):
            raise ValueError(f"save_article: reason must be 'crawl' or 'reextract', got {reason!r}")
        if reason == "reextract":
            return self._save_reextracted(page, record, site=site, run_id=run_id)
        fetched_at = iso_utc(page.fetched_at)
        chash = content_hash(record)
        with self._writing():
            sha = self.raw.put(page, site=site, fetched_at=fetched_at)
            ident = self.urls.resolve(site, page.url, page.final_url, at=fetched_at)
            article_id, url_added = self._find_or_merge(ident, record, chash, at=fetched_at)
            previous = art.latest_version(self.db, article_id) if article_id is not None else None
            if article_id is None:
                obs = self._obs(page, record, chash, sha, None, fetched_at, run_id, site, "crawl")
                article_id = art.insert_article(self.db, ident.identity, art.record_values(record), obs)
                self.urls.attach(article_id, site, [(ident.identity, "canonical")], fetched_at)
            fetch_id, back = self._sighting(
                page, sha, article_id, ident, run_id=run_id, how="same-content" if url_added else None
            )
            if previous is not None and previous["content_hash"] == chash:
                result = SaveResult(
                    "unchanged", article_id, previous["version"], url_added=url_added, back=back
                )
            else:
                same_bytes = previous is not None and previous["raw_sha256"] == sha
                reason = "reextract" if same_bytes else "crawl"  # same bytes: only the extractor can differ
                obs = self._obs(page, record, chash, sha, fetch_id, fetched_at, run_id, site, reason)
                result = self._add_version(article_id, record, obs, previous, url_added=url_added, back=back)
        self._after_write(site)
        return result

    def _sighting(
        self,
        page: FetchedPage,
        sha: str,
        article_id: int,
        ident: UrlIdentity,
        *,
        run_id: int | None,
        how: str | None,
    ) -> tuple[int, bool]:
        """The fetch row, the URLs, last_seen_at, a 'back' event if it was gone, the validators.

        Returns (fetch id, whether the article came back)."""
        at = iso_utc(page.fetched_at)
        fetch_id = self._log(
            page, sha, site=ident.site, run_id=run_id, kind="article", fetched_at=at, article_id=article_id
        )
        self.urls.attach_identity(article_id, ident, how, at)
        art.mark_seen(self.db, article_id, at=at, raw_sha256=sha)
        back = art.bring_back(
            self.db, article_id, at=at, run_id=run_id, detail=f"answered {page.status} at {ident.final}"
        )
        if page.status == 200:
            incremental.record_validators(self.db, page, ident.canonical_urls, site=ident.site, fetched_at=at)
        return fetch_id, back

    def _find_or_merge(
        self, ident: UrlIdentity, record: Mapping[str, Any], chash: str, *, at: str
    ) -> tuple[int | None, bool]:
        """The article this page belongs to: by URL, else (for a new URL) the same site's article with the
        same content (print view, second column, http/https twin).

        Returns (article id or None, whether it was found by content)."""
        if ident.article_id is not None or len(normalize_text(record.get("text"))) < MIN_MERGE_TEXT:
            return ident.article_id, False
        twin = self.urls.same_content(ident.site, chash)
        if twin is None:
            return None, False
        self.urls.learn_alias(ident.site, ident.final, twin[1], at, f"same content as article {twin[0]}")
        return twin[0], True

    def _add_version(
        self,
        article_id: int,
        record: Mapping[str, Any],
        obs: art.Observation,
        previous: Mapping[str, Any] | None,
        *,
        url_added: bool = False,
        back: bool = False,
    ) -> SaveResult:
        number, fields = art.add_version(
            self.db, article_id, art.record_values(record), record, obs, previous
        )
        art.index_simhash(self.db, article_id, obs.site, record.get("text"), obs.observed_at)
        status: SaveStatus = "new" if previous is None else "changed"
        return SaveResult(status, article_id, number, tuple(fields), obs.reason, url_added, back)

    def _save_reextracted(
        self, page: FetchedPage, record: Mapping[str, Any], *, site: str, run_id: int | None
    ) -> SaveResult:
        article_id = self.urls.find(site, [page.final_url or page.url, page.url])
        if article_id is None:
            raise KeyError(f"reextract: no archived article for {page.url} on site {site}")
        return self.save_reextracted(article_id, page, record, run_id=run_id)

    def save_reextracted(
        self, article_id: int, page: FetchedPage, record: Mapping[str, Any], *, run_id: int | None = None
    ) -> SaveResult:
        """Add a 'reextract' version to ``article_id`` if ``record`` (made from the archived ``page``) differs
        from its latest version. Logs no fetch and does not mark the article seen."""
        sha = page_sha256(page)
        chash = content_hash(record)
        with self._writing():
            row = self.db.execute(
                "SELECT f.id, a.site FROM fetches f JOIN articles a ON a.id = f.article_id"
                " WHERE f.article_id = ? AND f.raw_sha256 = ? ORDER BY f.fetched_at DESC,"
                " f.id DESC LIMIT 1",
                [article_id, sha],
            ).fetchone()
            if row is None:
                raise KeyError(f"reextract: page {sha} was never fetched for article {article_id}")
            previous = art.latest_version(self.db, article_id)
            if previous is not None and previous["content_hash"] == chash:
                return SaveResult("unchanged", article_id, previous["version"], reason="reextract")
            obs = self._obs(page, record, chash, sha, int(row[0]), iso_utc(None), run_id, row[1], "reextract")
            return self._add_version(article_id, record, obs, previous)

    @staticmethod
    def _obs(
        page: FetchedPage,
        record: Mapping[str, Any],
        chash: str,
        sha: str,
        fetch_id: int | None,
        at: str,
        run_id: int | None,
        site: str,
        reason: str,
    ) -> art.Observation:
        url = record.get("url") or page.final_url or page.url
        return art.Observation(site, url, chash, sha, fetch_id, at, run_id, reason)

    # ------------------------------------------------------------------ incremental state

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """(ETag, Last-Modified) from the last 200 of ``url``, for a conditional GET; None if neither."""
        return incremental.validators(self.db, url)

    def mark_not_modified(
        self, url: str, *, site: str, run_id: int | None, fetched_at: str | None
    ) -> int | None:
        """A 304 for ``url``: logs the fetch, marks its article seen. Returns the article id (or None)."""
        return self.mark_not_modified_many([(url, fetched_at)], site=site, run_id=run_id)[0]

    def mark_not_modified_many(
        self, answers: Sequence[tuple[str, str | None]], *, site: str, run_id: int | None
    ) -> list[int | None]:
        """Many 304s, as (url, fetched_at), in one transaction: a revalidation run answers thousands."""
        ids: list[int | None] = []
        with self._writing():
            for url, fetched_at in answers:
                at = iso_utc(fetched_at)
                article_id = incremental.not_modified(
                    self.db, self.urls, url, site=site, run_id=run_id, fetched_at=at
                )
                self.raw.log_fetch(
                    url=url,
                    status=304,
                    fetched_at=at,
                    run_id=run_id,
                    site=site,
                    kind="article",
                    article_id=article_id,
                )
                ids.append(article_id)
        return ids

    def mark_missing(
        self,
        url: str,
        *,
        site: str,
        run_id: int | None,
        status: int,
        fetched_at: str | None,
        page: FetchedPage | None = None,
        reason: str | None = None,
    ) -> MissingVerdict:
        """A 404/410 for ``url`` (or a page that answered 200 but is no article, e.g. a soft 404: ``page`` is
        archived raw and ``reason`` says why): 'strike' the first time, 'gone' the second consecutive time
        (another run); 'already-gone' if it was; 'unknown' if the URL is no article's. Nothing is ever
        deleted, and the page never becomes a version of the article."""
        at = iso_utc(fetched_at)
        with self._writing():
            verdict, article_id = incremental.missing(
                self.db, self.urls, url, site=site, run_id=run_id, status=status, fetched_at=at, reason=reason
            )
            if page is None:
                self.raw.log_fetch(
                    url=url,
                    status=status,
                    fetched_at=at,
                    run_id=run_id,
                    site=site,
                    kind="article",
                    article_id=article_id,
                    error=reason,
                )
            else:
                sha = self.raw.put(page, site=site, fetched_at=at)
                self._log(
                    page,
                    sha,
                    site=site,
                    run_id=run_id,
                    kind="article",
                    fetched_at=at,
                    article_id=article_id,
                    error=reason,
                )
        self._after_write(site)
        return verdict

    def known_articles(self, site: str) -> dict[str, KnownArticle]:
        """Each canonical URL (and aliased form) of the site's articles -> KnownArticle. Load once per run."""
        return known_articles(self.db, self.urls, site)

    def site_state(self, site: str) -> SiteState:
        """What a crawl of ``site`` reads from the archive (known articles, validators, aliases, last full
        walk): loaded once when its run opens."""
        return load_site_state(self.db, self.urls, site)

    def listing_state(self, site: str, url: str) -> dict[str, Any] | None:
        """{'links', 'fetched_at', 'previous_links', 'previous_fetched_at', ...} of a listing, or None."""
        return incremental.listing_state(self.db, site, url)

    def save_listing_state(self, site: str, url: str, *, links: int, fetched_at: str | None) -> int | None:
        """Record a listing page's article-link count; returns the count it had before (None: first time)."""
        with self._writing():
            return incremental.save_listing_state(
                self.db, site, url, links=links, fetched_at=iso_utc(fetched_at)
            )

    # ------------------------------------------------------------------ reading

    def raw_body(self, sha256: str) -> bytes:
        """The archived bytes with this sha256 (verified). KeyError if absent."""
        return self.raw.body(sha256)

    def article(self, article_id: int) -> dict[str, Any] | None:
        rows = list(self.db["articles"].rows_where("id = ?", [article_id]))
        return rows[0] if rows else None

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        return list(
            self.db["article_versions"].rows_where("article_id = ?", [article_id], order_by="version")
        )

    def latest_pages(
        self, *, site: str | None = None, since: Any = None, until: Any = None
    ) -> Iterator[ArchivedPage]:
        """Each matching article's latest archived page, as it was fetched (bytes, headers, URLs): what
        ``newsarchive reextract`` re-reads. ``since``/``until`` (ISO text, date or datetime; until exclusive)
        select by the fetch time of that page."""
        params = {
            "site": site,
            "since": iso_utc(since) if since else None,
            "until": iso_utc(until) if until else None,
        }
        for row in self.db.execute(_LATEST_PAGES, params).fetchall():
            article_id, page_site, url, final_url, status, method, headers, request_headers, at, sha = row
            yield ArchivedPage(
                article_id=article_id,
                site=page_site,
                url=url,
                final_url=final_url,
                status=status or 200,
                headers=_pairs(headers),
                body=self.raw_body(sha),
                fetched_at=at,
                method=method or "GET",
                request_headers=_pairs(request_headers),
            )

    def site_names(self) -> set[str]:
        """Every site the archive has articles or runs of."""
        return {r[0] for r in self.db.execute("SELECT site FROM articles UNION SELECT site FROM crawl_runs")}

    def article_id_for(self, url: str, site: str) -> int | None:
        return self.urls.find(site, [url])

    # ------------------------------------------------------------------ internals

    @contextmanager
    def _writing(self) -> Iterator[Database]:
        """One write transaction; on failure, caches that may hold uncommitted state are dropped."""
        try:
            with write_transaction(self.db) as db:
                yield db
        except BaseException:
            self.urls = UrlResolver(self.db)
            self.raw.forget_state()
            raise

    def _after_write(self, site: str | None) -> None:
        if self.raw.wants_training(site):
            try:
                self.raw.train_site(site or "")
            except Exception:  # a failed trial must never fail the crawl; pages stay plain zstd
                logger.exception("site %s: zstd dictionary trial failed", site)

    def _log(
        self,
        page: FetchedPage,
        sha: str | None,
        *,
        site: str,
        run_id: int | None,
        kind: str,
        fetched_at: str,
        article_id: int | None = None,
        error: str | None = None,
    ) -> int:
        return self.raw.log_fetch(
            url=page.url,
            final_url=page.final_url,
            method=getattr(page, "method", "GET"),
            status=page.status,
            request_headers=getattr(page, "request_headers", ()),
            response_headers=page.headers,
            raw_sha256=sha,
            fetched_at=fetched_at,
            run_id=run_id,
            site=site,
            kind=kind,
            article_id=article_id,
            error=error,
            request_body=getattr(page, "request_body", None),
        )


_LATEST_PAGES = """
SELECT a.id, a.site, f.url, f.final_url, f.status, f.method, f.response_headers, f.request_headers,
       f.fetched_at, a.raw_sha256
FROM articles a
JOIN fetches f ON f.id = (SELECT id FROM fetches WHERE article_id = a.id AND raw_sha256 = a.raw_sha256
                          ORDER BY fetched_at DESC, id DESC LIMIT 1)
WHERE (:site IS NULL OR a.site = :site)
  AND (:since IS NULL OR f.fetched_at >= :since)
  AND (:until IS NULL OR f.fetched_at < :until)
ORDER BY a.id
"""


def _pairs(value: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in json.loads(value or "[]"))


def page_urls(page: FetchedPage) -> tuple[str, ...]:
    """The canonical forms of a page's requested and final URL."""
    return tuple(dict.fromkeys(canonical_url(u) for u in (page.url, page.final_url or page.url)))


def page_header(page: Any, name: str) -> str | None:
    return first_header(page.headers, name)


def page_sha256(page: Any) -> str:
    return sha256_hex(bytes(page.body or b""))
