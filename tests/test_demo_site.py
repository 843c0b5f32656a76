"""The bundled demo sites over real HTTP on 127.0.0.1: content, encodings, pagination, stage 2, caching.

These tests pin what the end-to-end crawl tests and the benchmark rely on: every ground-truth article is
served with its title, date and source; listings reach every article; stage 2 changes exactly what
ground truth says.
"""

from __future__ import annotations

import html
import os
import re
import statistics
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import defaultdict
from urllib.parse import urljoin, urlsplit

import pytest

from newsarchive.sitekit.demo.app import DemoServer
from newsarchive.sitekit.demo.truth import START_PATHS, DemoArticle, demo_sites, ground_truth, listing_paths

HREF = re.compile(r"""<a\s[^>]*?href=["']([^"'#]+)["']""", re.I)


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def text_of(body: bytes, article: DemoArticle) -> str:
    codec = "gb18030" if article.charset in ("gbk", "gb2312") else "utf-8"
    return html.unescape(body.decode(codec))


@pytest.fixture(scope="module")
def stage1():
    with DemoServer(stage=1) as server:
        yield server


@pytest.fixture(scope="module")
def stage2():
    with DemoServer(stage=2) as server:
        yield server


# The two stages run on two servers; one Host header makes WordPress's absolute URLs the same on both.
SAME_HOST = {"Host": "demo.test:8765"}


@pytest.fixture(scope="module")
def pages1(stage1):
    return {a.path: fetch(stage1.base_url + a.path, SAME_HOST) for a in ground_truth(1)}


@pytest.fixture(scope="module")
def pages2(stage2):
    return {a.path: fetch(stage2.base_url + a.path, SAME_HOST) for a in ground_truth(2)}


def shown_date(article: DemoArticle) -> str:
    """The publish date as the page prints it."""
    if article.site == "demo-gdasfs":
        d = article.published_at
        return f"发布时间:{d.year}年{d.month:02d}月{d.day:02d}日"
    if article.site == "demo-trs":
        return "发布时间：" + article.published.replace("T", " ")
    return f'datetime="{article.published}"'


def test_stage1_has_150_articles_on_four_sites():
    truth = ground_truth(1)
    per_site = defaultdict(int)
    for article in truth:
        per_site[article.site] += 1
    assert len(truth) >= 150
    assert set(per_site) == {"demo-trs", "demo-gdasfs", "demo-drupal", "demo-wp"}
    assert min(per_site.values()) >= 30
    assert len({a.path for a in truth}) == len(truth)
    assert len({a.body for a in truth}) == len(truth), "every article has its own body"


@pytest.mark.parametrize("stage", [1, 2])
def test_every_article_serves_its_title_date_source_and_body(stage, pages1, pages2):
    served = pages1 if stage == 1 else pages2
    for article in ground_truth(stage):
        status, headers, body = served[article.path]
        assert status == 200, article.path
        assert headers["content-type"].startswith("text/html")
        text = text_of(body, article)
        assert article.title in text, article.path
        assert shown_date(article) in text, article.path
        assert article.source in text, article.path
        for paragraph in article.body:
            assert paragraph in text, (article.path, paragraph[:40])
        if article.author:
            assert article.author in text


def test_trs_pages_are_gbk_bytes_with_each_declaration(pages1):
    trs = [a for a in ground_truth(1) if a.site == "demo-trs"]
    rare_seen = False
    for article in trs:
        _, headers, body = pages1[article.path]
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        text = body.decode("gbk")
        head = text[: text.index("</head>")]
        if article.column == "zhxw":
            assert '<meta charset="gbk">' in head and headers["content-type"] == "text/html"
        elif article.column == "kyjz":
            assert "charset" not in head.lower() and headers["content-type"] == "text/html; charset=GBK"
        else:
            assert 'content="text/html; charset=gb2312"' in head and headers["content-type"] == "text/html"
            try:
                html.unescape(text).encode("gb2312")
            except UnicodeEncodeError:
                rare_seen = True
    assert rare_seen, "a page declared gb2312 uses a character outside GB2312"


def test_trs_listing_pagination_is_script_only(stage1):
    expected = {
        "/trs/zhxw/index.html": 'createPageHTML(3, 0, "index", "html");',
        "/trs/zhxw/index_1.html": 'createPageHTML(3, 1, "index", "html");',
        "/trs/kyjz/index.html": "var currentPage = 0;//所在页从0开始",
        "/trs/kyjz/index_2.html": "var currentPage = 2;//所在页从0开始",
        "/trs/xshd/list.shtml": "createPageHTML('page_div',3, 1,'list','shtml',32);",
        "/trs/xshd/list_2.shtml": "createPageHTML('page_div',3, 2,'list','shtml',32);",
    }
    for path, script in expected.items():
        status, _, body = fetch(stage1.base_url + path)
        text = body.decode("gbk")
        assert status == 200 and script in text, path
        links = HREF.findall(text)
        assert not [h for h in links if re.search(r"(index|list)_\d+\.s?html", h)], path
    assert "var countPage = 3//共多少页" in fetch(stage1.base_url + "/trs/kyjz/index.html")[2].decode("gbk")
    assert fetch(stage1.base_url + "/trs/zhxw/index_3.html")[0] == 404


