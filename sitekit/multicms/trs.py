"""TRS WCM columns with the TRS renderer's three pagers (``sitekit.cms.trs``), in the portal frame: the old
0-based ``createPageHTML`` (GBK, charset in the header), the inline ``var countPage`` pager (GBK, no charset
in the header), the new 1-based ``createPageHTML('page_div', ...)`` with ``list.shtml`` pages (UTF-8). Each
column has its own row layout; a long article split in two parts uses the old pager call too.
"""

from __future__ import annotations

from newsarchive.sitekit.cms import trs
from newsarchive.sitekit.cms.portal import zh_article
from newsarchive.sitekit.model import Column, Item
from newsarchive.sitekit.pages import esc

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, zh_title

SITE_NAME = "广东省科学院"
OLD = Column("xwzx", "新闻中心", "/trs-old/xwzx/index.html", (), 0, 0, 15, (("pager", "createPageHTML"),))
INLINE = Column("tzgg", "通知公告", "/trs-inline/tzgg/index.html", (), 0, 0, 12, (("pager", "inline"),))
NEW = Column("zxdt", "最新动态", "/trs-new/zxdt/list.shtml", (), 0, 0, 14, (("pager", "page_div"),))


def build(site: Site) -> None:
    site.prefixes.extend(["/trs-old/", "/trs-inline/", "/trs-new/"])
    _old_signature(site)
    _inline_vars(site)
    _new_signature(site)


def trs_items(folder: str, first: int, count: int, ext: str, date_offset: int) -> list[Item]:
    items = []
    for k in range(count):
        n = first + k
        date = day(date_offset + k)
        ym = date[:7].replace("-", "")
        name = f"t{date.replace('-', '')}_{n}.{ext}"
        items.append(Item(f"{folder}{ym}/{name}", f"./{ym}/{name}", zh_title(n), date))
    return items


def serve_articles(site: Site, items: list[Item], encoding: str, source: str) -> None:
    for it in items:
        site.add_html(it.path, zh_article(it.title, it.date, source, encoding=encoding), encoding)


def _truth(family: str, column: Column, pages: list[tuple[str, list[Item]]], encoding: str) -> FamilyTruth:
    out = []
    for i, (path, items) in enumerate(pages):
        nxt = PageSpec(pages[i + 1][0]) if i + 1 < len(pages) else None
        out.append(
            PageTruth(
                PageSpec(path),
                tuple(it.path for it in items),
                next=nxt,
                rows=tuple((it.path, it.date, it.title) for it in items),
            )
        )
    return FamilyTruth(family, "trs", column.path, tuple(out), encoding)


def _old_signature(site: Site) -> None:
    folder = "/trs-old/xwzx/"
    sizes = (15, 15, 8)
    pages: list[tuple[str, list[Item]]] = []
    first = 10000
    for p, size in enumerate(sizes):
        items = trs_items(folder, first, size, "html", first - 10000)
        first += size
        path = trs.listing_path(OLD, p)
        rows = "".join(
            f'<li><a href="{esc(it.href)}" title="{esc(it.title)}" target="_blank">'
            f"{esc(it.title[:18])}...</a><span>{it.date}</span></li>"
            for it in items
        )
        pager = trs.pager(OLD, p, len(sizes), sum(sizes))
        body = f'<div class="list-box"><ul class="list">{rows}</ul>{pager}</div>'
        page = site.zh_page(
            title=OLD.name,
            prefix="/trs-old/",
            site_name=SITE_NAME,
            column=OLD.name,
            body=body,
            encoding="gbk",
            head=trs.pager_script(OLD),
            side_offset=p,
        )
        site.add_html(path, page, "gbk")
        serve_articles(site, items, "gbk", SITE_NAME)
        pages.append((path, items))
    # a long article split in two parts: the article pager uses the same script, it is not a listing pager
    lead = pages[0][1][0]
    part2 = lead.path.replace(".html", "_1.html")
    name = lead.path.rsplit("/", 1)[1].removesuffix(".html")
    extra = f'<div id="page_div"><script>{trs.create_page_html(2, 0, name)}</script></div>'
    site.add_html(lead.path, zh_article(lead.title, lead.date, SITE_NAME, extra, "gbk"), "gbk")
    site.add_html(part2, zh_article(lead.title + "（二）", lead.date, SITE_NAME, encoding="gbk"), "gbk")
    site.truth(_truth("trs-old", OLD, pages, "gbk"))


def _inline_vars(site: Site) -> None:
    folder = "/trs-inline/tzgg/"
    sizes = (12, 12, 6)
    pages: list[tuple[str, list[Item]]] = []
    first = 20000
    for p, size in enumerate(sizes):
        items = trs_items(folder, first, size, "html", 2 * (first - 20000) + 1)
        first += size
        path = trs.listing_path(INLINE, p)
        rows = "".join(
            f'<tr><td class="bt"><a href="{esc(it.href)}" target="_blank">{esc(it.title)}</a></td>'
            f'<td class="sj">[{it.date}]</td></tr>'
            for it in items
        )
        pager = trs.pager(INLINE, p, len(sizes), sum(sizes))
        body = f'<table class="news-list" width="100%">{rows}</table>{pager}'
        page = site.zh_page(
            title=INLINE.name,
            prefix="/trs-inline/",
            site_name=SITE_NAME,
            column=INLINE.name,
            body=body,
            encoding="gbk",
            side_offset=10 + p,
        )
        site.add_html(path, page, "gbk", header_charset=False)
        serve_articles(site, items, "gbk", SITE_NAME)
        pages.append((path, items))
    site.truth(_truth("trs-inline", INLINE, pages, "gbk"))


def _new_signature(site: Site) -> None:
    folder = "/trs-new/zxdt/"
    sizes = (14, 14, 10)
    pages: list[tuple[str, list[Item]]] = []
    first = 5001
    for p, size in enumerate(sizes):
        items = trs_items(folder, first, size, "shtml", 3 * (first - 5001) + 2)
        first += size
        path = trs.listing_path(NEW, p)
        rows = "".join(
            f'<li><em>{it.date}</em><a href="{esc(it.href)}" title="{esc(it.title)}">{esc(it.title)}</a></li>'
            for it in items
        )
        body = f'<div class="xlist"><ul>{rows}</ul></div>{trs.pager(NEW, p, len(sizes), sum(sizes))}'
        page = site.zh_page(
            title=NEW.name,
            prefix="/trs-new/",
            site_name="中国科学院广州分院",
            column=NEW.name,
            body=body,
            head=trs.pager_script(NEW),
            side_offset=20 + p,
        )
        site.add_html(path, page)
        serve_articles(site, items, "utf-8", "中国科学院广州分院")
        pages.append((path, items))
    site.truth(_truth("trs-new", NEW, pages, "utf-8"))
