"""Incremental crawling across runs, over real HTTP with real ETags: conditional GET, stop-at-known,
the re-check window, takedowns (gone after two 404s, and back), and anti-bot blocks (never takedowns)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsarchive.sitekit.server import LoopbackServer

from .conftest import crawl_json, run_cli, write_sites
from .statefulsite import StatefulSite, make_app

# nothing is due a re-check right after a crawl unless a test says so
NO_RECHECK = {"NEWSARCHIVE_RECHECK_YOUNG_HOURS": "1000", "NEWSARCHIVE_RECHECK_OLD_DAYS": "1000"}
LONG_AGO = "2001-01-01T00:00:00Z"


class Harness:
    def __init__(self, site: StatefulSite, server: LoopbackServer, tmp_path: Path) -> None:
        self.site, self.server, self.db = site, server, tmp_path / "archive.db"
        self.sites = write_sites(
            tmp_path / "sites.toml",
            {"stateful": {"start_urls": [server.base_url + "/s/news/"], "max_pages": 20}},
        )

    def crawl(self, *args: str, settings: dict[str, str] | None = None, code: int = 0) -> dict[str, Any]:
        self.server.clear_log()
        proc = run_cli(
            "crawl",
            "stateful",
            "--json",
            *args,
            db=self.db,
            sites=self.sites,
            settings={**NO_RECHECK, **(settings or {})},
        )
        assert proc.returncode == code, proc.stderr[-4000:]
        outcome = crawl_json(proc)[0]
        outcome["counts"].setdefault("new", 0)
        return outcome

    def requests(self, kind: str) -> list[Any]:
        if kind == "listing":
            return [r for r in self.server.requests if r.path == "/s/news/"]
        return [r for r in self.server.requests if r.path.startswith("/s/news/") and r.path.endswith(".html")]

    def query(self, sql: str, params: list[Any] | None = None) -> list[sqlite3.Row]:
        conn = sqlite3.connect(self.db)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql, params or []).fetchall()
        finally:
            conn.close()

    def article(self, number: int) -> sqlite3.Row:
        url = self.server.base_url + self.site.article(number).path
        rows = self.query("select * from articles where url = ?", [url])
        assert rows, f"{url} not archived"
        return rows[0]


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    site = StatefulSite.with_articles(30, young=5)
    with LoopbackServer(make_app(site)) as server:
        yield Harness(site, server, tmp_path)


def test_conditional_get_round_trip(harness: Harness) -> None:
    first = harness.crawl()
    assert first["counts"]["new"] == 30
    assert all("if-none-match" not in r.headers for r in harness.requests("article"))
    # times are kept to the second and the next crawl may start within it: move "last seen" back
    with sqlite3.connect(harness.db) as conn:
        conn.execute("update articles set last_seen_at = ?", [LONG_AGO])

    second = harness.crawl("--revalidate")
    requests = harness.requests("article")
    assert len(requests) == 30
    assert all(r.headers.get("if-none-match") for r in requests), "validators not sent"
    assert all(r.status == 304 for r in requests)
    assert second["counts"].get("not_modified") == 30
    assert second["counts"]["new"] == 0 and not second["counts"].get("changed")
    versions = harness.query("select count(*) n from article_versions")[0]["n"]
    assert versions == 30
    logged = harness.query("select count(*) n from fetches where status = 304 and article_id is not null")
    assert logged[0]["n"] == 30, "every 304 is in the fetch log, tied to its article"
    seen = harness.query("select count(*) n from articles where last_seen_at > ?", [LONG_AGO])
    assert seen[0]["n"] == 30, "a 304 marks the article seen"


def test_stop_at_known_page_and_full_walk(harness: Harness) -> None:
    harness.crawl()  # 30 articles, 3 listing pages
    harness.site.publish(3)
    again = harness.crawl()
    assert again["counts"]["new"] == 3
    assert len(harness.requests("listing")) == 2, "page 2 holds only known articles: stop there"
    assert len(harness.requests("article")) == 3
    full = harness.crawl("--full")
    assert len(harness.requests("listing")) == 4  # 33 articles, 10 a page
    assert full["counts"]["new"] == 0


def test_recheck_window_young_often_old_rarely(harness: Harness) -> None:
    harness.crawl()
    young, old = harness.site.articles[1], harness.site.articles[20]
    young.edits = old.edits = 1
    recheck_young = {"NEWSARCHIVE_RECHECK_YOUNG_HOURS": "0"}
    default = harness.crawl(settings=recheck_young)
    assert default["counts"].get("changed") == 1
    assert harness.article(young.number)["version_count"] == 2
    assert harness.article(old.number)["version_count"] == 1, "an old article is not re-checked daily"
    assert len(harness.requests("article")) == 5, "only the five young articles are re-checked"

    revalidate = harness.crawl("--revalidate")
    assert revalidate["counts"].get("changed") == 1
    assert harness.article(old.number)["version_count"] == 2
    versions = harness.query("select changed_fields, diff from article_versions where version = 2")
    assert all("text" in v["changed_fields"] and "corrected figures" in v["diff"] for v in versions)


def test_template_noise_is_not_an_edit(harness: Harness) -> None:
    harness.crawl()
    for a in harness.site.articles:
        a.noise += 1
    again = harness.crawl("--revalidate")
    assert again["counts"].get("unchanged") == 30 and not again["counts"].get("changed")
    assert harness.query("select count(*) n from article_versions")[0]["n"] == 30
    assert (
        harness.query("select count(*) n from raw_pages where size > 0")[0]["n"] >= 60
    )  # both page forms kept


def test_gone_after_two_404s_and_back(harness: Harness) -> None:
    harness.crawl()
    victim = harness.site.articles[12]
    victim.gone = True
    harness.crawl("--revalidate")
    assert harness.article(victim.number)["status"] == "live", "one 404 is not a takedown"
    second = harness.crawl("--revalidate")
    row = harness.article(victim.number)
    assert row["status"] == "gone" and row["gone_at"]
    assert second["counts"].get("gone") == 1
    assert harness.article(victim.number)["text"], "nothing is deleted"

    victim.gone = False
    harness.crawl("--revalidate")
    assert harness.article(victim.number)["status"] == "live"
    events = [
        r["event"]
        for r in harness.query(
            "select event from article_events where article_id = ? order by id", [row["id"]]
        )
    ]
    assert events[-2:] == ["gone", "back"]


def test_challenge_is_blocked_not_gone(harness: Harness) -> None:
    harness.crawl()
    harness.site.blocked = True
    for _ in range(2):
        blocked = harness.crawl("--revalidate", code=1)
        assert blocked["status"] == "blocked"
        assert blocked["counts"].get("blocked", 0) >= 1
    assert harness.query("select count(*) n from articles where status = 'gone'")[0]["n"] == 0
    assert not harness.query("select * from article_events where event = 'gone'")


@pytest.mark.parametrize(
    ("serves", "counted", "reason"),
    [
        ("soft-404", "missing_once", "soft-404"),
        ("soft-404-zh", "missing_once", "soft-404"),
        ("js-stub", "blocked", "blocked"),
    ],
)
def test_a_non_article_never_becomes_a_version(
    harness: Harness, serves: str, counted: str, reason: str
) -> None:
    """A real article's URL that answers 200 with a soft 404 or a JavaScript stub: archived raw, counted as
    missing or blocked with its reason, never a new version of the article (and never 'ok')."""
    harness.crawl()
    victim = harness.site.articles[3]
    before = harness.article(victim.number)
    victim.serves = serves
    outcome = harness.crawl("--revalidate", code=0)
    assert outcome["status"] == "partial" if counted == "blocked" else outcome["status"] in ("ok", "partial")
    assert outcome["counts"].get(counted) == 1
    assert outcome["reasons"]["counts"].get(reason) == 1
    after = harness.article(victim.number)
    assert after["version_count"] == before["version_count"] == 1
    assert (after["title"], after["text"]) == (before["title"], before["text"])
    assert after["status"] == "live"
    fetch = harness.query(
        "select raw_sha256, error from fetches where url = ? order by id desc limit 1",
        [harness.server.base_url + victim.path],
    )[0]
    assert fetch["raw_sha256"], "the page is kept raw"
    if counted == "missing_once":  # a second soft 404 in another run: the article is gone, nothing deleted
        assert fetch["error"] == reason
        harness.crawl("--revalidate")
        assert harness.article(victim.number)["status"] == "gone"
        assert harness.article(victim.number)["text"] == before["text"]


def test_young_edits_beyond_the_listing_walk_are_caught(tmp_path: Path) -> None:
    """A busy site: young articles fill several listing pages. The daily crawl stops its listing walk at the
    first page of known articles, but still re-checks every young article that is due, wherever it is."""
    site = StatefulSite.with_articles(30, young=25)
    with LoopbackServer(make_app(site)) as server:
        harness = Harness(site, server, tmp_path)
        harness.crawl()
        deep = site.articles[24]  # on the third listing page
        deep.edits = 1
        window = {"NEWSARCHIVE_RECHECK_YOUNG_HOURS": "0", "NEWSARCHIVE_RECHECK_YOUNG_DAYS": "30"}
        daily = harness.crawl(settings=window)  # articles 0-24 are 0-24 days old: all young
        assert len(harness.requests("listing")) == 1, "the listing walk stops at a page of known articles"
        assert daily["counts"].get("changed") == 1
        assert harness.article(deep.number)["version_count"] == 2
        assert len(harness.requests("article")) == 25, "every young article re-checked once, the old ones not"
