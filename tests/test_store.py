"""Store: versions (A, A again, B, A), immutability, atomic saves, a killed writer, WAL, FTS, runs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsarchive.storage import DEFAULT_DB, Store, db_path
from newsarchive.storage.hashing import content_hash
from tests.test_store_helpers import PARAGRAPHS, article, counts, page, record

ROOT = Path(__file__).resolve().parent.parent
URL = "https://www.example.cn/news/2026/t20261120_1.html"
TEXT_A = "\n".join(PARAGRAPHS[:3])
TEXT_B = "\n".join(
    [PARAGRAPHS[0], PARAGRAPHS[1].replace("人民生命健康", "人民群众生命健康"), PARAGRAPHS[2], PARAGRAPHS[3]]
)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "archive" / "test.db") as s:
        yield s


def test_db_path_default_env_and_explicit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSARCHIVE_DB", raising=False)
    assert db_path() == Path(DEFAULT_DB)
    monkeypatch.setenv("NEWSARCHIVE_DB", str(tmp_path / "env.db"))
    assert db_path() == tmp_path / "env.db"
    assert db_path(tmp_path / "x.db") == tmp_path / "x.db"


def test_store_creates_folders_wal_busy_timeout_and_migrations(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "archive.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    names = [r[0] for r in conn.execute("select name from _sqlite_migrations order by id")]
    assert names == [
        "001_tables",
        "002_fts_trigram",
        "003_views",
        "004_fetch_request_body",
        "005_record_extras",
        "006_run_reasons",
        "007_site_health",
    ]
    conn.close()
    with Store(path) as again:  # reopening applies nothing twice
        assert again.db.execute("pragma busy_timeout").fetchone()[0] == 30000
        assert again.db.execute("select count(*) from _sqlite_migrations").fetchone()[0] == 7


def test_save_a_a_b_a(store: Store) -> None:
    run = store.start_run("cas")
    first = store.save_article(
        *article(URL, "标题A", TEXT_A, fetched_at="2026-11-20T08:00:00Z"), site="cas", run_id=run
    )
    assert (first.status, first.version, first.changed_fields) == ("new", 1, ())

    again = store.save_article(
        *article(URL, "标题A", TEXT_A, fetched_at="2026-11-21T08:00:00Z"), site="cas", run_id=run
    )
    assert (again.status, again.article_id, again.version) == ("unchanged", first.article_id, 1)
    row = store.article(first.article_id)
    assert row["version_count"] == 1
    assert row["last_seen_at"] == "2026-11-21T08:00:00.000000Z"
    assert row["first_seen_at"] == row["last_changed_at"] == "2026-11-20T08:00:00.000000Z"
    assert (
        store.db.execute("select count(*) from fetches where article_id = ?", [first.article_id]).fetchone()[
            0
        ]
        == 2
    )
    assert store.db.execute("select count(*) from raw_pages").fetchone()[0] == 1  # same bytes stored once

    changed = store.save_article(
        *article(URL, "标题B", TEXT_B, fetched_at="2026-11-22T08:00:00Z"), site="cas", run_id=run
    )
    assert (changed.status, changed.version) == ("changed", 2)
    assert changed.changed_fields == ("title", "text")
    v2 = store.versions(first.article_id)[1]
    assert json.loads(v2["changed_fields"]) == ["title", "text"]
    assert "-标题A" in v2["diff"] and "+标题B" in v2["diff"]
    assert "+" + PARAGRAPHS[3] in v2["diff"].splitlines()
    assert "-" + PARAGRAPHS[1] in v2["diff"].splitlines()
    assert store.versions(first.article_id)[0]["diff"] is None

    back = store.save_article(
        *article(URL, "标题A", TEXT_A, fetched_at="2026-11-23T08:00:00Z"), site="cas", run_id=run
    )
    assert (back.status, back.version) == ("changed", 3)
    versions = store.versions(first.article_id)
    assert [v["version"] for v in versions] == [1, 2, 3]
    assert [v["title"] for v in versions] == ["标题A", "标题B", "标题A"]
    assert versions[0]["content_hash"] == versions[2]["content_hash"] != versions[1]["content_hash"]
    assert {v["reason"] for v in versions} == {"crawl"}
    row = store.article(first.article_id)
    assert (row["title"], row["version_count"], row["last_changed_at"]) == (
        "标题A",
        3,
        "2026-11-23T08:00:00.000000Z",
    )


def test_content_hash_ignores_fetch_details_and_template_noise(store: Store) -> None:
    rec = record(URL, "标题", TEXT_A)
    noisy = dict(
        rec,
        warnings=["published:from-url"],
        encoding="gb18030",
        extractor_version="9.9",
        text=TEXT_A.replace("\n", "\n\n  ") + "  ",
    )
    assert content_hash(rec) == content_hash(noisy)
    assert content_hash(rec) != content_hash(dict(rec, source="新华社"))
    a = store.save_article(*article(URL, "标题", TEXT_A, noise="广告一"), site="cas", run_id=None)
    b = store.save_article(*article(URL, "标题", TEXT_A, noise="广告二"), site="cas", run_id=None)
    assert b.status == "unchanged" and b.version == 1
    assert store.db.execute("select count(*) from raw_pages").fetchone()[0] == 2  # both pages kept
    assert store.article(a.article_id)["raw_sha256"] != store.versions(a.article_id)[0]["raw_sha256"]


def test_versions_are_immutable(store: Store) -> None:
    result = store.save_article(*article(URL, "标题", TEXT_A), site="cas", run_id=None)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute(
            "update article_versions set title = 'forged' where article_id = ?", [result.article_id]
        )
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("delete from article_versions")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        store.db.execute("delete from articles")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("update fetches set status = 500")
    with pytest.raises(sqlite3.DatabaseError, match="keeps its sha256"):
        store.db.execute("update raw_pages set size = 1")
    assert store.versions(result.article_id)[0]["title"] == "标题"


def test_an_error_inside_a_save_leaves_the_archive_as_it_was(store: Store) -> None:
    store.save_article(*article(URL, "标题A", TEXT_A), site="cas", run_id=None)
    # a real failure half-way through the transaction: the version insert aborts after the raw page,
    # the fetch and the article row were written
    store.db.execute(
        "create trigger fail_version before insert on article_versions when new.title = 'boom'"
        " begin select raise(abort, 'disk on fire'); end"
    )
    before = counts(store.db)
    row_before = store.article(1)
    with pytest.raises(sqlite3.DatabaseError, match="disk on fire"):
        store.save_article(*article(URL, "boom", TEXT_B), site="cas", run_id=None)
    with pytest.raises(sqlite3.DatabaseError, match="disk on fire"):
        store.save_article(*article(URL + "?id=2", "boom", TEXT_B + "\n新文章"), site="cas", run_id=None)
    assert counts(store.db) == before
    assert store.article(1) == row_before
    assert not store.db.conn.in_transaction
    store.db.execute("drop trigger fail_version")
    assert store.save_article(*article(URL, "boom", TEXT_B), site="cas", run_id=None).version == 2


WRITER = textwrap.dedent("""
    import sys
    from newsarchive.storage import Store
    from tests.test_store_helpers import article
    store = Store(sys.argv[1])
    run = store.start_run("kill")
    i = 0
    while True:
        i += 1
        text = "\\n".join(f"第{i}篇文章第{j}段，内容用于测试进程被杀死时的一致性。" * 5 for j in range(20))
        store.save_article(*article(f"https://k.example.cn/a/{i % 40}.html", f"标题{i}", text),
                           site="kill", run_id=run)
