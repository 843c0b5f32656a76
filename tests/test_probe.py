"""crawler.probe against the multi-CMS site on a real loopback server (gzip on): the JSON report, the
sites.toml stanza (parsed back with crawler.sites.parse_site), robots.txt obeyed, blocking, redirects,
timeouts and unreachable hosts."""

from __future__ import annotations

import socket
import time
import tomllib
from collections.abc import Iterator

import pytest

from crawler.probe import probe
from crawler.sites import parse_site
from sitekit.multicms import ground_truth, make_app
from sitekit.server import LoopbackServer, Request, Response

UA = "newsarchive-probe-test/1.0 (+https://example.org/bot)"
TRUTH = ground_truth()
KEYS = {
    "cms",
    "articles",
    "next_pages",
    "feeds",
    "sitemaps",
    "encoding",
    "warnings",
    "robots",
    "blocked",
    "status",
    "final_url",
}


def _extra(request: Request) -> Response | None:
    if request.path == "/moved/news":
        return Response(301, b"", None, headers=[("Location", "/trs-new/zxdt/list.shtml")], etag=False)
    if request.path == "/moved/loop":
        return Response(302, b"", None, headers=[("Location", "/moved/loop")], etag=False)
    if request.path == "/moved/slow":
        return Response(200, b"<html></html>", delay=3.0)
    return None


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    app = make_app()
    app.mount("/moved/", _extra)
    with LoopbackServer(app, gzip=True) as srv:
        yield srv


def stanza_site(report, name: str = "probed"):
    table = tomllib.loads(report.stanza(name))["sites"][name]
    return parse_site(name, table)


def test_trs_gbk_listing_report_and_stanza(server: LoopbackServer) -> None:
    url = server.base_url + TRUTH["trs-old"].start
    report = probe(url, user_agent=UA, timeout=10)
    data = report.to_dict()
    assert set(data) >= KEYS
    assert data["status"] == 200 and data["cms"] == "trs" and data["robots"] == "allowed"
    assert data["blocked"] is None
    assert len(data["articles"]) == 15 and all(a["date"] and a["title"] for a in data["articles"])
    assert data["next_pages"] == [server.base_url + "/trs-old/xwzx/index_1.html"]
    assert data["encoding"] == "gb18030"
    assert server.base_url + "/sitemaps/sitemap_index.xml" in data["sitemaps"]  # robots.txt Sitemap: line
    assert data["next_page"]["new_articles"] == 15
    site = stanza_site(report)
    assert site.start_urls == (url,)
    assert site.allowed_domains == ("127.0.0.1",)
    assert site.language == "zh" and site.charset == "gb18030"


def test_probe_follows_post_pager(server: LoopbackServer) -> None:
    report = probe(server.base_url + TRUTH["hanweb-post"].start, user_agent=UA, timeout=10)
    data = report.to_dict()
    assert data["cms"] == "hanweb"
    assert data["next_requests"][0]["method"] == "POST"
    assert data["next_page"]["articles"] == 15 and data["next_page"]["new_articles"] == 15


def test_probe_gkmlpt_shell_goes_to_the_api(server: LoopbackServer) -> None:
    report = probe(server.base_url + TRUTH["gkmlpt"].start, user_agent=UA, timeout=10)
    assert report.cms == "gkmlpt" and report.articles == ()
    assert report.next_pages[0].url.endswith("/gkmlpt/dept/gkmlpt/api/all/5?page=1&sid=1")
    assert report.next_page is not None and report.next_page.articles == 15
    assert "selectors" not in report.stanza("g")  # the items are one request away, no selector needed
    stanza_site(report, "g")


def test_english_site_stanza_without_charset(server: LoopbackServer) -> None:
    report = probe(server.base_url + TRUTH["wordpress"].start, user_agent=UA, timeout=10)
    site = stanza_site(report, "coastal")
    assert site.language == "en" and site.charset is None
    assert report.feeds == (server.base_url + "/wp/feed/", server.base_url + "/wp/category/research/feed/")


def test_blocked_412_is_reported(server: LoopbackServer) -> None:
    report = probe(server.base_url + "/neg/412/index.html", user_agent=UA, timeout=10)
    data = report.to_dict()
    assert data["status"] == 412 and data["blocked"] == "challenge-412"
    assert data["articles"] == [] and data["next_pages"] == []
    assert any(w.startswith("blocked: challenge-412") for w in data["warnings"])
    stanza_site(report)


def test_unfollowable_pager_is_a_warning(server: LoopbackServer) -> None:
    report = probe(server.base_url + "/neg/jsvoid/index.html", user_agent=UA, timeout=10)
    assert report.next_pages == () and report.next_page is None
    assert "pager-unfollowable: onclick toPage(2)" in report.warnings


def test_robots_disallow_is_obeyed(server: LoopbackServer) -> None:
    server.clear_log()
    report = probe(server.base_url + "/private/news/index.html", user_agent=UA, timeout=10)
    assert report.robots == "disallowed" and report.status == 0
    deadline = time.monotonic() + 2  # the server logs a request just after answering it
    while "/robots.txt" not in (paths := [r.path for r in server.requests]) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "/robots.txt" in paths and "/private/news/index.html" not in paths
    bad = probe(server.base_url + "/trs-new/zxdt/list.shtml", user_agent="BadBot/2.0", timeout=10)
    assert bad.robots == "disallowed"


def test_redirect_is_followed_and_final_url_reported(server: LoopbackServer) -> None:
    report = probe(server.base_url + "/moved/news", user_agent=UA, timeout=10)
    assert report.final_url == server.base_url + "/trs-new/zxdt/list.shtml"
    assert report.cms == "trs" and len(report.articles) == 14
    assert report.next_pages[0].url == server.base_url + "/trs-new/zxdt/list_2.shtml"


def test_redirect_loop_timeout_and_refused_connection(server: LoopbackServer) -> None:
    loop = probe(server.base_url + "/moved/loop", user_agent=UA, timeout=10)
    assert loop.status == 0 and loop.warnings[0].startswith("fetch-failed")
    slow = probe(server.base_url + "/moved/slow", user_agent=UA, timeout=0.5, follow_next=False)
    assert slow.status == 0 and "fetch-failed" in slow.warnings[0]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused = probe(f"http://127.0.0.1:{port}/news/", user_agent=UA, timeout=2)
    assert refused.status == 0 and refused.robots == "error"


def test_user_agent_is_required(server: LoopbackServer) -> None:
    with pytest.raises(ValueError, match="User-Agent"):
        probe(server.base_url + "/wp/category/research/", user_agent=" ")
