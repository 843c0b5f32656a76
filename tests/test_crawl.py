"""End-to-end crawls with the real spider over real HTTP on 127.0.0.1, into real SQLite files.

The demo sites are crawled at stage 1 and checked article by article against the demo's ground truth, then
at stage 2 (edits, new articles, template noise) for versions. Also: ``scrapy crawl`` by hand, a site full
of bad input, and a crawl killed half way then resumed.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsarchive.crawler.demo_run import verify_archive
from newsarchive.sitekit.server import Gate, LoopbackServer

from .badsite import EXPECTED
from .conftest import FAST_SETTINGS, ROOT, crawl_json, query, run_cli, write_sites


@pytest.fixture(scope="module")
def demo_archive(demo_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The demo crawled at stage 1 (module-scoped: later tests read it, the stage-2 test extends it)."""
    from newsarchive.sitekit.demo import demo_sites

    tmp = tmp_path_factory.mktemp("demo")
    sites = write_sites(tmp / "sites.toml", demo_sites(demo_server.base_url))
    db = tmp / "archive.db"
    demo_server.stage = 1
    proc = run_cli("crawl", "--group", "demo", "--json", db=db, sites=sites)
    assert proc.returncode == 0, proc.stderr[-5000:]
    outcomes = crawl_json(proc)
    assert {o["status"] for o in outcomes} == {"ok"}, outcomes
    yield db, sites
    demo_server.stage = 1


def test_stage1_every_article_right(demo_archive: tuple[Path, Path], demo_server: Any) -> None:
    db, _ = demo_archive
    check = verify_archive(db, demo_server.base_url, stage=1)
    assert check.mismatches == []
    assert check.found == check.expected >= 150
    runs = query(db, "select * from crawl_runs")
    assert {r["status"] for r in runs} == {"ok"} and all(r["finished_at"] for r in runs)


def test_stage1_records_are_complete(demo_archive: tuple[Path, Path], demo_server: Any) -> None:
    from newsarchive.sitekit.demo import ground_truth

    db, _ = demo_archive
    truth = {demo_server.base_url + t.path: t for t in ground_truth(1)}
    rows = query(db, "select url, text, language, raw_sha256 from articles")
    assert len(rows) == len(truth)
    for row in rows:
        t = truth[row["url"]]
        assert row["language"] == t.language, row["url"]
        for paragraph in t.body:
            assert " ".join(paragraph.split())[:60] in " ".join(row["text"].split()), (row["url"], paragraph)
        assert query(db, "select 1 from raw_pages where sha256 = ?", [row["raw_sha256"]])


@pytest.fixture(scope="module")
def demo_archive_v2(demo_archive: tuple[Path, Path], demo_server: Any) -> list[dict[str, Any]]:
    """The same archive after the stage-2 (a week later) --revalidate crawl; its outcomes."""
    db, sites = demo_archive
    demo_server.stage = 2
    try:
        proc = run_cli("crawl", "--group", "demo", "--revalidate", "--json", db=db, sites=sites)
    finally:
        demo_server.stage = 1
    assert proc.returncode == 0, proc.stderr[-5000:]
    return crawl_json(proc)


def test_stage2_edits_become_versions(
    demo_archive: tuple[Path, Path], demo_archive_v2: list[dict[str, Any]], demo_server: Any
) -> None:
    from newsarchive.sitekit.demo import ground_truth

    db, _ = demo_archive
    outcomes = demo_archive_v2
    truth = ground_truth(2)
    edited = [t for t in truth if t.edited_in_stage2]
    new = [t for t in truth if t.new_in_stage2]
    assert edited and new
    assert sum(o["counts"].get("changed", 0) for o in outcomes) == len(edited)
    assert sum(o["counts"].get("new", 0) for o in outcomes) == len(new)
    check = verify_archive(db, demo_server.base_url, stage=2)
    assert check.mismatches == []
    for t in edited:
        url = demo_server.base_url + t.path
        versions = query(
            db,
            "select v.* from article_versions v join articles a on a.id = v.article_id "
            "where a.url = ? order by version",
            [url],
        )
        assert [v["version"] for v in versions] == [1, 2]
        recorded = set(json.loads(versions[1]["changed_fields"]))
        assert {RECORD_FIELD.get(f, f) for f in t.changed_fields} <= recorded, url
    noise = [t for t in truth if t.template_noise_in_stage2]
    assert noise
    for t in noise:  # the page changed, the article did not: no version
        row = query(db, "select version_count from articles where url = ?", [demo_server.base_url + t.path])
        assert row[0]["version_count"] == 1, t.path


# the demo's names for what an edit changed -> the record's field names
RECORD_FIELD = {"body": "text"}