def crawl_listing(base_url: str, site: str) -> tuple[list[str], list[str]]:
    """Follow a site's listing pages as its pager says (rel=next, "Next", TRS script) -> (pages, articles)."""
    pages, articles = [], []
    for start in START_PATHS[site]:
        url = base_url + start
        while url:
            status, _, body = fetch(url)
            assert status == 200, url
            text = body.decode("gb18030" if site == "demo-trs" else "utf-8")
            pages.append(urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else ""))
            for href in HREF.findall(text):
                path = urlsplit(urljoin(url, html.unescape(href))).path
                if re.search(
                    r"/t\d+\.html$|/t\d{8}_\d+\.s?html$|/drupal/news/[a-z0-9-]+$|/wp/\d{4}/.+/$", path
                ):
                    articles.append(path)
            url = next_page(url, text)
    return pages, articles


def next_page(url: str, text: str) -> str | None:
    if m := re.search(r'<li class="pager__item pager__item--next"><a href="([^"]+)"[^>]*rel="next"', text):
        return urljoin(url, html.unescape(m.group(1)))
    if m := re.search(r'<a class="next page-numbers" href="([^"]+)">', text):
        return urljoin(url, m.group(1))
    if m := re.search(r'<a href="([^"]+)">Next</a>', text):
        return urljoin(url, m.group(1))
    if m := re.search(r'createPageHTML\((\d+), (\d+), "index", "html"\)', text):
        count, current = int(m.group(1)), int(m.group(2))
        return urljoin(url, f"index_{current + 1}.html") if current + 1 < count else None
    if m := re.search(r"var currentPage = (\d+);.*?var countPage = (\d+)", text, re.S):
        current, count = int(m.group(1)), int(m.group(2))
        return urljoin(url, f"index_{current + 1}.html") if current + 1 < count else None
    if m := re.search(r"createPageHTML\('page_div',(\d+), (\d+),'list','shtml',\d+\)", text):
        count, current = int(m.group(1)), int(m.group(2))
        return urljoin(url, f"list_{current + 1}.shtml") if current < count else None
    return None


@pytest.mark.parametrize("stage", [1, 2])
def test_listings_reach_every_article_of_their_site(stage, stage1, stage2):
    server = stage1 if stage == 1 else stage2
    truth = ground_truth(stage)
    for site in START_PATHS:
        pages, linked = crawl_listing(server.base_url, site)
        assert tuple(pages) == listing_paths(stage)[site]
        expected = [a.path for a in truth if a.site == site]
        assert set(expected) <= set(linked), site
        assert [p for p in dict.fromkeys(linked) if p in set(expected)] == expected, (
            "listing order = truth order"
        )


def test_stage2_puts_new_articles_at_the_top(stage1, stage2):
    before, after = ground_truth(1), ground_truth(2)
    old_paths = {a.path for a in before}
    for site in START_PATHS:
        _, linked = crawl_listing(stage2.base_url, site)
        order = [p for p in dict.fromkeys(linked) if p in {a.path for a in after}]
        for column in {a.column for a in after if a.site == site}:
            in_column = [
                p for p in order if p in {a.path for a in after if a.site == site and a.column == column}
            ]
            new = [a.path for a in after if a.site == site and a.column == column and a.new_in_stage2]
            assert len(new) >= 10
            assert in_column[: len(new)] == new and not set(new) & old_paths
    assert {a.path for a in after} - {a.path for a in before} == {a.path for a in after if a.new_in_stage2}


def test_stage2_edits_exactly_what_ground_truth_says(pages1, pages2):
    before = {a.path: a for a in ground_truth(1)}
    after = {a.path: a for a in ground_truth(2)}
    edited = [p for p, a in after.items() if a.edited_in_stage2]
    noisy = [p for p, a in after.items() if a.template_noise_in_stage2]
    assert 0.07 <= len(edited) / len(before) <= 0.15
    assert noisy and not set(noisy) & set(edited)
    assert {f for p in edited for f in after[p].changed_fields} >= {"title", "body", "source"}
    for path, old in before.items():
        new = after[path]
        changed = tuple(
            f for f in ("title", "body", "source", "author") if getattr(old, f) != getattr(new, f)
        )
        assert changed == new.changed_fields == old.changed_fields, path
        same_bytes = pages1[path][2] == pages2[path][2]
        assert same_bytes == (not new.edited_in_stage2 and not new.template_noise_in_stage2), path
        if "title" in changed:
            assert old.title not in text_of(pages2[path][2], new)


