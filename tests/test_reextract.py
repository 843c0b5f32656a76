"""reextract: the current extractor over archived pages; versions only where the record changed, marked
'reextract', no fetch logged, nothing looks like an edit by the site."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from newsarchive.crawler.extract.article import extract_article
from newsarchive.crawler.extract.page import RawPage
from newsarchive.crawler.extract.record import ArticleRecord, ExtractionError
from newsarchive.crawler.extract.rules import SiteRules
from newsarchive.crawler.reextract import reextract
from newsarchive.storage import Store
from newsarchive.storage.timeutil import now_iso
from tests.test_store_helpers import PARAGRAPHS, counts, html_page, page

TEXT = "\n".join(PARAGRAPHS)


def _crawl(store: Store, url: str, title: str, *, site: str = "cas", fetched_at: str) -> int:
    p = page(
        url,
        html_page(title, TEXT),
        fetched_at=fetched_at,
        headers=(("Content-Type", "text/html; charset=utf-8"), ("ETag", '"abc"')),
    )
    return store.save_article(p, extract_article(p).to_dict(), site=site, run_id=None).article_id


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "re.db") as s:
        _crawl(s, "https://www.cas.cn/yw/1.html", "量子信息研究新进展", fetched_at="2026-11-01T00:00:00Z")
        _crawl(s, "https://www.cas.cn/yw/2.html", "年度工作会议召开", fetched_at="2026-11-10T00:00:00Z")
        _crawl(
            s,
            "https://www.most.gov.cn/x/3.html",
            "科技部发布通知",
            site="most",
            fetched_at="2026-11-20T00:00:00Z",
        )
        yield s


def test_an_unchanged_extractor_adds_nothing(store: Store) -> None:
    before = counts(store.db)
    stats = reextract(store)
    assert (stats.articles, stats.changed, stats.unchanged, stats.failed) == (3, 0, 3, 0)
    assert counts(store.db) == before


def _upgraded(page: RawPage, rules: SiteRules | None) -> ArticleRecord:
    record = extract_article(page, rules)
    return dataclasses.replace(record, title=f"{record.title}（全文）", extractor_version="9.0.0")


def test_a_changed_extractor_adds_reextract_versions(store: Store) -> None:
    fetches_before = store.db.execute("select count(*) from fetches").fetchone()[0]
    seen_before = store.db.execute("select id, last_seen_at from articles order by id").fetchall()
    started = now_iso()
    stats = reextract(store, site="cas", extractor=_upgraded)
    assert (stats.articles, stats.changed) == (2, 2)
    rows = store.db.execute(
        "select a.site, v.version, v.reason, v.extractor_version, v.changed_fields, v.title,"
        " v.raw_sha256 = a.raw_sha256, v.observed_at > ?"
        " from article_versions v join articles a on a.id = v.article_id"
        " where v.version = 2 order by v.article_id",
        [started],
    ).fetchall()
    assert rows == [
        ("cas", 2, "reextract", "9.0.0", '["title"]', "量子信息研究新进展（全文）", 1, 1),
        ("cas", 2, "reextract", "9.0.0", '["title"]', "年度工作会议召开（全文）", 1, 1),
    ]
    assert store.db.execute("select count(*) from fetches").fetchone()[0] == fetches_before  # no fetch made
    assert store.db.execute("select id, last_seen_at from articles order by id").fetchall() == seen_before
    assert store.db.execute("select count(*) from article_versions where article_id = 3").fetchone()[0] == 1
    again = reextract(store, site="cas", extractor=_upgraded)  # idempotent
    assert (again.changed, again.unchanged) == (0, 2)


def test_date_range_selects_by_fetch_time_and_failures_are_counted(store: Store) -> None:
    def failing(page: RawPage, rules: SiteRules | None) -> ArticleRecord:
        raise ExtractionError("no main text found", url=page.url)

    stats = reextract(store, since="2026-11-05", until="2026-11-15", extractor=failing)
    assert (stats.articles, stats.failed) == (1, 1)
    assert stats.errors == ["https://www.cas.cn/yw/2.html: no main text found"]


def test_rules_and_rebuilt_page_reach_the_extractor(store: Store) -> None:
    seen: list[tuple[RawPage, SiteRules | None]] = []

    def spy(page: RawPage, rules: SiteRules | None) -> ArticleRecord:
        seen.append((page, rules))
        return extract_article(page, rules)

    reextract(store, site="most", extractor=spy, rules_for=lambda site: SiteRules(charset="gb18030"))
    ((page_seen, rules),) = seen
    assert rules == SiteRules(charset="gb18030")
    assert page_seen.url == "https://www.most.gov.cn/x/3.html"
    assert page_seen.body == html_page("科技部发布通知", TEXT)
    assert page_seen.headers == (("Content-Type", "text/html; charset=utf-8"), ("ETag", '"abc"'))
    assert page_seen.fetched_at == "2026-11-20T00:00:00.000000Z"