@pytest.mark.parametrize("archive", [True, False], ids=["archive-and-feed", "feed-only"])
def test_scrapy_crawl_by_hand(demo_server: Any, tmp_path: Path, archive: bool) -> None:
    """`scrapy crawl news -a site=NAME -O items.jsonl` from the project folder, as a user would type it: the
    archive gets the articles and the feed every item, JSON lines that give back the exact page bytes. With an
    empty NEWSARCHIVE_DB the archive writer is off (NotConfigured) and only the feed is written."""
    import base64
    import hashlib

    from newsarchive.sitekit.demo import demo_sites

    name, table = next(iter(demo_sites(demo_server.base_url).items()))
    sites = write_sites(tmp_path / "sites.toml", {name: {**table, "max_pages": 1}})
    db, feed = tmp_path / "byhand.db", tmp_path / "items.jsonl"
    env = {**os.environ, "NEWSARCHIVE_SITES": str(sites), "NEWSARCHIVE_DB": str(db), "PYTHONPATH": str(ROOT)}
    cmd = [
        str(Path(sys.executable).parent / "scrapy"),
        "crawl",
        "news",
        "-a",
        f"site={name}",
        "-O",
        str(feed),
    ]
    for key, value in {**FAST_SETTINGS, **({} if archive else {"NEWSARCHIVE_DB": ""})}.items():
        cmd += ["-s", f"{key}={value}"]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-4000:]
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    articles = [i for i in items if i["item"] == "article"]
    assert len(articles) > 5 and {i["item"] for i in items} >= {"article", "page", "listing"}
    for item in articles:
        body = base64.b64decode(item["page"]["body_base64"])
        assert hashlib.sha256(body).hexdigest() == item["page"]["sha256"]
        assert item["site"] == name and item["record"]["title"] and item["record"]["text"]
    if archive:
        assert query(db, "select count(*) n from articles")[0]["n"] == len(articles)
        assert query(db, "select status from crawl_runs")[0]["status"] == "ok"
    else:
        assert not db.exists() and "nothing is archived" in proc.stderr


def test_bad_input_is_counted_logged_and_the_crawl_goes_on(bad_server: Any, tmp_path: Path) -> None:
    sites = write_sites(
        tmp_path / "sites.toml", {"bad": {"start_urls": [bad_server.base_url + "/bad/index.html"]}}
    )
    db = tmp_path / "bad.db"
    log = tmp_path / "crawl.log"
    proc = run_cli(
        "crawl",
        "bad",
        "--json",
        "--log-file",
        str(log),
        db=db,
        sites=sites,
        settings={"DOWNLOAD_MAXSIZE": str(1024 * 1024), "RETRY_TIMES": "1"},  # timeouts: tests/test_faults.py
    )
    # more than NEWSARCHIVE_FAILURE_THRESHOLD (20 %) of the fetches failed: the run is failed, exit 1,
    # and says why
    assert proc.returncode == 1, proc.stderr[-4000:]
    outcome = crawl_json(proc)[0]
    assert outcome["status"] == "failed"
    failed = sum(1 for v in EXPECTED.values() if v == "failed")
    assert (
        outcome["warnings"][0].startswith(f"failed: {failed} of ")
        and "fetches failed (" in outcome["warnings"][0]
    )
    reasons = outcome["reasons"]["counts"]
    assert reasons["http-500"] == 1 and reasons["redirect-loop"] == 1  # timeouts: tests/test_faults.py
    assert reasons["extraction"] == 2 and reasons["too-large"] == 1 and reasons["blocked"] == 1
    assert reasons["robots"] == 1 and reasons["http-404"] == 1
    assert any(line.endswith("/bad/500.html: HTTP 500") for line in outcome["reasons"]["first"])
    counts = outcome["counts"]
    expect = {k: sum(1 for v in EXPECTED.values() if v == k) for k in set(EXPECTED.values())}
    assert counts.get("new") == expect["new"]
    assert counts.get("failed") == expect["failed"]
    assert counts.get("blocked") == expect["blocked"]
    assert counts.get("robots_forbidden") == expect["robots"]
    titles = {r["title"] for r in query(db, "select title from articles")}
    assert {
        "研究所召开新型储能材料学术研讨会",
        "省科学院与兄弟院所签署科技合作协议",
    } <= titles  # GBK: header lies; none
    log_text = log.read_text(encoding="utf-8")
    unnamed = [
        line
        for line in log_text.splitlines()
        if (" WARNING: " in line or " ERROR: " in line) and "site bad" not in line
    ]
    assert not unnamed, "every warning and error of a crawl names its site:\n" + "\n".join(unnamed)
    for path, outcome_kind in EXPECTED.items():
        if outcome_kind == "failed":
            assert bad_server.base_url + path in log_text, f"{path} failed without a log line naming it"
    for path in ("/bad/binary.html", "/bad/empty.html"):  # fetched but not extractable: archived raw
        rows = query(db, "select raw_sha256 from fetches where url = ?", [bad_server.base_url + path])
        assert rows and rows[0]["raw_sha256"], path


