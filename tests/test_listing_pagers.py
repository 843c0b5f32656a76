"""Next-page detection on small pager snippets: every pager shape of the brief, pseudo-links, last pages."""

from __future__ import annotations

import pytest

from newsarchive.crawler.extract.page import RawPage
from tests.listings import parse_checked

ROWS = "".join(
    f'<li><a href="/news/2024/05/{i:02d}/story-number-{i}-about-the-lab/">Story number {i} about the lab '
    f"and its work</a> <span>2024-05-{i:02d}</span></li>"
    for i in range(1, 13)
)


def listing_for(pager: str, url: str = "https://www.example.org/news/list.html", head: str = ""):
    html = (
        f"<html><head>{head}</head><body><ul class='news'>{ROWS}</ul>"
        f"<div class='pages'>{pager}</div></body></html>"
    )
    return parse_checked(RawPage(url=url, body=html.encode()))


CASES = [
    (
        "rel-next-link",
        "",
        "https://www.example.org/news/list.html",
        '<link rel="next" href="list_2.html">',
        "https://www.example.org/news/list_2.html",
    ),
    (
        "rel-next-a",
        '<a rel="next" href="?start=20">more</a>',
        "https://www.example.org/news/",
        "",
        "https://www.example.org/news/?start=20",
    ),
    ("xia-yi-ye", '<a href="list_2.html">下一页</a>', None, "", "https://www.example.org/news/list_2.html"),
    ("bracketed", '<a href="list_2.html">[下一页]</a>', None, "", "https://www.example.org/news/list_2.html"),
    ("xia-ye", '<a href="l2.html">下页</a>', None, "", "https://www.example.org/news/l2.html"),
    ("hou-ye", '<a href="?pn=2">后页 ›</a>', None, "", "https://www.example.org/news/list.html?pn=2"),
    (
        "next-hidden-label",
        '<a href="?page=2"><span class="sr-only">Next page</span> ›</a>',
        None,
        "",
        "https://www.example.org/news/list.html?page=2",
    ),
    ("older", '<a href="/news/page/2/">Older posts</a>', None, "", "https://www.example.org/news/page/2/"),
    (
        "arrow-vs-last",
        '<a href="?page=9">»</a> <a href="?page=2">›</a>',
        None,
        "",
        "https://www.example.org/news/list.html?page=2",
    ),
    (
        "gt",
        '<a href="?page=2">&gt;</a><a href="?page=7">&gt;&gt;</a>',
        None,
        "",
        "https://www.example.org/news/list.html?page=2",
    ),
    (
        "numbered-span",
        '<span class="current">1</span><a href="list_2.html">2</a><a href="list_3.html">3</a>',
        None,
        "",
        "https://www.example.org/news/list_2.html",
    ),
    (
        "numbered-font",
        '<a href="list.html">1</a><font color=red>2</font><a href="list_3.html">3</a>',
        "https://www.example.org/news/list_2.html",
        "",
        "https://www.example.org/news/list_3.html",
    ),
    (
        "numbered-active-a",
        '<a class="active" href="?pageNo=2">2</a><a href="?pageNo=3">3</a>',
        "https://www.example.org/news/list.jsp?pageNo=2",
        "",
        "https://www.example.org/news/list.jsp?pageNo=3",
    ),
    (
        "query-increment",
        '<a href="list.jsp?cat=5&amp;pageNum=4">more</a>',
        "https://www.example.org/news/list.jsp?cat=5&pageNum=3",
        "",
        "https://www.example.org/news/list.jsp?cat=5&pageNum=4",
    ),
    (
        "path-increment",
        '<a href="index_4.html">...</a>',
        "https://www.example.org/news/index_3.html",
        "",
        "https://www.example.org/news/index_4.html",
    ),
    (
        "drupal-keeps-filters",
        '<ul class="pager__items"><li class="pager__item pager__item--next">'
        '<a href="?type=All&amp;page=1"><span>››</span></a></li></ul>',
        "https://www.example.org/news?type=All",
        "",
        "https://www.example.org/news?type=All&page=1",
    ),
    (
        "wordpress",
        '<a class="next page-numbers" href="/news/page/2/">Next</a>',
        None,
        '<link rel="stylesheet" href="/wp-content/themes/x/style.css">',
        "https://www.example.org/news/page/2/",
    ),
    (
        "trs-old",
        '<script>createPageHTML(5, 1, "index", "html");</script>',
        "https://www.example.org/news/index_1.html",
        "",
        "https://www.example.org/news/index_2.html",
    ),
    (
        "trs-new",
        "<script>createPageHTML('page_div',5, 4,'xlist','shtml',48);</script>",
        "https://www.example.org/news/xlist_4.shtml",
        "",
        "https://www.example.org/news/xlist_5.shtml",
    ),
]


