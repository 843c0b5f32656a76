"""The scale benchmark in distributed mode: ``newsarchive enqueue`` + W ``newsarchive worker`` processes + one
``newsarchive writer`` on a Redis that the benchmark starts, each process measured on its own.

Written against the commands issue 13 names (``newsarchive enqueue --all --redis URL``, ``newsarchive worker
--redis URL``, ``newsarchive writer --redis URL``; the archive and sites file from NEWSARCHIVE_DB and
NEWSARCHIVE_SITES, the Redis URL also in NEWSARCHIVE_REDIS_URL). A stage starts the writer and the workers,
runs enqueue to its end, and waits until every site has a finished crawl run in the archive that started
after the stage did (``storage.queries.runs_since``: the writer records runs as it commits them); then it
stops the workers and the writer (SIGTERM) and reports each process's wall, CPU and peak RSS.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from newsarchive.storage import queries
from newsarchive.storage.timeutil import now_iso

from .measure import Measured, Usage
from .run import newsarchive_command, set_args
from .scale import Crawl, ScaleRun, clean_env, log_counts

STAGE_TIMEOUT_S = 3 * 3600  # a stage that has not finished by then is reported as it stands
POLL_S = 1.0
STOP_TIMEOUT_S = 60.0
# the commands given the stage's -s settings: the workers apply the re-check policy
# (crawler.pipelines.crawl_policy) to the state a job carries; enqueue only packs that state and takes no -s
SETTINGS_FOR = ("worker",)


class RedisServer:
    """Debian's redis-server on a free loopback port, in the run's folder, for the run's duration."""

    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("--distributed needs redis-server (Debian package redis-server)")
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._log = (workdir / "redis.log").open("wb")
        self.proc = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(workdir), "--save", ""],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"redis-server did not answer on port {self.port}; see redis.log")

    def __enter__(self) -> RedisServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def distributed_crawl(workers: int) -> Crawl:
    """A crawl of every site through Redis with ``workers`` worker processes (a ``Crawl`` for scale.py)."""

    def crawl(run: ScaleRun, name: str, settings: dict[str, str]) -> dict[str, Any]:
        return _distributed(run, name, settings, workers)

    return crawl


def _distributed(run: ScaleRun, name: str, settings: dict[str, str], workers: int) -> dict[str, Any]:
    assert run.redis_url is not None
    env = clean_env() | {
        "NEWSARCHIVE_DB": str(run.db),
        "NEWSARCHIVE_SITES": str(run.sites_file),
        "NEWSARCHIVE_REDIS_URL": run.redis_url,
    }
    sites = run.sites_file.read_text(encoding="utf-8").count("[sites.")
    since = now_iso()
    started = time.perf_counter()
    start = _starter(run, name, env, settings)
    daemons = {"writer": start("writer", [])} | {
        f"worker-{i + 1}": start("worker", []) for i in range(workers)
    }
    usages = {"enqueue": start("enqueue", ["--all"]).finish()}
    # nothing queued, nothing to wait for: a failed enqueue ends the stage at once (its .err says why)
    waiting = sites if usages["enqueue"].exit_code == 0 else 0
    statuses = _wait_for_runs(run.db, since, waiting, list(daemons.values()))
    wall = time.perf_counter() - started
    died = [label for label, process in daemons.items() if not process.running()]
    for process in daemons.values():
        process.terminate()
    usages |= {label: process.finish() for label, process in daemons.items()}
    figures = _figures(run, name, wall, usages, statuses)
    figures["exit_code"] = usages["enqueue"].exit_code or (1 if died else 0)
    figures["died"] = died  # processes that ended before the stage was over
    return figures


def _starter(
    run: ScaleRun, stage: str, env: dict[str, str], settings: dict[str, str]
) -> Callable[[str, list[str]], Measured]:
    count: dict[str, int] = {}

    def start(command: str, args: list[str]) -> Measured:
        count[command] = count.get(command, 0) + 1
        label = f"{stage}-{command}-{count[command]}"
        cmd = [newsarchive_command(), command, *args, "--redis", env["NEWSARCHIVE_REDIS_URL"]]
        if command in SETTINGS_FOR:
            cmd += set_args(settings)
        return Measured(
            cmd,
            cwd=run.workdir,
            env=env,
            stdout=run.workdir / f"{label}.out",
            stderr=run.workdir / f"{label}.err",
        )

    return start


def _wait_for_runs(db: Path, since: str, sites: int, daemons: list[Measured]) -> dict[str, str]:
    """Site -> run status once every site's run since ``since`` has finished (or a process died, or the
    stage timed out)."""
    deadline = time.monotonic() + STAGE_TIMEOUT_S
    statuses: dict[str, str] = {}
    while time.monotonic() < deadline and all(p.running() for p in daemons):
        try:
            statuses = queries.runs_since(db, since)
        except (FileNotFoundError, OSError):
            statuses = {}
        if len(statuses) >= sites and "running" not in statuses.values():
            break
        time.sleep(POLL_S)
    return statuses


def _figures(
    run: ScaleRun, stage: str, wall: float, usages: dict[str, Usage], statuses: dict[str, str]
) -> dict[str, Any]:
    """The stage as a whole (wall to the last run; CPU summed; the largest process) and per process."""
    values = list(usages.values())
    outcome: dict[str, int] = {}
    for status in statuses.values():
        outcome[status] = outcome.get(status, 0) + 1
    return {
        "wall_s": wall,
        "cpu_s": sum(u.cpu_s for u in values),
        "max_rss": max(u.max_rss for u in values),
        "tree_rss": sum(u.tree_rss for u in values),
        "tree_pss": sum(u.tree_pss for u in values),
        "processes": sum(u.processes for u in values),
        "per_process": {label: asdict(u) for label, u in usages.items()},
        "outcomes": outcome,
        "log": log_counts(sorted(run.workdir.glob(f"{stage}-*.err"))),
    }
