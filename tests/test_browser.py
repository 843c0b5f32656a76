"""The desk in a real browser: headless Chromium (Debian's package, installed by ``make browser``) against a
crawled demo archive served by a real Datasette. Landing page, an edited article's inline diff, a two-term
search, an Atom feed, and the archived copy of a hostile page that must run no script and fetch nothing from
outside (a loopback canary server counts every request it would make; the same page served without the
desk's protection shows the canary and the script-detection work)."""

from __future__ import annotations

import http.server
import os
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import pytest
from parsel import Selector

from newsarchive.crawler.demo_run import run_demo
from newsarchive.storage import Store
from tests.datasette_server import running_datasette
from tests.test_store_helpers import page, record

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("chromium is missing: `make test` installs it (make browser)", pytrace=False)
    pytest.skip("chromium is not installed: run `make browser` (Debian's chromium)", allow_module_level=True)

# Without the background-networking flags the closed network refuses connections Chromium makes on its own.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=3000",
)
HOSTILE_URL = "https://evil.example.org/news/1.html"


def dump_dom(url: str) -> str:
    """The DOM after the page (and what it loads) finished, as Chromium serializes it."""
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=300,  # a guard against a hang, not a speed test
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def hostile_page(canary: str) -> bytes:
    """Ways a page can run script or reach out: scripts, handlers, javascript: URLs, frames, subresources."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Hostile page</title>
<link rel="stylesheet" href="{canary}/style.css">
<link rel="prefetch" href="{canary}/prefetch">
<style>@import url("{canary}/import.css"); body {{ background: url("{canary}/bg.png"); }}</style>
<script src="{canary}/external.js"></script>
<script>document.title = "PWNED"; fetch("{canary}/fetch"); new Image().src = "{canary}/beacon";</script>
</head><body onload="document.title = 'PWNED-onload'">
<h1>Hostile page</h1>
<img src="{canary}/image.png" alt="external image">
<img src="missing.png" onerror="document.title = 'PWNED-onerror'; new Image().src = '{canary}/onerror'">
<a id="js" href="javascript:document.title='PWNED-link'">a javascript: link</a>
<iframe src="{canary}/frame.html"></iframe>
<iframe src="javascript:parent.document.title='PWNED-frame'"></iframe>
<object data="{canary}/object.swf"></object>
<video src="{canary}/video.mp4" autoplay></video>
<iframe name="sink"></iframe><form id="f" action="{canary}/form" method="post" target="sink"></form>
<script>document.getElementById("f").submit(); parent.document.title = "PWNED-parent";</script>
</body></html>""".encode()


