"""The fault server (sitekit/faults.py) crawled once by the real CLI: what the archive records for each fault.

One module-scoped crawl (``bench.soak_faults.crawl_faults``, the same the soak prints): stage 1 with every
fault, the 100,000-link listing beside it, then stage 2 a week later with ``--revalidate``, when the
``polluted-*`` URLs answer soft 404s, challenges, login walls and empty shells where articles were.

Every fault must be recorded as ``sitekit.faults`` says (no strict xfail is left: the pollution, Retry-After,
suffix-list and run-reasons work they waited for has landed). No assertion depends on how long anything
took: the crawls' timeouts are generous, and what is checked is what the server was asked and what the
archive holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bench.soak_faults import CHANGED, FaultCrawl, crawl_faults, fault_rows, recorded
from newsarchive.sitekit.faults import (
    BLOCKED,
    FAILED,
    FAULTS,
    MISSING,
    NEW,
    NOT_FETCHED,
    Fault,
    article_of,
    stage_fault,
)
from newsarchive.storage.audit import fetch_records, integrity_problems, run_rows

from .conftest import query

POLLUTED = [f for f in FAULTS if f.later]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultCrawl]:
    yield crawl_faults(tmp_path_factory.mktemp("faults"))


def run(crawl: FaultCrawl, stage: int) -> dict[str, Any]:
    return [r for r in run_rows(crawl.db) if r["site"] == "faults"][stage - 1]


def test_the_crawls_ran_and_the_archive_is_sound(crawl: FaultCrawl) -> None:
    for done in (crawl.stage1, crawl.stage2, crawl.big):
        assert done.returncode in (0, 1), done.stderr[-3000:]  # 1: a run over the failure threshold
        assert done.outcomes, done.stderr[-3000:]
    assert integrity_problems(crawl.db) == [] and integrity_problems(crawl.big_db) == []
    # some fetches failed: partial, or failed once a share of failures over the threshold fails a run
    assert all(r["status"] in ("partial", "failed") for r in run_rows(crawl.db))


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_each_fault_is_recorded_as_it_must_be(crawl: FaultCrawl, fault: Fault) -> None:
    got = recorded(crawl.urls[fault.name], fetch_records(crawl.db, site="faults"), run(crawl, 1))
    assert (got.outcome, got.reason) == (fault.expect, fault.reason), got.detail


@pytest.mark.parametrize("fault", POLLUTED, ids=lambda f: f.name)
def test_a_non_article_never_becomes_a_version_of_an_article(crawl: FaultCrawl, fault: Fault) -> None:
    """Stage 2: the URL that held an article answers a soft 404, a challenge, a login wall or an empty
    shell. Recorded as missing or blocked with its reason; the article keeps its one version."""
    url = crawl.urls[fault.name]
    got = recorded(url, fetch_records(crawl.db, site="faults"), run(crawl, 2))
    later = stage_fault(fault, 2)
    assert got.outcome != CHANGED, f"{later.name} became version 2 of {url}"
    assert (got.outcome, got.reason) == (later.expect, later.reason), got.detail
    row = query(crawl.db, "select version_count, title from articles where url = ?", [url])[0]
    assert row["version_count"] == 1 and row["title"] == article_of(fault).title


def test_articles_are_extracted_right_whatever_the_fault(crawl: FaultCrawl) -> None:
    """Every article the fault site holds (charset lies, redirects, retries, cookies) is archived with its
    title and body, under the URL the listing gave."""
    for fault in [f for f in FAULTS if f.expect == NEW and not f.later]:  # polluted: tested above
        truth = article_of(fault)
        rows = query(
            crawl.db,
            "select a.title, a.text from articles a join fetches f on f.article_id = a.id where f.url = ?",
            [crawl.urls[fault.name]],
        )
        assert rows, f"{fault.name}: no article"
        assert rows[0]["title"] == truth.title, fault.name
        text = " ".join(rows[0]["text"].split())
        assert " ".join(truth.paragraphs[-1].split())[:40] in text, fault.name


def test_every_failure_is_logged_with_its_url(crawl: FaultCrawl) -> None:
    for fault in FAULTS:
        if fault.expect == FAILED:
            assert crawl.urls[fault.name] in crawl.stage1.log, (
                f"{fault.name} failed without a log line naming it"
            )


def test_run_counts_what_works_today(crawl: FaultCrawl) -> None:
    counts = crawl.stage1.outcome("faults")["counts"]
    assert counts["failed"] == sum(f.expect == FAILED for f in FAULTS)
    assert counts["documents"] == 1 and counts["robots_forbidden"] == 1
    assert counts["listing_pages"] == 1


def test_run_counts_new_missing_blocked(crawl: FaultCrawl) -> None:
    counts = crawl.stage1.outcome("faults")["counts"]
    assert counts.get("new", 0) == sum(f.expect == NEW for f in FAULTS)
    assert counts.get("blocked", 0) == sum(f.expect == BLOCKED for f in FAULTS)
    assert counts.get("missing", 0) == sum(f.expect == MISSING for f in FAULTS)
    assert not crawl.stage2.outcome("faults")["counts"].get("changed")


def test_every_run_says_why(crawl: FaultCrawl) -> None:
    """crawl_runs.reasons: {"counts": {kind: n}, "first": [...]} for the failures, refusals and blocks."""
    reasons = run(crawl, 1).get("reasons")
    assert isinstance(reasons, dict), "no crawl_runs.reasons"
    counts = reasons["counts"]
    for kind in ("timeout", "refused", "off-site", "redirect-loop", "too-large", "connection", "robots"):
        expected = sum(f.reason == kind for f in FAULTS)
        assert counts.get(kind, 0) >= expected, (kind, counts)
    assert sum(counts.values()) >= sum(f.expect != NEW and f.expect != "document" for f in FAULTS)
    assert reasons["first"] and all(crawl.base_url in str(entry) for entry in reasons["first"])


def test_a_redirect_off_the_site_is_not_followed(crawl: FaultCrawl) -> None:
    hosts = {r.headers.get("host", "").rsplit(":", 1)[0] for stage in (1, 2) for r in crawl.requests[stage]}
    assert hosts == {"127.0.0.1"}


def test_robots_txt_forbidden_page_is_not_fetched(crawl: FaultCrawl) -> None:
    assert not crawl.hits(1, "/f/private/secret.html")
    fetches = fetch_records(crawl.db, site="faults")
    assert recorded(crawl.urls["private"], fetches, run(crawl, 1)).outcome == NOT_FETCHED


def test_retry_after_past_the_cap_is_not_retried_at_once(crawl: FaultCrawl) -> None:
    assert len(crawl.hits(1, "/f/retry-after-120.html")) == 1


def test_retry_after_under_the_cap_is_waited_for(crawl: FaultCrawl) -> None:
    """The 503's Retry-After slows the site's download slot before the one retry; the article is archived
    (test_each_fault_is_recorded_as_it_must_be)."""
    assert [r.status for r in crawl.hits(1, "/f/retry-after-2.html")] == [503, 200]
    assert "retry-after-2.html asks to retry after 2 s: slowing its download slot down" in crawl.stage1.log


def test_no_connection_to_any_host_but_the_site(crawl: FaultCrawl) -> None:
    """A cookie (set-cookie, challenge-412's) must not make the crawl download the public-suffix list."""
    assert crawl.outbound == []
    assert "Traceback" not in crawl.stage1.log


def test_a_listing_of_100000_links_is_read_capped_and_the_crawl_goes_on(crawl: FaultCrawl) -> None:
    outcome = crawl.big.outcome("faults-big")
    assert outcome["status"] == "ok"
    assert outcome["counts"]["new"] == 5 and outcome["counts"]["listing_pages"] == 1
    assert any("listing-truncated" in w for w in outcome["warnings"])
    articles = [
        r for r in crawl.requests[1] if r.path.startswith("/f/big/") and r.path != "/f/big/index.html"
    ]
    assert len(articles) == 5, "max_articles caps what the crawl fetches"


def test_the_soak_table_covers_every_fault(crawl: FaultCrawl) -> None:
    rows = fault_rows(crawl)
    assert [r.fault.name for r in rows if r.stage == 1] == [f.name for f in FAULTS]
    assert [r.fault.name for r in rows if r.stage == 2] == [f.name for f in POLLUTED]
    assert all(r.ok for r in rows), [r for r in rows if not r.ok]
