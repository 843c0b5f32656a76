"""The cron script: one log file per run, non-zero exit on failure, and never two runs at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsarchive.crawler.runlock import LockHeld, RunLock

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
    """A site that cannot be crawled: exit 1; stderr (cron mails it) names the site and its status, one line
    per failing site, then the path of the full log; the log keeps everything."""
    sites = write_sites(
        tmp_path / "sites.toml",
        {
            "dead": {"start_urls": [bad_server.base_url + "/bad/500.html"], "delay": 0},
            "gone": {"start_urls": [bad_server.base_url + "/bad/404.html"], "delay": 0},
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
    mail = proc.stderr.splitlines()
    assert mail[-1] == f"newsarchive-cron: full log: {logs[0]}"
    assert sorted(mail[:-1]) == sorted(
        line
        for line in mail[:-1]
        if line.startswith(("newsarchive crawl: dead: ", "newsarchive crawl: gone: "))
    )
    assert {line.split(": ")[1] for line in mail[:-1]} == {"dead", "gone"}
    assert all(line.split(": ")[2] in ("failed", "blocked", "interrupted") for line in mail[:-1])
    assert "crawl exited" not in proc.stderr
    text = logs[0].read_text(encoding="utf-8")
    assert "/bad/500.html" in text and "failed" in text
    assert "newsarchive crawl: dead: failed" in text  # what was mailed is in the log too


def test_a_good_run_prints_nothing_but_a_failed_notification(tmp_path: Path, demo_server) -> None:
    """A good crawl says nothing to cron (exit 0), except that its notification could not be sent."""
    import socket

    from newsarchive.sitekit.demo import demo_sites

    name, table = next(iter(demo_sites(demo_server.base_url).items()))
    sites = write_sites(tmp_path / "sites.toml", {name: {**table, "delay": 0}})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    notify = tmp_path / "notify.toml"
    notify.write_text(f'urls = ["json://127.0.0.1:{port}/"]\n', encoding="utf-8")
    env = {**cron_env(tmp_path, sites), "NEWSARCHIVE_NOTIFY": str(notify)}
    proc = subprocess.run(
        [str(SCRIPT), "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    [log] = (tmp_path / "logs").glob("crawl-*.log")
    assert proc.stderr.splitlines() == [
        f"newsarchive crawl: notification failed: json://127.0.0.1:{port}/: "
        "A Connection error occurred sending JSON notification to 127.0.0.1.",
        f"newsarchive-cron: full log: {log}",
    ]
    assert proc.stdout == ""
    notify.unlink()  # no notify file: nothing to say at all
    again = subprocess.run(
        [str(SCRIPT), "-s", "AUTOTHROTTLE_ENABLED=False"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert again.returncode == 2 and again.stdout == ""
    assert "notify file not found" in again.stderr


def test_config_errors_exit_2(tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text("[sites.x]\nstart_urls = ['http://127.0.0.1:9/']\nmax_page = 3\n", encoding="utf-8")
    proc = subprocess.run([str(SCRIPT)], env=cron_env(tmp_path, sites), capture_output=True, text=True)
    assert proc.returncode == 2
    assert "unknown key 'max_page'" in proc.stderr and "newsarchive-cron: full log: " in proc.stderr
    usage = subprocess.run(
        [str(SCRIPT), "--no-such-option"], env=cron_env(tmp_path, sites), capture_output=True, text=True
    )
    assert usage.returncode == 2 and "--no-such-option" in usage.stderr


def test_wait_lock_waits_for_the_running_crawl(tmp_path: Path, bad_server) -> None:
    """--wait-lock: while another run holds the lock the crawl waits (and says so in its log); once the lock
    is released it runs. Waiting too short gives 75 and touches nothing."""
    sites = write_sites(
        tmp_path / "sites.toml", {"dead": {"start_urls": [bad_server.base_url + "/bad/500.html"]}}
    )
    env = cron_env(tmp_path, sites)
    db = Path(env["NEWSARCHIVE_DB"])
    lock = RunLock(db.parent / "crawl.lock").acquire()
    try:
        short = subprocess.run(
            [str(SCRIPT), "--wait-lock", "0.5"], env=env, capture_output=True, text=True, timeout=60
        )
        assert short.returncode == 75 and "another crawl is running" in short.stderr
        assert _runs(db) == []
        waiting = subprocess.Popen(
            [str(SCRIPT), "--wait-lock", "600", "-s", "RETRY_TIMES=0"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while not _log_says(tmp_path / "logs", "waiting up to 600 s") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _log_says(tmp_path / "logs", "waiting up to 600 s"), "the crawl did not wait for the lock"
        assert waiting.poll() is None and _runs(db) == []
    finally:
        lock.release()
    _, stderr = waiting.communicate(timeout=180)
    assert waiting.returncode == 1, stderr  # it ran: the site is dead
    assert [site for _, site in _runs(db)] == ["dead"]
    assert "newsarchive crawl: dead: failed" in stderr


def _log_says(log_dir: Path, text: str) -> bool:
    return any(text in p.read_text(encoding="utf-8") for p in log_dir.glob("crawl-*.log"))


def test_second_concurrent_run_exits_without_touching_the_archive(tmp_path: Path, demo_server) -> None:
    from newsarchive.sitekit.demo import demo_sites

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
    second = subprocess.run([str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)
    assert second.returncode == 75
    assert "another crawl is running" in second.stderr
    # the first run may open its one run at any moment (no timing assumed): the second added none
    assert [site for _, site in _runs(db)] in ([], [name])
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
