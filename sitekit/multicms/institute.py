"""Generic institute listings without a known CMS marker:

- ``gdasfs``: an English page in the gdasfs style (``sitekit.cms.gdasfs``),
  ``/gdasfs/en/News/News/index.html`` with ``t32982.html`` items, a numbered pager (``span.current``) and
  ``Next >``; articles carry ``发布时间:2021年01月15日来源:…``.
- ``query``: a JSP portal with ``news.jsp?catalogId=12&pageNo=N`` pages, table rows, ``›``/``»`` arrows.
- ``textpager``: ``?pn=N`` pages reachable only through a ``后页`` text link.
"""

from __future__ import annotations

import datetime as dt

from newsarchive.sitekit.cms import gdasfs
from newsarchive.sitekit.cms.portal import en_article, en_footer, en_header, zh_article
from newsarchive.sitekit.model import Item
from newsarchive.sitekit.pages import esc

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, en_title, zh_title

GDAS = "Guangdong Academy of Sciences Foshan Institute"


def build(site: Site) -> None:
    site.prefixes.extend(["/gdasfs/", "/portal/", "/inst/"])
    _gdasfs(site)
    _query(site)
    _textpager(site)


def _chain(site: Site, family: str, cms: str | None, pages: list[tuple[str, list[Item]]]) -> None:
    truths = [
        PageTruth(
            PageSpec(path),
            tuple(it.path for it in items),
            next=PageSpec(pages[i + 1][0]) if i + 1 < len(pages) else None,
            rows=tuple((it.path, it.date, it.title) for it in items),
        )
        for i, (path, items) in enumerate(pages)
    ]
    site.truth(FamilyTruth(family, cms, pages[0][0], tuple(truths)))


def _gdasfs(site: Site) -> None:
    folder = "/gdasfs/en/News/News/"
    sizes = (12, 12, 5)
    pages, n = [], 32982
    for p, size in enumerate(sizes):
        items = [
            Item(
                f"{folder}t{n - k}.html",
                f"t{n - k}.html",
                en_title(80 + n - k),
                day(32982 - n + k, (2021, 1, 15)),
            )
            for k in range(size)
        ]
        n -= size
        path = gdasfs.listing_path(p)
        body = gdasfs.news_list(items) + gdasfs.numbered_pager(p, len(sizes))
        html = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>News - {GDAS}</title></head>'
            f'<body>{en_header("/gdasfs/en/", GDAS)}<div class="container"><div class="sidebar"><h3>News</h3>'
            f'<ul><li><a href="{folder}index.html">News</a></li><li><a '
            'href="/gdasfs/en/News/Notice/index.html">'
            f'Notice</a></li></ul></div><div class="content"><h2>News</h2>{body}</div></div>'
            f"{en_footer('/gdasfs/en/', GDAS)}</body></html>"
        )
        site.add_html(path, html)
        for it in items:
            info = gdasfs.info_line(dt.date.fromisoformat(it.date), "广东省科学院佛山产业技术研究院")
            site.add_html(it.path, en_article(it.title, it.date, GDAS, info_line=info))
        pages.append((path, items))
    _chain(site, "gdasfs", "generic", pages)


def _query(site: Site) -> None:
    sizes = (15, 15, 11)
    pages, n = [], 10023
    for p, size in enumerate(sizes):
        items = [
            Item(
                f"/portal/content.jsp?id={n + k}",
                f"content.jsp?id={n + k}",
                zh_title(900 + n + k),
                day(n + k - 10023, (2024, 6, 1)),
            )
            for k in range(size)
        ]
        n += size
        path = "/portal/news.jsp?catalogId=12" + (f"&pageNo={p + 1}" if p else "")
        rows = "".join(
            f'<tr><td class="t"><a href="{esc(it.href)}" target="_blank">{esc(it.title)}</a></td>'
            f'<td class="d">{it.date}</td></tr>'
            for it in items
        )

        def link(q: int, text: str) -> str:
            return f'<a href="news.jsp?catalogId=12&amp;pageNo={q + 1}">{text}</a>'

        parts = [link(0, "«"), link(p - 1, "‹")] if p else []
        parts += [f'<a class="cur">{q + 1}</a>' if q == p else link(q, str(q + 1)) for q in range(len(sizes))]
        if p + 1 < len(sizes):
            parts += [link(p + 1, "›"), link(len(sizes) - 1, "»")]
        body = (
            f'<table class="list" cellspacing="0">{rows}</table>'
            f'<div class="pagination">{" ".join(parts)}<span>共{len(sizes)}页</span></div>'
        )
        site.add_html(
            path,
            site.zh_page(
                title="工作动态",
                prefix="/portal/",
                site_name="某省科学技术厅",
                column="工作动态",
                body=body,
                side_offset=80 + p,
            ),
        )
        for it in items:
            site.add_html(it.path, zh_article(it.title, it.date, "某省科学技术厅"))
        pages.append((path, items))
    _chain(site, "query", "generic", pages)


def _textpager(site: Site) -> None:
    sizes = (10, 10, 8)
    pages, n = [], 5678
    for p, size in enumerate(sizes):
        items = []
        for k in range(size):
            date = day(n + k - 5678, (2024, 6, 28))
            path = f"/inst/xwdt/{date[:4]}/{date[5:7]}{date[8:]}/c1234a{n + k}/page.htm"
            items.append(Item(path, path, zh_title(1200 + n + k), date))
        n += size
        path = "/inst/xwdt/" + (f"?pn={p + 1}" if p else "")
        rows = "".join(
            f'<div class="news"><span class="news_title"><a href="{it.path}" title="{esc(it.title)}">'
            f'{esc(it.title)}</a></span><span class="news_meta">{it.date}</span></div>'
            for it in items
        )
        prev = f'<a href="?pn={p}">前页</a>' if p else "<span>前页</span>"
        nxt = f'<a href="?pn={p + 2}">后页</a>' if p + 1 < len(sizes) else "<span>后页</span>"
        body = f'<div class="news_list">{rows}</div><div class="pg">{prev} 第{p + 1}页 {nxt}</div>'
        site.add_html(
            path,
            site.zh_page(
                title="新闻动态",
                prefix="/inst/",
                site_name="某大学研究院",
                column="新闻动态",
                body=body,
                side_offset=90 + p,
            ),
        )
        for it in items:
            site.add_html(it.path, zh_article(it.title, it.date, "某大学研究院"))
        pages.append((path, items))
    _chain(site, "textpager", "generic", pages)
