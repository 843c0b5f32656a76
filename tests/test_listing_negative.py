"""What parse_listing and classify_block must NOT do: follow pseudo-links, read commented-out lists, take a
menu for the list, read a challenge page as an empty listing, or raise on bad input. Plus per-site
overrides, <base href> and allowed hosts."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.crawler.extract.blocking import classify_block
from newsarchive.crawler.extract.listing import Listing
from newsarchive.crawler.extract.page import RawPage
from newsarchive.crawler.extract.rules import SiteRules
from newsarchive.sitekit.multicms import ground_truth, make_app
from newsarchive.sitekit.multicms.client import fetch, relative, score_page
from newsarchive.sitekit.server import LoopbackServer
from tests.listings import parse_checked

TRUTH = ground_truth()
NEGATIVE = sorted(f for f, t in TRUTH.items() if t.kind == "negative")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with LoopbackServer(make_app()) as server:
        yield server.base_url


@pytest.mark.parametrize("family", NEGATIVE)
def test_negative_cases(site: str, family: str) -> None:
    for expected in TRUTH[family].pages:
        page = fetch(site, expected.request)
        assert classify_block(page) == expected.blocked
        if expected.blocked:
            continue
        listing = parse_checked(page)
        score = score_page(listing, expected, site)
        assert (score.precision, score.recall) == (1.0, 1.0), (score.false_links, score.missed)
        assert score.next_ok and score.pseudo_followed == 0, listing.next_pages
        for code in expected.warnings:
            assert any(w.startswith(code) for w in listing.warnings), (code, listing.warnings)


def test_fragment_pager_is_reported_not_followed(site: str) -> None:
    listing = parse_checked(fetch(site, TRUTH["neg-fragment"].pages[0].request))
    assert listing.next_pages == ()
    assert "pager-unfollowable: href #page=2" in listing.warnings


def test_onclick_pager_is_reported_not_followed(site: str) -> None:
    listing = parse_checked(fetch(site, TRUTH["neg-jsvoid"].pages[0].request))
    assert listing.next_pages == ()
    assert "pager-unfollowable: onclick toPage(2)" in listing.warnings


def test_documents_are_items_with_title_and_date(site: str) -> None:
    expected = TRUTH["neg-pdf"].pages[0]
    listing = parse_checked(fetch(site, expected.request))
    assert [link.kind for link in listing.links] == ["document"] * len(expected.documents)
    got = {relative(link.url, site): link for link in listing.links}
    for path, date, title in expected.rows:
        assert (got[path].date, got[path].title) == (date, title)


def test_commented_out_list_is_ignored(site: str) -> None:
    listing = parse_checked(fetch(site, TRUTH["neg-comment"].pages[0].request))
    assert listing.links == () and listing.next_pages == ()
    assert any(w.startswith("list-in-comment-ignored") for w in listing.warnings)


def test_challenge_pages_are_blocked_not_empty(site: str) -> None:
    for family, code in (
        ("neg-412", "challenge-412"),
        ("neg-521", "challenge-521"),
        ("neg-challenge", "challenge-200"),
        ("neg-waf", "waf-405"),
    ):
        page = fetch(site, TRUTH[family].pages[0].request)
        assert classify_block(page) == code
    assert any(
        k.lower() == "set-cookie" and "__jsluid_h" in v
        for k, v in fetch(site, TRUTH["neg-521"].pages[0].request).headers
    )


def test_normal_pages_are_not_blocked(site: str) -> None:
    for family in ("trs-old", "hanweb", "gkmlpt", "drupal", "neg-comment"):
        assert classify_block(fetch(site, TRUTH[family].pages[0].request)) is None
    tiny = RawPage(url="https://x.example/", body=b"<html><body><p>No news yet.</p></body></html>")
    assert classify_block(tiny) is None
    assert classify_block(RawPage(url="https://x.example/", body=b"", status=404)) is None
    waf = "<html><body><h1>您的访问被拦截</h1><p>网站防火墙</p></body></html>".encode()
    assert classify_block(RawPage(url="https://x.example/", body=waf)) == "waf-200"
    article = (
        "<html><body><h1>网站防火墙产品采购公告</h1>"
        + "<p>正文内容。</p>" * 50
        + "".join(f'<a href="/a/{i}.html">链接{i}</a>' for i in range(5))
        + "</body></html>"
    ).encode()
    assert classify_block(RawPage(url="https://x.example/", body=article)) is None


# --------------------------------------------------------------------------- overrides, base, hosts

LIST = """<html><head>{head}</head><body><div class="nav"><ul>{menu}</ul></div>
<ul class="news">{rows}</ul><div class="page"><a href="list_2.html">下一页</a>
<a class="alt" href="other_2.html">2</a></div></body></html>"""


def _page(head: str = "", host: str = "https://www.example.org") -> RawPage:
    menu = "".join(f'<li><a href="/col{i}/index.html">栏目{i}</a></li>' for i in range(20))
    rows = "".join(
        f'<li><a href="./2024{m:02d}/t2024{m:02d}01_{m}.html">第{m}条新闻的完整标题文字在这里</a>'
        f"<span>2024-{m:02d}-01</span></li>"
        for m in range(1, 13)
    )
    html = LIST.format(head=head, menu=menu, rows=rows)
    return RawPage(url=f"{host}/news/list.html", body=html.encode())


def test_overrides_win_over_heuristics() -> None:
    rules = SiteRules(article_links="div.nav a", next_page="a.alt")
    listing = parse_checked(_page(), rules)
    assert [link.url for link in listing.links][:2] == [
        "https://www.example.org/col0/index.html",
        "https://www.example.org/col1/index.html",
    ]
    assert [r.url for r in listing.next_pages] == ["https://www.example.org/news/other_2.html"]
    none = parse_checked(_page(), SiteRules(next_page="a.does-not-exist"))
    assert none.next_pages == ()  # an override that matches nothing means: last page
    attr = parse_checked(_page(), SiteRules(article_links="xpath://ul[@class='news']//a/@href"))
    assert len(attr.links) == 12


def test_heuristics_without_overrides() -> None:
    listing = parse_checked(_page())
    assert len(listing.links) == 12
    assert listing.links[0].url == "https://www.example.org/news/202401/t20240101_1.html"
    assert listing.links[0].date == "2024-01-01"
    assert [r.url for r in listing.next_pages] == ["https://www.example.org/news/list_2.html"]


def test_gbk_bytes_under_a_utf8_header_are_read_as_gb18030() -> None:
    """A listing whose header says UTF-8 but whose bytes are GBK: the titles come out clean, not as U+FFFD."""
    text = _page().body.decode("utf-8")
    page = RawPage(
        url="https://www.example.org/news/list.html",
        body=text.encode("gbk"),
        headers=(("Content-Type", "text/html; charset=utf-8"),),
    )
    listing = parse_checked(page)
    assert listing.encoding == "gb18030"
    assert listing.links[0].title == "第1条新闻的完整标题文字在这里"
    assert "encoding:declaration-overridden" in listing.warnings


def test_base_href_and_allowed_hosts() -> None:
    sister = parse_checked(_page(head='<base href="https://cms.example.org/site/news/">'))
    assert sister.links[0].url == "https://cms.example.org/site/news/202401/t20240101_1.html"  # same domain
    assert sister.next_pages[0].url == "https://cms.example.org/site/news/list_2.html"
    assert parse_checked(_page(), allowed_hosts=("www.example.org",)).links
    foreign = _page(head='<base href="https://cdn.other.example/news/">')
    assert parse_checked(foreign).links == ()  # another registered domain: not allowed by default
    listing = parse_checked(foreign, allowed_hosts=("other.example",))  # subdomains of an allowed host count
    assert listing.links[0].url == "https://cdn.other.example/news/202401/t20240101_1.html"
    assert parse_checked(_page(), allowed_hosts=("other.example",)).links == ()


def test_pseudo_links_never_become_links_or_pages() -> None:
    html = (
        "<html><body><ul>"
        + "".join(
            f'<li><a href="javascript:openArticle({i})">第{i}条新闻的完整标题文字在这里</a>'
            f"<span>2024-01-0{i}</span></li>"
            f'<li><a href="mailto:x{i}@example.org">写信给第{i}位联系人的完整标题</a>'
            f"<span>2024-01-0{i}</span></li>"
            for i in range(1, 8)
        )
        + '</ul><a href="javascript:;" onclick="goPage(2)">下一页</a></body></html>'
    )
    listing = parse_checked(RawPage(url="https://www.example.org/n/", body=html.encode()))
    assert listing.links == () and listing.next_pages == ()
    assert "pager-unfollowable: onclick goPage(2)" in listing.warnings
    assert "links-unfollowable: 7 list items are javascript: links" in listing.warnings


# --------------------------------------------------------------------------- bad input

BAD_BODIES = {
    "empty": b"",
    "whitespace": b"  \r\n\t ",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "broken-html": b'<html><body><a href="/x/2024/05/03/a-title-of-some-length.html"',
    "broken-xml": b'<?xml version="1.0"?><rss><channel><item><link>https://www.example.org/a/1.html',
    "broken-json": b'{"articles": [{"url": "https://www.example.org/a/1.html", "title": ',
    "json-null": b"null",
    "json-list-of-numbers": b"[1, 2, 3]",
    "truncated-gzip": gzip.compress(b"<urlset><url><loc>https://www.example.org/a</loc></url></urlset>")[:20],
    "datastore-no-records": b"<datastore><totalrecord>0</totalrecord></datastore>",
    "nul-bytes-html": b"<html>\x00<body>\x00</body></html>",
    "only-comment": b"<!-- nothing -->",
}


@pytest.mark.parametrize("name", sorted(BAD_BODIES))
def test_bad_input_never_raises(name: str) -> None:
    for ctype in (None, "text/html", "application/json", "application/xml"):
        headers = (("Content-Type", ctype),) if ctype else ()
        listing = parse_checked(
            RawPage(url="https://www.example.org/list/", body=BAD_BODIES[name], headers=headers)
        )
        assert isinstance(listing, Listing)
        if (
            not listing.links
            and not listing.next_pages
            and name in ("empty", "binary", "broken-json", "json-null")
        ):
            assert listing.warnings, (name, ctype)


def test_empty_and_binary_bodies_say_why() -> None:
    assert (
        parse_checked(RawPage(url="https://x.example/", body=b""))
        .warnings[0]
        .startswith("listing-empty-body")
    )
    binary = parse_checked(RawPage(url="https://x.example/", body=BAD_BODIES["binary"]))
    assert binary.warnings[0].startswith("listing-binary-body")
    bad_json = parse_checked(RawPage(url="https://x.example/api", body=BAD_BODIES["broken-json"]))
    assert bad_json.warnings[0].startswith("listing-bad-json")


@settings(max_examples=150, deadline=None)
@given(
    body=st.binary(max_size=600),
    url=st.sampled_from(
        [
            "https://www.example.org/a/",
            "http://x.example/gkmlpt/index",
            "http://x.example/module/web/jpage/dataproxy.jsp?page=2",
        ]
    ),
)
def test_random_bytes_never_raise(body: bytes, url: str) -> None:
    listing = parse_checked(RawPage(url=url, body=body))
    assert isinstance(listing, Listing)
    classify_block(RawPage(url=url, body=body, status=200))


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(["articles", "url", "title", "total", "page", "data", "list", "date"]),
                children,
                max_size=4,
            )
        ),
        max_leaves=20,
    )
)
def test_random_json_never_raises(data: object) -> None:
    body = json.dumps(data).encode()
    listing = parse_checked(RawPage(url="http://x.example/gkmlpt/api/all/5?page=1&sid=1", body=body))
    assert isinstance(listing, Listing)
