"""parse_listing stays linear in the page's links and is capped: a huge listing cannot stall the crawl.

No timing here (speed is ``python -m bench.bench_listing``): the work is counted as the Python function calls
``parse_listing`` makes (cProfile's count, the same for the same input), which grows by about the factor the
links grow by when every step is linear, and by its square when one step compares rows pairwise.
"""

from __future__ import annotations

import cProfile
import json
import pstats
from collections.abc import Callable

import pytest

from newsarchive.crawler.extract.listing import MAX_LINKS, parse_listing
from newsarchive.crawler.extract.page import RawPage
from tests.listings import assert_parsed, parse_checked

URL = "https://www.example.gov.cn/xwzx/tzgg/index.html"


def row_url(i: int) -> str:
    return (
        f"https://www.example.gov.cn/xwzx/tzgg/2024{i % 12 + 1:02d}/t2024{i % 12 + 1:02d}01_{700000 + i}.html"
    )


def flat_list(rows: int) -> RawPage:
    """A TRS-style column: a menu, one flat <ul> of dated rows, a pager, a footer."""
    items = "".join(
        f'<li><a href="{row_url(i)}">关于第{i}批科研项目立项结果的公示通知</a>'
        f"<span>2024-{i % 12 + 1:02d}-01</span></li>"
        for i in range(rows)
    )
    menu = "".join(f'<li><a href="/col{i}/">栏目{i}</a></li>' for i in range(12))
    html = (
        f'<html><head><meta charset="utf-8"></head><body><ul class="nav">{menu}</ul>'
        f'<ul class="list">{items}</ul><div class="page"><a href="index_1.html">下一页</a></div>'
        '<div class="footer">版权所有</div></body></html>'
    )
    return RawPage(url=URL, body=html.encode())


def cards(rows: int) -> RawPage:
    """Rows whose class names vary per item (WordPress-like tag classes): many distinct row signatures."""
    items = "".join(
        f'<article class="post hentry tag-{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}">'
        f'<h2><a href="{row_url(i)}">'
        f"Institute researchers publish study number {i} on coastal fisheries</a></h2>"
        f'<time datetime="2024-{i % 12 + 1:02d}-01">1 {i % 12 + 1}</time></article>'
        for i in range(rows)
    )
    html = (
        f'<html><body><main class="posts">{items}</main><a class="next" href="?page=2">Next</a></body></html>'
    )
    return RawPage(url=URL, body=html.encode())


def calls(page: RawPage) -> int:
    profile = cProfile.Profile()
    profile.enable()
    listing = parse_listing(page)
    profile.disable()
    assert_parsed(listing)
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("make", [flat_list, cards])
def test_work_grows_linearly_with_the_links(make: Callable[[int], RawPage]) -> None:
    parse_listing(make(50))  # warm caches (lazy imports, compiled patterns)
    small, large = calls(make(300)), calls(make(3000))
    assert large < 13 * small, (small, large)  # 10x the links: ~10x the work (pairwise rows: 56x, 76x)


def test_every_row_of_a_long_list_is_found() -> None:
    listing = parse_checked(flat_list(3000))
    assert [link.url for link in listing.links] == [row_url(i) for i in range(3000)]
    assert [r.url for r in listing.next_pages] == ["https://www.example.gov.cn/xwzx/tzgg/index_1.html"]
    assert not any(w.startswith("listing-truncated") for w in listing.warnings)


def test_links_past_the_cap_are_ignored_with_a_warning() -> None:
    listing = parse_checked(flat_list(MAX_LINKS + 500))
    menu = 12
    assert [link.url for link in listing.links] == [row_url(i) for i in range(MAX_LINKS - menu)]
    assert (
        f"listing-truncated: only the first {MAX_LINKS:,} of {MAX_LINKS + 500 + menu + 1:,} links were read"
        in (listing.warnings)
    )
    assert listing.next_pages == ()  # the pager sat after the cut


def test_a_hundred_thousand_links_give_the_first_ones_and_a_warning() -> None:
    listing = parse_checked(flat_list(100_000))
    found = [link.url for link in listing.links]
    assert found[:100] == [row_url(i) for i in range(100)]
    assert MAX_LINKS - 100 <= len(found) <= MAX_LINKS
    assert any(
        w.startswith("listing-truncated: only the first 2,000,000 characters") for w in listing.warnings
    )
    assert any(w.startswith(f"listing-truncated: only the first {MAX_LINKS:,} of") for w in listing.warnings)


def test_feeds_sitemaps_json_and_hanweb_records_are_capped_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsarchive.crawler.extract import feeds, listing

    monkeypatch.setattr(feeds, "MAX_XML_LINKS", 20)
    monkeypatch.setattr(listing, "MAX_LINKS", 20)
    urls = "".join(f"<url><loc>{row_url(i)}</loc></url>" for i in range(30))
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()
    found = parse_checked(RawPage(url="https://www.example.gov.cn/sitemap.xml", body=sitemap))
    assert [link.url for link in found.links] == [row_url(i) for i in range(20)]
    assert "listing-truncated: only the first 20 entries were read" in found.warnings

    items = [{"url": row_url(i), "title": f"标题{i}", "publish_time": "2024-05-01"} for i in range(30)]
    api = RawPage(
        url="http://www.example.gov.cn/gkmlpt/api/all/5?page=1", body=json.dumps({"articles": items}).encode()
    )
    found = parse_checked(api, allowed_hosts=("example.gov.cn",))
    assert [link.url for link in found.links] == [row_url(i) for i in range(20)]
    assert "listing-truncated: only the first 20 of 30 links were read" in found.warnings

    records = "".join(
        f'<record><![CDATA[<li><a href="{row_url(i)}">新闻标题第{i}条的完整文字</a>'
        "<span>2024-05-01</span></li>]]></record>"
        for i in range(30)
    )
    xml = f'<?xml version="1.0" encoding="utf-8"?><datastore><recordset>{records}</recordset></datastore>'
    answer = RawPage(url="http://www.example.gov.cn/module/web/jpage/dataproxy.jsp?page=1", body=xml.encode())
    found = parse_checked(answer)
    assert [link.url for link in found.links] == [row_url(i) for i in range(20)]
    assert "listing-truncated: only the first 20 of 30 links were read" in found.warnings
