"""The fault server: a news site whose listing links every way a real site misbehaves, on the site kit's
LoopbackServer, with a table of what the archive must record for each.

Used by the soak (``python -m bench.soak``) and the fast fault tests (``tests/test_faults.py``). Data flow: a
crawl reads ``/f/index.html`` and requests each link; the server answers as ``FAULTS`` says (pages from
``sitekit.fault_pages``), and ``Fault.expect``/``Fault.reason`` say what the archive must make of it:

- ``new``: an article (one version); ``document``: kept as a document;
- ``missing``: not an article, with a reason (``http-404``, ``soft-404``, ``empty-shell``);
- ``blocked``: an anti-bot or login answer, with its code (``challenge-412``, ``js-stub``, ...);
- ``failed``: a failed fetch, with the failure's kind (``timeout``, ``refused``, ``off-site``, ...);
- ``not-fetched``: never requested (robots.txt).

At stage 2 (``FaultServer.stage = 2``, a week later) the listing links only the articles, and the
``polluted-*`` URLs, real articles at stage 1, answer a soft 404, a challenge, a login wall or an empty shell
instead: none of them may become a new version of the article. ``/f/big/index.html`` is a listing of 100,000
links (its site config caps the articles a crawl fetches). ``OutboundTrap`` stands in for the internet: a
crawl run with ``HTTPS_PROXY`` pointing at it shows every attempt to reach a host outside the sites.
"""

from __future__ import annotations

import socket
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsarchive.sitekit import fault_pages as pages
from newsarchive.sitekit.cms.feeds import robots_txt
from newsarchive.sitekit.model import Article
from newsarchive.sitekit.server import LoggedRequest, LoopbackServer, Request, Response, Router

NEW, DOCUMENT, MISSING, BLOCKED, FAILED, NOT_FETCHED = (
    "new",
    "document",
    "missing",
    "blocked",
    "failed",
    "not-fetched",
)
SLOW_SECONDS = 300.0  # the slow page answers after this long (or when the server stops): past any timeout
BIG_LINKS = 100_000


@dataclass(frozen=True, slots=True)
class Fault:
    name: str  # the page is /f/<name>.html
    serves: str  # what the server answers, in words
    expect: str  # what the archive must record (NEW, MISSING, ...)
    reason: str = ""  # the reason or failure kind it must give
    later: str = ""  # pollution cases: the fault this URL answers at stage 2 (it held an article at stage 1)

    @property
    def path(self) -> str:
        return f"/f/{self.name}.html"


