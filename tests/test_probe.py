"""``newsarchive probe`` (a real subprocess, fetching through Scrapy with the crawl's settings) against the
multi-CMS site on a real loopback server (gzip on): the JSON report, the sites.toml stanza (parsed back with
crawler.sites.parse_site), robots.txt obeyed, blocking, redirects on and off the site, timeouts and
unreachable hosts. Where a crawl meets the same page, probe and crawl give the same verdict."""

from __future__ import annotations

import json
import socket
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsarchive.crawler.sites import parse_site
from newsarchive.sitekit.multicms import ground_truth, make_app
from newsarchive.sitekit.server import LoopbackServer, Request, Response

from .conftest import FAST_SETTINGS, crawl_json, run_cli, write_sites

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
    "stanza",
}


def _extra(request: Request) -> Response | None:
    if request.path == "/moved/news":
        return Response(301, b"", None, headers=[("Location", "/trs-new/zxdt/list.shtml")], etag=False)
    if request.path == "/moved/loop":
        return Response(302, b"", None, headers=[("Location", "/moved/loop")], etag=False)
    if request.path == "/moved/slow":  # answers when the server stops: past any timeout
        return Response(200, b"<html></html>", delay=600)
    if request.path == "/moved/away":  # another host: localhost is not 127.0.0.1
        port = request.headers.get("host", "").rsplit(":", 1)[-1]
        location = f"http://localhost:{port}/trs-new/zxdt/list.shtml"
        return Response(302, b"", None, headers=[("Location", location)], etag=False)
    return None


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackServer]:
    app = make_app()
    app.mount("/moved/", _extra)
    with LoopbackServer(app, gzip=True) as srv:
        yield srv