def test_killed_crawl_keeps_what_it_committed_and_resumes(tmp_path: Path) -> None:
    """The site answers twelve articles and then holds every request: the crawl is killed half way whatever
    the machine's speed, then rerun against the released site."""
    from newsarchive.sitekit.demo import demo_sites, ground_truth, make_app

    gate = Gate(make_app(1), set(), opened=12)
    with LoopbackServer(gate) as server:
        name, table = next(iter(demo_sites(server.base_url).items()))
        expected = [t for t in ground_truth(1) if t.site == name]
        gate.paths = {t.path for t in expected}
        sites = write_sites(tmp_path / "sites.toml", {name: table})
        db = tmp_path / "killed.db"
        cmd = [sys.executable, "-m", "newsarchive.crawler.cli", "crawl", name]
        for key, value in FAST_SETTINGS.items():
            cmd += ["-s", f"{key}={value}"]
        env = {
            **os.environ,
            "NEWSARCHIVE_SITES": str(sites),
            "NEWSARCHIVE_DB": str(db),
            "PYTHONPATH": str(ROOT),
        }
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while _count(db) < 10:  # twelve are answered; the crawl cannot end while the rest are held
                assert proc.poll() is None, "the crawl ended while the site held its requests"
                time.sleep(0.2)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        gate.release()

        assert query(db, "pragma integrity_check")[0][0] == "ok"
        kept = query(
            db,
            "select a.url, a.version_count, (select count(*) from article_versions v "
            "where v.article_id = a.id) versions, (select count(*) from raw_pages r "
            "where r.sha256 = a.raw_sha256) raw from articles a",
        )
        assert 10 <= len(kept) <= 12 < len(expected)
        assert all(r["version_count"] == r["versions"] == 1 and r["raw"] == 1 for r in kept)

        rerun = run_cli("crawl", name, "--json", db=db, sites=sites)
        assert rerun.returncode == 0, rerun.stderr[-4000:]
        assert crawl_json(rerun)[0]["counts"]["new"] == len(expected) - len(kept)
    rows = query(db, "select url, version_count from articles")
    assert len(rows) == len(expected) == len({r["url"] for r in rows})
    assert all(r["version_count"] == 1 for r in rows)
    runs = query(db, "select status, new from crawl_runs order by id")
    assert [r["status"] for r in runs] == ["interrupted", "ok"]
    assert runs[0]["new"] == len(kept)  # the killed run's real count, rebuilt from what it committed


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return query(db, "select count(*) n from articles")[0]["n"]
    except sqlite3.OperationalError:
        return 0


def test_datasette_canned_queries_on_the_crawled_archive(
    demo_archive: tuple[Path, Path], demo_archive_v2: list[dict[str, Any]], demo_server: Any
) -> None:
    """Datasette (in-process client, our metadata plugin) over the archive the crawls above produced."""
    import asyncio

    from datasette.app import Datasette

    from newsarchive.sitekit.demo import ground_truth
    from newsarchive.storage.datasette import PLUGINS_DIR

    db, _ = demo_archive
    edited = {demo_server.base_url + t.path for t in ground_truth(2) if t.edited_in_stage2}
    chinese = next(t for t in ground_truth(1) if t.language == "zh")

    async def get(path: str) -> list[dict[str, Any]]:
        ds = Datasette([str(db)], plugins_dir=str(PLUGINS_DIR))
        response = await ds.client.get(f"/{db.stem}/{path}")
        assert response.status_code == 200, response.text[:500]
        return response.json()["rows"]

    changes = asyncio.run(get("changes_this_week.json?_shape=objects"))
    assert edited and edited <= {row["url"] for row in changes}
    assert all(row["diff"] for row in changes if row["url"] in edited)
    two_chars = chinese.title[2:4]
    found = asyncio.run(get(f"search.json?_shape=objects&q={two_chars}"))
    assert demo_server.base_url + chinese.path in {row["url"] for row in found}


def test_reextract_and_warc_export_commands(
    demo_archive: tuple[Path, Path], demo_archive_v2: list[dict[str, Any]], tmp_path: Path
) -> None:
    """`newsarchive reextract` with the same extractor adds nothing; `newsarchive export-warc` writes a WARC
    that warcio reads back with the archived bytes."""
    from warcio.archiveiterator import ArchiveIterator

    db, sites = demo_archive
    before = query(db, "select count(*) n from article_versions")[0]["n"]
    proc = run_cli("reextract", "--json", db=db, sites=sites)
    assert proc.returncode == 0, proc.stderr[-3000:]
    stats = json.loads(proc.stdout)
    assert stats["articles"] == query(db, "select count(*) n from articles")[0]["n"]
    assert stats["changed"] == 0 and stats["failed"] == 0
    assert query(db, "select count(*) n from article_versions")[0]["n"] == before

    out = tmp_path / "demo.warc.gz"
    proc = run_cli("export-warc", str(out), "--site", "demo-gdasfs", db=db)
    assert proc.returncode == 0, proc.stderr[-3000:]
    article = query(db, "select url, raw_sha256 from articles where site = 'demo-gdasfs' limit 1")[0]
    with out.open("rb") as f:
        bodies = {
            r.rec_headers.get_header("WARC-Target-URI"): r.content_stream().read()
            for r in ArchiveIterator(f)
            if r.rec_type == "response"
        }
    assert bodies, "no response records"
    assert all("/gdasfs/" in uri for uri in bodies)
    import hashlib

    assert hashlib.sha256(bodies[article["url"]]).hexdigest() == article["raw_sha256"]