""")


def test_a_killed_writer_leaves_every_committed_article_complete(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    Store(path).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], env=env, cwd=ROOT)
    try:
        hung = time.monotonic() + 600  # a guard against a hung writer, not a speed test
        conn = sqlite3.connect(path, timeout=60)
        while conn.execute("select count(*) from article_versions").fetchone()[0] < 60:
            assert proc.poll() is None, "writer died on its own"
            assert time.monotonic() < hung, "writer hung"
            time.sleep(0.05)
        conn.close()
        time.sleep(0.13)  # land somewhere inside a transaction
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with Store(path) as store:
        db = store.db
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert db.execute("pragma foreign_key_check").fetchall() == []
        assert db.execute("insert into articles_fts(articles_fts, rank) values ('integrity-check', 1)")
        articles = db.execute("select id, version_count, content_hash, raw_sha256 from articles").fetchall()
        assert articles
        for article_id, version_count, chash, sha in articles:
            versions = db.execute(
                "select version, content_hash from article_versions where article_id = ? order by version",
                [article_id],
            ).fetchall()
            assert [v[0] for v in versions] == list(range(1, version_count + 1))
            assert versions[-1][1] == chash
            assert store.raw_body(sha)  # the latest page is there and intact
            assert (
                db.execute(
                    "select count(*) from fetches where article_id = ? and raw_sha256 = ?", [article_id, sha]
                ).fetchone()[0]
                >= 1
            )
        assert (
            db.execute(
                "select count(*) from article_versions v left join raw_pages r"
                " on r.sha256 = v.raw_sha256 where r.sha256 is null"
            ).fetchone()[0]
            == 0
        )
        assert store.close_stale_runs() == 1
        assert db.execute("select status from crawl_runs").fetchone()[0] == "interrupted"


def test_fts_finds_chinese_substrings_and_follows_edits(store: Store) -> None:
    result = store.save_article(*article(URL, "量子信息研究新进展", TEXT_A), site="cas", run_id=None)

    def match(q: str) -> list[int]:
        return [
            r[0]
            for r in store.db.execute("select rowid from articles_fts where articles_fts match ?", [f'"{q}"'])
        ]

    assert match("关键核心技术") == [result.article_id]  # inside the text
    assert match("信息研究") == [result.article_id]  # inside the title
    assert match("不存在的词") == []
    store.save_article(*article(URL, "新标题", "全新的正文内容，关于天文观测。"), site="cas", run_id=None)
    assert match("关键核心技术") == []
    assert match("天文观测") == [result.article_id]


def test_runs_start_finish_and_counts(store: Store) -> None:
    run = store.start_run("cas", options={"mode": "full"}, started_at="2026-11-23T01:00:00Z")
    row = store.db.execute(
        "select status, pid, started_at, options from crawl_runs where id = ?", [run]
    ).fetchone()
    assert row == ("running", os.getpid(), "2026-11-23T01:00:00.000000Z", '{"mode": "full"}')
    assert store.close_stale_runs() == 0  # our own process is alive
    store.finish_run(
        run,
        status="partial",
        stats={"new": 3, "changed": 1, "failed": 2, "x": "y"},
        warnings=["listing-emptied: /news/"],
    )
    row = store.db.execute(
        "select status, new, changed, failed, unchanged, stats, warnings, finished_at"
        " from crawl_runs where id = ?",
        [run],
    ).fetchone()
    assert row[:5] == ("partial", 3, 1, 2, 0)
    assert json.loads(row[5])["x"] == "y" and json.loads(row[6]) == ["listing-emptied: /news/"]
    assert row[7] is not None
    with pytest.raises(ValueError, match="status must be one of"):
        store.finish_run(run, status="done", stats={})


def test_save_page_and_failure_are_archived(store: Store) -> None:
    listing = page("https://www.example.cn/news/", b"<html>listing</html>")
    sha = store.save_page(listing, site="cas", run_id=None, kind="listing")
    assert store.raw_body(sha) == b"<html>listing</html>"
    blocked = page("https://www.example.cn/a.html", b"<html>WAF</html>", status=403)
    store.save_failure(blocked.url, site="cas", run_id=None, error="blocked: 403", page=blocked)
    store.save_failure("https://www.example.cn/b.html", site="cas", run_id=None, error="timeout")
    rows = store.db.execute(
        "select kind, status, error, raw_sha256 is not null from fetches order by id"
    ).fetchall()
    assert rows == [
        ("listing", 200, None, 1),
        ("error", 403, "blocked: 403", 1),
        ("error", None, "timeout", 0),
    ]
    headers = json.loads(store.db.execute("select response_headers from fetches where id = 1").fetchone()[0])
    assert headers == [["Content-Type", "text/html; charset=utf-8"], ["Server", "nginx"]]


CONCURRENT = textwrap.dedent("""
    import sys
    from newsarchive.storage import Store
    from tests.test_store_helpers import article
    site = sys.argv[2]
    store = Store(sys.argv[1])
    run = store.start_run(site)
    for i in range(40):
        text = "\\n".join(f"{site}第{i}篇第{j}段，两个进程同时写入。" for j in range(10))
        store.save_article(*article(f"https://{site}.example.cn/a/{i}.html", f"标题{i}", text),
                           site=site, run_id=run)
    store.finish_run(run, status="ok", stats={"new": 40})
