"""A distributed crawl on one machine: a redis-server of our own on loopback, N worker processes and the
writer process, all real (``newsarchive worker`` / ``writer`` subprocesses). Used by the tests and the
benchmarks; the same commands run on real machines (deploy/).

``RedisServer``      redis-server on 127.0.0.1, a free port, its own folder, append-only file on; start,
                     stop (clean), kill (-9), restart on the same port and folder
``run_distributed``  enqueue sites, run N workers and the writer until every job is committed, and return
                     the wall time and each process's CPU time and peak memory
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]


class RedisServerError(RuntimeError):
    """redis-server is missing or would not start."""


class RedisServer:
    """redis-server on 127.0.0.1 for tests and benchmarks (never a fixed port: a free one is picked)."""

    def __init__(self, folder: Path, *, appendfsync: str = "always") -> None:
        self.folder = Path(folder)
        self.appendfsync = appendfsync
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        if not binary:
            raise RedisServerError("redis-server not found: `make redis` installs Debian's redis-server")
        self.folder.mkdir(parents=True, exist_ok=True)
        for _ in range(5):  # the free port may be taken between looking and binding: try another
            self.port = self.port or _free_port()
            self.proc = subprocess.Popen(
                [binary, *self._args()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            if self._ready():
                return self
            self.proc.kill()
            self.proc.wait()
            self.port = 0
        raise RedisServerError(f"redis-server would not start; see {self.folder / 'redis.log'}")

    def _args(self) -> list[str]:
        return [
            "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.folder),
            "--appendonly", "yes", "--appendfsync", self.appendfsync, "--save", "",
            "--maxmemory-policy", "noeviction", "--logfile", str(self.folder / "redis.log"),
        ]  # fmt: skip

    def _ready(self, seconds: float = 10) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.proc and self.proc.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        """A clean shutdown (SIGTERM: Redis writes its append-only file out first)."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)

    def kill(self) -> None:
        """kill -9: what a power cut does to it."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def restart(self) -> None:
        """Start again on the same port and folder (reading the append-only file back)."""
        if not self.proc or self.proc.poll() is None:
            raise RedisServerError("stop or kill the server before restarting it")
        self.proc = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", *self._args()],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not self._ready(30):
            raise RedisServerError(f"redis-server did not come back; see {self.folder / 'redis.log'}")

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()
        self.kill()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- processes


def cli(*args: str, settings: Mapping[str, str] | None = None) -> list[str]:
    """The ``newsarchive`` command line (python -m newsarchive.crawler.cli) with ``-s KEY=VALUE`` settings."""
    cmd = [sys.executable, "-m", "newsarchive.crawler.cli", *args]
    for key, value in (settings or {}).items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra}
    env.pop("NEWSARCHIVE_REDIS_URL", None)  # every command here is given --redis
    return env


def start_worker(
    redis_url: str, name: str, *, settings: Mapping[str, str] | None = None, log: IO[Any] | None = None
) -> subprocess.Popen[bytes]:
    cmd = cli("worker", "--redis", redis_url, "--name", name, "--drain", settings=settings)
    return subprocess.Popen(cmd, env=environment(), cwd=ROOT, stdout=log, stderr=log)


def start_writer(
    redis_url: str, db: Path, *, settings: Mapping[str, str] | None = None, log: IO[Any] | None = None
) -> subprocess.Popen[bytes]:
    cmd = cli("writer", "--redis", redis_url, "--db", str(db), "--drain", settings=settings)
    return subprocess.Popen(cmd, env=environment(), cwd=ROOT, stdout=log, stderr=log)


def enqueue(redis_url: str, db: Path, sites_file: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    cmd = cli(
        "enqueue", "--redis", redis_url, "--db", str(db), "--sites", str(sites_file), "--json", *targets
    )
    return subprocess.run(cmd, env=environment(), cwd=ROOT, capture_output=True, text=True, timeout=600)


@dataclass
class ProcessUsage:
    name: str
    returncode: int
    cpu_seconds: float
    peak_rss_mib: float


@dataclass
class DistributedRun:
    """What ``run_distributed`` measured: wall time from the workers' start to the last commit."""

    wall_seconds: float
    processes: list[ProcessUsage] = field(default_factory=list)
    queued: int = 0

    @property
    def ok(self) -> bool:
        return all(p.returncode == 0 for p in self.processes)


def wait(proc: subprocess.Popen[bytes], name: str, timeout: float) -> ProcessUsage:
    """Wait for a child (killing it past ``timeout``) and read its CPU time and peak RSS (wait4)."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime
            return ProcessUsage(name, proc.returncode, round(cpu, 2), round(usage.ru_maxrss / 1024, 1))
        if time.monotonic() > deadline:
            proc.kill()
        time.sleep(0.05)


def run_distributed(
    sites_file: Path,
    db: Path,
    *,
    workers: int = 2,
    targets: Sequence[str] = ("--all",),
    settings: Mapping[str, str] | None = None,
    folder: Path | None = None,
    redis_url: str | None = None,
    timeout: float = 3600,
    worker_settings: Callable[[str], Mapping[str, str]] | None = None,
) -> DistributedRun:
    """Crawl ``targets`` of ``sites_file`` into ``db`` with ``workers`` worker processes and one writer,
    through ``redis_url`` (or a redis-server of its own in ``folder``); returns when every job is committed.

    ``settings`` go to the workers and the writer (``-s``), ``worker_settings(name)`` to one worker only.
    Logs: ``folder``/worker-N.log, writer.log.
    """
    folder = Path(folder or db.parent / "distributed")
    folder.mkdir(parents=True, exist_ok=True)
    server = None if redis_url else RedisServer(folder / "redis").start()
    url = redis_url or (server.url if server else "")
    try:
        queued = enqueue(url, db, sites_file, *targets)
        if queued.returncode != 0:
            raise RuntimeError(f"newsarchive enqueue failed: {queued.stderr[-2000:]}")
        logs = [(folder / f"worker-{i + 1}.log").open("wb") for i in range(workers)]
        writer_log = (folder / "writer.log").open("wb")
        started = time.monotonic()
        procs = []
        for i, log in enumerate(logs):
            name = f"worker-{i + 1}"
            own = {**(settings or {}), **(worker_settings(name) if worker_settings else {})}
            procs.append((name, start_worker(url, name, settings=own, log=log)))
        procs.append(("writer", start_writer(url, db, settings=settings, log=writer_log)))
        usage = [wait(proc, name, timeout) for name, proc in procs]
        wall = time.monotonic() - started
        for log in [*logs, writer_log]:
            log.close()
        return DistributedRun(round(wall, 2), usage, sum(json.loads(queued.stdout).values()))
    finally:
        if server:
            server.stop()
