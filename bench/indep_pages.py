"""The listing markup of the independent benchmark site (``bench/indep_site.py``): its own templates, none
of the site kit's. One template per section: a ``<ul>`` list with dates (新闻动态), a table list (通知公告), a
grid of cards (English news), each with a numbered pager whose links are in the HTML, inside a page frame
(head with inline CSS, top bar, navigation, breadcrumb, side column, footer) of a plain institute site.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass

from newsarchive.sitekit.pages import Page

INSTITUTE = "东海海洋与湖沼研究所"
INSTITUTE_EN = "East Sea Institute of Oceanology and Limnology"
NAV = (
    ("首页", "/"),
    ("机构概况", "/jggk/"),
    ("新闻动态", "/xwdt/"),
    ("通知公告", "/tzgg/list.jsp"),
    ("科研成果", "/kycg/"),
    ("研究队伍", "/yjdw/"),
    ("国际交流", "/gjjl/"),
    ("研究生教育", "/yjsjy/"),
    ("党建与创新文化", "/djcx/"),
    ("科学传播", "/kxcb/"),
    ("信息公开", "/xxgk/"),
    ("English", "/en/news/"),
)
LINKS = ("科学院", "科技部", "自然科学基金委", "海洋局", "教育部", "科协", "图书馆", "期刊中心", "所务公开")
STYLE = "".join(
    f".{name}{{margin:{i}px 0;padding:{i // 2}px {i}px;font-size:{12 + i % 6}px;"
    f"line-height:{18 + i % 10}px;}}"
    for i, name in enumerate(
        (
            "top",
            "logo",
            "nav",
            "nav li",
            "crumb",
            "main",
            "side",
            "side h3",
            "news-list li",
            "news-list .date",
            "list-table td",
            "list-table th",
            "card",
            "card h3",
            "card .meta",
            "card .teaser",
            "pagination a",
            "pagination .current",
            "footer",
            "footer a",
            "links li",
        )
    )
)
TITLES = {"xwdt": "新闻动态", "tzgg": "通知公告", "news": "News"}


@dataclass(frozen=True, slots=True)
class Listed:
    """An article as a listing shows it."""

    href: str
    title: str
    day: dt.date
    teaser: str = ""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def render_listing(
    section: str,
    items: list[Listed],
    number: int,
    pages: int,
    last_modified: float,
    page_url: Callable[[int], str],
) -> Page:
    """Listing page ``number`` (0-based) of ``pages`` of a section; ``page_url(n)`` is page n's href."""
    english = section == "news"
    body = {"xwdt": _news_list, "tzgg": _table_list, "news": _cards}[section](items, number)
    pager = (_pager_en if english else _pager_zh)(number, pages, page_url)
    text = _frame(TITLES[section], body + pager, english)
    encoding, content_type = ("utf-8", "text/html; charset=utf-8") if english else ("gbk", "text/html")
    return Page(text.encode(encoding, errors="xmlcharrefreplace"), content_type, last_modified)


def _news_list(items: list[Listed], number: int) -> str:
    rows = "".join(
        f'<li><a href="{esc(i.href)}" title="{esc(i.title)}" target="_blank">{esc(_clip(i.title, 32))}</a>'
        f'<span class="date">{i.day:%Y-%m-%d}</span></li>\n'
        for i in items
    )
    return f'<ul class="news-list">\n{rows}</ul>\n'


def _table_list(items: list[Listed], number: int) -> str:
    rows = "".join(
        f'<tr><td class="no">{number * 20 + n}</td><td class="title"><a href="{esc(i.href)}" '
        f'target="_blank">{esc(_clip(i.title, 40))}</a></td><td class="date">{i.day:%Y-%m-%d}</td></tr>\n'
        for n, i in enumerate(items, 1)
    )
    return (
        '<table class="list-table" width="100%" cellspacing="0" cellpadding="0">\n'
        "<tr><th>序号</th><th>标题</th><th>发布日期</th></tr>\n" + rows + "</table>\n"
    )


