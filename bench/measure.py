"""Measuring crawl subprocesses: wall time, CPU seconds of each and its descendants, peak memory.

Used by ``bench/run.py`` and ``bench/scale.py`` around every crawl (``run_measured``), and by the
distributed scale benchmark around processes that run side by side (``Measured``, one per process). In
``run_measured`` CPU comes from ``getrusage(RUSAGE_CHILDREN)`` deltas: the benchmark makes itself a child
subreaper (Linux ``prctl``), so extraction workers and forkservers that outlive the crawl's main process
are re-parented to it and reaped here, and their CPU is counted too. Peak memory is measured two ways: the
largest ``ru_maxrss`` of any single process (``wait4`` of the main process and of every re-parented one),
and the peak of the whole process tree's summed RSS and PSS, sampled from ``/proc`` (PSS divides shared
pages between the processes that share them, so it does not double count a forkserver's pages in its
workers).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h
SAMPLE_INTERVAL_S = 0.25  # /proc sampling period for the tree's memory (memory grows smoothly)
ORPHAN_GRACE_S = 30.0  # how long re-parented descendants may take to exit after the main process
KIB = 1024
STAT_UTIME, STAT_STIME = 11, 12  # /proc/PID/stat fields 14 and 15, counted after the ")" of the command


@dataclass(frozen=True, slots=True)
class Usage:
    wall_s: float
    cpu_s: float  # user + system, the process and all its descendants
    max_rss: int  # bytes: the largest peak RSS of any single process of the tree
    tree_rss: int  # bytes: peak of the tree's summed RSS (sampled)
    tree_pss: int  # bytes: peak of the tree's summed PSS (sampled)
    processes: int  # most processes seen in the tree at once
    exit_code: int


def become_subreaper() -> bool:
    """Make this process adopt orphaned descendants (so their CPU and memory can be counted)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def run_measured(
    cmd: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    stdout: Path,
    stderr: Path,
    keep: frozenset[int] = frozenset(),
) -> Usage:
    """Run ``cmd`` to its end and measure it, with every descendant that outlived it. ``keep``: our own
    children that are not part of it (the web server), never waited for here."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    measured = Measured(cmd, cwd=cwd, env=env, stdout=stdout, stderr=stderr)
    usage = measured.finish()
    orphans_rss = reap_orphans(keep | {measured.pid})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return replace(usage, cpu_s=cpu, max_rss=max(usage.max_rss, orphans_rss))


class Measured:
    """A measured subprocess, started at once; ``finish()`` waits for it and returns its Usage. Several can
    run side by side (the distributed benchmark's workers and writer): each one's CPU and ``ru_maxrss`` come
    from its own ``wait4`` (they include the descendants it waited for itself)."""

    def __init__(
        self, cmd: Sequence[str], *, cwd: Path, env: Mapping[str, str], stdout: Path, stderr: Path
    ) -> None:
        self._files = [stdout.open("wb"), stderr.open("wb")]
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(cmd), cwd=cwd, env=dict(env), stdout=self._files[0], stderr=self._files[1]
        )
        self.sampler = TreeSampler(self.proc.pid)
        self.sampler.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def running(self) -> bool:
        return os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None

    def terminate(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)

    def finish(self) -> Usage:
        _, status, usage = os.wait4(self.pid, 0)
        wall = time.perf_counter() - self.started
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.sampler.stop()
        for file in self._files:
            file.close()
        return Usage(
            wall,
            usage.ru_utime + usage.ru_stime,
            max(usage.ru_maxrss * KIB, self.sampler.max_single),
            self.sampler.peak_rss,
            self.sampler.peak_pss,
            self.sampler.most_processes,
            self.proc.returncode,
        )


def reap_orphans(keep: frozenset[int] | set[int]) -> int:
    """Wait for every child of ours not in ``keep`` (descendants of a finished crawl re-parented to us);
    kill those still running after ORPHAN_GRACE_S. Returns the largest ru_maxrss among them, in bytes."""
    deadline = time.monotonic() + ORPHAN_GRACE_S
    largest = 0
    while True:
        orphans = [pid for pid in children(os.getpid()) if pid not in keep]
        if not orphans:
            return largest
        for pid in orphans:
            if time.monotonic() > deadline:
                _kill(pid)
            try:
                done, _, usage = os.wait4(pid, os.WNOHANG)
            except ChildProcessError:
                continue
            if done:
                largest = max(largest, usage.ru_maxrss * KIB)
        time.sleep(SAMPLE_INTERVAL_S / 2)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (from /proc/PID/task/TID/children)."""
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{tid}/children").read_text()
        except OSError:
            continue
        out += [int(p) for p in text.split()]
    return out


def descendants(pid: int) -> list[int]:
    found, todo = [pid], [pid]
    while todo:
        kids = children(todo.pop())
        found += kids
        todo += kids
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (all its threads), from /proc/PID/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    utime, stime = int(fields[STAT_UTIME]), int(fields[STAT_STIME])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in bytes, from /proc/PID/smaps_rollup; (0, 0) once it is gone."""
    rss = pss = 0
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    for line in text.splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1]) * KIB
        elif line.startswith("Pss:"):
            pss = int(line.split()[1]) * KIB
    return rss, pss


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and its descendants until stopped; keeps the peaks."""

    def __init__(self, pid: int) -> None:
        super().__init__(name=f"sampler-{pid}", daemon=True)
        self.pid = pid
        self.peak_rss = self.peak_pss = self.max_single = self.most_processes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(SAMPLE_INTERVAL_S)

    def sample(self) -> None:
        pids = descendants(self.pid)
        readings = [memory(pid) for pid in pids]
        self.peak_rss = max(self.peak_rss, sum(r for r, _ in readings))
        self.peak_pss = max(self.peak_pss, sum(p for _, p in readings))
        self.max_single = max([self.max_single, *(r for r, _ in readings)])
        self.most_processes = max(self.most_processes, sum(1 for r, _ in readings if r))

    def stop(self) -> None:
        self._stop_event.set()
        self.join()
