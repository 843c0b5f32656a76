"""How the soak starts crawls: the real ``newsarchive crawl`` command in a subprocess, as cron would.

Used by ``bench/soak_faults.py``, ``bench/soak_kill.py`` and ``bench/soak_reads.py`` (and, through
``soak_faults``, by tests/test_faults.py). Each crawl gets the archive and sites file through the environment
(NEWSARCHIVE_DB, NEWSARCHIVE_SITES), settings as ``-s KEY=VALUE`` and its own log file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# No politeness delays on loopback; everything else is the project's default
SOAK_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOGSTATS_INTERVAL": "0",
}


def crawl_argv(*args: str, settings: Mapping[str, str] | None = None) -> list[str]:
    argv = [sys.executable, "-m", "newsarchive.crawler.cli", "crawl", *args]
    for key, value in {**SOAK_SETTINGS, **(settings or {})}.items():
        argv += ["-s", f"{key}={value}"]
    return argv


def crawl_env(db: Path, sites: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(extra or {})}
    env.pop("NEWSARCHIVE_USER_AGENT", None)  # loopback sites need none
    env.update(NEWSARCHIVE_DB=str(db), NEWSARCHIVE_SITES=str(sites))
    return env


@dataclass(frozen=True, slots=True)
class Crawl:
    """A finished ``newsarchive crawl --json``: exit code, the outcomes it printed, its log."""

    returncode: int
    outcomes: list[dict[str, Any]]
    log: str
    stderr: str

    def outcome(self, site: str) -> dict[str, Any]:
        found = [o for o in self.outcomes if o.get("site") == site]
        if not found:
            raise AssertionError(f"no outcome for {site}: exit {self.returncode}\n{self.stderr[-3000:]}")
        return found[0]


def run_crawl(
    *args: str,
    db: Path,
    sites: Path,
    log: Path,
    settings: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 900,
) -> Crawl:
    """``newsarchive crawl ARGS --json --log-file LOG``, run to its end."""
    proc = subprocess.run(
        crawl_argv(*args, "--json", "--log-file", str(log), settings=settings),
        env=crawl_env(db, sites, env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    start = proc.stdout.find("[")
    outcomes = json.loads(proc.stdout[start:]) if start >= 0 else []
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return Crawl(proc.returncode, outcomes, text, proc.stderr)
