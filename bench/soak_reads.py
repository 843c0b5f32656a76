"""The soak's read phase: a real ``datasette serve`` on the archive, hammered with reads while crawls write.

Data flow: an empty archive is made (``storage.Store``: the schema), Datasette is started on it as
``newsarchive serve`` starts it (``storage.datasette.datasette_args``, a free port), and a pool of threads
reads it without pause (table JSON, every canned query, search, article pages, feeds) while three crawls of
the demo run one after the other: stage 1, stage 2 with ``--revalidate``, and ``--full``. A read fails when
it answers 5xx, says "database is locked", or does not answer at all; other statuses are counted apart.
"""

from __future__ import annotations

import itertools
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.crawler.sites import format_site_table
from newsarchive.sitekit.demo import DemoServer, demo_sites, ground_truth
from newsarchive.storage import Store
from newsarchive.storage.datasette import datasette_args

from .soak_crawl import Crawl, run_crawl

READERS = 4  # threads reading at once


def reads(db_name: str, base_url: str) -> list[str]:
    """The paths read in turn: tables, canned queries (every one), search, pages and feeds."""
    article = urllib.parse.quote(base_url + ground_truth(1)[0].path, safe="")
    return [
        f"/{db_name}/articles.json?_size=50&_sort_desc=id",
        f"/{db_name}/crawl_runs.json?_sort_desc=id",
        f"/{db_name}/fetches.json?_size=100&_sort_desc=id",
        f"/{db_name}/article_versions.json?_size=20&_sort_desc=id",
        f"/{db_name}/latest.json?site=",
        f"/{db_name}/changed_recently.json?days=7",
        f"/{db_name}/changes_this_week.json?days=7",
        f"/{db_name}/search.json?q=%E7%A0%94%E7%A9%B6&site=&since=&until=",
        f"/{db_name}/search.json?q=institute+water&site=&since=&until=",
        f"/{db_name}/article_timeline.json?url={article}",
        f"/{db_name}/gone_articles.json",
        f"/{db_name}/republished_copies.json",
        f"/{db_name}/suspect_extractions.json?fallback=&site=&suspect=",
        f"/{db_name}/recent_failures.json?days=7",
        f"/{db_name}/-/article/1",
        f"/{db_name}/-/feeds/changes.atom",
        f"/{db_name}/-/feeds/new.atom",
        f"/{db_name}/articles?_search=%E7%A0%94%E7%A9%B6",
    ]


@dataclass(slots=True)
class ReadTally:
    requests: int = 0
    errors: int = 0  # 5xx, "database is locked", no answer
    locked: int = 0  # of which said "database is locked"
    other: Counter[int] = field(default_factory=Counter)  # non-200, non-5xx statuses
    first_errors: list[str] = field(default_factory=list)
    slowest: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, status: int | None, body: bytes, seconds: float) -> None:
        locked = b"database is locked" in body
        failed = status is None or status >= 500 or locked
        with self.lock:
            self.requests += 1
            self.slowest = max(self.slowest, seconds)
            self.errors += failed
            self.locked += locked
            if status is not None and status != 200 and not failed:
                self.other[status] += 1
            if failed and len(self.first_errors) < 10:
                self.first_errors.append(f"{status} {path}: {body[:160]!r}")


def _read(base: str, path: str, tally: ReadTally) -> None:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=120) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    except OSError as exc:
        status, body = None, repr(exc).encode()
    tally.add(path, status, body, time.monotonic() - started)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_serving(base: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(600):  # a guard, not a speed test: up to five minutes on a busy machine
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=10).read()
            return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("datasette exited at start") from None
            time.sleep(0.5)
    raise RuntimeError("datasette did not start")


def reads_during_crawls(workdir: Path) -> tuple[ReadTally, list[Crawl]]:
    """Datasette read by ``READERS`` threads during three crawls of the demo into the archive it serves."""
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "reads.db"
    Store(db).close()  # the schema, so Datasette has an archive to open
    tally, crawls = ReadTally(), []
    port = _free_port()
    with (workdir / "datasette.log").open("wb") as log:
        datasette = subprocess.Popen(datasette_args(db, port=port), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    stop = threading.Event()
    try:
        _wait_until_serving(base, datasette)
        with DemoServer(port=0, stage=1) as server:
            sites = workdir / "sites.toml"
            tables = demo_sites(server.base_url)
            sites.write_text(
                "".join(format_site_table(n, t) + "\n" for n, t in tables.items()), encoding="utf-8"
            )
            paths = itertools.cycle(reads(db.stem, server.base_url))
            path_lock = threading.Lock()

            def reader() -> None:
                while not stop.is_set():
                    with path_lock:
                        path = next(paths)
                    _read(base, path, tally)

            threads = [threading.Thread(target=reader, daemon=True) for _ in range(READERS)]
            for thread in threads:
                thread.start()
            for number, (stage, args) in enumerate(((1, ()), (2, ("--revalidate",)), (2, ("--full",))), 1):
                server.stage = stage
                log_file = workdir / f"crawl-{number}.log"
                crawls.append(run_crawl("--group", "demo", *args, db=db, sites=sites, log=log_file))
            stop.set()
            for thread in threads:
                thread.join(timeout=180)
    finally:
        stop.set()
        datasette.terminate()
        datasette.wait(30)
    return tally, crawls
