"""WARC export: the raw archive as a standard WARC/1.1 file (``newsarchive export-warc``).

Reads ``fetches`` + ``raw_pages`` and writes, per fetch with an archived body, a ``request`` and a
``response`` record (gzip per record, ``.warc.gz``), after one ``warcinfo`` record. A body already written to
the same file is written again only as a ``revisit`` record (profile identical-payload-digest) with
``WARC-Refers-To`` the first response, as web archives do. Readable by warcio, replayable by pywb.

Headers: the stored body is the *decoded* body (Scrapy removed any Content-Encoding / Transfer-Encoding
before the page reached the store). Replaying it with the original ``Content-Encoding: gzip`` would break, so
those two headers are renamed ``X-Archive-Orig-Content-Encoding`` / ``X-Archive-Orig-Transfer-Encoding``
(pywb's convention for original headers kept for the record), and ``Content-Length`` is set to the stored
length (the original value kept as ``X-Archive-Orig-Content-Length`` when it differs). Every other header,
its order and repeats are as received. The WARC-Target-URI is the URL the body was served from (after
redirects); redirect hops themselves were not archived. 304 answers and failures without a body are left out.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import http
import io
import json
import os
from typing import Any
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .timeutil import iso_utc, parse_iso

RENAMED = {"content-encoding", "transfer-encoding"}

_FETCHES = """
SELECT f.id, f.url, f.final_url, f.method, f.status, f.request_headers, f.response_headers, f.raw_sha256,
       f.fetched_at, f.request_body, f.site
FROM fetches f
WHERE f.raw_sha256 IS NOT NULL AND f.status IS NOT NULL
  AND (:site IS NULL OR f.site = :site)
  AND (:since IS NULL OR f.fetched_at >= :since)
  AND (:until IS NULL OR f.fetched_at < :until)
ORDER BY f.fetched_at, f.id
"""


def export_warc(
    store: Any,
    out_path: str | os.PathLike[str],
    *,
    site: str | None = None,
    since: Any = None,
    until: Any = None,
) -> int:
    """Write the matching fetches to ``out_path`` (.warc.gz). Returns the number of captures written
    (response + revisit records; each also has its request record)."""
    params = {
        "site": site,
        "since": iso_utc(since) if since else None,
        "until": iso_utc(until) if until else None,
    }
    written: dict[str, tuple[str, str, str]] = {}  # sha256 -> (record id, target URI, WARC-Date)
    captures = 0
    with open(out_path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
        writer.write_record(_warcinfo(writer, os.path.basename(out_path), site))
        for row in store.db.execute(_FETCHES, params):
            fetch = dict(
                zip(
                    (
                        "id",
                        "url",
                        "final_url",
                        "method",
                        "status",
                        "request_headers",
                        "response_headers",
                        "raw_sha256",
                        "fetched_at",
                        "request_body",
                        "site",
                    ),
                    row,
                    strict=True,
                )
            )
            response = _response(writer, store, fetch, written)
            writer.write_record(response)
            writer.write_record(_request(writer, fetch, response.rec_headers.get_header("WARC-Record-ID")))
            captures += 1
    return captures


def warc_date(value: str) -> str:
    """WARC/1.1 date: UTC, ``Z``, microseconds when non-zero."""
    at = parse_iso(value) or dt.datetime.now(dt.UTC)
    at = at.astimezone(dt.UTC)
    fmt = "%Y-%m-%dT%H:%M:%S.%fZ" if at.microsecond else "%Y-%m-%dT%H:%M:%SZ"
    return at.strftime(fmt)


def _warcinfo(writer: WARCWriter, filename: str, site: str | None) -> Any:
    info = {
        "software": "newsarchive (storage.warc)",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "description": "Export of a newsarchive SQLite archive" + (f", site {site}" if site else ""),
        "x-newsarchive-headers": "Content-Encoding/Transfer-Encoding renamed X-Archive-Orig-*; body decoded",
    }
    return writer.create_warcinfo_record(filename, info)


def _pairs(value: str | None) -> list[tuple[str, str]]:
    return [(str(k), str(v)) for k, v in json.loads(value or "[]")]


def _replay_headers(headers: list[tuple[str, str]], length: int) -> list[tuple[str, str]]:
    out = []
    for name, value in headers:
        lname = name.lower()
        if lname in RENAMED:
            out.append((f"X-Archive-Orig-{name}", value))
        elif lname == "content-length":
            if value.strip() != str(length):
                out.append((f"X-Archive-Orig-{name}", value))
        else:
            out.append((name, value))
    out.append(("Content-Length", str(length)))
    return out


def _status_line(status: int) -> str:
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    return f"{status} {phrase}"


def _response(
    writer: WARCWriter, store: Any, fetch: dict[str, Any], written: dict[str, tuple[str, str, str]]
) -> Any:
    uri = fetch["final_url"] or fetch["url"]
    date = warc_date(fetch["fetched_at"])
    body = store.raw_body(fetch["raw_sha256"])
    http_headers = StatusAndHeaders(
        _status_line(fetch["status"]),
        _replay_headers(_pairs(fetch["response_headers"]), len(body)),
        protocol="HTTP/1.1",
    )
    warc_headers = {"WARC-Date": date, "WARC-Newsarchive-Sha256": fetch["raw_sha256"]}
    first = written.get(fetch["raw_sha256"])
    if first is not None:
        record_id, first_uri, first_date = first
        warc_headers["WARC-Refers-To"] = record_id
        return writer.create_revisit_record(
            uri,
            "sha1:" + _sha1_b32(body),
            first_uri,
            first_date,
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        length=None,
        http_headers=http_headers,
        warc_headers_dict=warc_headers,
    )
    written[fetch["raw_sha256"]] = (record.rec_headers.get_header("WARC-Record-ID"), uri, date)
    return record


def _sha1_b32(body: bytes) -> str:
    return base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def _request(writer: WARCWriter, fetch: dict[str, Any], response_id: str) -> Any:
    uri = fetch["final_url"] or fetch["url"]
    parts = urlsplit(uri)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = _pairs(fetch["request_headers"])
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ("Host", parts.netloc))
    body = bytes(fetch["request_body"] or b"")
    http_headers = StatusAndHeaders(
        f"{fetch['method'] or 'GET'} {target} HTTP/1.1", headers, is_http_request=True
    )
    return writer.create_warc_record(
        uri,
        "request",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": warc_date(fetch["fetched_at"]), "WARC-Concurrent-To": response_id},
    )
