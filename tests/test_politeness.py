"""What a crawl owes the sites it visits, and everyone else: Retry-After honoured (up to a cap), no request
to any host but the site's (the public-suffix list comes from the bundled snapshot), a clean stop on the
first SIGTERM. Real crawls (subprocesses) against real loopback servers."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.sitekit.server import LoopbackServer, Request, Response, Router

from .conftest import FAST_SETTINGS, ROOT, crawl_json, run_cli, write_sites

PARAGRAPH = (
    "The institute opened a new laboratory for marine biology this week, with guests from three "
    "universities and the provincial science department attending the ceremony. "
)


def article(title: str) -> bytes:
    body = "".join(f"<p>{PARAGRAPH * 3}</p>" for _ in range(4))
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>"
        f"<div class='info'>Published: 2024-05-01</div><div class='content'>{body}</div></body></html>"
    ).encode()


class Site:
    """A listing that sets a cookie (with a Domain), one article busy for 2 s, one busy for 120 s."""

    def __init__(self) -> None:
        self.busy_once = 0

    def __call__(self, request: Request) -> Response | None:
        if request.path == "/p/news/":
            links = "".join(
                f"<li><a href='/p/news/{name}.html'>{name} article title</a> 2024-05-0{i}</li>"
                for i, name in enumerate(("busy-once", "busy-long", "plain"), 1)
            )
            page = f"<html><body><ul class='list'>{links}</ul></body></html>".encode()
            cookie = ("Set-Cookie", "sid=abc123; Domain=127.0.0.1; Path=/")
            return Response(body=page, headers=[cookie])
        if request.path == "/p/news/busy-once.html":
            self.busy_once += 1
            if self.busy_once == 1:
                return Response(503, b"busy", headers=[("Retry-After", "2")], etag=False)
            return Response(body=article("Busy once"))
        if request.path == "/p/news/busy-long.html":
            return Response(503, b"busy", headers=[("Retry-After", "120")], etag=False)
        if request.path == "/p/news/plain.html":
            return Response(body=article("Plain article"))
        return None


class Canary:
    """A loopback 'proxy' that only counts the connections made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            conn.close()


@pytest.fixture
def site() -> Iterator[tuple[Site, LoopbackServer]]:
    app = Site()
    router = Router()
    router.mount("/p/", app)
    router.mount(
        "/robots.txt", lambda r: Response(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
    )
    with LoopbackServer(router) as server:
        yield app, server


def test_retry_after_and_no_traffic_beyond_the_site(
    site: tuple[Site, LoopbackServer], tmp_path: Path
) -> None:
    _, server = site
    canary = Canary()
    proxy = f"http://127.0.0.1:{canary.port}"
    sites = write_sites(tmp_path / "sites.toml", {"polite": {"start_urls": [server.base_url + "/p/news/"]}})
    env = {
        "HTTP_PROXY": proxy,
        "HTTPS_PROXY": proxy,
        "http_proxy": proxy,
        "https_proxy": proxy,
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        "TLDEXTRACT_CACHE": str(tmp_path / "tldextract"),  # nothing cached: a download would be tried
    }
    proc = run_cli("crawl", "polite", "--json", db=tmp_path / "a.db", sites=sites, env=env)
    (outcome,) = crawl_json(proc)
    assert canary.hits == 0, "the crawl contacted a host other than the site (the public-suffix list?)"
    times = [r.at for r in server.requests if r.path == "/p/news/busy-once.html"]
    assert len(times) == 2 and times[1] - times[0] >= 2.0, "the retry went out before Retry-After"
    assert len([r for r in server.requests if r.path == "/p/news/busy-long.html"]) == 1, "120 s: no retry"
    assert outcome["counts"]["new"] == 2
    (line,) = [f for f in outcome["reasons"]["first"] if "busy-long" in f]
    assert line.endswith("HTTP 503 (Retry-After 120 s is over the cap: not retried in this run)")


def test_first_sigterm_stops_the_crawl_cleanly(tmp_path: Path) -> None:
    """A polite crawl (5 s between requests) of 40 articles: one SIGTERM ends it after the download in
    progress, not after the 3 minutes its queued requests would take; its run is recorded as interrupted
    with what it did, and the queued requests as not fetched."""
    links = "".join(f"<li><a href='/q/news/{i}.html'>Article number {i} title</a></li>" for i in range(40))

    def polite_site(request: Request) -> Response:
        if request.path == "/q/news/":
            return Response(body=f"<html><body><ul>{links}</ul></body></html>".encode())
        return Response(body=article(f"Article {request.path}"))

    router = Router()
    router.mount("/q/", polite_site)
    with LoopbackServer(router) as server:
        table = {"start_urls": [server.base_url + "/q/news/"], "delay": 5.0, "concurrency": 1}
        sites = write_sites(tmp_path / "sites.toml", {"polite": table})
        db = tmp_path / "a.db"
        cmd = [sys.executable, "-m", "newsarchive.crawler.cli", "crawl", "polite", "--json"]
        for key, value in FAST_SETTINGS.items():
            cmd += ["-s", f"{key}={value}"]
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "NEWSARCHIVE_DB": str(db),
            "NEWSARCHIVE_SITES": str(sites),
        }
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        while not [r for r in server.requests if r.path.endswith(".html")] and proc.poll() is None:
            time.sleep(0.05)  # wait until the first article is fetched (not a timing assertion)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)  # a bound only: 39 queued requests at 5 s would take 195 s
    assert proc.returncode == 1, err[-3000:]
    assert "Traceback" not in err
    (outcome,) = crawl_json(subprocess.CompletedProcess(cmd, proc.returncode, out, err))
    assert outcome["status"] == "interrupted"
    assert outcome["counts"]["new"] >= 1 and outcome["counts"]["not_fetched"] >= 30
    assert len([r for r in server.requests if r.path.endswith(".html")]) <= 3
    with sqlite3.connect(db) as conn:
        assert conn.execute("select status from crawl_runs").fetchone()[0] == "interrupted"