""")


def test_two_crawls_can_write_at_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    Store(path).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT, str(path), site],
            env=env,
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for site in ("one", "two")
    ]
    errors = [p.communicate(timeout=600)[1] for p in procs]  # a guard against a hang, not a speed test
    assert [p.returncode for p in procs] == [0, 0], errors
    with Store(path) as store:
        assert store.db.execute("select site, count(*) from articles group by site").fetchall() == [
            ("one", 40),
            ("two", 40),
        ]
        assert store.db.execute("select status, new from crawl_runs").fetchall() == [("ok", 40), ("ok", 40)]


def test_every_record_field_is_kept_and_only_content_fields_make_versions(store: Store) -> None:
    p, rec = article(URL, "标题", TEXT_A, site_name="中国科学院", description="摘要一")
    rec = {**rec, "canonical_url": URL, "reading_time": 3}
    saved = store.save_article(p, rec, site="cas", run_id=None)
    version = store.versions(saved.article_id)[0]
    assert (version["site_name"], version["description"], version["canonical_url"]) == (
        "中国科学院",
        "摘要一",
        URL,
    )
    assert json.loads(version["extra"]) == {"reading_time": 3}
    again = store.save_article(
        p, {**rec, "description": "摘要二", "site_name": "新名称"}, site="cas", run_id=None
    )
    assert again.status == "unchanged"


def test_documents_keep_every_body(store: Store) -> None:
    pdf = (("Content-Type", "application/pdf"),)
    url = "https://www.example.cn/files/notice.pdf"
    assert (
        store.save_document(
            page(url, b"%PDF-1 v1", headers=pdf),
            site="cas",
            run_id=None,
            title="通知",
            date="2026-11-20",
            listing_url="https://www.example.cn/tzgg/",
        )
        == "new"
    )
    assert store.save_document(page(url, b"%PDF-1 v1", headers=pdf), site="cas", run_id=None) == "unchanged"
    assert store.save_document(page(url, b"%PDF-1 v2", headers=pdf), site="cas", run_id=None) == "changed"
    row = store.db.execute("select title, date, change_count, content_type, size from documents").fetchone()
    assert row == ("通知", "2026-11-20", 1, "application/pdf", 9)
    shas = [
        r[0] for r in store.db.execute("select raw_sha256 from fetches where kind = 'document' order by id")
    ]
    assert len(shas) == 3 and shas[0] == shas[1] != shas[2]
    assert store.raw_body(shas[0]) == b"%PDF-1 v1"
