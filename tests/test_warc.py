"""WARC export: a round trip through warcio's ArchiveIterator gives back the stored bytes and headers."""

from __future__ import annotations

import base64
import gzip
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newsarchive.storage import Store
from newsarchive.storage.warc import export_warc
from tests.test_store_helpers import PARAGRAPHS, html_page, page, record

TEXT = "\n".join(PARAGRAPHS)
GZIPPED_HEADERS = (
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Encoding", "gzip"),
    ("Content-Length", "123"),
    ("Set-Cookie", "a=1"),
    ("Set-Cookie", "b=2"),
    ("ETag", '"x"'),
)


@pytest.fixture
def archive(tmp_path: Path):
    with Store(tmp_path / "w.db") as store:
        body = html_page("标题", TEXT)
        p1 = page(
            "https://www.cas.cn/a.html?utm_source=x",
            body,
            headers=GZIPPED_HEADERS,
            final_url="https://www.cas.cn/yw/a.html",
            fetched_at="2026-11-20T08:00:00Z",
        )
        store.save_article(p1, record(p1.final_url, "标题", TEXT), site="cas", run_id=None)
        p2 = page("https://www.cas.cn/yw/a.html", body, fetched_at="2026-11-21T08:00:00Z")  # same bytes again
        store.save_article(p2, record(p2.url, "标题", TEXT), site="cas", run_id=None)
        store.save_page(
            page("https://www.most.gov.cn/", b"<html>most</html>", fetched_at="2026-11-22T00:00:00Z"),
            site="most",
            run_id=None,
            kind="listing",
        )
        store.mark_not_modified(
            "https://www.cas.cn/yw/a.html", site="cas", run_id=None, fetched_at="2026-11-23T00:00:00Z"
        )
        yield store, body


def _records(path: Path) -> list:
    out = []
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            out.append((rec.rec_type, rec.rec_headers, rec.http_headers, rec.content_stream().read()))
    return out


def test_round_trip_reproduces_bytes_and_headers(archive, tmp_path: Path) -> None:
    store, body = archive
    out = tmp_path / "export.warc.gz"
    assert export_warc(store, out) == 3
    with gzip.open(out, "rb") as fh:
        assert fh.read(9) == b"WARC/1.1\r"  # gzip per record, WARC/1.1
    records = _records(out)
    assert [r[0] for r in records] == [
        "warcinfo",
        "response",
        "request",
        "revisit",
        "request",
        "response",
        "request",
    ]
    _, warc, http, payload = records[1]
    assert payload == body
    assert warc.get_header("WARC-Target-URI") == "https://www.cas.cn/yw/a.html"
    assert warc.get_header("WARC-Date") == "2026-11-20T08:00:00Z"
    assert warc.get_header("Content-Type") == "application/http; msgtype=response"
    digest = "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()
    assert warc.get_header("WARC-Payload-Digest") == digest
    assert http.get_statuscode() == "200"
    assert http.headers == [
        ("Content-Type", "text/html; charset=utf-8"),
        ("X-Archive-Orig-Content-Encoding", "gzip"),
        ("X-Archive-Orig-Content-Length", "123"),
        ("Set-Cookie", "a=1"),
        ("Set-Cookie", "b=2"),
        ("ETag", '"x"'),
        ("Content-Length", str(len(body))),
    ]
    _, req_warc, req_http, _ = records[2]
    assert req_warc.get_header("WARC-Concurrent-To") == warc.get_header("WARC-Record-ID")
    assert req_http.protocol == "GET" and req_http.statusline.startswith("/yw/a.html")
    assert req_http.get_header("User-Agent") == "newsarchive-test"
    assert req_http.get_header("Host") == "www.cas.cn"
    _, rev, rev_http, _ = records[3]
    assert rev.get_header("WARC-Refers-To") == warc.get_header("WARC-Record-ID")
    assert rev.get_header("WARC-Refers-To-Target-URI") == "https://www.cas.cn/yw/a.html"
    assert rev.get_header("WARC-Refers-To-Date") == "2026-11-20T08:00:00Z"
    assert rev.get_header("WARC-Payload-Digest") == digest
    assert rev_http.get_header("Server") == "nginx"
    assert records[5][3] == b"<html>most</html>"
    check = subprocess.run(
        [str(Path(sys.executable).parent / "warcio"), "check", str(out)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr  # block and payload digests verified


def test_filters_by_site_and_time(archive, tmp_path: Path) -> None:
    store, _ = archive
    assert export_warc(store, tmp_path / "most.warc.gz", site="most") == 1
    assert export_warc(store, tmp_path / "day.warc.gz", since="2026-11-21", until="2026-11-22") == 1
    kinds = [r[0] for r in _records(tmp_path / "day.warc.gz")]
    # the only capture in range repeats bytes not in this file: a full response, not a revisit
    assert kinds == ["warcinfo", "response", "request"]
