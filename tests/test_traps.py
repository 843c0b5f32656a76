"""Listings that misbehave: pagination traps stop within their limit with a warning in the run record, and a
listing that suddenly yields nothing where it yielded articles before is flagged (and fails the run)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from newsarchive.sitekit.server import LoopbackServer, Request, Response, Router

from .badsite import article_html
from .conftest import crawl_json, run_cli, write_sites


def listing(rows: list[str], next_url: str | None) -> bytes:
    items = "".join(
        f"<li><a href='{href}'>Institute news number {href.rsplit('/', 1)[-1]} about our "
        f"laboratories</a> <span>2024-05-0{i % 9 + 1}</span></li>"
        for i, href in enumerate(rows)
    )
    pager = f"<a rel='next' href='{next_url}'>Next</a>" if next_url else ""
    return (
        f"<html><head><meta charset='utf-8'><title>News</title></head><body><ul class='list'>{items}</ul>"
        f"<div class='pager'>{pager}</div></body></html>"
    ).encode()


class Traps:
    def __init__(self) -> None:
        self.emptied = False

    def __call__(self, request: Request) -> Response | None:
        page = int(request.params().get("page", "1") or 1)
        path = request.path
        if path == "/t/same/":  # every page the same items, the pager never ends
            return Response(body=listing([f"/t/a/same-{i}" for i in range(10)], f"/t/same/?page={page + 1}"))
        if path == "/t/grow/":  # new items on every page, for ever
            return Response(
                body=listing([f"/t/a/grow-{page}-{i}" for i in range(5)], f"/t/grow/?page={page + 1}")
            )
        if path == "/t/calendar/":  # month pages with nothing on them, for ever
            rows = [f"/t/a/cal-{i}" for i in range(3)] if page == 1 else []
            return Response(body=listing(rows, f"/t/calendar/?page={page + 1}"))
        if path == "/t/emptied/":
            rows = [] if self.emptied else [f"/t/a/emptied-{i}" for i in range(8)]
            return Response(body=listing(rows, None))
        if path.startswith("/t/a/"):
            name = path.rsplit("/", 1)[-1]
            return Response(
                body=article_html(f"Trap article {name} from the institute", "2024-05-01", name).encode()
            )
        return None


def crawl(
    server: LoopbackServer, tmp_path: Path, name: str, start: str, max_pages: int = 8
) -> dict[str, Any]:
    sites = write_sites(
        tmp_path / "sites.toml", {name: {"start_urls": [server.base_url + start], "max_pages": max_pages}}
    )
    proc = run_cli("crawl", name, "--json", db=tmp_path / "traps.db", sites=sites)
    outcome = crawl_json(proc)[0]
    outcome["exit"] = proc.returncode
    return outcome


def listing_requests(server: LoopbackServer, path: str) -> int:
    return sum(1 for r in server.requests if r.path == path)


def run_warnings(db: Path, run_id: int) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return json.loads(
            conn.execute("select warnings from crawl_runs where id = ?", [run_id]).fetchone()[0]
        )
    finally:
        conn.close()


def test_pagination_traps_stop_with_a_warning(tmp_path: Path) -> None:
    traps = Traps()
    router = Router()
    router.mount("/t/", traps)
    with LoopbackServer(router) as server:
        same = crawl(server, tmp_path, "same", "/t/same/")
        assert listing_requests(server, "/t/same/") == 2
        assert any(w.startswith("pagination-trap") and "repeats" in w for w in same["warnings"])
        assert same["counts"]["new"] == 10

        grow = crawl(server, tmp_path, "grow", "/t/grow/", max_pages=6)
        assert listing_requests(server, "/t/grow/") == 6
        assert any(w.startswith("page-limit") for w in grow["warnings"])
        assert grow["counts"]["new"] == 30

        calendar = crawl(server, tmp_path, "calendar", "/t/calendar/", max_pages=50)
        assert listing_requests(server, "/t/calendar/") == 4  # page 1, then three barren pages
        assert any(w.startswith("pagination-trap") for w in calendar["warnings"])
        for outcome in (same, grow, calendar):
            assert outcome["status"] == "ok" and outcome["exit"] == 0
            assert outcome["warnings"] == run_warnings(tmp_path / "traps.db", outcome["run_id"])


def test_listing_that_suddenly_yields_nothing_is_flagged(tmp_path: Path) -> None:
    traps = Traps()
    router = Router()
    router.mount("/t/", traps)
    with LoopbackServer(router) as server:
        first = crawl(server, tmp_path, "emptied", "/t/emptied/")
        assert first["counts"]["new"] == 8 and first["status"] == "ok"
        traps.emptied = True  # a redesign: the list is gone
        second = crawl(server, tmp_path, "emptied", "/t/emptied/")
    assert second["status"] == "failed" and second["exit"] == 1
    assert any(w.startswith("listing-emptied") and "8 last time" in w for w in second["warnings"])
    conn = sqlite3.connect(tmp_path / "traps.db")
    try:
        assert conn.execute("select count(*) from articles where status = 'gone'").fetchone()[0] == 0
    finally:
        conn.close()
