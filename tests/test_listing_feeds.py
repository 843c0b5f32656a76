"""Feeds and sitemaps: RSS 2.0, Atom, sitemap index, urlset (plain and .xml.gz), news sitemap, robots.txt
``Sitemap:`` lines, autodiscovery, and XML safety (no entity expansion, capped gzip inflation)."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest

from newsarchive.crawler.extract.feeds import TooLarge, inflate, sitemaps_from_robots
from newsarchive.crawler.extract.page import RawPage
from newsarchive.sitekit.multicms import ground_truth, make_app
from newsarchive.sitekit.multicms.client import fetch, relative, score_page
from newsarchive.sitekit.multicms.common import PageSpec, key
from newsarchive.sitekit.server import LoopbackServer
from tests.listings import parse_checked

TRUTH = ground_truth()
FEEDS = sorted(f for f, t in TRUTH.items() if t.kind in ("feed", "sitemap"))


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with LoopbackServer(make_app()) as server:
        yield server.base_url


@pytest.mark.parametrize("family", FEEDS)
def test_feeds_and_sitemaps_match_truth(site: str, family: str) -> None:
    truth = TRUTH[family]
    (expected,) = truth.pages
    listing = parse_checked(fetch(site, expected.request))
    assert listing.cms == truth.cms
    score = score_page(listing, expected, site)
    assert (score.precision, score.recall) == (1.0, 1.0), (score.false_links, score.missed)
    assert listing.next_pages == ()
    assert [key(relative(u, site)) for u in listing.sitemaps] == [key(p) for p in expected.sitemaps]
    got = {key(relative(link.url, site)): link for link in listing.links}
    for path, date, title in expected.rows:
        assert (got[key(path)].date, got[key(path)].title) == (date, title), path


def test_rss_dates_come_from_pubdate_and_titles_are_unescaped(site: str) -> None:
    listing = parse_checked(fetch(site, PageSpec("/wp/feed/")))
    assert listing.cms == "rss"
    assert listing.links[0].date == "2024-06-21"
    assert all(link.url.startswith(site + "/wp/20") for link in listing.links)


def test_atom_links_resolve_against_xml_base(site: str) -> None:
    listing = parse_checked(fetch(site, PageSpec("/drupal/news/atom.xml")))
    assert all(link.url.startswith(site + "/drupal/news/") for link in listing.links)
    assert listing.links[0].date == "2024-06-25"  # <published>, not <updated>


def test_robots_sitemap_lines(site: str) -> None:
    page = fetch(site, PageSpec("/robots.txt"))
    found = sitemaps_from_robots(page.body.decode(), site + "/robots.txt")
    assert found == (site + "/sitemaps/sitemap_index.xml", site + "/sitemaps/news.xml")


def test_robots_sitemap_lines_relative_and_odd_case() -> None:
    text = (
        "User-agent: *\nDisallow:\nSITEMAP: /sm.xml\n"
        "sitemap:https://other.example/a.xml.gz\nSitemap: /sm.xml\n"
    )
    assert sitemaps_from_robots(text, "https://www.example.org/robots.txt") == (
        "https://www.example.org/sm.xml",
        "https://other.example/a.xml.gz",
    )
    assert sitemaps_from_robots("User-agent: *\nDisallow: /", "https://x.example/robots.txt") == ()
    assert sitemaps_from_robots("", "https://x.example/robots.txt") == ()


def test_autodiscovery_of_feeds(site: str) -> None:
    listing = parse_checked(fetch(site, PageSpec("/wp/category/research/")))
    assert listing.feeds == (site + "/wp/feed/", site + "/wp/category/research/feed/")
    listing = parse_checked(fetch(site, PageSpec("/drupal/news?type=All")))
    assert listing.feeds == (site + "/drupal/news/atom.xml",)


def test_autodiscovery_honours_base_href() -> None:
    html = (
        b'<html><head><base href="https://cdn.example.org/news/"><link rel="alternate" '
        b'type="application/atom+xml" href="atom.xml"><link rel="sitemap" href="/sitemap.xml"></head>'
        b"<body></body></html>"
    )
    listing = parse_checked(RawPage(url="https://www.example.org/x/", body=html))
    assert listing.feeds == ("https://cdn.example.org/news/atom.xml",)
    assert listing.sitemaps == ("https://cdn.example.org/sitemap.xml",)


def test_gzip_sitemap_given_as_raw_bytes() -> None:
    xml = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://www.example.org/news/2024/05/03/a-new-result-for-the-team/</loc></url></urlset>"
    )
    page = RawPage(
        url="https://www.example.org/sitemap.xml.gz",
        body=gzip.compress(xml),
        headers=(("Content-Type", "application/octet-stream"),),
    )
    listing = parse_checked(page)
    assert listing.cms == "sitemap"
    assert [link.url for link in listing.links] == [
        "https://www.example.org/news/2024/05/03/a-new-result-for-the-team/"
    ]


def test_gzip_bomb_is_capped() -> None:
    bomb = gzip.compress(b"\0" * 2_000_000, compresslevel=9)
    with pytest.raises(TooLarge):
        inflate(bomb, limit=1_000_000)
    assert len(inflate(bomb, limit=3_000_000)) == 2_000_000
    huge = gzip.compress(b"<urlset>" + b" " * (65 * 1024 * 1024), compresslevel=9)
    listing = parse_checked(RawPage(url="https://www.example.org/sitemap.xml.gz", body=huge))
    assert listing.links == () and listing.warnings and listing.warnings[0].startswith("listing-unreadable")


def test_external_entities_are_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><item><title>a &xxe; b</title>'
        "<link>https://www.example.org/news/1234.html</link></item></channel></rss>"
    ).encode()
    listing = parse_checked(RawPage(url="https://www.example.org/feed", body=xml))
    assert "TOP-SECRET" not in repr(listing)
    assert [link.url for link in listing.links] == ["https://www.example.org/news/1234.html"]


def test_entity_expansion_bomb_is_not_expanded() -> None:
    lol = '<!ENTITY a "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{lol}]><rss version="2.0"><channel><item><title>&i;</title>'
        "<link>https://www.example.org/news/99.html</link></item></channel></rss>"
    ).encode()
    listing = parse_checked(RawPage(url="https://www.example.org/feed", body=xml))
    assert len(repr(listing)) < 10_000


def test_news_sitemap_titles_and_dates(site: str) -> None:
    listing = parse_checked(fetch(site, PageSpec("/sitemaps/news.xml")))
    assert all(link.title and link.date for link in listing.links)


def test_sitemap_drops_section_homes(site: str) -> None:
    listing = parse_checked(fetch(site, PageSpec("/sitemaps/sitemap-wp.xml")))
    assert site + "/wp/" not in [link.url for link in listing.links]


def test_robots_txt_body_gives_its_sitemaps(site: str) -> None:
    listing = parse_checked(fetch(site, PageSpec("/robots.txt")))
    assert listing.links == () and listing.next_pages == ()
    assert listing.sitemaps == (site + "/sitemaps/sitemap_index.xml", site + "/sitemaps/news.xml")


def test_comment_feeds_are_not_article_feeds() -> None:
    import lxml.html

    from newsarchive.crawler.extract.feeds import discover_feeds

    root = lxml.html.fromstring(
        '<html><head><link rel="alternate" type="application/rss+xml" title="LICS &raquo; Feed" '
        'href="/wp/feed/">'
        '<link rel="alternate" type="application/rss+xml" title="LICS &raquo; Comments Feed" '
        'href="/wp/comments/feed/"><link rel="alternate" type="application/rss+xml" title="Post comments" '
        'href="/wp/2024/06/x/feed/?feed=comments"></head><body></body></html>'
    )
    assert discover_feeds(root, "http://x.org/wp/") == ("http://x.org/wp/feed/",)
