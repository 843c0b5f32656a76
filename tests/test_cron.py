"""The cron script: one log file per run, non-zero exit on failure, and never two runs at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from crawler.runlock import LockHeld, RunLock

from .conftest import ROOT, write_sites

SCRIPT = ROOT / "cron" / "newsarchive-cron.sh"


def cron_env(tmp_path: Path, sites: Path) -> dict[str, str]:
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVE_")}
    env.update(
        {
            "NEWSARCHIVE_HOME": str(ROOT),
            "NEWSARCHIVE_BIN": str(bin_dir / "newsarchive"),
            "NEWSARCHIVE_DB": str(tmp_path / "data" / "archive.db"),
            "NEWSARCHIVE_SITES": str(sites),
            "NEWSARCHIVE_LOG_DIR": str(tmp_path / "logs"),
            "PATH": f"{bin_dir}:{env.get('PATH', '')}",
        }
    )
    return env


def test_run_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    path = tmp_path / "crawl.lock"
    with RunLock(path):
        try:
            RunLock(path).acquire()
        except LockHeld as exc:
            assert f"pid {os.getpid()}" in str(exc)
        else:
            raise AssertionError("a second lock was granted")
    RunLock(path).acquire().release()  # free again


def test_cron_run_writes_a_log_and_fails_loudly(tmp_path: Path, bad_server) -> None:
    """A site that cannot be crawled: exit 1, a message on stderr (cron mails it), the log kept."""
    sites = write_sites(
        tmp_path / "sites.toml",
        {
            "dead": {"start_urls": [bad_server.base_url + "/bad/500.html"], "delay": 0},
        },
    )
    proc = subprocess.run(
        [str(SCRIPT), "-s", "RETRY_TIMES=0", "-s", "AUTOTHROTTLE_ENABLED=False"],
        env=cron_env(tmp_path, sites),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 1, proc.stderr
    logs = list((tmp_path / "logs").glob("crawl-*.log"))
    assert len(logs) == 1
    assert "see " + str(logs[0]) in proc.stderr
    text = logs[0].read_text(encoding="utf-8")
    assert "/bad/500.html" in text and "failed" in text


def test_second_concurrent_run_exits_without_touching_the_archive(tmp_path: Path, demo_server) -> None:
    from sitekit.demo import demo_sites

    tables = demo_sites(demo_server.base_url)
    name, table = next(iter(tables.items()))
    sites = write_sites(tmp_path / "sites.toml", {name: {**table, "delay": 0.5}})
    env = cron_env(tmp_path, sites)
    first = subprocess.Popen(
        [str(SCRIPT), "-s", "AUTOTHROTTLE_ENABLED=False"],
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    db = Path(env["NEWSARCHIVE_DB"])
    lock = db.parent / "crawl.lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().startswith("pid")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert first.poll() is None, "the first run ended before the second could overlap it"
    before = db.stat().st_mtime_ns if db.exists() else None
    runs_before = _runs(db)
    second = subprocess.run([str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)
    assert second.returncode == 75
    assert "another crawl is running" in second.stderr
    assert _runs(db) == runs_before
    os.killpg(first.pid, signal.SIGKILL)  # the script and the crawl it started
    first.wait(timeout=30)
    assert before is None or db.exists()


def _runs(db: Path) -> list[tuple]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select id, site from crawl_runs order by id").fetchall()
    finally:
        conn.close()
