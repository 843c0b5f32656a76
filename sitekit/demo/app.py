"""The demo web app: every demo site mounted on one Router, plus robots.txt, a /search/ page and an index.

Part of the offline demo (``sitekit/demo``): ``build`` makes ``{path: Page}`` per site and stage, this
module answers requests from those maps; ``DemoServer`` runs it on the kit's LoopbackServer, whose stage
can change at run time; ``serve()`` runs it in the foreground (``newsarchive demo-server``,
``python -m newsarchive.sitekit.demo``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from newsarchive.sitekit.cms import drupal, wordpress_chrome
from newsarchive.sitekit.cms.feeds import robots_txt
from newsarchive.sitekit.pages import Page, esc
from newsarchive.sitekit.server import LoggedRequest, LoopbackServer, Request, Response, Router

from .build import BUILDERS, build
from .content import sites
from .truth import START_PATHS, demo_sites

logger = logging.getLogger(__name__)

ROBOTS = robots_txt({"*": ("/search/",)})


def _check_stage(stage: int) -> int:
    if stage not in (1, 2):
        raise ValueError(f"demo stage must be 1 or 2, got {stage!r}")
    return stage


class DemoPages:
    """Rendered pages per (site, stage), built on first use; thread-safe, deterministic."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int], dict[str, Page]] = {}
        self._lock = threading.Lock()

    def site(self, name: str, stage: int) -> dict[str, Page]:
        key = (name, stage)
        with self._lock:
            if key not in self._cache:
                self._cache[key] = build(sites()[name], stage)
            return self._cache[key]


def _respond(page: Page, request: Request) -> Response:
    body = page.body
    base = wordpress_chrome.BASE.encode()
    if base in body:  # WordPress writes absolute URLs: use the host the client asked for
        body = body.replace(base, f"http://{request.headers.get('host', '127.0.0.1')}".encode())
    return Response(200, body, page.content_type, last_modified=page.last_modified)


def site_handler(
    name: str, pages: DemoPages, stage: Callable[[], int]
) -> Callable[[Request], Response | None]:
    def handle(request: Request) -> Response | None:
        if request.method not in ("GET", "HEAD"):
            return Response(
                405, b"Method Not Allowed", "text/plain", headers=[("Allow", "GET, HEAD")], etag=False
            )
        served = pages.site(name, _check_stage(stage()))
        page = served.get(_key(name, request, served))
        if page is not None:
            return _respond(page, request)
        if request.path + "/" in served:  # a directory without its slash, as web servers answer
            return Response(301, b"", None, headers=[("Location", request.path + "/")], etag=False)
        return None

    return handle


def _key(name: str, request: Request, served: dict[str, Page]) -> str:
    """The page key: the path, except Drupal's views pager where ``?page=N`` selects the page."""
    if name != "drupal" or request.path != drupal.NEWS:
        return request.path
    page = parse_qs(request.query).get("page", ["0"])[0]
    if not page.isdigit() or int(page) == 0:
        return request.path
    key = drupal.listing_key(int(page))
    return key if key in served else f"{drupal.NEWS}?page={drupal.EMPTY_LISTING}"


def index_page() -> bytes:
    names = {
        "demo-trs": "岭南科学院新材料研究所 — 新闻动态 (TRS, GBK)",
        "demo-gdasfs": "Jiangmen Industrial Technology Research Institute — News (English, t<id>.html)",
        "demo-drupal": "Pearl River Institute of Ecology and Environment — Newsroom (Drupal 10)",
        "demo-wp": "Lingnan Institute of Coastal Science — LICS News (WordPress, RSS at /wp/feed/)",
    }
    items = "".join(
        f"<li><strong>{esc(names[site])}</strong> <code>{site}</code><ul>"
        + "".join(f'<li><a href="{p}">{esc(p)}</a></li>' for p in paths)
        + "</ul></li>"
        for site, paths in START_PATHS.items()
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>newsarchive demo '
        "sites</title></head>"
        "<body><h1>newsarchive offline demo</h1><p>Institute news sites served from this machine for the "
        "demo, "
        f"the tests and the benchmark. Nothing here is real news.</p><ul>{items}</ul></body></html>\n"
    ).encode()


def search_page(request: Request) -> Response:
    words = (
        request.params().get("searchword") or request.params().get("q") or request.params().get("keys") or ""
    )
    body = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Search</title></head><body><h1>Search</h1>'
        f"<p>No results for “{esc(words)}”.</p></body></html>"
    ).encode()
    return Response(200, body, "text/html; charset=utf-8", etag=False)


def make_app(stage: int | Callable[[], int]) -> Router:
    """All demo sites on one Router; ``stage`` is fixed or read on every request (a callable)."""
    current = stage if callable(stage) else (lambda: stage)
    if not callable(stage):
        _check_stage(stage)
    pages = DemoPages()
    router = Router()
    for name in BUILDERS:
        router.mount(f"/{name}/", site_handler(name, pages, current))
    router.mount(
        "/robots.txt", lambda r: Response(200, ROBOTS, "text/plain") if r.path == "/robots.txt" else None
    )
    router.mount("/search/", search_page)
    router.mount(
        "/",
        lambda r: (
            Response(200, index_page(), "text/html; charset=utf-8")
            if r.path in ("/", "/index.html")
            else None
        ),
    )
    return router


class DemoServer:
    """The demo sites on a LoopbackServer. Set ``server.stage = 2`` to serve the sites a week later.

    ``router`` is exposed so tests can mount more routes (misbehaving ones) on the same server.
    """

    def __init__(self, stage: int = 1, host: str = "127.0.0.1", port: int = 0, *, gzip: bool = False) -> None:
        self._stage = _check_stage(stage)
        self.router = make_app(lambda: self._stage)
        self._server = LoopbackServer(self.router, host, port, gzip=gzip)

    @property
    def stage(self) -> int:
        return self._stage

    @stage.setter
    def stage(self, value: int) -> None:
        self._stage = _check_stage(value)
        logger.info("demo server now serves stage %d at %s", value, self.base_url)

    @property
    def base_url(self) -> str:
        return self._server.base_url

    @property
    def port(self) -> int:
        return self._server.port

    @property
    def requests(self) -> list[LoggedRequest]:
        return self._server.requests

    def clear_log(self) -> None:
        self._server.clear_log()

    def sites(self) -> dict[str, dict[str, Any]]:
        """The sites.toml tables for this server (see ``truth.demo_sites``)."""
        return demo_sites(self.base_url)

    def start(self) -> DemoServer:
        self._server.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(port: int = 8765, stage: int = 1, host: str = "127.0.0.1") -> None:
    """Serve the demo sites in the foreground until Ctrl-C, logging one line with the URL of each site."""
    server = DemoServer(stage, host, port)
    for name, table in server.sites().items():
        logger.info("%s (stage %d): %s", name, stage, " ".join(table["start_urls"]))
    logger.info("robots.txt: %s/robots.txt; press Ctrl-C to stop", server.base_url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("demo server stopped")
    finally:
        server.stop()
