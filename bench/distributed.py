"""Distributed mode: articles per second with 1 and with 2 crawl workers (plus the writer), and what the one
SQLite writer commits per second.

    .venv/bin/python -m bench.distributed                      # 8 demo servers (32 sites), 3 runs each
    .venv/bin/python -m bench.distributed --servers 4 --runs 1 --delay 0.2 --json out.json

The sites: ``--servers`` copies of the bundled demo (``sitekit.demo``: four sites, 192 articles), each copy on
its own loopback address (127.0.0.2, 127.0.0.3, ...), so each is its own host. Each run is a fresh archive and
a fresh redis-server (``crawler.distributed.cluster.run_distributed``: enqueue every site, start the workers
and the writer as processes, wait until every job is committed). ``--delay`` is each site's delay between
requests (and one request at a time): 0 makes the crawl CPU-bound, a delay makes it wait on the sites as a
polite crawl does. The writer figure: the workers fill the stream with no writer running, then the writer
(in this process, its start-up not counted) commits it all.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsarchive.crawler.distributed.cluster import RedisServer, enqueue, run_distributed, start_worker, wait
from newsarchive.crawler.distributed.jobs import ARCHIVE, connect
from newsarchive.crawler.distributed.writer import StreamWriter
from newsarchive.crawler.sites import format_site_table
from newsarchive.sitekit.demo import DemoServer, demo_sites
from newsarchive.storage import Store
from newsarchive.storage.queries import archive_status

# the sites' own delay and concurrency (their tables) apply: a -s DOWNLOAD_DELAY would override them
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "LOGSTATS_INTERVAL": "0",
    "LOG_LEVEL": "INFO",
    "NEWSARCHIVE_VISIBILITY_TIMEOUT": "30",
}


@contextlib.contextmanager
def demo_hosts(servers: int) -> Iterator[list[DemoServer]]:
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(DemoServer(host=f"127.0.0.{i + 2}", port=0)) for i in range(servers)]


def write_sites(path: Path, hosts: list[DemoServer], delay: float) -> int:
    """A sites file with every demo site of every host; returns how many sites."""
    tables = {}
    for i, server in enumerate(hosts):
        for name, table in demo_sites(server.base_url).items():
            extra = {"delay": delay, "concurrency": 1} if delay else {}
            tables[f"{name}-{i + 1}"] = {**table, **extra}
    path.write_text("".join(format_site_table(n, t) + "\n" for n, t in tables.items()), encoding="utf-8")
    return len(tables)


def crawl(sites: Path, workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="newsarchive-bench-dist-") as tmp:
        db = Path(tmp) / "archive.db"
        run = run_distributed(sites, db, workers=workers, settings=SETTINGS, folder=Path(tmp))
        if not run.ok:
            raise RuntimeError(f"a process failed: {run.processes}; logs in {tmp}")
        articles = archive_status(db)["totals"]["articles"]
    return {
        "workers": workers,
        "wall_s": run.wall_seconds,
        "articles": articles,
        "articles_per_s": round(articles / run.wall_seconds, 2),
        "processes": [vars(p) for p in run.processes],
    }


def writer_alone(sites: Path) -> dict[str, Any]:
    """Fill the stream with two workers and no writer; then time the writer committing it."""
    with tempfile.TemporaryDirectory(prefix="newsarchive-bench-writer-") as tmp:
        db = Path(tmp) / "archive.db"
        with RedisServer(Path(tmp) / "redis") as server:
            if enqueue(server.url, db, sites, "--all").returncode != 0:
                raise RuntimeError("enqueue failed")
            with open(os.devnull, "wb") as devnull:
                workers = [
                    start_worker(server.url, f"worker-{i}", settings=SETTINGS, log=devnull) for i in (1, 2)
                ]
                for i, proc in enumerate(workers):
                    wait(proc, f"worker-{i + 1}", 3600)
            client = connect(server.url)
            messages = int(client.xlen(ARCHIVE))
            started = time.monotonic()
            StreamWriter(client, Store(db), timeout=30).run(drain=True)
            wall = time.monotonic() - started
        articles = archive_status(db)["totals"]["articles"]
    return {
        "messages": messages,
        "articles": articles,
        "wall_s": round(wall, 2),
        "messages_per_s": round(messages / wall, 1),
        "articles_per_s": round(articles / wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--servers", type=int, default=8, help="demo copies (4 sites, 192 articles each)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds between requests to a site")
    parser.add_argument("--json", help="write every figure here")
    args = parser.parse_args()
    results: dict[str, Any] = {"servers": args.servers, "delay": args.delay, "runs": []}
    with tempfile.TemporaryDirectory() as tmp, demo_hosts(args.servers) as hosts:
        sites = Path(tmp) / "sites.toml"
        count = write_sites(sites, hosts, args.delay)
        print(f"{count} sites on {args.servers} hosts, delay {args.delay} s")
        for run in range(args.runs):
            for workers in (1, 2):  # interleaved, so a busy spell of the machine hits both
                figures = crawl(sites, workers)
                results["runs"].append(figures)
                cpu = ", ".join(f"{p['name']} {p['cpu_seconds']} s" for p in figures["processes"])
                print(
                    f"run {run + 1}, {workers} worker(s): {figures['articles']} articles in "
                    f"{figures['wall_s']} s = {figures['articles_per_s']} /s (CPU: {cpu})"
                )
        results["writer"] = writer_alone(sites)
    medians = {
        w: statistics.median(r["articles_per_s"] for r in results["runs"] if r["workers"] == w)
        for w in (1, 2)
    }
    results["median_articles_per_s"] = medians
    results["ratio"] = round(medians[2] / medians[1], 2)
    print(f"median articles/s: 1 worker {medians[1]}, 2 workers {medians[2]}: {results['ratio']}x")
    w = results["writer"]
    print(
        f"writer alone: {w['messages']} messages ({w['articles']} articles) in {w['wall_s']} s = "
        f"{w['messages_per_s']} messages/s, {w['articles_per_s']} articles/s"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
