"""The benchmark's web server process: ``BenchSite`` (or, with ``--site indep``, the independent site of
``bench/indep_site.py``) on a LoopbackServer, steered over stdin/stdout.

``bench/run.py`` starts ``python -m bench.serve --articles N [--site indep]`` as its own process (so serving
costs no CPU in the crawler's process and never slows its reactor) and talks to it in JSON lines:

- on start it prints ``{"event": "ready", "base_url", "start_urls", "listing_urls", "pages", ...}``;
- ``{"cmd": "stats"}`` answers the requests logged since the last ``stats`` (count, per status, body bytes
  of the 200s) and clears the log;
- ``{"cmd": "mutate", "edit": 0.05, "publish": 20}`` edits and publishes (``BenchSite.edit``/``publish``),
  re-renders what changed, and answers the edited and new URLs (the independent site does not change);
- ``{"cmd": "quit"}`` stops the server.

Conditional GET is the LoopbackServer's: a strong ETag of the body and Last-Modified; unchanged pages keep
their bytes, so they answer 304.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsarchive.sitekit.model import CST
from newsarchive.sitekit.server import LoggedRequest, LoopbackServer, Request, Response

from .indep_site import IndepPages
from .site import SECTIONS, BenchSite
from .site_pages import SitePages

logger = logging.getLogger(__name__)


class BenchApp:
    """The request handler: pages by key, GET and HEAD only; a lock keeps mutations atomic."""

    def __init__(self, pages: SitePages | IndepPages) -> None:
        self.pages = pages
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response | None:
        if request.method not in ("GET", "HEAD"):
            return Response(
                405, b"Method Not Allowed", "text/plain", headers=[("Allow", "GET, HEAD")], etag=False
            )
        with self.lock:
            page = self.pages.get(self.pages.key(request.path, request.query))
        if page is None:
            return None
        return Response(200, page.body, page.content_type, last_modified=page.last_modified)

    def body_size(self, entry: LoggedRequest) -> int:
        with self.lock:
            page = self.pages.get(self.pages.key(entry.path, entry.query))
        return len(page.body) if page is not None else 0


class BenchServer:
    def __init__(self, articles: int, seed: str, end: dt.date | None, port: int, kind: str = "bench") -> None:
        started = time.perf_counter()
        self.site: BenchSite | None = None
        self.pages: SitePages | IndepPages
        if kind == "indep":
            self.pages = IndepPages(articles, seed=seed, end=end)
            generated = time.perf_counter()
            rendered_pages = len(self.pages.pages)
        else:
            self.site = BenchSite(articles, seed=seed, end=end)
            generated = time.perf_counter()
            self.pages = SitePages(self.site)
            rendered_pages = self.pages.render_all()
        self.app = BenchApp(self.pages)
        self.server = LoopbackServer(self.app, port=port)
        self.timings = {
            "generate_s": generated - started,
            "render_s": time.perf_counter() - generated,
            "rendered_pages": rendered_pages,
        }

    def ready(self) -> dict[str, Any]:
        base = self.server.base_url
        return {
            "event": "ready",
            "base_url": base,
            "start_urls": [base + key for key in self.pages.start_keys()],
            "listing_urls": [base + key for key in self.pages.listing_keys()],
            **self._describe(),
            **self.timings,
        }

    def _describe(self) -> dict[str, Any]:
        if isinstance(self.pages, IndepPages):
            return self.pages.info()
        assert self.site is not None
        return {
            "articles": len(self.site.by_path),
            "max_listing_pages": max(self.site.pages_count(s.key) for s in SECTIONS),
            "end": self.site.end.isoformat(),
            "page_bytes": self.pages.sizes(),
        }

    def stats(self) -> dict[str, Any]:
        """The requests answered since the last call: count, per status, body bytes of the 200s."""
        entries = self.server.requests
        self.server.clear_log()
        statuses = Counter(str(e.status) for e in entries)
        fetched = sum(self.app.body_size(e) for e in entries if e.status == 200 and e.method == "GET")
        conditional = sum(
            1 for e in entries if "if-none-match" in e.headers or "if-modified-since" in e.headers
        )
        return {
            "requests": len(entries),
            "status": dict(statuses),
            "bytes": fetched,
            "conditional": conditional,
        }

    def mutate(self, edit: float, publish: int) -> dict[str, Any]:
        if self.site is None or not isinstance(self.pages, SitePages):
            return {"error": "this site does not change"}
        now = dt.datetime.now(CST)
        base = self.server.base_url
        with self.app.lock:
            edits = self.site.edit(edit, now=now)
            new = self.site.publish(publish, now=now)
            self.pages.invalidate([e.path for e in edits], listings=True)
        rendered = self.pages.render_all()
        return {
            "at": now.isoformat(),
            "edits": [
                {"url": base + e.path, "published": e.published.isoformat(), "young": e.young} for e in edits
            ],
            "new": [base + path for path in new],
            "rendered_pages": rendered,
        }


def serve(args: argparse.Namespace) -> None:
    bench = BenchServer(args.articles, args.seed, args.end, args.port, args.site)
    bench.server.start()
    _answer(bench.ready())
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            command = json.loads(line)
            name = command.get("cmd")
            if name == "stats":
                _answer(bench.stats())
            elif name == "mutate":
                _answer(bench.mutate(float(command.get("edit", 0.05)), int(command.get("publish", 20))))
            elif name == "quit":
                break
            else:
                _answer({"error": f"unknown command {name!r}"})
    finally:
        bench.server.stop()


def _answer(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles on the site (default 5000)")
    parser.add_argument("--seed", default="newsarchive-bench", help="seed of the site's content")
    parser.add_argument(
        "--site",
        choices=("bench", "indep"),
        default="bench",
        help="bench: the site kit's renderers (site.py); indep: real pages, own listings (indep_site.py)",
    )
    parser.add_argument(
        "--end",
        type=dt.date.fromisoformat,
        default=None,
        help="date of the newest article (default: 3 days before today)",
    )
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (default: a free one)")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s"
    )
    serve(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# --------------------------------------------------------------------------- the runner's side


class ServerProcess:
    """``python -m bench.serve`` as a child process, and the JSON-lines conversation with it."""

    def __init__(
        self, python: str, root: Path, *, articles: int, seed: str, log: Path, site: str = "bench"
    ) -> None:
        cmd = [python, "-m", "bench.serve", "--articles", str(articles), "--seed", seed, "--site", site]
        self._log = log.open("wb")
        self.proc = subprocess.Popen(
            cmd,
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            bufsize=1,
        )
        self.info = self._read()
        if self.info.get("event") != "ready":
            raise RuntimeError(f"benchmark server did not start: {self.info} (see {log})")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def ask(self, **command: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"benchmark server exited (status {self.proc.poll()}); see {self._log.name}")
        return json.loads(line)

    def stop(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