@pytest.mark.parametrize(("name", "pager", "url", "head", "want"), CASES, ids=[c[0] for c in CASES])
def test_next_page_shapes(name: str, pager: str, url: str | None, head: str, want: str) -> None:
    listing = listing_for(pager, url or "https://www.example.org/news/list.html", head)
    assert [r.url for r in listing.next_pages] == [want]
    assert len(listing.links) == 12


LAST_PAGES = [
    ("disabled-span", '<a href="list_2.html">上一页</a><span class="disabled">下一页</span>'),
    ("numbered-last", '<a href="list_2.html">2</a><span class="current">3</span>'),
    ("self-link", '<a href="list_3.html">下一页</a>'),
    ("trs-old-last", '<script>createPageHTML(3, 2, "index", "html");</script>'),
    ("trs-new-last", "<script>createPageHTML('page_div',3, 3,'list','shtml',25);</script>"),
    ("more-is-another-column", '<a href="/notices/index.html">查看更多</a>'),
    ("prev-only", '<a href="list_2.html">Previous</a> <a href="list.html">First</a>'),
    ("no-pager", ""),
]


@pytest.mark.parametrize(("name", "pager"), LAST_PAGES, ids=[c[0] for c in LAST_PAGES])
def test_last_pages_have_no_next(name: str, pager: str) -> None:
    listing = listing_for(pager, "https://www.example.org/news/list_3.html")
    assert listing.next_pages == ()
    assert not any(w.startswith("pager-unfollowable") for w in listing.warnings)


PSEUDO = [
    ("fragment", '<a href="#page=2">下一页</a>', "pager-unfollowable: href #page=2"),
    (
        "onclick",
        '<a href="javascript:void(0)" onclick="toPage(2)">下一页</a>',
        "pager-unfollowable: onclick toPage(2)",
    ),
    ("js-call", '<a href="javascript:goPage(2)">Next</a>', "pager-unfollowable: href javascript:goPage(2)"),
    (
        "numbered-onclick",
        '<span class="cur">1</span><a href="javascript:;" onclick="go(2)">2</a>',
        "pager-unfollowable: onclick go(2)",
    ),
]


@pytest.mark.parametrize(("name", "pager", "warning"), PSEUDO, ids=[c[0] for c in PSEUDO])
def test_pseudo_pagers_warn_and_are_never_followed(name: str, pager: str, warning: str) -> None:
    listing = listing_for(pager)
    assert listing.next_pages == ()
    assert warning in listing.warnings


def test_slider_arrow_does_not_hide_the_real_pager() -> None:
    pager = '<span class="current">1</span><a href="list_2.html">2</a>'
    html = (
        f'<html><body><div class="slider"><a class="next" href="#">›</a></div><ul>{ROWS}</ul>'
        f'<div class="pages">{pager}</div></body></html>'
    )
    listing = parse_checked(RawPage(url="https://www.example.org/news/list.html", body=html.encode()))
    assert [r.url for r in listing.next_pages] == ["https://www.example.org/news/list_2.html"]
    assert listing.warnings == ()


def test_next_article_link_is_not_a_pager() -> None:
    listing = listing_for('<a href="/news/2024/05/13/another-story/">下一篇：另一条新闻</a>')
    assert listing.next_pages == ()


VSB_HEAD = '<script src="/system/resource/js/vsbscreen.min.js"></script>'


def test_vsb_counts_down_without_a_pager_link() -> None:
    """A VSB column whose pager was not rendered: the next page follows from the URL and the page count."""
    first = listing_for('<span class="p_t">1/6</span>', "https://www.example.edu.cn/xwzx.htm", VSB_HEAD)
    assert first.cms == "vsb"
    assert [r.url for r in first.next_pages] == ["https://www.example.edu.cn/xwzx/5.htm"]
    assert (first.page_count, first.current_page) == (6, 1)
    middle = listing_for('<span class="p_t">2/6</span>', "https://www.example.edu.cn/xwzx/5.htm", VSB_HEAD)
    assert [r.url for r in middle.next_pages] == ["https://www.example.edu.cn/xwzx/4.htm"]
    last = listing_for('<span class="p_t">6/6</span>', "https://www.example.edu.cn/xwzx/1.htm", VSB_HEAD)
    assert last.next_pages == ()