FAULTS: tuple[Fault, ...] = (
    Fault("good-zh", "a TRS article (GBK, <meta charset>)", NEW),
    Fault("good-en", "a Drupal press release", NEW),
    Fault("set-cookie", "a Drupal article that sets a session cookie", NEW),
    Fault("gbk-undeclared", "a GBK article with no charset in the header or the page", NEW),
    Fault("gbk-header-lies", "a GBK article whose header says utf-8", NEW),
    Fault("moved", "301 to an article on the same host", NEW),
    Fault("retry-after-2", "503 with Retry-After: 2, then the article", NEW),
    Fault("octet", "48 KB of random bytes as application/octet-stream", DOCUMENT),
    Fault("gone-404", "404", MISSING, "http-404"),
    Fault("gone-410", "410", MISSING, "http-410"),
    Fault("soft-404-zh", "200: the TRS template saying 404 页面不存在", MISSING, "soft-404"),
    Fault("soft-404-en", "200: the Drupal template saying Page not found", MISSING, "soft-404"),
    Fault("empty-shell", "200: the TRS article template with nothing in it", MISSING, "empty-shell"),
    Fault("js-stub", "200: a single-page app shell asking for JavaScript", BLOCKED, "js-stub"),
    Fault("cookie-shell", "200: a script that sets a cookie and reloads", BLOCKED, "challenge-200"),
    Fault("challenge-412", "412: 瑞数 cookie challenge", BLOCKED, "challenge-412"),
    Fault("challenge-521", "521: 加速乐 cookie challenge", BLOCKED, "challenge-521"),
    Fault(
        "cloudflare",
        "503 Just a moment... with cf-mitigated: challenge",
        BLOCKED,
        "challenge-cloudflare",
    ),
    Fault("waf-403", "403 Access Denied", BLOCKED, "waf-403"),
    Fault("login-wall", "200: a login form instead of the article", BLOCKED, "login-wall"),
    Fault("offsite", "302 to localhost:PORT (another host name)", FAILED, "off-site"),
    Fault("loop", "302 to itself", FAILED, "redirect-loop"),
    Fault("error-500", "500", FAILED, "http-500"),
    Fault("retry-after-120", "503 with Retry-After: 120, always", FAILED, "http-503"),
    Fault("refused", "a link to a closed port", FAILED, "refused"),
    Fault("slow", f"answers after {SLOW_SECONDS:.0f} s", FAILED, "timeout"),
    Fault("drop", "closes the connection without answering", FAILED, "connection"),
    Fault("truncated", "announces the full length, sends 300 bytes", FAILED, "connection"),
    Fault("gzip-bomb", "100 KB of gzip that inflates to 100 MB", FAILED, "too-large"),
    Fault("oversized", "a 24 MB page", FAILED, "too-large"),
    Fault("binary", "PNG bytes as text/html", FAILED, "extraction"),
    Fault("private", "a page robots.txt forbids", NOT_FETCHED, "robots"),
    *(
        Fault(f"polluted-{name}", f"an article, then (stage 2) {name}", NEW, later=name)
        for name in (
            "soft-404-zh",
            "soft-404-en",
            "empty-shell",
            "js-stub",
            "login-wall",
            "cookie-shell",
            "cloudflare",
        )
    ),
)
BY_NAME = {fault.name: fault for fault in FAULTS}
PRIVATE = "/f/private/"  # robots.txt forbids this folder


# the articles of the fault site: fault name -> (seed, language); pollution URLs hold one at stage 1
CONTENT = {
    "good-zh": (1, "zh"),
    "good-en": (2, "en"),
    "set-cookie": (3, "en"),
    "gbk-undeclared": (4, "zh"),
    "gbk-header-lies": (5, "zh"),
    "slow": (6, "en"),
    "truncated": (7, "en"),
    "private": (8, "en"),
    "moved": (9, "en"),  # at /f/moved-here.html
    "retry-after-2": (10, "en"),
    **{f.name: (20 + i, "zh" if f.name.endswith("-zh") else "en") for i, f in enumerate(FAULTS) if f.later},
}
MOVED_TO = "/f/moved-here.html"


def article_of(fault: Fault) -> Article:
    """The article ``fault``'s page holds (at stage 1), as the site kit's model: what extraction must find."""
    seed, language = CONTENT[fault.name]
    return pages.article(MOVED_TO if fault.name == "moved" else fault_path(fault), seed, language)


def _article(fault_name: str, path: str, **kw: Any) -> Response:
    seed, language = CONTENT[fault_name]
    body = pages.article_page(path, seed, language)
    return _page(body, "text/html" if language == "zh" else "text/html; charset=utf-8", **kw)


def fault_path(fault: Fault) -> str:
    return PRIVATE + "secret.html" if fault.name == "private" else fault.path


def stage_fault(fault: Fault, stage: int) -> Fault:
    """What ``fault``'s URL is at ``stage``: a pollution URL is its ``later`` fault at stage 2."""
    return BY_NAME[fault.later] if fault.later and stage >= 2 else fault


def _page(body: bytes, content_type: str = "text/html; charset=utf-8", **kw: Any) -> Response:
    return Response(200, body, content_type, **kw)


def _error(status: int, reason: str, headers: list[tuple[str, str]] | None = None) -> Response:
    return Response(status, pages.error_page(status, reason), headers=headers or [], etag=False)


