"""Shared test fixtures: a real loopback HTTP server (demo sites + misbehaving routes), temp archives, and a
runner for the real ``newsarchive`` CLI in a subprocess. Nothing here touches the internet."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest

from newsarchive.crawler.sites import format_site_table

ROOT = Path(__file__).resolve().parent.parent

# Tests turn politeness delays off explicitly (a separate test pins the defaults). The download timeout is
# long: on a busy machine the reactor can stall (fsync, CPU starvation) past the default 30 s, and a request
# timed out then is sent again, which changes what the server saw. Tests about timeouts set their own.
FAST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "RETRY_TIMES": "1",
    "DOWNLOAD_TIMEOUT": "120",
    "LOGSTATS_INTERVAL": "0",
}

# Property tests: no deadline per example and no "too slow" health check, which a busy machine trips.
hypothesis.settings.register_profile(
    "newsarchive", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("newsarchive")


def write_sites(path: Path, tables: dict[str, dict[str, Any]]) -> Path:
    path.write_text("".join(format_site_table(n, t) + "\n" for n, t in tables.items()), encoding="utf-8")
    return path


def run_cli(
    *args: str,
    db: Path | None = None,
    sites: Path | None = None,
    settings: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real ``newsarchive`` command (``python -m newsarchive.crawler.cli``) and return the process."""
    cmd = [sys.executable, "-m", "newsarchive.crawler.cli", *args]
    if args and args[0] == "crawl":
        for key, value in {**FAST_SETTINGS, **(settings or {})}.items():
            cmd += ["-s", f"{key}={value}"]
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full_env.pop("NEWSARCHIVE_USER_AGENT", None)
    if db is not None:
        full_env["NEWSARCHIVE_DB"] = str(db)
    if sites is not None:
        full_env["NEWSARCHIVE_SITES"] = str(sites)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=full_env, cwd=cwd or ROOT)


def query(db: Path, sql: str, params: list[Any] | None = None) -> list[sqlite3.Row]:
    """Rows of ``sql`` over the archive file ``db`` (tests read the archive with SQL of their own)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params or []).fetchall()
    finally:
        conn.close()


def crawl_json(proc: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    """The outcomes printed by ``newsarchive crawl --json``."""
    start = proc.stdout.find("[")
    assert start >= 0, f"no JSON in output:\nSTDOUT:\n{proc.stdout}\nSTDERR:\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout[start:])


@pytest.fixture(scope="session")
def demo_server() -> Iterator[Any]:
    """The demo sites on 127.0.0.1 (free port), stage 1. Tests that change the stage put it back."""
    from newsarchive.sitekit.demo import DemoServer

    with DemoServer(port=0, stage=1) as server:
        yield server


@pytest.fixture(scope="session")
def bad_server() -> Iterator[Any]:
    """The misbehaving site of tests/badsite.py on its own loopback server (its own robots.txt)."""
    from newsarchive.sitekit.server import LoopbackServer

    from .badsite import make_bad_app

    with LoopbackServer(make_bad_app()) as server:
        yield server


@pytest.fixture
def tmp_db(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"
