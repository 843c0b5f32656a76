"""The site kit's LoopbackServer as tests rely on it: its request log is complete as soon as a client has
its answer, and a delayed answer does not outlive the server."""

from __future__ import annotations

import http.client
import threading

from newsarchive.sitekit.server import LoopbackServer, Request, Response, Router

BIG = 48 << 20  # more than loopback socket buffers hold: the server is still writing when the client looks


def test_a_request_is_in_the_log_before_its_answer_leaves() -> None:
    """Tests read the log right after a crawl ends; the server must not still be about to write it."""
    router = Router()
    router.mount("/big", lambda request: Response(body=b"x" * BIG, content_type="text/plain", etag=False))
    with LoopbackServer(router) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        conn.request("GET", "/big")
        response = conn.getresponse()  # the status line and headers; the body is still on its way
        assert [(r.path, r.status) for r in server.requests] == [("/big", 200)]
        assert len(response.read()) == BIG
        conn.close()


def test_stopping_the_server_ends_a_delayed_answer() -> None:
    asked, answered = threading.Event(), threading.Event()

    def slow(request: Request) -> Response:
        asked.set()
        return Response(body=b"late", delay=600)

    router = Router()
    router.mount("/slow", slow)
    server = LoopbackServer(router).start()

    def ask() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        try:
            conn.request("GET", "/slow")
            conn.getresponse().read()
        except OSError:
            pass
        answered.set()

    threading.Thread(target=ask, daemon=True).start()
    assert asked.wait(120), "the request never reached the handler"
    server.stop()
    assert answered.wait(60), "the handler still waits out its 600 s delay"