GBK = "text/html; charset=gbk"
# fault name -> its answer (the path lets a pollution URL's article differ from the plain good pages)
ANSWERS: dict[str, Callable[[str], Response]] = {
    "good-zh": lambda p: _article("good-zh", p),
    "good-en": lambda p: _article("good-en", p),
    "set-cookie": lambda p: _article(
        "set-cookie", p, headers=[("Set-Cookie", "SESS4f2a=9b1c7e; path=/; HttpOnly")]
    ),
    "gbk-undeclared": lambda p: _page(pages.bare_gbk_article(p, CONTENT["gbk-undeclared"][0]), "text/html"),
    "gbk-header-lies": lambda p: _page(pages.bare_gbk_article(p, CONTENT["gbk-header-lies"][0])),
    "moved": lambda p: Response(301, b"", headers=[("Location", MOVED_TO)], etag=False),
    "octet": lambda p: _page(pages.octet_bytes(), "application/octet-stream"),
    "gone-404": lambda p: _error(404, "Not Found"),
    "gone-410": lambda p: _error(410, "Gone"),
    "soft-404-zh": lambda p: _page(pages.soft_404_zh(), GBK, etag=False),
    "soft-404-en": lambda p: _page(pages.soft_404_en(), etag=False),
    "empty-shell": lambda p: _page(pages.empty_shell(), GBK, etag=False),
    "js-stub": lambda p: _page(pages.js_stub(), etag=False),
    "cookie-shell": lambda p: _page(pages.cookie_shell(), etag=False),
    "challenge-412": lambda p: Response(
        412, pages.challenge_412(), headers=[("Set-Cookie", "FSSBBIl1UgzbN7N80S=x1f; Path=/")], etag=False
    ),
    "challenge-521": lambda p: Response(
        521, pages.challenge_521(), headers=[("Set-Cookie", "__jsluid_h=4b2e9d; path=/")], etag=False
    ),
    "cloudflare": lambda p: Response(
        503,
        pages.cloudflare(),
        headers=[("cf-mitigated", "challenge"), ("Server", "cloudflare"), ("Cache-Control", "no-store")],
        etag=False,
    ),
    "waf-403": lambda p: Response(403, pages.waf_403(), etag=False),
    "login-wall": lambda p: _page(pages.login_wall(), GBK, etag=False),
    "loop": lambda p: Response(302, b"", headers=[("Location", p)], etag=False),
    "error-500": lambda p: _error(500, "Internal Server Error"),
    "retry-after-120": lambda p: _error(503, "Service Unavailable", [("Retry-After", "120")]),
    "slow": lambda p: _article("slow", p, delay=SLOW_SECONDS),
    "drop": lambda p: Response(drop=True),
    "truncated": lambda p: _article("truncated", p, truncate_to=300),
    "gzip-bomb": lambda p: _page(pages.gzip_bomb(), headers=[("Content-Encoding", "gzip")], etag=False),
    "oversized": lambda p: _page(pages.oversized(), etag=False),
    "binary": lambda p: _page(pages.png_bytes(), "text/html"),
    "private": lambda p: _article("private", p),
}


class FaultSite:
    """The request handler: the listing, every fault, the 100,000-link listing and its articles."""

    def __init__(self, port: int, refused_port: int) -> None:
        self.port = port  # its own port, for the off-site redirect to localhost:PORT
        self.refused_port = refused_port  # nothing listens there
        self.stage = 1
        self._hits: Counter[str] = Counter()
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Response | None:
        path = request.path
        if path == "/f/index.html":
            return _page(self.listing())
        if path == "/f/big/index.html":
            return _page(big_listing())
        if path.startswith("/f/big/"):
            number = path.removeprefix("/f/big/").removesuffix(".html")
            return _page(pages.article_page(path, int(number), "en")) if number.isdigit() else None
        if path == MOVED_TO:
            return _article("moved", path)
        name = (
            "private" if path == PRIVATE + "secret.html" else path.removeprefix("/f/").removesuffix(".html")
        )
        fault = BY_NAME.get(name)
        if fault is None:
            return None
        return self._answer(stage_fault(fault, self.stage), fault, path)

    def _answer(self, now: Fault, fault: Fault, path: str) -> Response | None:
        if fault.later and now is fault:  # a pollution URL at stage 1: a real article
            return _article(fault.name, path)
        if now.name == "offsite":
            return Response(
                302, b"", headers=[("Location", f"http://localhost:{self.port}/f/good-en.html")], etag=False
            )
        if now.name == "retry-after-2":
            with self._lock:
                self._hits[path] += 1
                first = self._hits[path] % 2 == 1  # every other request: busy, come back in 2 s
            if first:
                return _error(503, "Service Unavailable", [("Retry-After", "2")])
            return _article("retry-after-2", path)
        answer = ANSWERS.get(now.name)
        return answer(path) if answer else None

    def url(self, fault: Fault) -> str:
        if fault.name == "refused":
            return f"http://127.0.0.1:{self.refused_port}{fault.path}"
        return fault_path(fault)

    def listing(self) -> bytes:
        shown = [f for f in FAULTS if self.stage < 2 or f.expect == NEW]
        rows = [
            (
                self.url(f),
                f"Institute news {i}: {f.name.replace('-', ' ')} report",
                f"2024-05-{i % 28 + 1:02d}",
            )
            for i, f in enumerate(shown, 1)
        ]
        return pages.listing(rows, "News")


