"""Site health: the site_health view over a real archive, the alerts it calls for (failing runs in a row,
a site gone quiet for longer than its rhythm or its own quiet_days, a listing emptied), and
``newsarchive status --by-site`` through the real CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsarchive.storage import Store
from newsarchive.storage.health import HealthPolicy, SiteHealth, health_alerts, site_health, usual_gap

from .conftest import run_cli, write_sites
from .test_store_helpers import article

TEXT = "\n".join(f"第{i}段：研究所召开学术会议，交流最新研究进展，部署下一阶段工作。" for i in range(6))


def ago(days: float) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _run(store: Store, site: str, status: str, days: float, warnings: tuple[str, ...] = ()) -> int:
    run = store.start_run(site, started_at=ago(days))
    store.finish_run(run, status=status, stats={}, warnings=warnings, finished_at=ago(days))
    return run


def _articles(store: Store, site: str, *, first_seen_days: float, every: int, n: int = 8) -> None:
    for i in range(n):
        published = (dt.date.today() - dt.timedelta(days=first_seen_days + i * every)).isoformat()
        store.save_article(
            *article(
                f"https://{site}.cn/a/{i}.html",
                f"{site}标题{i}",
                f"{site}{i}\n{TEXT}",
                fetched_at=ago(first_seen_days),
                published=dt.date.fromisoformat(published),
            ),
            site=site,
            run_id=None,
        )


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """busy: new articles today. steady: one article every 2 days, none new for 30 days. weekly: one a week,
    none for 20 days (under its 3 x 7 days). failing: 3 failed/blocked runs since its last success, with an
    interrupted one between. emptied: its last run found a listing emptied. calm: quiet 30 days but its
    sites.toml says quiet_days = 60."""
    db = tmp_path_factory.mktemp("health") / "archive.db"
    with Store(db) as store:
        _articles(store, "busy", first_seen_days=0, every=1)
        _articles(store, "steady", first_seen_days=30, every=2)
        _articles(store, "weekly", first_seen_days=20, every=7)
        _articles(store, "calm", first_seen_days=30, every=2)
        for site in ("busy", "steady", "weekly", "calm"):
            _run(store, site, "ok", 1)
        for status, days in (("ok", 9), ("failed", 7), ("interrupted", 6), ("blocked", 5), ("failed", 1)):
            _run(store, "failing", status, days)
        _run(store, "emptied", "ok", 3)
        _run(store, "emptied", "partial", 1, ("listing-emptied: http://x.cn/news/ yielded no article links",))
        changed = article(
            "https://busy.cn/a/0.html", "busy标题0", f"busy0\n{TEXT}\n更正。", fetched_at=ago(0)
        )
        store.save_article(*changed, site="busy", run_id=None)
    return db


def test_site_health_view_rows(archive: Path) -> None:
    rows = {r.site: r for r in site_health(archive)}
    assert set(rows) == {"busy", "steady", "weekly", "calm", "failing", "emptied"}
    failing = rows["failing"]
    assert failing.last_status == "failed" and failing.failure_streak == 3
    assert failing.last_success_at is not None and failing.last_success_at < failing.last_run_at
    assert failing.articles == 0 and failing.days_since_new is None
    steady = rows["steady"]
    assert steady.failure_streak == 0 and steady.last_status == "ok"
    assert (steady.live, steady.gone, steady.articles) == (8, 0, 8)
    assert 29.5 < (steady.days_since_new or 0) < 30.5
    assert steady.usual_gap_days == 2 and rows["weekly"].usual_gap_days == 7
    assert rows["busy"].last_change_at is not None and steady.last_change_at is None
    assert rows["emptied"].last_warnings[0].startswith("listing-emptied")


def test_alerts_from_the_archive(archive: Path) -> None:
    rows = site_health(archive)
    alerts = {(a.site, a.kind) for a in health_alerts(rows, HealthPolicy(quiet_days={"calm": 60}))}
    assert alerts == {("failing", "failing"), ("steady", "quiet"), ("emptied", "listing-emptied")}
    looser = {(a.site, a.kind) for a in health_alerts(rows, HealthPolicy(fail_after=4, quiet_floor_days=40))}
    assert looser == {("emptied", "listing-emptied")}


def test_quiet_threshold_follows_the_rhythm() -> None:
    policy = HealthPolicy(quiet_factor=3, quiet_floor_days=14, quiet_days={"own": 5})
    assert policy.quiet_threshold(SiteHealth("fast", usual_gap_days=0.5)) == 14  # the floor
    assert policy.quiet_threshold(SiteHealth("slow", usual_gap_days=10)) == 30  # 3 x its rhythm
    assert policy.quiet_threshold(SiteHealth("own", usual_gap_days=10)) == 5  # its quiet_days
    assert policy.quiet_threshold(SiteHealth("new")) == 14  # no rhythm known yet
    assert usual_gap([1, 3, 5, 7, 9]) == 2 and usual_gap([1, 2, 3]) is None


def test_status_by_site_through_the_cli(archive: Path, tmp_path: Path) -> None:
    sites = write_sites(
        tmp_path / "sites.toml",
        {"calm": {"start_urls": ["http://127.0.0.1:9/calm/"], "quiet_days": 60}},
    )
    proc = run_cli("status", "--by-site", "--json", db=archive, sites=sites)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert {s["site"] for s in report["sites"]} >= {"failing", "calm"}
    assert {(a["site"], a["kind"]) for a in report["alerts"]} == {
        ("failing", "failing"),
        ("steady", "quiet"),
        ("emptied", "listing-emptied"),
    }
    text = run_cli("status", "--by-site", "--fail-after", "5", db=archive, sites=sites)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].split()[:3] == ["site", "last", "status"]
    assert any(line.startswith("failing ") and " failed " in line for line in lines)
    assert "ALERT steady: quiet: no new article for" in text.stdout
    assert "ALERT failing" not in text.stdout  # 3 in a row is under --fail-after 5


def test_status_by_site_names_a_bad_sites_file_and_exits_2(archive: Path, tmp_path: Path) -> None:
    sites = write_sites(tmp_path / "sites.toml", {"calm": {"start_urls": ["http://x.cn/"], "quiet_days": -1}})
    proc = run_cli("status", "--by-site", db=archive, sites=sites)
    assert proc.returncode == 2
    assert "quiet_days" in proc.stderr and str(sites) in proc.stderr


def test_site_alerts_canned_query_runs_on_the_view(archive: Path) -> None:
    """Datasette's ``site_alerts`` query (the simple rule: 3 failures, 14 quiet days, an emptied listing)."""
    import sqlite3

    from newsarchive.storage.datasette import METADATA

    sql = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["newsarchive"]["queries"]
    conn = sqlite3.connect(archive)
    try:
        rows = conn.execute(sql["site_alerts"]["sql"], {"days": ""}).fetchall()
        assert {r[0] for r in rows} == {"failing", "emptied", "steady", "calm", "weekly"}
        assert {r[0] for r in conn.execute(sql["site_alerts"]["sql"], {"days": "40"})} == {
            "failing",
            "emptied",
        }
    finally:
        conn.close()
