"""The raw archive: each distinct fetched body once (zstd, keyed by sha256), one ``fetches`` row per request.

Called by ``Store`` inside its write transactions (``RawArchive.put`` and ``log_fetch`` never commit), and by
``reextract`` / ``warc`` to read bodies back. Per site, once ``TRAIN_AFTER`` HTML pages are stored, a zstd
dictionary is trained on the first of them and measured on held-out ones; it is adopted (and the site's
earlier pages recompressed with it) only if it shrinks them by ``compress.MIN_GAIN``. A trial that does not
pay off is repeated when the site has twice as many pages, on its newest ``TRAIN_SAMPLE_MAX`` pages (so a
trial's cost stays bounded however large the site grows). Every trial is kept in ``zstd_dicts`` with its
figures, adopted or not.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from . import compress
from .hashing import sha256_hex
from .timeutil import now_iso
from .txn import write_transaction

logger = logging.getLogger(__name__)

TRAIN_AFTER = 64  # HTML pages of a site stored before a dictionary is tried
TRAIN_SHARE = 0.75  # the first 3/4 train, the last 1/4 measure
TRAIN_SAMPLE_MAX = 2 * TRAIN_AFTER  # pages read by one trial (the newest), whatever the site's size
MAX_DICT_PAGE = 4 * 1024 * 1024  # larger bodies are compressed without a dictionary
RECOMPRESS_BATCH = 200


def headers_json(headers: Iterable[Sequence[Any]] | None) -> str:
    """Headers as a JSON list of ``[name, value]`` pairs, order and repeats kept (bytes read as latin-1)."""
    pairs = []
    for name, value in headers or ():
        pairs.append([_text(name), _text(value)])
    return json.dumps(pairs, ensure_ascii=False)


def _text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, bytes | bytearray) else str(value)


def first_header(headers: Iterable[Sequence[Any]] | None, name: str) -> str | None:
    lname = name.lower()
    for key, value in headers or ():
        if _text(key).lower() == lname:
            return _text(value)
    return None


def is_html(content_type: str | None, body: bytes) -> bool:
    if content_type:
        ctype = content_type.lower()
        return "html" in ctype or "xml" in ctype or ctype.startswith("text/")
    return body[:512].lstrip().startswith(b"<")


@dataclass(slots=True)
class _SiteDicts:
    active: int | None  # adopted dictionary id
    trials: int  # dictionaries tried (adopted or not)
    plain_html: int  # HTML pages stored without a dictionary


class RawArchive:
    def __init__(
        self,
        db: Database,
        *,
        level: int = compress.LEVEL,
        train_after: int = TRAIN_AFTER,
        train_sample_max: int = TRAIN_SAMPLE_MAX,
        use_dicts: bool = True,
    ) -> None:
        self.db = db
        self.codec = compress.Codec(level)
        self.train_after = train_after
        self.train_sample_max = train_sample_max
        self.use_dicts = use_dicts
        self._sites: dict[str, _SiteDicts] = {}

    # ------------------------------------------------------------------ writing (inside a transaction)

    def put(self, page: Any, *, site: str | None, fetched_at: str) -> str:
        """Store ``page.body`` once; returns its sha256. The first fetch's status and headers are kept."""
        body = bytes(page.body or b"")
        sha = sha256_hex(body)
        if self.db.execute("SELECT 1 FROM raw_pages WHERE sha256 = ?", [sha]).fetchone():
            return sha
        content_type = first_header(page.headers, "Content-Type")
        dict_id = None
        if site and is_html(content_type, body) and len(body) <= MAX_DICT_PAGE:
            state = self._site(site)
            dict_id = state.active
            if dict_id is None:
                state.plain_html += 1
        blob = self.codec.compress(body, dict_id)
        self.db.execute(
            "INSERT INTO raw_pages (sha256, size, content_type, compression, zstd_dict_id, stored_size, data,"
            " status, headers, url, site, first_fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                sha,
                len(body),
                content_type,
                "zstd-dict" if dict_id else "zstd",
                dict_id,
                len(blob),
                blob,
                page.status,
                headers_json(page.headers),
                page.final_url or page.url,
                site,
                fetched_at,
            ],
        )
        return sha

    def log_fetch(
        self,
        *,
        url: str,
        final_url: str | None = None,
        method: str = "GET",
        status: int | None,
        request_headers: Any = None,
        response_headers: Any = None,
        raw_sha256: str | None = None,
        fetched_at: str,
        run_id: int | None,
        site: str | None,
        kind: str,
        article_id: int | None = None,
        error: str | None = None,
        request_body: bytes | None = None,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO fetches (url, final_url, method, status, request_headers, response_headers,"
            " raw_sha256, fetched_at, run_id, site, kind, article_id, error, request_body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                url,
                final_url if final_url and final_url != url else None,
                method or "GET",
                status,
                headers_json(request_headers) if request_headers else None,
                headers_json(response_headers) if response_headers is not None else None,
                raw_sha256,
                fetched_at,
                run_id,
                site,
                kind,
                article_id,
                error,
                request_body or None,
            ],
        )
        return int(cursor.lastrowid or 0)

    # ------------------------------------------------------------------ reading

    def body(self, sha: str) -> bytes:
        """The stored bytes of ``sha``, checked against their hash. KeyError if absent."""
        row = self.db.execute("SELECT data, zstd_dict_id FROM raw_pages WHERE sha256 = ?", [sha]).fetchone()
        if row is None:
            raise KeyError(sha)
        data, dict_id = row
        if dict_id is not None:
            self._load_dict(dict_id)
        body = self.codec.decompress(data, dict_id)
        if sha256_hex(body) != sha:
            raise ValueError(f"raw page {sha} is corrupt: its bytes no longer match their sha256")
        return body

    def _load_dict(self, dict_id: int) -> None:
        if not self.codec.has_dict(dict_id):
            (data,) = self.db.execute("SELECT dict FROM zstd_dicts WHERE id = ?", [dict_id]).fetchone()
            self.codec.add_dict(dict_id, data)

    # ------------------------------------------------------------------ per-site dictionaries

    def _site(self, site: str) -> _SiteDicts:
        state = self._sites.get(site)
        if state is None:
            active = self.db.execute(
                "SELECT max(id) FROM zstd_dicts WHERE site = ? AND adopted = 1", [site]
            ).fetchone()[0]
            trials = self.db.execute("SELECT count(*) FROM zstd_dicts WHERE site = ?", [site]).fetchone()[0]
            plain = self.db.execute(
                "SELECT count(*) FROM raw_pages WHERE site = ? AND compression = 'zstd' AND size <= ?"
                " AND (content_type IS NULL OR content_type LIKE '%html%' OR content_type LIKE '%xml%'"
                " OR content_type LIKE 'text/%')",
                [site, MAX_DICT_PAGE],
            ).fetchone()[0]
            if active is not None:
                self._load_dict(active)
            state = self._sites[site] = _SiteDicts(active, trials, plain)
        return state

    def forget_state(self) -> None:
        """Drop cached per-site counters (after a rolled-back transaction); reloaded from the database."""
        self._sites.clear()

    def wants_training(self, site: str | None) -> bool:
        """True when ``site`` has no dictionary and enough new HTML pages for a (next) trial.

        After a trial that did not pay off, the next waits for twice as many pages."""
        if not site or not self.use_dicts:
            return False
        state = self._site(site)
        return state.active is None and state.plain_html >= self.train_after * (2**state.trials)

    def train_site(self, site: str) -> compress.DictTrial | None:
        """Train and measure a dictionary for ``site`` (own transaction); adopt it if it pays off."""
        state = self._site(site)
        sample = min(self.train_after * (2**state.trials), self.train_sample_max)
        shas = [
            r[0]
            for r in self.db.execute(
                "SELECT sha256 FROM raw_pages WHERE site = ? AND compression = 'zstd' AND size <= ?"
                " AND (content_type IS NULL OR content_type LIKE '%html%' OR content_type LIKE '%xml%'"
                " OR content_type LIKE 'text/%') ORDER BY first_fetched_at DESC, rowid DESC LIMIT ?",
                [site, MAX_DICT_PAGE, sample],
            )
        ][::-1]  # oldest first: train on the older pages, measure on the newer
        if len(shas) < 8:
            return None
        bodies = [self.body(sha) for sha in shas]
        cut = max(1, int(len(bodies) * TRAIN_SHARE))
        try:
            zdict, result = compress.trial(bodies[:cut], bodies[cut:], level=self.codec.level)
        except Exception as exc:  # zstd refuses too few or too uniform samples
            logger.warning("site %s: zstd dictionary training failed: %s", site, exc)
            result, zdict = None, None
        adopted = bool(result and result.pays_off())
        with write_transaction(self.db):
            cursor = self.db.execute(
                "INSERT INTO zstd_dicts (site, created_at, dict, size, level, trained_on, test_pages,"
                " test_raw_bytes, test_plain_bytes, test_dict_bytes, gain, adopted)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    site,
                    now_iso(),
                    zdict.as_bytes() if zdict else b"",
                    result.dict_size if result else 0,
                    self.codec.level,
                    cut,
                    result.pages if result else 0,
                    result.raw_bytes if result else 0,
                    result.plain_bytes if result else 0,
                    result.dict_bytes if result else 0,
                    result.gain if result else 0.0,
                    int(adopted),
                ],
            )
        state.trials += 1
        if result:
            logger.info(
                "site %s: zstd dictionary %s: ratio %.1f -> %.1f on %d held-out pages (%s)",
                site,
                cursor.lastrowid,
                result.plain_ratio,
                result.dict_ratio,
                result.pages,
                "adopted" if adopted else "not adopted",
            )
        if adopted and zdict is not None:
            dict_id = int(cursor.lastrowid or 0)
            self.codec.add_dict(dict_id, zdict.as_bytes())
            state.active = dict_id
            self.recompress_site(site)
        return result

    def recompress_site(self, site: str) -> int:
        """Re-encode the site's plain-zstd HTML pages with its adopted dictionary, in batches (same bytes)."""
        state = self._site(site)
        if state.active is None:
            return 0
        done = 0
        while True:
            rows = self.db.execute(
                "SELECT sha256 FROM raw_pages WHERE site = ? AND compression = 'zstd' AND size <= ?"
                " AND (content_type IS NULL OR content_type LIKE '%html%' OR content_type LIKE '%xml%'"
                " OR content_type LIKE 'text/%') LIMIT ?",
                [site, MAX_DICT_PAGE, RECOMPRESS_BATCH],
            ).fetchall()
            if not rows:
                return done
            with write_transaction(self.db):
                for (sha,) in rows:
                    blob = self.codec.compress(self.body(sha), state.active)
                    self.db.execute(
                        "UPDATE raw_pages SET compression = 'zstd-dict', zstd_dict_id = ?,"
                        " stored_size = ?, data = ? WHERE sha256 = ?",
                        [state.active, len(blob), blob, sha],
                    )
            done += len(rows)