@cache
def big_listing() -> bytes:
    rows = [
        (
            f"/f/big/{n}.html",
            f"Institute news item {n}: research notes",
            f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
        )
        for n in range(BIG_LINKS, 0, -1)
    ]
    return pages.listing(rows, "News archive")


def make_fault_app(site: FaultSite) -> Router:
    router = Router()
    router.mount("/f/", site)
    robots = robots_txt({"*": (PRIVATE,)})
    router.mount("/robots.txt", lambda request: Response(body=robots, content_type="text/plain"))
    return router


class FaultServer:
    """The fault site on 127.0.0.1 (free port), with a port reserved where nothing listens.

    >>> with FaultServer() as server:
    ...     sites = server.sites()  # sites.toml tables: "faults" and "faults-big"
    """

    def __init__(self) -> None:
        self._closed = socket.socket()  # bound, never listening: connecting to it is refused
        self._closed.bind(("127.0.0.1", 0))
        self.site = FaultSite(0, self._closed.getsockname()[1])
        self.server = LoopbackServer(make_fault_app(self.site))
        self.site.port = self.server.port

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def stage(self) -> int:
        return self.site.stage

    @stage.setter
    def stage(self, value: int) -> None:
        self.site.stage = value

    @property
    def requests(self) -> list[LoggedRequest]:
        return self.server.requests

    def url(self, fault: Fault) -> str:
        """The absolute URL of ``fault``'s link, as the listing gives it."""
        link = self.site.url(fault)
        return link if link.startswith("http") else self.base_url + link

    def sites(self, max_articles: int = 5) -> dict[str, dict[str, Any]]:
        """sites.toml tables: ``faults`` (the listing of faults) and ``faults-big`` (100,000 links, of which a
        crawl fetches ``max_articles``)."""
        return {
            "faults": {"start_urls": [self.base_url + "/f/index.html"], "max_pages": 1},
            "faults-big": {
                "start_urls": [self.base_url + "/f/big/index.html"],
                "max_pages": 1,
                "max_articles": max_articles,
            },
        }

    def start(self) -> FaultServer:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()
        self._closed.close()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class OutboundTrap:
    """A listener on 127.0.0.1 that stands in for the internet: point a crawl's ``HTTPS_PROXY`` at
    ``proxy_url`` and every connection it tries to open to an outside host (a suffix-list download, a
    telemetry call) arrives here as a ``CONNECT host:443`` line, recorded in ``attempts`` and refused."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.attempts: list[str] = []
        self._thread = threading.Thread(target=self._accept, name="outbound-trap", daemon=True)

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def env(self) -> dict[str, str]:
        """Environment variables that send a process's HTTPS traffic here."""
        return {"HTTPS_PROXY": self.proxy_url, "https_proxy": self.proxy_url, "NO_PROXY": "", "no_proxy": ""}

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._socket.accept()
            except OSError:  # closed
                return
            with conn:
                conn.settimeout(5)
                try:
                    line = conn.recv(1024).split(b"\r\n", 1)[0]
                except OSError:
                    line = b"?"
                self.attempts.append(line.decode("latin-1"))

    def __enter__(self) -> OutboundTrap:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._socket.close()
