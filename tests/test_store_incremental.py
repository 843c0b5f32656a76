"""The spider's incremental state in the archive: validators, 304s, 404/410 strikes and 'gone', reappearance,
known articles, listing link counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsarchive.storage import KnownArticle, Store
from tests.test_store_helpers import PARAGRAPHS, article, html_page, page

URL = "https://www.example.cn/news/t20261120_7.html"
TEXT = "\n".join(PARAGRAPHS)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "inc.db") as s:
        yield s


def _save(store: Store, url: str = URL, *, headers=None, at: str = "2026-11-20T08:00:00Z", run_id=None):
    p = page(url, html_page("标题", TEXT), fetched_at=at, headers=headers)
    rec = article(url, "标题", TEXT)[1]
    return store.save_article(p, rec, site="cas", run_id=run_id)


def test_validators_follow_the_last_200(store: Store) -> None:
    assert store.validators(URL) is None
    _save(
        store,
        headers=(
            ("Content-Type", "text/html"),
            ("ETag", '"v1"'),
            ("Last-Modified", "Thu, 20 Nov 2026 08:00:00 GMT"),
        ),
    )
    assert store.validators(URL) == ('"v1"', "Thu, 20 Nov 2026 08:00:00 GMT")
    assert store.validators(URL + "?utm_source=wechat") == ('"v1"', "Thu, 20 Nov 2026 08:00:00 GMT")
    _save(store, headers=(("Content-Type", "text/html"), ("etag", '"v2"')))
    assert store.validators(URL) == ('"v2"', None)
    _save(store, headers=(("Content-Type", "text/html"),))
    assert store.validators(URL) is None


def test_not_modified_marks_seen_and_logs_the_fetch(store: Store) -> None:
    saved = _save(store)
    run = store.start_run("cas")
    assert (
        store.mark_not_modified(URL, site="cas", run_id=run, fetched_at="2026-11-25T00:00:00Z")
        == saved.article_id
    )
    row = store.article(saved.article_id)
    assert row["last_seen_at"] == row["last_fetched_at"] == "2026-11-25T00:00:00.000000Z"
    assert row["version_count"] == 1
    assert store.db.execute(
        "select status, raw_sha256, run_id from fetches order by id desc limit 1"
    ).fetchone() == (304, None, run)
    assert (
        store.mark_not_modified(
            "https://www.example.cn/other.html", site="cas", run_id=run, fetched_at="2026-11-25T00:00:00Z"
        )
        is None
    )


def test_missing_twice_in_two_runs_marks_gone_and_a_200_brings_it_back(store: Store) -> None:
    saved = _save(store)
    run1, run2, run3 = (store.start_run("cas") for _ in range(3))
    assert (
        store.mark_missing(URL, site="cas", run_id=run1, status=404, fetched_at="2026-11-21T00:00:00Z")
        == "strike"
    )
    # the same run asking twice is still one strike
    assert (
        store.mark_missing(URL, site="cas", run_id=run1, status=404, fetched_at="2026-11-21T00:01:00Z")
        == "strike"
    )
    assert store.article(saved.article_id)["status"] == "live"
    assert (
        store.mark_missing(URL, site="cas", run_id=run2, status=410, fetched_at="2026-11-22T00:00:00Z")
        == "gone"
    )
    row = store.article(saved.article_id)
    assert (row["status"], row["gone_at"]) == ("gone", "2026-11-22T00:00:00.000000Z")
    assert (
        store.mark_missing(URL, site="cas", run_id=run3, status=404, fetched_at="2026-11-23T00:00:00Z")
        == "already-gone"
    )
    assert (
        store.mark_missing(
            "https://www.example.cn/never.html",
            site="cas",
            run_id=run3,
            status=404,
            fetched_at="2026-11-23T00:00:00Z",
        )
        == "unknown"
    )
    assert store.versions(saved.article_id)  # nothing deleted
    known = store.known_articles("cas")[URL]
    assert known.status == "gone"

    again = _save(store, at="2026-11-24T00:00:00Z", run_id=run3)
    assert (again.status, again.back) == ("unchanged", True)
    row = store.article(saved.article_id)
    assert (row["status"], row["gone_at"]) == ("live", None)
    events = store.db.execute(
        "select event, run_id from article_events where article_id = ? order by id", [saved.article_id]
    ).fetchall()
    assert events == [("missing", run1), ("gone", run2), ("back", run3)]


def test_a_200_between_strikes_resets_them(store: Store) -> None:
    _save(store)
    run1, run2, run3 = (store.start_run("cas") for _ in range(3))
    assert (
        store.mark_missing(URL, site="cas", run_id=run1, status=404, fetched_at="2026-11-21T00:00:00Z")
        == "strike"
    )
    _save(store, at="2026-11-22T00:00:00Z", run_id=run2)
    assert (
        store.mark_missing(URL, site="cas", run_id=run3, status=404, fetched_at="2026-11-23T00:00:00Z")
        == "strike"
    )


def test_known_articles_lists_every_url_form(store: Store) -> None:
    p = page(
        "https://www.example.cn/news/a.html?utm_source=x",
        html_page("标题", TEXT),
        final_url=URL,
        fetched_at="2026-11-20T08:00:00Z",
    )
    rec = article(URL, "标题", TEXT, published=dt.date(2026, 11, 19))[1]
    saved = store.save_article(p, rec, site="cas", run_id=None)
    known = store.known_articles("cas")
    assert set(known) == {URL, "https://www.example.cn/news/a.html"}
    assert known[URL] == KnownArticle(
        saved.article_id,
        "2026-11-19",
        "2026-11-20T08:00:00.000000Z",
        "2026-11-20T08:00:00.000000Z",
        "live",
        0,
        URL,
    )
    assert store.known_articles("other-site") == {}


def test_listing_state_remembers_the_last_two_counts(store: Store) -> None:
    listing = "https://www.example.cn/news/index.html"
    assert store.listing_state("cas", listing) is None
    store.save_listing_state("cas", listing, links=20, fetched_at="2026-11-20T00:00:00Z")
    store.save_listing_state(
        "cas", "https://www.example.cn/news/", links=0, fetched_at="2026-11-21T00:00:00Z"
    )
    state = store.listing_state("cas", listing)
    assert (state["links"], state["previous_links"]) == (0, 20)
    assert state["fetched_at"] == "2026-11-21T00:00:00.000000Z"
