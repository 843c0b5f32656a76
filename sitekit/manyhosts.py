"""Serving the many-sites simulation: one loopback address per site, a per-host concurrency meter, a control
endpoint. ``python -m newsarchive.sitekit.manyhosts --sites N [--block K --blocks B]``.

Data flow: ``sitekit.manysites.ManySites`` renders the sites (a block of them: sites K, K+B, K+2B ... when the
simulation is split over B server processes); ``ManyHosts`` binds one ``LoopbackServer`` per site address
(127.0.x.y, each a separate host to a crawler, so each gets its own politeness budget) on the same app. The
app meters every request per host: the number of requests being handled at once, from the moment the
request is read until just before the answer is sent (so the server never counts more than the client has
in flight), after an optional latency, as real servers take; the highest such number per host is the
"highest per-host concurrency" ``bench/scale.py`` compares with the configured one.

The control endpoint (its own LoopbackServer on 127.0.0.1) answers JSON:
``GET /stats`` (per host: requests, statuses, body bytes, peak concurrency), ``POST /reset`` (clears them),
``POST /next-day`` (the stage switch: ``ManySites.next_day``), ``GET /truth`` (``ManySites.truth``).
On start the process prints one JSON line ``{"event": "ready", "control": URL, "sites": {name: base URL},
...}``; it serves until its stdin closes.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .manysites import ManySites
from .server import LoopbackServer, Request, Response, Router, answer

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class HostMeter:
    """What one host answered: requests, statuses, body bytes, requests in flight now and at most."""

    requests: int = 0
    in_flight: int = 0
    peak: int = 0
    bytes: int = 0
    status: Counter[int] = field(default_factory=Counter)

    def clear(self) -> None:
        """Start counting again; requests in flight stay counted (they end on this meter)."""
        self.requests = self.bytes = 0
        self.peak = self.in_flight
        self.status.clear()

    def to_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "peak": self.peak,
            "bytes": self.bytes,
            "status": {str(k): v for k, v in self.status.items()},
        }


class MeteredSites:
    """The request handler of every site address: the page of ``(Host, path)``, metered per host."""

    def __init__(self, sites: ManySites, latency: float = 0.0) -> None:
        self.sites = sites
        self.latency = latency
        self.lock = threading.Lock()
        self.meters: dict[str, HostMeter] = {}

    def __call__(self, request: Request) -> Response:
        host = request.headers.get("host", "").rsplit(":", 1)[0]
        with self.lock:
            meter = self.meters.setdefault(host, HostMeter())
            meter.requests += 1
            meter.in_flight += 1
            meter.peak = max(meter.peak, meter.in_flight)
        status, size = 500, 0
        try:
            if self.latency:
                time.sleep(self.latency)
            response = self._answer(host, request)
            status, _, body = answer(request, response, gzip_ok=False)  # 304 to a matching conditional GET
            size = len(body)
            return response
        finally:
            with self.lock:
                meter.in_flight -= 1
                meter.status[status] += 1
                meter.bytes += size

    def _answer(self, host: str, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return Response(405, b"Method Not Allowed", "text/plain", etag=False)
        with self.lock:  # the next-day switch replaces pages
            page = self.sites.page(host, request.path)
        if page is None:
            return Response(404, b"<html><body><h1>404 Not Found</h1></body></html>", etag=False)
        return Response(200, page.body, page.content_type, last_modified=page.last_modified)

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {host: m.to_dict() for host, m in sorted(self.meters.items())}

    def reset(self) -> dict[str, Any]:
        with self.lock:
            for meter in self.meters.values():
                meter.clear()
        return {"reset": True}

    def next_day(self) -> dict[str, Any]:
        with self.lock:
            self.sites.next_day()
            return {"stage": self.sites.stage}


class ManyHosts:
    """One LoopbackServer per site address, all on one ``MeteredSites``, plus the control endpoint."""

    def __init__(self, sites: ManySites, *, latency: float = 0.0) -> None:
        self.app = MeteredSites(sites, latency)
        self.servers = {host: LoopbackServer(self.app, host=host) for host in sites.sites}
        control = Router()
        control.mount("/", self._control)
        self.control = LoopbackServer(control)

    def _control(self, request: Request) -> Response | None:
        routes = {
            ("GET", "/stats"): lambda: {"hosts": self.app.stats()},
            ("POST", "/reset"): self.app.reset,
            ("POST", "/next-day"): self.app.next_day,
            ("GET", "/truth"): self.app.sites.truth,
        }
        route = routes.get((request.method, request.path))
        if route is None:
            return None
        body = json.dumps(route(), ensure_ascii=False).encode()
        return Response(200, body, "application/json", etag=False)

    def start(self) -> ManyHosts:
        for server in self.servers.values():
            server.start()
        self.control.start()
        return self

    def stop(self) -> None:
        """Stop every server at once (each waits up to half a second for its loop to notice)."""
        stoppers = [threading.Thread(target=s.stop) for s in [self.control, *self.servers.values()]]
        for thread in stoppers:
            thread.start()
        for thread in stoppers:
            thread.join()

    def ready(self) -> dict[str, Any]:
        sites = self.app.sites
        return {
            "event": "ready",
            "control": self.control.base_url,
            "sites": {s.name: self.servers[s.host].base_url for s in sites.sites.values()},
            "pages": sites.page_count(),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsarchive.sitekit.manyhosts", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sites", type=int, required=True, help="sites in the whole simulation")
    parser.add_argument("--block", type=int, default=0, help="serve sites K, K+B, K+2B ... (default 0)")
    parser.add_argument("--blocks", type=int, default=1, help="server processes sharing the sites (B)")
    parser.add_argument("--seed", default="newsarchive-scale", help="seed of the sites' content")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="time each answer takes (default 0)")
    args = parser.parse_args(argv)
    if not 0 <= args.block < args.blocks:
        parser.error(f"--block must be 0..{args.blocks - 1}")
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    sites = ManySites(args.sites, indexes=range(args.block, args.sites, args.blocks), seed=args.seed)
    hosts = ManyHosts(sites, latency=args.latency_ms / 1000).start()
    try:
        sys.stdout.write(json.dumps(hosts.ready()) + "\n")
        sys.stdout.flush()
        sys.stdin.read()  # serve until the benchmark closes our stdin (or exits)
    finally:
        hosts.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
