"""A full crawl of every CMS family of the multi-CMS test site, by the real spider over real HTTP, from each
family's start URL alone: every article found (and nothing but articles), documents archived as documents,
pseudo-pagers reported and not followed, anti-bot answers counted as blocked."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsarchive.sitekit.multicms import FamilyTruth, ground_truth, make_app
from newsarchive.sitekit.server import LoopbackServer
from newsarchive.storage.urls import canonical_url

from .conftest import crawl_json, run_cli, write_sites

TRUTH = ground_truth()


def linked_families(truth: FamilyTruth, base_url: str) -> list[str]:
    linked = {link for page in truth.pages for link in (*page.sitemaps, *page.feeds)}
    starts = {base_url + t.start.split("#")[0]: name for name, t in TRUTH.items()}
    return [starts[u] for u in linked if u in starts]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, dict[str, Any]]]:
    tmp = tmp_path_factory.mktemp("families")
    with LoopbackServer(make_app()) as server:
        tables = {
            name: {"start_urls": [server.base_url + t.start], "max_pages": 10} for name, t in TRUTH.items()
        }
        sites = write_sites(tmp / "sites.toml", tables)
        db = tmp / "families.db"
        proc = run_cli("crawl", *TRUTH, "--json", db=db, sites=sites, timeout=600)
        outcomes = {o["site"]: o for o in crawl_json(proc)}
        yield server.base_url, db, outcomes


def fetched(db: Path, site: str, kind: str) -> set[str]:
    """URLs this site's crawler fetched successfully as ``kind``. Families overlap (a feed and its listing
    share articles), and an article row belongs to the site that saved it first; the fetch log shows what
    each crawl found by itself."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "select url from fetches where site = ? and kind = ? and status = 200", [site, kind]
        )
        return {canonical_url(row[0]) for row in rows}
    finally:
        conn.close()


def archived(db: Path, table: str = "articles") -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute(f"select url from {table}")}
    finally:
        conn.close()


@pytest.mark.parametrize("family", [n for n, t in TRUTH.items() if not any(p.blocked for p in t.pages)])
def test_every_article_of_the_family_is_archived(crawled: tuple[str, Path, dict], family: str) -> None:
    base_url, db, outcomes = crawled
    truth = TRUTH[family]
    # a sitemap index must lead to its children's articles; a listing's autodiscovered feed may add more
    must = {canonical_url(base_url + p) for page in truth.pages for p in page.articles}
    linked = {
        canonical_url(base_url + p)
        for name in linked_families(truth, base_url)
        for page in TRUTH[name].pages
        for p in page.articles
    }
    if truth.kind == "sitemap":
        must |= linked
    got = fetched(db, family, "article")
    missing = must - got
    assert not missing, (
        f"{family}: {len(missing)} of {len(must)} articles not archived: {sorted(missing)[:5]}"
    )
    extra = got - must - linked
    assert not extra, f"{family}: fetched as articles but not articles: {sorted(extra)[:5]}"
    assert must <= archived(db)
    documents = {canonical_url(base_url + p) for page in truth.pages for p in page.documents}
    assert documents <= fetched(db, family, "document") and documents <= archived(db, "documents")
    assert outcomes[family]["status"] in ("ok", "partial"), outcomes[family]
    assert outcomes[family]["counts"].get("failed", 0) == 0, outcomes[family]


@pytest.mark.parametrize("family", [n for n, t in TRUTH.items() if any(p.blocked for p in t.pages)])
def test_anti_bot_answers_are_blocked(crawled: tuple[str, Path, dict], family: str) -> None:
    _, db, outcomes = crawled
    outcome = outcomes[family]
    assert outcome["status"] == "blocked" and outcome["counts"].get("blocked", 0) >= 1
    assert not fetched(db, family, "article")


def test_pseudo_pagers_are_reported_not_followed(crawled: tuple[str, Path, dict]) -> None:
    _, _, outcomes = crawled
    for family in ("neg-fragment", "neg-jsvoid"):
        assert any("pager-unfollowable" in w for w in outcomes[family]["warnings"]), outcomes[family]
        assert outcomes[family]["counts"].get("listing_pages") == 1


def test_robots_sitemaps_with_an_article_pattern(tmp_path: Path) -> None:
    """A site that reads robots.txt's Sitemap: lines (an index -> a urlset and a gzipped urlset, plus a news
    sitemap) and keeps only the URLs its article_pattern allows."""
    wp = {p for name in ("sitemap", "news-sitemap") for page in TRUTH[name].pages for p in page.articles}
    drupal = {p for page in TRUTH["sitemap-gz"].pages for p in page.articles}
    with LoopbackServer(make_app()) as server:
        sites = write_sites(
            tmp_path / "sites.toml",
            {
                "via-robots": {
                    "start_urls": [server.base_url + TRUTH["wordpress"].start],
                    "max_pages": 1,
                    "robots_sitemaps": True,
                    "article_pattern": r"/wp/\d{4}/",
                    "follow_feeds": False,
                }
            },
        )
        db = tmp_path / "robots.db"
        proc = run_cli("crawl", "via-robots", "--json", db=db, sites=sites)
        assert proc.returncode == 0, proc.stderr[-3000:]
        got = fetched(db, "via-robots", "article")
        requested = {r.path for r in server.requests}
    assert {canonical_url(server.base_url + p) for p in wp} <= got
    assert not {canonical_url(server.base_url + p) for p in drupal} & got, "article_pattern not applied"
    assert {
        "/sitemaps/sitemap_index.xml",
        "/sitemaps/sitemap-drupal.xml.gz",
        "/sitemaps/news.xml",
    } <= requested
    assert "/wp/feed/" not in requested, "follow_feeds = false"
