"""The scale benchmark's side of the many-sites servers: start the server processes, ask their control
endpoints, merge the answers.

``bench/scale.py`` starts ``python -m newsarchive.sitekit.manyhosts`` as ``blocks`` processes (each serves
every ``blocks``-th site, so neither the crawl nor one server process carries all of them), reads each one's
ready line (control URL and site base URLs), and talks to them over HTTP on 127.0.0.1: ``stats`` (per host:
requests, statuses, body bytes, the highest concurrency it saw), ``reset``, ``next_day`` and ``truth``.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

from .measure import cpu_seconds

# loopback only: never through a proxy named in the environment
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
CONTROL_TIMEOUT_S = 600  # the next-day switch re-renders a few thousand pages


class HostsProcesses:
    """The many-sites server processes of one benchmark run."""

    def __init__(
        self, python: str, root: Path, *, sites: int, blocks: int, seed: str, latency_ms: float, logs: Path
    ) -> None:
        self.procs: list[subprocess.Popen[str]] = []
        self._logs = []
        for block in range(blocks):
            cmd = [
                python,
                "-m",
                "newsarchive.sitekit.manyhosts",
                "--sites",
                str(sites),
                "--block",
                str(block),
            ]
            cmd += ["--blocks", str(blocks), "--seed", seed, "--latency-ms", str(latency_ms)]
            log = (logs / f"server-{block}.log").open("wb")
            self._logs.append(log)
            self.procs.append(
                subprocess.Popen(
                    cmd, cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True
                )
            )
        self.controls: list[str] = []
        self.base_urls: dict[str, str] = {}  # site name -> http://127.0.x.y:port
        self.pages = 0
        for proc in self.procs:  # they build their sites side by side
            ready = self._ready(proc)
            self.controls.append(ready["control"])
            self.base_urls.update(ready["sites"])
            self.pages += int(ready["pages"])

    @staticmethod
    def _ready(proc: subprocess.Popen[str]) -> dict[str, Any]:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"a many-sites server exited (status {proc.wait()}); see its server-N.log")
        ready: dict[str, Any] = json.loads(line)
        return ready

    @property
    def pids(self) -> frozenset[int]:
        return frozenset(p.pid for p in self.procs)

    def cpu_seconds(self) -> float:
        return sum(cpu_seconds(p.pid) for p in self.procs)

    def _ask(self, method: str, path: str) -> list[dict[str, Any]]:
        answers = []
        for control in self.controls:
            request = urllib.request.Request(
                control + path, method=method, data=b"" if method == "POST" else None
            )
            with _OPENER.open(request, timeout=CONTROL_TIMEOUT_S) as response:
                answers.append(json.loads(response.read()))
        return answers

    def stats(self) -> dict[str, dict[str, Any]]:
        """Per host (127.0.x.y): requests, statuses, body bytes, peak concurrency, since the last reset."""
        hosts: dict[str, dict[str, Any]] = {}
        for answer in self._ask("GET", "/stats"):
            hosts.update(answer["hosts"])
        return hosts

    def reset(self) -> None:
        self._ask("POST", "/reset")

    def next_day(self) -> None:
        self._ask("POST", "/next-day")

    def truth(self) -> list[dict[str, Any]]:
        """Every site's truth (``ManySites.truth``) with absolute URLs."""
        sites = []
        for answer in self._ask("GET", "/truth"):
            for site in answer["sites"]:
                base = self.base_urls[site["name"]]
                for key in ("articles", "new", "edited"):
                    site[key] = [base + path for path in site[key]]
                site["start_url"] = base + site.pop("start_url_path")
                sites.append(site)
        return sorted(sites, key=lambda s: s["name"])

    def stop(self) -> None:
        for proc in self.procs:
            if proc.stdin is not None:
                proc.stdin.close()  # the servers serve until their stdin closes
        for proc in self.procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in self._logs:
            log.close()


def served(hosts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The server's side of one crawl: requests, statuses, body bytes, the highest per-host concurrency."""
    hosts = {h: m for h, m in hosts.items() if m["requests"]}
    status: Counter[str] = Counter()
    for meter in hosts.values():
        status.update(meter["status"])
    peaks = [int(m["peak"]) for m in hosts.values()]
    return {
        "requests": sum(int(m["requests"]) for m in hosts.values()),
        "status": dict(status),
        "not_modified": status.get("304", 0),
        "bytes_fetched": sum(int(m["bytes"]) for m in hosts.values()),
        "hosts_requested": len(hosts),
        "host_peak": max(peaks, default=0),
        "host_peaks": dict(Counter(str(p) for p in peaks)),
    }
