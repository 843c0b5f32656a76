"""LoopbackServer: the site kit's one HTTP/1.1 server on 127.0.0.1, for the demo, the tests and the bench.

Handlers are plain functions ``Request -> Response | None`` mounted on path prefixes. The server adds
what real sites do: ETag/Last-Modified with conditional GET (304), optional gzip, keep-alive. Responses can
misbehave on purpose (delay, dropped connection, truncated body) so tests can exercise failure handling.
Every request is logged (method, path, headers, status) so tests can check what a crawl sent.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import logging
import socketserver
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str  # without the query string
    query: str
    headers: dict[str, str]  # lower-cased names
    body: bytes = b""

    def params(self) -> dict[str, str]:
        """Query parameters (and form fields of a urlencoded POST body), first value each."""
        out = {k: v[0] for k, v in parse_qs(self.query, keep_blank_values=True).items()}
        if self.body and "urlencoded" in self.headers.get("content-type", ""):
            form = parse_qs(self.body.decode("latin-1"), keep_blank_values=True)
            out.update({k: v[0] for k, v in form.items()})
        return out


@dataclass(slots=True)
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    last_modified: float | None = None  # epoch seconds; sent as Last-Modified, honoured for If-Modified-Since
    etag: bool = True  # send a strong ETag of the body and answer If-None-Match with 304
    delay: float = 0.0  # seconds to wait before answering
    drop: bool = False  # close the connection without answering
    truncate_to: int | None = None  # announce the full Content-Length, then send only this many bytes


Handler = Callable[[Request], Response | None]


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    status: int
    at: float


class Router:
    """Longest-prefix dispatch of requests to handlers; the first handler that answers wins."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, Handler]] = []
        self._lock = threading.Lock()

    def mount(self, prefix: str, handler: Handler) -> None:
        with self._lock:
            self._routes.append((prefix, handler))
            self._routes.sort(key=lambda r: len(r[0]), reverse=True)

    def __call__(self, request: Request) -> Response | None:
        with self._lock:
            routes = list(self._routes)
        for prefix, handler in routes:
            if request.path.startswith(prefix):
                response = handler(request)
                if response is not None:
                    return response
        return None


class Gate:
    """Wraps a handler: answers the first ``opened`` requests whose path is in ``paths``, then holds every
    further one until ``release()`` (or ``hold_for`` seconds). A crawl of such a site cannot end before a
    test has done what it must mid-crawl (kill it, start another), however fast or slow the machine."""

    def __init__(self, app: Handler, paths: set[str], opened: int, hold_for: float = 600) -> None:
        self.app, self.paths, self.opened, self.hold_for = app, paths, opened, hold_for
        self.answered = 0
        self._released = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Response | None:
        if request.path in self.paths:
            with self._lock:
                self.answered += 1
                held = self.answered > self.opened
            if held:
                self._released.wait(self.hold_for)
        return self.app(request)

    def release(self) -> None:
        self._released.set()


def not_found() -> Response:
    return Response(
        404,
        b"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>",
        etag=False,
    )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s %s", self.address_string(), format % args)

    def _serve(self, head: bool = False) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        request = Request(self.command, parts.path or "/", parts.query, headers, body)
        try:
            response = self.server.app(request) or not_found()
        except Exception:
            logger.exception("handler failed for %s", self.path)
            response = Response(500, b"<html><body>internal error</body></html>", etag=False)
        if response.delay:
            self.server.stopping.wait(response.delay)  # cut short when the server stops
        if response.drop:
            self._log(request, 0)
            self.close_connection = True
            self.connection.close()
            return
        status, out_headers, out_body = answer(request, response, gzip_ok=self.server.gzip)
        # logged before a byte of the answer leaves: a client that has its answer finds the request in the
        # log (a test that reads the log right after a crawl must not race the server's thread)
        self._log(request, status)
        self._send(status, out_headers, out_body, response.truncate_to, head=head)

    def _log(self, request: Request, status: int) -> None:
        self.server.log(
            LoggedRequest(request.method, request.path, request.query, request.headers, status, time.time())
        )

    def _send(
        self, status: int, headers: list[tuple[str, str]], body: bytes, truncate_to: int | None, *, head: bool
    ) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if head or not body:
            return
        if truncate_to is not None:
            self.wfile.write(body[:truncate_to])
            self.wfile.flush()
            self.close_connection = True
            self.connection.close()
            return
        self.wfile.write(body)


def answer(
    request: Request, response: Response, *, gzip_ok: bool
) -> tuple[int, list[tuple[str, str]], bytes]:
    """(status, headers, body) as sent: validators added, a matching conditional GET turned into a 304,
    the body gzipped when the server may and the client accepts it."""
    status, body = response.status, response.body
    headers = list(response.headers)
    if response.content_type:
        headers.append(("Content-Type", response.content_type))
    if status == 200 and response.etag:
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        headers.append(("ETag", etag))
        if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            status = 304
    if response.last_modified is not None:
        headers.append(("Last-Modified", email.utils.formatdate(response.last_modified, usegmt=True)))
        if status == 200 and _not_modified_since(request, response.last_modified):
            status = 304
    if status == 304:
        keep = ("etag", "last-modified", "cache-control")
        return status, [(k, v) for k, v in headers if k.lower() in keep], b""
    if (
        gzip_ok
        and status == 200
        and len(body) > 1024
        and "gzip" in request.headers.get("accept-encoding", "")
    ):
        body = gzip.compress(body, compresslevel=5)
        headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
    return status, headers, body


def _not_modified_since(request: Request, last_modified: float) -> bool:
    """If-Modified-Since holds (and no If-None-Match overrides it)."""
    since = request.headers.get("if-modified-since")
    if not since or "if-none-match" in request.headers:
        return False
    try:
        return int(last_modified) <= email.utils.parsedate_to_datetime(since).timestamp()
    except (TypeError, ValueError):
        return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], app: Handler, gzip: bool) -> None:
        super().__init__(address, _Handler)
        self.app = app
        self.gzip = gzip
        self.requests: list[LoggedRequest] = []
        self._log_lock = threading.Lock()
        self.stopping = threading.Event()  # set by stop(): delayed answers stop waiting

    def server_bind(self) -> None:
        """HTTPServer's bind without its reverse DNS lookup of the address (``socket.getfqdn``): where the
        resolver times out, that cost 5 s for some 127.0.x.y addresses (sitekit.manyhosts binds hundreds)."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def log(self, entry: LoggedRequest) -> None:
        with self._log_lock:
            self.requests.append(entry)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up mid-answer (a crawler cancelling an oversized download) is not an error."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            logger.debug("client %s closed the connection", client_address)
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class LoopbackServer:
    """Serve ``app`` on host:port (port 0 picks a free one) in a background thread.

    >>> with LoopbackServer(router) as server:
    ...     fetch(server.base_url + "/trs/index.html")
    """

    def __init__(self, app: Handler, host: str = "127.0.0.1", port: int = 0, *, gzip: bool = False) -> None:
        self._server = _Server((host, port), app, gzip)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        host = str(self._server.server_address[0])
        return f"http://{host}:{self.port}"

    @property
    def requests(self) -> list[LoggedRequest]:
        """Every request answered so far (a copy)."""
        with self._server._log_lock:
            return list(self._server.requests)

    def clear_log(self) -> None:
        with self._server._log_lock:
            self._server.requests.clear()

    def start(self) -> LoopbackServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="loopback-server", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
