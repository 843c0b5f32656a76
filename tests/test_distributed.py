"""Distributed mode: a real redis-server on loopback, crawl workers and the writer as separate processes
(``newsarchive enqueue`` / ``worker`` / ``writer``), crawling the demo sites on the loopback demo server.

The archive they make is compared with what a single-process ``newsarchive crawl`` makes (stage 1, then
stage 2 with its edits): articles with their content hashes and version counts, every version, the set of
raw pages. Then the faults: a worker killed (-9) mid-site, a worker frozen until another took its job, the
writer killed, Redis killed and restarted from its append-only file. No assertion waits on a clock: the
tests wait for states (rows committed, processes gone) and then check what the archive holds.
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest

from newsarchive.crawler.demo_run import verify_archive
from newsarchive.crawler.distributed.cluster import (
    RedisServer,
    cli,
    enqueue,
    environment,
    run_distributed,
    start_worker,
    start_writer,
    wait,
)

from .conftest import FAST_SETTINGS, ROOT, crawl_json, run_cli, write_sites
from .test_crawl import query

TIMEOUT = "2"  # visibility timeout (s) in these tests: a dead worker's job comes back soon
SETTINGS = {**FAST_SETTINGS, "NEWSARCHIVE_VISIBILITY_TIMEOUT": TIMEOUT}


def articles(db: Path) -> int:
    try:
        return int(query(db, "select count(*) from articles")[0][0]) if db.exists() else 0
    except sqlite3.OperationalError:  # the schema is being created
        return 0


def until(condition: Callable[[], bool], what: str, seconds: float = 120) -> None:
    """Wait for a state (not for a time): fail with ``what`` if it never comes."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.1)


def snapshot(db: Path) -> dict[str, Any]:
    """What must be equal between two archives of the same crawls."""
    return {
        "articles": {
            r["url"]: (r["content_hash"], r["version_count"], r["status"])
            for r in query(db, "select url, content_hash, version_count, status from articles")
        },
        "versions": sorted(
            tuple(r)
            for r in query(
                db,
                "select a.url, v.version, v.content_hash, v.raw_sha256 from article_versions v"
                " join articles a on a.id = v.article_id",
            )
        ),
        "raw_pages": {r["sha256"] for r in query(db, "select sha256 from raw_pages")},
        "runs": sorted(
            (r["site"], r["status"], r["new"], r["changed"], r["unchanged"], r["failed"])
            for r in query(db, "select * from crawl_runs")
        ),
    }


def status_json(db: Path, url: str) -> dict[str, Any]:
    proc = run_cli("status", "--db", str(db), "--redis", url, "--json")
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)["jobs"]  # type: ignore[no-any-return]


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    with RedisServer(tmp_path / "redis") as server:
        yield server


@pytest.fixture
def demo_sites_file(demo_server: Any, tmp_path: Path) -> Path:
    from newsarchive.sitekit.demo import demo_sites

    assert demo_server.stage == 1
    return write_sites(tmp_path / "sites.toml", demo_sites(demo_server.base_url))


def slow_site(demo_server: Any, tmp_path: Path, name: str = "demo-trs") -> tuple[Path, int]:
    """One demo site crawled one request at a time, so that it can be stopped half way (it takes a hundred
    requests); and how many articles it has."""
    from newsarchive.sitekit.demo import demo_sites, ground_truth

    table = {**demo_sites(demo_server.base_url)[name], "concurrency": 1}
    return write_sites(tmp_path / "slow.toml", {name: table}), sum(t.site == name for t in ground_truth(1))


@dataclass
class SlowCrawl:
    db: Path
    url: str
    total: int  # the site's articles
    writer: subprocess.Popen[bytes]
    worker: subprocess.Popen[bytes]  # "worker-1"


def slow_crawl(
    demo_server: Any, redis: RedisServer, tmp_path: Path, committed: int, log: IO[Any] | None = None
) -> SlowCrawl:
    """The slow site enqueued, the writer and worker-1 started, and ``committed`` articles in the archive
    while worker-1 is still crawling: the moment a fault is made."""
    sites, total = slow_site(demo_server, tmp_path)
    db = tmp_path / "archive.db"
    assert enqueue(redis.url, db, sites, "demo-trs").returncode == 0
    writer = start_writer(redis.url, db, settings=SETTINGS)
    worker = start_worker(redis.url, "worker-1", settings=SETTINGS, log=log)
    until(lambda: articles(db) >= committed or worker.poll() is not None, f"{committed} articles committed")
    assert worker.poll() is None, "worker-1 finished the site before the fault could be made half way"
    return SlowCrawl(db, redis.url, total, writer, worker)