def _cards(items: list[Listed], number: int) -> str:
    cards = "".join(
        f'<div class="card"><a class="thumb" href="{esc(i.href)}"><img src="/en/images/card-{n % 7}.jpg" '
        f'alt="" loading="lazy"></a><h3><a href="{esc(i.href)}">{esc(i.title)}</a></h3>'
        f'<p class="meta"><time datetime="{i.day:%Y-%m-%d}">{i.day:%B} {i.day.day}, {i.day.year}</time></p>'
        f'<p class="teaser">{esc(i.teaser)}</p></div>\n'
        for n, i in enumerate(items)
    )
    return f'<div class="card-grid">\n{cards}</div>\n'


def _pager_zh(number: int, pages: int, page_url: Callable[[int], str]) -> str:
    url = page_url
    parts = [f"<span>共{pages}页</span>"]
    if number > 0:
        parts += [f'<a href="{url(0)}">首页</a>', f'<a href="{url(number - 1)}">上一页</a>']
    for n in range(pages):
        parts.append(
            f'<span class="current">{n + 1}</span>' if n == number else f'<a href="{url(n)}">{n + 1}</a>'
        )
    if number < pages - 1:
        parts += [f'<a href="{url(number + 1)}">下一页</a>', f'<a href="{url(pages - 1)}">尾页</a>']
    return '<div class="pagination">' + " ".join(parts) + "</div>\n"


def _pager_en(number: int, pages: int, page_url: Callable[[int], str]) -> str:
    url = page_url
    parts = []
    if number > 0:
        parts.append(
            f'<a class="prev page-numbers" rel="prev" href="{url(number - 1)}">&lsaquo; Previous</a>'
        )
    for n in range(max(0, number - 2), min(pages, number + 3)):
        parts.append(
            f'<span aria-current="page" class="page-numbers current">{n + 1}</span>'
            if n == number
            else f'<a class="page-numbers" href="{url(n)}">{n + 1}</a>'
        )
    if number < pages - 1:
        parts.append(f'<a class="next page-numbers" rel="next" href="{url(number + 1)}">Next &rsaquo;</a>')
    return '<nav class="pagination" aria-label="Posts">' + "".join(parts) + "</nav>\n"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _frame(title: str, content: str, english: bool) -> str:
    site = INSTITUTE_EN if english else INSTITUTE
    nav = "".join(f'<li><a href="{href}">{esc(name)}</a></li>' for name, href in NAV)
    links = "".join(f'<li><a href="/links/{n}.html">{esc(name)}</a></li>' for n, name in enumerate(LINKS))
    charset = "utf-8" if english else "gbk"
    return (
        f'<!DOCTYPE html>\n<html lang="{"en" if english else "zh-CN"}">\n<head>\n'
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        f"<title>{esc(title)} - {esc(site)}</title>\n"
        f'<meta name="keywords" content="{esc(site)},{esc(title)}">\n'
        f"<style>{STYLE}</style>\n"
        '<link rel="stylesheet" href="/static/css/common.css?v=20240301">\n'
        '<script src="/static/js/jquery.min.js"></script>\n</head>\n<body>\n'
        f'<div class="top"><a class="logo" href="/">{esc(site)}</a>'
        '<form class="search" action="/search/" method="get"><input name="q"><button>搜索</button></form>'
        "</div>\n"
        f'<ul class="nav">{nav}</ul>\n'
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; {esc(title)}</div>\n'
        f'<div class="main"><h2 class="column-title">{esc(title)}</h2>\n{content}</div>\n'
        f'<div class="side"><h3>快速链接</h3><ul class="links">{links}</ul></div>\n'
        f'<div class="footer"><p>版权所有 &copy; {esc(site)}</p><p>地址：东海市滨海路 7 号 邮编：266071</p>'
        '<p><a href="/sitemap.html">网站地图</a> | <a href="/contact.html">联系我们</a></p></div>\n'
        "</body>\n</html>\n"
    )
