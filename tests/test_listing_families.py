"""parse_listing on every family of the multi-CMS test site, fetched over real loopback HTTP.

Per listing page: article-link precision and recall >= 0.97 against the ground truth, the row dates and
titles, the next request exactly (method, URL, POST form), no pseudo-link followed; per family: the CMS
named on the first page, the encoding, and the whole chain walked from the start URL with the parser's own
next requests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsarchive.crawler.extract.blocking import classify_block
from newsarchive.crawler.extract.listing import PageRequest
from newsarchive.sitekit.multicms import ground_truth, make_app
from newsarchive.sitekit.multicms.client import fetch, fetch_request, relative, score_page
from newsarchive.sitekit.multicms.common import PageSpec, key
from newsarchive.sitekit.server import LoopbackServer
from tests.listings import parse_checked

TRUTH = ground_truth()
LISTINGS = sorted(f for f, t in TRUTH.items() if t.kind == "listing")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with LoopbackServer(make_app()) as server:
        yield server.base_url


def test_every_family_of_the_brief_is_covered() -> None:
    cms = {t.cms for t in TRUTH.values()}
    assert {
        "trs",
        "hanweb",
        "gkmlpt",
        "vsb",
        "drupal",
        "wordpress",
        "rss",
        "atom",
        "sitemap",
        "generic",
    } <= cms
    assert {"trs-old", "trs-inline", "trs-new", "hanweb", "hanweb-post"} <= set(TRUTH)
    for family in LISTINGS:
        assert len(TRUTH[family].pages) >= 3, family
        assert all(10 <= len(p.articles) <= 20 for p in TRUTH[family].pages if p.articles and p.next), family


@pytest.mark.parametrize("family", LISTINGS)
def test_listing_pages_match_ground_truth(site: str, family: str) -> None:
    truth = TRUTH[family]
    for number, expected in enumerate(truth.pages):
        page = fetch(site, expected.request, referer=expected.referer)
        where = f"{family} page {number + 1} ({expected.request.method} {expected.request.path})"
        assert page.status == 200, where
        assert classify_block(page) is None, where
        listing = parse_checked(page)
        score = score_page(listing, expected, site)
        assert score.precision >= 0.97, f"{where}: not articles {score.false_links}"
        assert score.recall >= 0.97, f"{where}: missed {score.missed}"
        assert score.next_ok, f"{where}: next {listing.next_pages} != {expected.next}"
        assert score.pseudo_followed == 0, where
        got = {key(relative(link.url, site)): link for link in listing.links}
        rows = [(key(p), d, t) for p, d, t in expected.rows]
        assert sum(1 for p, d, _ in rows if p in got and got[p].date == d) >= 0.97 * len(rows), where
        assert sum(1 for p, _, t in rows if p in got and got[p].title == t) >= 0.97 * len(rows), where
        in_order = [k for k in got if k in {key(p) for p in expected.articles}]
        assert in_order == [key(p) for p in expected.articles if key(p) in got], f"{where}: page order lost"


@pytest.mark.parametrize("family", LISTINGS)
def test_first_page_names_the_family_and_encoding(site: str, family: str) -> None:
    truth = TRUTH[family]
    listing = parse_checked(fetch(site, truth.pages[0].request))
    assert listing.cms == truth.cms
    expected = {"gbk": {"gb18030", "gbk"}, "utf-8": {"utf-8"}}[truth.encoding]
    assert (listing.encoding or "").lower().replace("_", "-") in expected


@pytest.mark.parametrize("family", LISTINGS)
def test_whole_chain_is_reachable_from_the_start_url(site: str, family: str) -> None:
    """Walk the chain with the requests parse_listing gives (POST forms and Referer included)."""
    truth = TRUTH[family]
    request: PageRequest | None = PageRequest(site + truth.start)
    seen: list[str] = []
    pages = 0
    while request is not None and pages < 10:
        listing = parse_checked(fetch_request(request))
        pages += 1
        seen += [key(relative(link.url, site)) for link in listing.links]
        request = listing.next_pages[0] if listing.next_pages else None
    expected = [key(p) for page in truth.pages for p in page.articles + page.documents]
    assert pages == len(truth.pages)
    assert seen == expected


def test_hanweb_post_carries_form_and_referer(site: str) -> None:
    truth = TRUTH["hanweb-post"]
    listing = parse_checked(fetch(site, truth.pages[0].request))
    (nxt,) = listing.next_pages
    headers = dict(nxt.headers)
    assert nxt.method == "POST" and nxt.body
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["Referer"] == site + truth.start
    assert listing.page_count == 3


def test_page_counts_from_pagers(site: str) -> None:
    counts = {"trs-old": 3, "trs-inline": 3, "trs-new": 3, "vsb": 4, "hanweb": 3}
    for family, count in counts.items():
        listing = parse_checked(fetch(site, TRUTH[family].pages[0].request))
        assert (listing.page_count, listing.current_page) == (count, 1), family


@pytest.mark.parametrize("family", LISTINGS)
def test_items_are_real_article_pages(site: str, family: str) -> None:
    """The first and last item of every listing page is served (200) and shows its title."""
    for expected in TRUTH[family].pages:
        for path, _, title in (expected.rows[:1] + expected.rows[-1:]) if expected.rows else ():
            page = fetch(site, PageSpec(path))
            assert page.status == 200, path
            if page.body.startswith(b"%PDF"):
                continue
            charset = "gbk" if b"gbk" in page.body[:300].lower() else "utf-8"
            assert title.encode(charset, "xmlcharrefreplace") in page.body, path