def test_conditional_get_across_stages():
    unchanged = next(a for a in ground_truth(1) if not (a.edited_in_stage2 or a.template_noise_in_stage2))
    edited = next(a for a in ground_truth(1) if a.edited_in_stage2)
    with DemoServer(stage=1) as server:
        _, first, _ = fetch(server.base_url + unchanged.path)
        _, edited_first, _ = fetch(server.base_url + edited.path)
        server.stage = 2
        assert fetch(server.base_url + unchanged.path, {"If-None-Match": first["etag"]})[0] == 304
        assert (
            fetch(server.base_url + unchanged.path, {"If-Modified-Since": first["last-modified"]})[0] == 304
        )
        status, headers, _ = fetch(server.base_url + edited.path, {"If-None-Match": edited_first["etag"]})
        assert status == 200 and headers["etag"] != edited_first["etag"]
        assert (
            fetch(server.base_url + edited.path, {"If-Modified-Since": edited_first["last-modified"]})[0]
            == 200
        )
    with pytest.raises(ValueError, match="stage must be 1 or 2"):
        server.stage = 3


SNAPSHOT = """
import hashlib, sys
from newsarchive.sitekit.demo.app import make_app
from newsarchive.sitekit.demo.truth import ground_truth, listing_paths
from newsarchive.sitekit.server import Request
stage = int(sys.argv[1])
app = make_app(stage)
paths = [a.path for a in ground_truth(stage)] + [p for ps in listing_paths(stage).values() for p in ps]
digest = hashlib.sha256()
for p in paths:
    path, _, query = p.partition("?")
    digest.update(p.encode() + app(Request("GET", path, query, {})).body)
print(digest.hexdigest())
"""


def test_content_is_deterministic(stage2):
    """App instances in processes with different hash seeds, and two servers, give the same bytes."""
    digests = []
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", SNAPSHOT, "2"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            cwd=os.path.dirname(os.path.dirname(__file__)),
        )
        digests.append(out.stdout.strip())
    assert digests[0] == digests[1] and len(digests[0]) == 64
    with DemoServer(stage=2) as other:
        for path in (*listing_paths(2)["demo-drupal"][:2], ground_truth(2)[0].path):
            assert fetch(other.base_url + path)[2] == fetch(stage2.base_url + path)[2]


def test_robots_index_and_site_tables(stage1):
    status, _, robots = fetch(stage1.base_url + "/robots.txt")
    assert status == 200 and b"Disallow: /search/" in robots
    index = fetch(stage1.base_url + "/")[2].decode()
    tables = demo_sites(stage1.base_url)
    assert set(tables) == {"demo-trs", "demo-gdasfs", "demo-drupal", "demo-wp"}
    for table in tables.values():
        assert table["group"] == "demo" and table["allowed_domains"] == ["127.0.0.1"]
        for url in table["start_urls"]:
            assert fetch(url)[0] == 200 and urlsplit(url).path in index
    from newsarchive.crawler.sites import parse_sites

    parsed = parse_sites({"sites": tables}, source="demo")
    assert parsed["demo-trs"].charset == "gbk"


def test_attachments_and_images_are_served(stage1):
    truth = ground_truth(1)
    attachment = next(a.attachments[0] for a in truth if a.attachments and a.attachments[0].kind == "pdf")
    status, headers, body = fetch(stage1.base_url + attachment.path)
    assert status == 200 and headers["content-type"] == "application/pdf" and body.startswith(b"%PDF-")
    image = next(a.images[0] for a in truth if a.images)
    status, headers, body = fetch(stage1.base_url + image.path)
    assert status == 200 and body.startswith(b"\x89PNG")


def test_pages_weigh_like_real_ones(pages1):
    sizes = defaultdict(list)
    for article in ground_truth(1):
        sizes[article.site].append(len(pages1[article.path][2]))
    for site, values in sizes.items():
        assert 25_000 <= statistics.median(values) <= 60_000, site


def test_drupal_pager_beyond_the_end_is_an_empty_page(stage1):
    status, _, body = fetch(stage1.base_url + "/drupal/news?page=40")
    assert (
        status == 200 and b"There is no news at the moment." in body and b"node--view-mode-teaser" not in body
    )
    assert fetch(stage1.base_url + "/drupal/news?page=0")[2] == fetch(stage1.base_url + "/drupal/news")[2]


@pytest.mark.parametrize("stage", [1, 2])
def test_wordpress_feed_lists_the_latest_posts(stage, stage1, stage2):
    server = stage1 if stage == 1 else stage2
    status, headers, body = fetch(server.base_url + "/wp/feed/")
    assert status == 200 and headers["content-type"].startswith("application/rss+xml")
    links = [item.findtext("link") for item in ET.fromstring(body).iter("item")]
    newest = [server.base_url + a.path for a in ground_truth(stage) if a.site == "demo-wp"][:10]
    assert links == newest
    listing = fetch(server.base_url + "/wp/category/news/")[2].decode()
    assert f'<link rel="next" href="{server.base_url}/wp/category/news/page/2/" />' in listing
