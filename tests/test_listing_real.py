"""parse_listing on real saved listing pages (tests/fixtures/listings, from Gerapy/GerapyAutoExtractor).

Metric of the corpus README: per page, precision and recall of ``article_urls`` (``acceptable_extra_urls``
count as neither hit nor error), and the next page exactly ``next_page_urls``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newsarchive.crawler.extract.page import RawPage
from tests.listings import parse_checked

CASES = Path(__file__).parent / "fixtures" / "listings"
IDS = sorted(p.stem for p in CASES.glob("*.json"))


def load(case: str) -> tuple[dict, RawPage]:
    meta = json.loads((CASES / f"{case}.json").read_text(encoding="utf-8"))
    body = (CASES / f"{case}.html").read_bytes()
    return meta, RawPage(url=meta["url"], body=body)  # as saved: no headers, a stale charset declaration


def test_fixtures_are_the_real_bytes() -> None:
    assert len(IDS) >= 3
    for case in IDS:
        meta = json.loads((CASES / f"{case}.json").read_text(encoding="utf-8"))
        assert hashlib.sha256((CASES / f"{case}.html").read_bytes()).hexdigest() == meta["sha256"], case


@pytest.mark.parametrize("case", IDS)
def test_article_links_precision_and_recall(case: str) -> None:
    meta, page = load(case)
    listing = parse_checked(page)
    want, extra = set(meta["article_urls"]), set(meta["acceptable_extra_urls"])
    got = [link.url for link in listing.links if link.url not in extra]
    hits = sum(1 for url in got if url in want)
    precision = hits / len(got) if got else 0.0
    recall = hits / len(want)
    assert precision >= 0.97, sorted(set(got) - want)[:10]
    assert recall >= 0.97, sorted(want - set(got))[:10]


@pytest.mark.parametrize("case", IDS)
def test_next_page_exactly(case: str) -> None:
    meta, page = load(case)
    listing = parse_checked(page)
    assert [r.url for r in listing.next_pages] == meta["next_page_urls"]
    assert all(r.method == "GET" for r in listing.next_pages)


def test_relative_pager_resolves_against_the_listing_url() -> None:
    """dfa66: ``index2.html`` is relative to the column folder, not to the site root."""
    _meta, page = load("gerapy-dfa66-announcement")
    listing = parse_checked(page)
    assert listing.next_pages[0].url.endswith("/news/infodisclosure/announcement/index2.html")
    first = listing.links[0]
    assert first.date == "2020-07-02"
    assert first.title == "东方阿尔法优势产业混合型发起式证券投资基金可投资于科创板股票的公告"
    truncated = next(link for link in listing.links if "b4bf7841" in link.url)
    assert not truncated.title.endswith("...")  # the full @title wins over the cut anchor text


def test_ajax_pager_is_reported_not_followed() -> None:
    _meta, page = load("gerapy-rtfund-xxpl")
    listing = parse_checked(page)
    assert listing.next_pages == ()
    assert any(w.startswith("pager-unfollowable: onclick executePage(2") for w in listing.warnings)
    assert listing.page_count == 436 and listing.current_page == 1
    assert {link.date for link in listing.links} >= {"2020-07-09", "2020-07-06"}


def test_declared_gbk_but_utf8_bytes_read_as_utf8() -> None:
    _meta, page = load("gerapy-rtfund-xxpl")
    listing = parse_checked(page)
    assert listing.encoding == "utf-8"
    assert "融通" in (listing.links[0].title or "")


def test_sister_hosts_follow_allowed_hosts() -> None:
    """NetEase lists dy.163.com items: kept when 163.com is allowed, dropped with only news.163.com."""
    _meta, page = load("gerapy-netease-international-news")
    wide = parse_checked(page, allowed_hosts=("163.com",))
    narrow = parse_checked(page, allowed_hosts=("news.163.com",))
    assert any("dy.163.com" in link.url for link in wide.links)
    assert not any("dy.163.com" in link.url for link in narrow.links)
    assert {link.url for link in narrow.links} <= {link.url for link in wide.links}