def probe(url: str, *args: str, user_agent: str = UA, ok: bool = True) -> dict[str, Any]:
    """``newsarchive probe --json URL`` with the test's fast settings; its JSON report. The download timeout
    is ``--timeout``'s (a long one unless the test gives its own: a busy machine must not hit it)."""
    own = ("LOGSTATS_INTERVAL", "DOWNLOAD_TIMEOUT")
    sets = [f"-s{k}={v}" for k, v in FAST_SETTINGS.items() if k not in own]
    if "--timeout" not in args:
        sets += ["--timeout", FAST_SETTINGS["DOWNLOAD_TIMEOUT"]]
    proc = run_cli("probe", url, "--json", "--user-agent", user_agent, *sets, *args, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert (proc.returncode == 0) == ok, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    return json.loads(proc.stdout)


def stanza_site(data: dict[str, Any], name: str = "probed"):
    table = tomllib.loads(data["stanza"])["sites"]
    (site_name,) = table
    return parse_site(name, table[site_name])


def test_trs_gbk_listing_report_and_stanza(server: LoopbackServer) -> None:
    url = server.base_url + TRUTH["trs-old"].start
    data = probe(url)
    assert set(data) >= KEYS
    assert data["status"] == 200 and data["cms"] == "trs" and data["robots"] == "allowed"
    assert data["blocked"] is None
    assert len(data["articles"]) == 15 and all(a["date"] and a["title"] for a in data["articles"])
    assert data["next_pages"] == [server.base_url + "/trs-old/xwzx/index_1.html"]
    assert data["encoding"] == "gb18030"
    assert server.base_url + "/sitemaps/sitemap_index.xml" in data["sitemaps"]  # robots.txt Sitemap: line
    assert data["next_page"]["new_articles"] == 15
    site = stanza_site(data)
    assert site.start_urls == (url,)
    assert site.allowed_domains == ("127.0.0.1",)
    assert site.language == "zh" and site.charset == "gb18030"


def test_probe_follows_post_pager(server: LoopbackServer) -> None:
    data = probe(server.base_url + TRUTH["hanweb-post"].start)
    assert data["cms"] == "hanweb"
    assert data["next_requests"][0]["method"] == "POST"
    assert data["next_page"]["articles"] == 15 and data["next_page"]["new_articles"] == 15


def test_probe_gkmlpt_shell_goes_to_the_api(server: LoopbackServer) -> None:
    data = probe(server.base_url + TRUTH["gkmlpt"].start, "--name", "g")
    assert data["cms"] == "gkmlpt" and data["articles"] == []
    assert data["next_pages"][0].endswith("/gkmlpt/dept/gkmlpt/api/all/5?page=1&sid=1")
    assert data["next_page"]["articles"] == 15
    assert "selectors" not in data["stanza"]  # the items are one request away, no selector needed
    stanza_site(data, "g")


def test_english_site_stanza_without_charset(server: LoopbackServer) -> None:
    data = probe(server.base_url + TRUTH["wordpress"].start)
    site = stanza_site(data, "coastal")
    assert site.language == "en" and site.charset is None
    assert data["feeds"] == [server.base_url + "/wp/feed/", server.base_url + "/wp/category/research/feed/"]


def test_blocked_412_is_reported(server: LoopbackServer) -> None:
    data = probe(server.base_url + "/neg/412/index.html", ok=False)
    assert data["status"] == 412 and data["blocked"] == "challenge-412"
    assert data["articles"] == [] and data["next_pages"] == []
    assert any(w.startswith("blocked: challenge-412") for w in data["warnings"])
    stanza_site(data)


def test_unfollowable_pager_is_a_warning(server: LoopbackServer) -> None:
    data = probe(server.base_url + "/neg/jsvoid/index.html")
    assert data["next_pages"] == [] and data["next_page"] is None
    assert "pager-unfollowable: onclick toPage(2)" in data["warnings"]


def test_robots_disallow_is_obeyed(server: LoopbackServer) -> None:
    server.clear_log()
    data = probe(server.base_url + "/private/news/index.html", ok=False)
    assert data["robots"] == "disallowed" and data["status"] == 0
    assert "robots-disallowed: forbidden by robots.txt; not fetched" in data["warnings"]
    paths = [r.path for r in server.requests]
    assert "/robots.txt" in paths and "/private/news/index.html" not in paths
    bad = probe(server.base_url + "/trs-new/zxdt/list.shtml", user_agent="BadBot/2.0", ok=False)
    assert bad["robots"] == "disallowed"


def test_redirect_is_followed_and_final_url_reported(server: LoopbackServer) -> None:
    data = probe(server.base_url + "/moved/news")
    assert data["final_url"] == server.base_url + "/trs-new/zxdt/list.shtml"
    assert data["cms"] == "trs" and len(data["articles"]) == 14
    assert data["next_pages"][0] == server.base_url + "/trs-new/zxdt/list_2.shtml"


def test_redirect_off_the_site_is_not_followed(server: LoopbackServer) -> None:
    server.clear_log()
    data = probe(server.base_url + "/moved/away", ok=False)
    assert data["status"] == 0 and data["articles"] == []
    (warning,) = [w for w in data["warnings"] if w.startswith("off-site:")]
    assert "off-site redirect:" in warning and "/moved/away -> http://localhost:" in warning
    assert all(r.headers.get("host", "").startswith("127.0.0.1") for r in server.requests)


def test_redirect_loop_timeout_and_refused_connection(server: LoopbackServer) -> None:
    loop = probe(server.base_url + "/moved/loop", ok=False)
    assert loop["status"] == 0 and "fetch-failed: redirect loop" in loop["warnings"][0]
    # robots.txt is fetched within the same timeout: long enough for a busy machine to answer it
    slow = probe(
        server.base_url + "/moved/slow", "--timeout", "8", "--no-next", "-s", "RETRY_TIMES=0", ok=False
    )
    assert slow["status"] == 0 and slow["warnings"][0].startswith("fetch-failed: timed out")
    with socket.socket() as sock:  # bound, not listening, kept until the probe is done: refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        refused = probe(f"http://127.0.0.1:{port}/news/", "-s", "RETRY_TIMES=0", ok=False)
    assert refused["status"] == 0 and refused["robots"] == "error"
    assert refused["warnings"][0].startswith("fetch-failed: connection refused")


def test_user_agent_is_required(server: LoopbackServer) -> None:
    proc = run_cli("probe", "http://www.example.invalid/news/")
    assert proc.returncode == 2 and "NEWSARCHIVE_USER_AGENT" in proc.stderr


@pytest.mark.parametrize(
    ("path", "probe_says", "crawl_says"),
    [
        ("/private/news/index.html", "robots-disallowed: forbidden by robots.txt", "robots: "),
        ("/moved/away", "off-site: off-site redirect: ", None),
    ],
)
def test_probe_and_crawl_agree(
    server: LoopbackServer, tmp_path: Path, path: str, probe_says: str, crawl_says: str | None
) -> None:
    """What probe reports about a listing is what a crawl of it records: same words, same refusal."""
    url = server.base_url + path
    data = probe(url, ok=False)
    (said,) = [w for w in data["warnings"] if w.startswith(probe_says)]
    verdict = said.split(": ", 1)[1]
    sites = write_sites(tmp_path / "sites.toml", {"probed": {"start_urls": [url]}})
    proc = run_cli("crawl", "probed", "--json", db=tmp_path / "a.db", sites=sites)
    (outcome,) = crawl_json(proc)
    assert outcome["status"] == "failed" and outcome["counts"].get("listing_pages", 0) == 0
    if crawl_says:  # not fetched, said in the run's warnings
        assert any(w.startswith(crawl_says) and w.endswith(verdict) for w in outcome["warnings"])
    else:  # a failed fetch, said in the fetch log
        import sqlite3

        with sqlite3.connect(tmp_path / "a.db") as conn:
            errors = [r[0] for r in conn.execute("select error from fetches where kind = 'listing'")]
        assert errors == [verdict]
