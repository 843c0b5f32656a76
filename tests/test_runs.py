"""Crawl runs explain themselves: reasons stored and shown, and an interrupted run keeps the real counts of
what it committed (its process really killed, the archive a real SQLite file)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsarchive.storage import Store

from .conftest import ROOT, run_cli
from .test_store_helpers import article, now

REASONS = {
    "counts": {"refused": 3, "http-404": 1, "timeout": 0},
    "first": [f"http://x.org/{i}.html: connection refused (is the server up?)" for i in range(25)],
}


def test_finish_run_stores_reasons_checked_and_trimmed(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        run = store.start_run("x")
        store.finish_run(run, status="failed", stats={"failed": 4}, reasons=REASONS)
        stored = json.loads(store.db.execute("select reasons from crawl_runs").fetchone()[0])
        assert stored["counts"] == {"refused": 3, "http-404": 1}  # zero counts dropped
        assert stored["first"] == REASONS["first"][:20]
        quiet = store.start_run("x")
        store.finish_run(quiet, status="ok", stats={}, reasons={"counts": {}, "first": []})
        assert store.db.execute("select reasons from crawl_runs where id = ?", [quiet]).fetchone()[0] is None
        with pytest.raises(ValueError, match="reasons must be"):
            store.finish_run(quiet, status="ok", stats={}, reasons={"count": {"dns": 1}})


def test_status_prints_each_runs_reasons(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with Store(db) as store:
        run = store.start_run("dead-site")
        store.finish_run(run, status="failed", stats={"failed": 4}, reasons=REASONS)
    proc = run_cli("status", db=db)
    assert proc.returncode == 0, proc.stderr
    assert "reasons: refused 3, http-404 1" in proc.stdout
    assert "http://x.org/0.html: connection refused" in proc.stdout
    assert "http://x.org/5.html" not in proc.stdout  # the first few only
    report = json.loads(run_cli("status", "--json", db=db).stdout)
    assert report["runs"][0]["reasons"]["counts"] == {"refused": 3, "http-404": 1}


# A crawl's writes through the Store, then the process dies without finishing its second run.
KILLED_WRITER = textwrap.dedent("""
    import os, sys
    from newsarchive.storage import Store
    from tests.test_store_helpers import article, page
    store = Store(sys.argv[1])
    text = "\\n".join(f"第{i}段：研究所召开学术会议，交流最新研究进展。" for i in range(8))

    def save(n, extra, run):
        page_, record = article(f"https://inst.cn/a/{n}.html", f"标题{n}", text + extra)
        store.save_article(page_, record, site="inst", run_id=run)

    first = store.start_run("inst")
    for n in (1, 2, 3):
        save(n, "", first)
    store.mark_missing("https://inst.cn/a/3.html", site="inst", run_id=first, status=404, fetched_at=None)
    store.finish_run(first, status="ok", stats={"new": 3})
    run = store.start_run("inst")
    listing = page("https://inst.cn/news/", b"<html>listing</html>")
    store.save_page(listing, site="inst", run_id=run, kind="listing")
    save(1, "\\n更正。", run)
    save(2, "", run)
    save(4, "\\n新文章。", run)
    store.mark_not_modified("https://inst.cn/a/2.html", site="inst", run_id=run, fetched_at=None)
    store.mark_missing("https://inst.cn/a/3.html", site="inst", run_id=run, status=404, fetched_at=None)
    store.save_failure("https://inst.cn/a/5.html", site="inst", run_id=run, error="timed out")
    challenge = page("https://inst.cn/a/6.html", b"<html>Just a moment</html>", status=503)
    store.save_page(challenge, site="inst", run_id=run, kind="blocked")
    print(run, flush=True)
    os._exit(0)  # no finish_run: the run stays 'running', its process gone
""")


def test_interrupted_run_gets_the_counts_of_what_it_committed(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(db)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    run = int(proc.stdout.strip())
    with Store(db) as store:
        assert store.close_stale_runs() == 1
        row = store.db.execute(
            "select status, new, changed, unchanged, not_modified, failed, blocked, gone, stats"
            " from crawl_runs where id = ?",
            [run],
        ).fetchone()
    assert row[:8] == ("interrupted", 1, 1, 1, 1, 1, 1, 1)
    stats = json.loads(row[8])
    assert stats["listing_pages"] == 1 and stats["finish_reason"] == "interrupted"
    listed = json.loads(run_cli("status", "--json", db=db).stdout)["runs"][0]
    assert listed["status"] == "interrupted" and listed["counts"]["new"] == 1


def test_a_run_without_reasons_column_still_shows(tmp_path: Path) -> None:
    """``status`` reads archives made before the reasons column (read-only: no migration applied)."""
    db = tmp_path / "old.db"
    with Store(db) as store:
        store.save_article(
            *article("https://inst.cn/a/1.html", "标题", "正文" * 50, fetched_at=now()),
            site="inst",
            run_id=store.start_run("inst"),
        )
        store.db.execute("drop view site_health")
        store.db.execute("alter table crawl_runs drop column reasons")
    report = json.loads(run_cli("status", "--json", db=db).stdout)
    assert report["runs"][0]["reasons"] is None


def test_reasons_in_words() -> None:
    """The wording the crawl table, status, cron's mail and the digest share (crawler/report.py)."""
    from newsarchive.crawler.report import failing_site_line, reason_lines, reason_summary

    reasons = {"counts": {"timeout": 1, "refused": 3, "http-404": 1, "dns": 2}, "first": REASONS["first"][:4]}
    assert reason_summary(reasons) == "refused 3, dns 2, http-404 1, 1 more kind(s)"
    assert reason_summary(None) == ""
    lines = reason_lines(reasons, first=2)
    assert lines[0] == "  reasons: refused 3, dns 2, http-404 1, timeout 1"
    assert lines[1:] == [
        f"    {REASONS['first'][0]}",
        f"    {REASONS['first'][1]}",
        "    ... 2 more in crawl_runs.reasons",
    ]
    assert reason_lines(None) == []
    assert failing_site_line("x", "failed", reasons, []) == (
        f"x: failed: refused 3, dns 2, http-404 1, 1 more kind(s) (first: {REASONS['first'][0]})"
    )
    assert failing_site_line("x", "blocked", None, ["blocked: 403 at /a"]) == "x: blocked: blocked: 403 at /a"
    assert failing_site_line("x", "interrupted", None, []) == "x: interrupted"