# --------------------------------------------------------------------------- the same archive


def test_two_workers_and_a_writer_make_the_archive_one_crawl_makes(
    demo_server: Any, demo_sites_file: Path, redis_server: RedisServer, tmp_path: Path
) -> None:
    """Stage 1, then stage 2 (a week later: edits, new articles) with the weekly --revalidate: the same
    archive from ``newsarchive crawl`` (run beside it, on the same demo server) and 2 workers + a writer."""
    single, dist = tmp_path / "single.db", tmp_path / "distributed.db"
    url = redis_server.url
    agents = {f"worker-{i}": f"newsarchive-test (worker-{i})" for i in (1, 2)}
    sites = ["demo-drupal", "demo-gdasfs", "demo-trs", "demo-wp"]
    try:
        for stage, mode in ((1, ()), (2, ("--revalidate",))):
            demo_server.stage = stage
            demo_server.clear_log()
            reference = subprocess.Popen(
                cli("crawl", "--group", "demo", *mode, "--json", settings=FAST_SETTINGS),
                env=environment(NEWSARCHIVE_DB=str(single), NEWSARCHIVE_SITES=str(demo_sites_file)),
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            queued = enqueue(url, dist, demo_sites_file, "--group", "demo", *mode)
            assert queued.returncode == 0, queued.stderr[-3000:]
            if stage == 1:
                assert sorted(j["site"] for j in status_json(dist, url)["queued"]) == sites
                again = enqueue(url, dist, demo_sites_file, "demo-trs", "--json")
                assert json.loads(again.stdout) == {"demo-trs": False}, "a site got a second job"
            run = run_distributed(
                demo_sites_file,
                dist,
                workers=2,
                targets=("--group", "demo", *mode),
                settings=SETTINGS,
                folder=tmp_path / f"stage{stage}",
                redis_url=url,
                worker_settings=lambda name: {"USER_AGENT": agents[name]},
            )
            assert run.ok, [p for p in run.processes if p.returncode]
            out, err = reference.communicate(timeout=300)
            assert reference.returncode == 0, err[-3000:]
            assert {o["status"] for o in json.loads(out[out.index("[") :])} == {"ok"}
            assert verify_archive(dist, demo_server.base_url, stage=stage).mismatches == []
            assert snapshot(dist) == snapshot(single), f"stage {stage}: the archives differ"

            jobs = status_json(dist, url)
            assert (
                jobs["queued"] == jobs["running"] == jobs["writing"] == [] and jobs["archive_messages"] == 0
            )
            assert sorted((j["site"], j["status"]) for j in jobs["finished"][:4]) == [
                (s, "ok") for s in sites
            ]
            # one site, one worker: every request of a site came from the worker that held its job
            by_site: dict[str, set[str]] = {}
            for request in demo_server.requests:
                agent = request.headers.get("user-agent", "")
                if request.path != "/robots.txt" and agent in agents.values():  # robots.txt: one per worker
                    by_site.setdefault("demo-" + request.path.strip("/").split("/")[0], set()).add(agent)
            assert sorted(by_site) == sites and all(len(seen) == 1 for seen in by_site.values()), by_site
    finally:
        demo_server.stage = 1


def run_record(db: Path) -> list[tuple[Any, ...]]:
    """Each run as a single-process crawl closes it: status, counts, warnings, failure reasons. (Orders that
    follow which answer came first are left out: the failures' examples, kinds counted alike.)"""
    columns = "site, status, new, changed, unchanged, not_modified, failed, blocked, gone, warnings, reasons"
    out = []
    for row in query(db, f"select {columns} from crawl_runs order by site, id"):
        reasons = json.loads(row["reasons"] or "{}")
        warnings = sorted(re.sub(r"\(.*\)$", _sorted_kinds, w) for w in json.loads(row["warnings"]))
        examples = sorted(reasons.get("first", ()))
        out.append((*tuple(row)[:-2], warnings, reasons.get("counts"), examples))
    return out


def _sorted_kinds(match: re.Match[str]) -> str:
    return ", ".join(sorted(match.group(0).strip("()").split(", ")))


def pollution(db: Path) -> dict[str, Any]:
    """What the archive made of each fetched URL and each article, and each site's health."""
    health = "site, last_status, failure_streak, articles, live, gone"  # warnings, reasons: run_record
    return {
        "fetches": sorted(
            (r["url"], r["status"] or 0, r["error"] or "", r["raw_sha256"] is not None)
            for r in query(db, "select url, status, error, raw_sha256 from fetches")
        ),
        "articles": sorted(
            tuple(r) for r in query(db, "select url, status, version_count, content_hash from articles")
        ),
        "raw_pages": {r["sha256"] for r in query(db, "select sha256 from raw_pages")},
        "health": [tuple(r) for r in query(db, f"select {health} from site_health")],
    }


def test_failures_blocks_and_non_articles_reach_the_archive_as_in_one_crawl(
    bad_server: Any, redis_server: RedisServer, tmp_path: Path
) -> None:
    """The misbehaving site (failures of every kind, a 404, a challenge, robots) and a site whose articles
    turn into a soft 404 and a JavaScript stub: crawled by ``newsarchive crawl`` (both sites in one spider)
    and by one worker per site job, the runs close with the same status, counts, warnings and reasons, the
    same pages are kept raw, and the site health reads the same."""
    from newsarchive.sitekit.server import LoopbackServer
    from tests.statefulsite import StatefulSite, make_app

    site = StatefulSite.with_articles(12, young=2)
    settings = {
        **SETTINGS,
        **{"DOWNLOAD_TIMEOUT": "2", "DOWNLOAD_MAXSIZE": str(1024 * 1024)},  # slow.html, huge.html fail
        **{"NEWSARCHIVE_RECHECK_YOUNG_HOURS": "1000", "NEWSARCHIVE_RECHECK_OLD_DAYS": "1000"},
    }
    with LoopbackServer(make_app(site)) as stateful:
        sites = write_sites(
            tmp_path / "sites.toml",
            {
                "bad": {"start_urls": [bad_server.base_url + "/bad/index.html"]},
                "stateful": {"start_urls": [stateful.base_url + "/s/news/"]},
            },
        )
        single, dist = tmp_path / "single.db", tmp_path / "distributed.db"
        for round_, mode in enumerate(((), ("--revalidate",))):
            if round_ == 1:
                site.articles[3].serves, site.articles[4].serves = "soft-404", "js-stub"
            proc = run_cli("crawl", "--all", "--json", *mode, db=single, sites=sites, settings=settings)
            assert proc.returncode in (0, 1), proc.stderr[-3000:]
            run = run_distributed(
                sites,
                dist,
                workers=1,
                targets=("--all", *mode),
                settings=settings,
                folder=tmp_path / f"round{round_}",
                redis_url=redis_server.url,
            )
            assert run.ok, [p for p in run.processes if p.returncode]
            assert run_record(dist) == run_record(single), f"round {round_}: the runs differ"
            assert pollution(dist) == pollution(single), f"round {round_}: the archives differ"
    last = {run[0]: run for run in run_record(dist)}  # each site's last run (the record's reasons: [-2])
    # (the bad site has no slow page any more: timeouts are the fault server's, tests/test_faults.py)
    kinds = {"robots", "blocked", "http-404", "http-500", "redirect-loop", "too-large"}
    assert kinds <= set(last["bad"][-2]), last
    assert last["stateful"][-2] == {"soft-404": 1, "blocked": 1}, last


# --------------------------------------------------------------------------- faults


def trs_rows(db: Path) -> list[sqlite3.Row]:
    return query(
        db,
        "select a.url, a.version_count, (select count(*) from article_versions v where v.article_id = a.id)"
        " versions, (select count(*) from raw_pages r where r.sha256 = a.raw_sha256) raw"
        " from articles a where a.site = 'demo-trs'",
    )


def assert_site_complete(db: Path, demo_server: Any, total: int) -> None:
    """Every article of the slow site is there once, right, with one version and its raw page."""
    rows = trs_rows(db)
    assert len(rows) == total == len({r["url"] for r in rows})
    assert all(r["version_count"] == r["versions"] == 1 and r["raw"] == 1 for r in rows)
    check = verify_archive(db, demo_server.base_url, stage=1)
    assert [m for m in check.mismatches if "/trs/" in m] == []


def runs(db: Path) -> list[tuple[str, str | None, int | None]]:
    out = []
    for r in query(db, "select status, options from crawl_runs order by id"):
        options = json.loads(r["options"])
        out.append((r["status"], options.get("worker"), options.get("attempt")))
    return out


def test_leases_hand_a_job_to_one_worker_at_a_time(redis_server: RedisServer) -> None:
    """The job queue itself: one holder per job; a released job goes to the next claim at once, however
    long the visibility timeout; the old holder's writes are refused; a finished job is gone."""
    from newsarchive.crawler.distributed.jobs import ARCHIVE, Job, claim, connect, enqueue, jobs_left

    client = connect(redis_server.url)
    assert enqueue(client, [Job("a", {}, {})]) == {"a": True}
    assert enqueue(client, [Job("a", {}, {})]) == {"a": False}  # one job per site
    first = claim(client, "w1", timeout=600)
    assert first is not None and first.attempt == 1 and first.renew() and first.append("open", {})
    assert claim(client, "w2", timeout=600) is None
    assert first.release({"reason": "shutdown"})
    second = claim(client, "w2", timeout=600)
    assert second is not None and second.attempt == 2 and second.job.id == first.job.id
    assert not first.renew() and not first.append("item", {}) and not first.finish("close", {})
    assert second.finish("close", {"reason": "finished"}) and jobs_left(client) == 0
    kinds = [fields[b"kind"] for _, fields in client.xrange(ARCHIVE)]
    assert kinds == [b"open", b"close", b"close"]


def test_a_stopped_and_a_killed_worker_lose_their_job_to_the_next(
    demo_server: Any, redis_server: RedisServer, tmp_path: Path
) -> None:
    """SIGTERM (systemctl stop): the crawl is closed and its job handed back at once. kill -9: the job comes
    back after the visibility timeout. A third worker completes the site: no article lost, none twice."""
    crawl = slow_crawl(demo_server, redis_server, tmp_path, 5)
    db, url, total, writer, first = crawl.db, crawl.url, crawl.total, crawl.writer, crawl.worker
    others = {name: start_worker(url, name, settings=SETTINGS) for name in ("worker-2", "worker-3")}
    first.send_signal(signal.SIGTERM)
    assert wait(first, "worker-1", 300).returncode == 0
    until(lambda: len(runs(db)) == 2, "another worker took the job over")
    _, second_name, _ = runs(db)[1]
    assert second_name in others
    second = others.pop(second_name)
    until(lambda: articles(db) >= 20 or second.poll() is not None, "20 articles committed")
    assert second.poll() is None, "the second worker finished the site before it could be killed"
    second.send_signal(signal.SIGKILL)
    second.wait()
    [(third_name, third)] = others.items()
    assert wait(third, third_name, 300).returncode == 0
    assert wait(writer, "writer", 300).returncode == 0

    assert_site_complete(db, demo_server, total)
    assert runs(db) == [
        ("interrupted", "worker-1", 1),
        ("interrupted", second_name, 2),
        ("ok", third_name, 3),
    ]
    reasons = [
        json.loads(r["stats"] or "{}").get("finish_reason") for r in query(db, "select stats from crawl_runs")
    ]
    assert reasons[0] == "shutdown"  # handed back by worker-1 itself; run 2 closed when run 3 opened


def test_a_frozen_worker_that_lost_its_job_writes_nothing_more(
    demo_server: Any, redis_server: RedisServer, tmp_path: Path
) -> None:
    """One site, one worker at a time: a worker frozen (SIGSTOP) past the visibility timeout loses its job to
    another; when it wakes up, every write it tries is refused (fenced), so the archive gets nothing more
    from it, and it stops crawling the site."""
    with (tmp_path / "worker-1.log").open("wb") as log:
        crawl = slow_crawl(demo_server, redis_server, tmp_path, 5, log=log)
        db, url, total, writer, first = crawl.db, crawl.url, crawl.total, crawl.writer, crawl.worker
        first.send_signal(signal.SIGSTOP)
        second = start_worker(url, "worker-2", settings=SETTINGS)
        until(lambda: len(runs(db)) == 2, "the second worker's run opened")
        first.send_signal(signal.SIGCONT)
        assert wait(second, "worker-2", 300).returncode == 0
        assert wait(first, "worker-1", 300).returncode == 0
        assert wait(writer, "writer", 300).returncode == 0
    assert "another worker holds the job now" in (tmp_path / "worker-1.log").read_text(encoding="utf-8")
    assert_site_complete(db, demo_server, total)
    assert runs(db) == [("interrupted", "worker-1", 1), ("ok", "worker-2", 2)]
    first_run, second_run = (r["id"] for r in query(db, "select id from crawl_runs order by id"))
    late = query(
        db,
        "select count(*) n from fetches where run_id = ?"
        " and id > (select min(id) from fetches where run_id = ?)",
        [first_run, second_run],
    )
    assert late[0]["n"] == 0, "the frozen worker's fetches reached the archive after the other took over"


def test_a_killed_writer_leaves_the_records_in_redis_and_commits_them_after_its_restart(
    demo_server: Any, redis_server: RedisServer, tmp_path: Path
) -> None:
    crawl = slow_crawl(demo_server, redis_server, tmp_path, 10)
    db, url, total, writer, worker = crawl.db, crawl.url, crawl.total, crawl.writer, crawl.worker
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert wait(worker, "worker-1", 300).returncode == 0  # the crawl goes on without the writer
    committed = articles(db)
    jobs = status_json(db, url)
    assert committed < total and jobs["archive_messages"] > total - committed
    assert [j["site"] for j in jobs["writing"]] == ["demo-trs"]

    assert wait(start_writer(url, db, settings=SETTINGS), "writer", 300).returncode == 0
    assert_site_complete(db, demo_server, total)
    assert runs(db) == [("ok", "worker-1", 1)]  # the restarted writer took the open run over
    jobs = status_json(db, url)
    assert jobs["archive_messages"] == 0 and [(j["site"], j["status"]) for j in jobs["finished"]] == [
        ("demo-trs", "ok")
    ]


def test_redis_killed_and_restarted_from_its_append_only_file_loses_nothing(
    demo_server: Any, redis_server: RedisServer, tmp_path: Path
) -> None:
    crawl = slow_crawl(demo_server, redis_server, tmp_path, 10)
    db, total, writer, worker = crawl.db, crawl.total, crawl.writer, crawl.worker
    redis_server.kill()
    redis_server.restart()
    assert wait(worker, "worker-1", 300).returncode == 0
    assert wait(writer, "writer", 300).returncode == 0
    assert_site_complete(db, demo_server, total)
    statuses = [status for status, _, _ in runs(db)]
    assert statuses[-1] == "ok" and set(statuses) <= {"ok", "interrupted"}


# --------------------------------------------------------------------------- bad input, no Redis


def test_a_job_that_cannot_start_is_finished_as_failed_with_the_reason(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    """A site that may not be crawled as configured (here: a real host and no User-Agent given) fails at
    once on the worker; the job is not retried, and status says why."""
    sites = write_sites(
        tmp_path / "sites.toml", {"remote": {"start_urls": ["https://example.invalid/news/"]}}
    )
    db, url = tmp_path / "archive.db", redis_server.url
    assert enqueue(url, db, sites, "remote").returncode == 0
    assert wait(start_worker(url, "worker-1", settings=SETTINGS), "worker-1", 300).returncode == 0
    assert wait(start_writer(url, db, settings=SETTINGS), "writer", 300).returncode == 0
    jobs = status_json(db, url)
    [finished] = jobs["finished"]
    assert finished["site"] == "remote" and finished["status"] == "failed"
    assert "User-Agent" in finished["warnings"][0]
    assert jobs["queued"] == jobs["running"] == jobs["writing"] == [] and runs(db) == []
    text = run_cli("status", "--db", str(db), "--redis", url).stdout
    assert "site jobs: 0 queued, 0 running, 0 crawled and waiting for the writer" in text
    assert "finished remote" in text and " failed " in text
    again = enqueue(url, db, sites, "remote", "--json")
    assert json.loads(again.stdout) == {"remote": True}, "the site cannot be queued again"


def test_a_message_that_is_not_ours_is_kept_aside_not_lost(redis_server: RedisServer, tmp_path: Path) -> None:
    from newsarchive.crawler.distributed.jobs import ARCHIVE, connect
    from newsarchive.crawler.distributed.writer import REJECTED, StreamWriter
    from newsarchive.storage import Store

    client = connect(redis_server.url)
    client.xadd(ARCHIVE, {"kind": "item", "job": "j", "site": "s", "attempt": 1, "data": b"not zstd"})
    client.xadd(ARCHIVE, {"something": "else"})
    assert StreamWriter(client, Store(tmp_path / "a.db"), timeout=2).run(drain=True) == 2
    assert client.xlen(ARCHIVE) == 0
    kept = [json.loads(x) for x in client.lrange(REJECTED, 0, -1)]
    assert kept == [
        {"kind": "item", "job": "j", "site": "s", "attempt": "1", "data": "not zstd"},
        {"something": "else"},
    ]


def test_the_commands_need_a_reachable_redis_and_say_so(tmp_path: Path) -> None:
    sites = write_sites(tmp_path / "sites.toml", {"a": {"start_urls": ["http://127.0.0.1:9/news/"]}})
    for command in ("enqueue", "worker", "writer"):
        proc = run_cli(command, "--help")
        assert (
            proc.returncode == 0 and "--redis URL" in proc.stdout and "NEWSARCHIVE_REDIS_URL" in proc.stdout
        )
    proc = run_cli("enqueue", "a", "--sites", str(sites), "--db", str(tmp_path / "a.db"))
    assert proc.returncode == 2 and "--redis" in proc.stderr
    proc = run_cli(
        "enqueue", "a", "--sites", str(sites), env={"NEWSARCHIVE_REDIS_URL": "redis://127.0.0.1:9/0"}
    )
    assert proc.returncode == 1 and "cannot reach Redis at redis://127.0.0.1:9/0" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run_cli("enqueue", "nosuch", "--sites", str(sites), "--redis", "redis://127.0.0.1:9/0")
    assert proc.returncode == 2 and "no site 'nosuch'" in proc.stderr


def test_a_single_machine_crawl_never_touches_redis(demo_server: Any, tmp_path: Path) -> None:
    from newsarchive.sitekit.demo import demo_sites

    sites = write_sites(tmp_path / "sites.toml", {"demo-wp": demo_sites(demo_server.base_url)["demo-wp"]})
    env = {"NEWSARCHIVE_REDIS_URL": "redis://127.0.0.1:9/0"}  # nothing listens there
    proc = run_cli("crawl", "demo-wp", "--json", db=tmp_path / "a.db", sites=sites, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert crawl_json(proc)[0]["status"] == "ok" and crawl_json(proc)[0]["counts"]["new"] > 0


# --------------------------------------------------------------------------- deploy/


def test_the_deploy_files_run_real_commands_with_real_options() -> None:
    import shlex

    from newsarchive.crawler.cli import main

    commands = []
    for unit in sorted((ROOT / "deploy" / "systemd").glob("*.service")):
        commands += [
            line.split("=", 1)[1] for line in unit.read_text().splitlines() if line.startswith("ExecStart=")
        ]
    procfile = (ROOT / "deploy" / "Procfile").read_text().splitlines()
    commands += [
        line.split(":", 1)[1] for line in procfile if "newsarchive " in line and not line.startswith("#")
    ]
    assert len(commands) >= 5
    for command in commands:
        words = shlex.split(command)
        name, args = words[1], words[2:]
        assert words[0].endswith("/newsarchive") and name in main.commands, command
        options = {o for p in main.commands[name].params for o in getattr(p, "opts", [])}
        assert {a for a in args if a.startswith("-")} <= options, command


def test_the_redis_settings_of_deploy_load_as_documented(tmp_path: Path) -> None:
    import valkey

    socket_path = tmp_path / "redis.sock"
    conf = ROOT / "deploy" / "redis" / "newsarchive.conf"
    proc = subprocess.Popen(
        ["redis-server", str(conf), "--port", "0", "--unixsocket", str(socket_path), "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        until(socket_path.exists, "redis-server started with deploy/redis/newsarchive.conf", 30)
        client = valkey.Valkey(unix_socket_path=str(socket_path))
        until(lambda: bool(client.ping()), "redis-server answers", 30)
        settings = {
            key: client.config_get(key)[key]
            for key in ("appendonly", "appendfsync", "maxmemory-policy", "save")
        }
        assert settings == {
            "appendonly": "yes",
            "appendfsync": "always",
            "maxmemory-policy": "noeviction",
            "save": "",
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)