class Canary(http.server.ThreadingHTTPServer):
    """A loopback server that records every request; it serves the hostile page itself at /hostile.html."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.page = b""
        super().__init__(("127.0.0.1", 0), CanaryHandler)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class CanaryHandler(http.server.BaseHTTPRequestHandler):
    server: Canary

    def _answer(self) -> None:
        self.server.paths.append(self.path)
        body = self.server.page if self.path == "/hostile.html" else b"document.title = 'PWNED-external';"
        self.send_response(200)
        ctype = "text/html" if self.path.endswith(".html") else "application/javascript"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class Desk:
    base: str  # http://127.0.0.1:PORT/DB
    db: Path
    canary: Canary
    hostile_sha: str


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    report = run_demo(db, port=0, echo=lambda *_: None)  # the demo crawled twice: new, edited articles
    assert report.ok, report
    canary = Canary()
    threading.Thread(target=canary.serve_forever, daemon=True).start()
    canary.page = hostile_page(canary.base)
    with Store(db) as store:
        fetched = page(HOSTILE_URL, canary.page)
        result = store.save_article(
            fetched, record(HOSTILE_URL, "Hostile page", "Hostile page"), site="evil", run_id=None
        )
        sha = store.db.execute(
            "SELECT raw_sha256 FROM articles WHERE id = ?", [result.article_id]
        ).fetchone()[0]
    try:
        with running_datasette(db) as base:
            yield Desk(f"{base}/demo", db, canary, sha)
    finally:
        canary.shutdown()
        canary.server_close()


def test_landing_page_lists_the_queries_and_feeds(desk: Desk) -> None:
    dom = Selector(dump_dom(desk.base.rsplit("/", 1)[0] + "/"))
    queries = dom.css("ul.na-queries a::text").getall()
    assert {"Latest articles", "Search titles and text", "Suspect extractions to review"} <= set(queries)
    assert dom.css("a.na-feed::attr(href)").getall()[:3] == [
        f"/demo/-/feeds/{k}.atom" for k in ("new", "changes", "gone")
    ]


def test_an_edited_article_highlights_the_changed_characters(desk: Desk) -> None:
    conn = sqlite3.connect(desk.db)
    article_id, old, new = conn.execute(
        "SELECT v.article_id, p.text, v.text FROM article_versions v JOIN article_versions p"
        " ON p.article_id = v.article_id AND p.version = v.version - 1"
        " WHERE v.version = 2 AND v.changed_fields LIKE '%\"text\"%' ORDER BY v.article_id LIMIT 1"
    ).fetchone()
    dom = Selector(dump_dom(f"{desk.base}/-/article/{article_id}"))
    changed = dom.css("div.na-diff-text p.na-changed")
    assert changed and dom.css("div.na-diff-text ins.na-ins, div.na-diff-text del.na-del")
    for paragraph in changed:  # each highlighted paragraph rebuilds both versions exactly
        before = "".join(paragraph.xpath("./text() | ./del//text()").getall())
        after = "".join(paragraph.xpath("./text() | ./ins//text()").getall())
        assert before in old.splitlines() or not before
        assert after in new.splitlines() or not after


def test_a_two_term_search_finds_the_articles_holding_both(desk: Desk) -> None:
    q = "钙钛矿 太阳能"
    conn = sqlite3.connect(desk.db)
    expected = {
        row[0]
        for row in conn.execute(
            "SELECT id, coalesce(title, '') || char(10) || coalesce(text, '') FROM articles"
        )
        if all(term in row[1] for term in q.split())
    }
    assert expected  # the demo holds such articles
    query = urllib.parse.urlencode({"q": q, "site": "", "since": "", "until": ""})
    dom = Selector(dump_dom(f"{desk.base}/search?{query}"))
    found = {int(href.rsplit("/", 1)[1]) for href in dom.css("td.col-title a::attr(href)").getall()}
    assert found == expected
    assert set(dom.css("td.col-snippet mark::text").getall()) <= {"钙钛矿", "太阳能"}
    assert dom.css("td.col-snippet mark")


def test_an_atom_feed_opens_and_parses(desk: Desk) -> None:
    url = f"{desk.base}/-/feeds/changes.atom?site=demo-trs"
    feed = feedparser.parse(urllib.request.urlopen(url, timeout=120).read())
    assert not feed.bozo and feed.entries
    assert feed.entries[0].title in dump_dom(url)  # what the browser shows is the same feed


def _title(dom: str) -> str:
    return Selector(dom).css("title::text").get() or ""


def test_the_archived_copy_of_a_hostile_page_runs_nothing_and_fetches_nothing(desk: Desk) -> None:
    desk.canary.paths.clear()
    framed = dump_dom(f"{desk.base}/-/archived/{desk.hostile_sha}")
    alone = dump_dom(f"{desk.base}/-/raw/{desk.hostile_sha}")
    assert desk.canary.paths == []  # no script, image, stylesheet, frame, form, prefetch or beacon request
    assert _title(framed) == f"Archived: {HOSTILE_URL}"  # no script in the frame reached its parent
    assert Selector(framed).css("iframe.na-frame::attr(sandbox)").get() == ""
    assert _title(alone) == "Hostile page"  # served alone, its scripts did not run either
    # the control: the same page without the desk's protection does run and reach out
    unprotected = dump_dom(f"{desk.canary.base}/hostile.html")
    assert _title(unprotected).startswith("PWNED")
    assert {"/external.js", "/image.png", "/style.css", "/frame.html", "/form"} <= set(desk.canary.paths)
