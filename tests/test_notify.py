"""Notifications: the real crawl sends its digest through apprise to a real webhook receiver and a real SMTP
server on loopback; a failing target never fails the crawl; a bad notify file stops before any crawl with
exit status 2."""

from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP

from newsarchive.crawler.notify import build_digest
from newsarchive.crawler.state import RunOutcome
from newsarchive.storage import Store
from newsarchive.storage.health import Alert

from .conftest import crawl_json, run_cli, write_sites


class Webhook:
    """An HTTP server on 127.0.0.1 that keeps every POSTed JSON body."""

    def __init__(self) -> None:
        received = self.received = []  # type: list[dict[str, Any]]

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                received.append({"path": self.path, **json.loads(body)})
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


class Mailbox:
    """aiosmtpd's SMTP server on 127.0.0.1 (a free port), keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.loop = asyncio.new_event_loop()
        self.server = self.loop.run_until_complete(
            self.loop.create_server(lambda: SMTP(self), "127.0.0.1", 0)
        )
        self.port = self.server.sockets[0].getsockname()[1]
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.server.shutdown()


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()
    yield box
    box.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def notify_file(path: Path, urls: list[str], extra: str = "") -> Path:
    path.write_text("urls = [" + ", ".join(json.dumps(u) for u in urls) + "]\n" + extra, encoding="utf-8")
    return path


def test_crawl_digest_reaches_a_webhook_and_a_mailbox(
    demo_server: Any, tmp_path: Path, webhook: Webhook, mailbox: Mailbox
) -> None:
    from newsarchive.sitekit.demo import demo_sites

    name, table = next(iter(demo_sites(demo_server.base_url).items()))
    sites = write_sites(tmp_path / "sites.toml", {name: table})
    db = tmp_path / "archive.db"
    dead = closed_port()
    notify = notify_file(
        tmp_path / "notify.toml",
        [
            f"json://127.0.0.1:{webhook.port}/newsarchive",
            f"mailto://127.0.0.1:{mailbox.port}?from=archive@example.org&to=me@example.org&mode=insecure",
            f"json://127.0.0.1:{dead}/nobody-listens",
        ],
        "max_items = 5\n",
    )
    proc = run_cli("crawl", name, "--json", "--notify", str(notify), db=db, sites=sites)
    assert proc.returncode == 0, proc.stderr[-3000:]  # the failed target does not fail the crawl
    assert crawl_json(proc)[0]["status"] == "ok"
    assert f"notification failed: json://127.0.0.1:{dead}/nobody-listens: A Connection error" in proc.stderr
    assert proc.stderr.count("newsarchive crawl: digest sent to") == 2

    conn = sqlite3.connect(db)
    articles = conn.execute("select title, url from articles order by id").fetchall()
    conn.close()
    assert len(articles) > 5
    [post] = webhook.received
    assert post["path"] == "/newsarchive"
    assert post["title"].startswith(f"newsarchive: {len(articles)} new, 0 changed, 0 gone")
    for title, url in articles[:5]:
        assert f"new: {title} {url}" in post["message"]
    assert f"... and {len(articles) - 5} more new" in post["message"]
    assert articles[5][1] not in post["message"]

    [mail] = mailbox.messages
    assert mail["To"] == "me@example.org" and mail["Subject"] == post["title"]
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert articles[0][1] in text and f"{name} (run 1, ok)" in text


def test_a_failing_site_is_notified_with_its_alert(bad_server: Any, tmp_path: Path, webhook: Webhook) -> None:
    """Two failed runs already in the archive; the third, a real crawl of a dead listing, makes an alert."""
    sites = write_sites(
        tmp_path / "sites.toml", {"dead": {"start_urls": [bad_server.base_url + "/bad/500.html"]}}
    )
    db = tmp_path / "archive.db"
    with Store(db) as store:
        for days in (3, 2):
            run = store.start_run("dead", started_at=f"2026-01-0{days}T03:17:00Z")
            store.finish_run(run, status="failed", stats={})
    notify = notify_file(tmp_path / "notify.toml", [f"json://127.0.0.1:{webhook.port}/"])
    proc = run_cli(
        "crawl", "dead", "--notify", str(notify), db=db, sites=sites, settings={"RETRY_TIMES": "0"}
    )
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert "newsarchive crawl: dead: failed" in proc.stderr
    [post] = webhook.received
    assert post["title"] == "newsarchive: 0 new, 0 changed, 0 gone; dead failed; 1 alert(s)"
    assert "dead: failing: 3 failed or blocked runs in a row; never succeeded" in post["message"]
    assert "dead (run 3, failed): 0 new, 0 changed, 0 gone" in post["message"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "notify file not found"),
        ("urls = 'json://x'\n", "'urls' must be a non-empty list"),
        ('urls = ["json://127.0.0.1/"]\nsned = "always"\n', "unknown key(s) sned"),
        ('urls = ["nosuchservice://x"]\n', "urls item 1 is not an apprise URL"),
        ('urls = ["json://127.0.0.1/"]\n[alerts]\nfail_after = 0\n', "'alerts.fail_after' must be"),
        ("urls = [\n", "cannot read the notify file"),
    ],
)
def test_a_bad_notify_file_stops_before_crawling(tmp_path: Path, content: str | None, message: str) -> None:
    sites = write_sites(tmp_path / "sites.toml", {"x": {"start_urls": ["http://127.0.0.1:9/x/"]}})
    path = tmp_path / "notify.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    db = tmp_path / "archive.db"
    proc = run_cli("crawl", "x", db=db, sites=sites, env={"NEWSARCHIVE_NOTIFY": str(path)})
    assert proc.returncode == 2, proc.stderr
    assert str(path) in proc.stderr and message in proc.stderr
    assert not db.exists()  # nothing was crawled


def test_digest_says_nothing_when_nothing_happened() -> None:
    quiet = [RunOutcome("a", 1, "ok", {"unchanged": 3})]
    digest = build_digest(quiet, {1: {"new": [], "changed": [], "gone": []}}, [])
    assert not digest.newsworthy and digest.title == "newsarchive: 0 new, 0 changed, 0 gone"
    alerted = build_digest(quiet, {}, [Alert("a", "quiet", "no new article for 30 days")])
    assert alerted.newsworthy and alerted.body.startswith("Alerts:\n  a: quiet: no new article for 30 days")
    changed = {1: {"changed": [{"title": "T", "url": "http://a/1", "detail": "title, text"}]}}
    assert "  changed: T (title, text) http://a/1" in build_digest(quiet, changed, []).body
