"""Layout variants seen on institute sites that no CMS marker names, under ``/var/``:

- ``var-dl``: ``<dl><dt><a>…</a></dt><dd>06-28</dd>`` rows (month-day dates without a year), a numbered pager
  with ``<font color=red>`` for the current page, a dated "通知公告" box beside the list, and a last page with
  only two items (the side box is then bigger than the list).
- ``var-cards``: English cards where one ``<a>`` wraps heading, date and teaser; a slider with an
  ``href="#"`` arrow before the list; ``Next page ›`` with a visually hidden label; a "Related" box.
- ``var-h3``: ``<h3><a/></h3><p>teaser</p><span class="date">`` siblings with no row element, "Older entries".
- ``var-idfolder``: article URLs ending in ``<id folder>/index.html``; a ``[下一页]`` link.
"""

from __future__ import annotations

import datetime as dt

from newsarchive.sitekit.cms.portal import en_article, en_footer, en_header, zh_article
from newsarchive.sitekit.model import Item
from newsarchive.sitekit.pages import esc

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, en_title, zh_title


def build(site: Site) -> None:
    site.prefixes.append("/var/")
    _dl(site)
    _cards(site)
    _h3(site)
    _idfolder(site)


def _chain(site: Site, family: str, pages: list[tuple[str, list[Item]]], *, dated: bool = True) -> None:
    truths = [
        PageTruth(
            PageSpec(path),
            tuple(it.path for it in items),
            next=PageSpec(pages[i + 1][0]) if i + 1 < len(pages) else None,
            rows=tuple((it.path, it.date if dated else None, it.title) for it in items),
        )
        for i, (path, items) in enumerate(pages)
    ]
    site.truth(FamilyTruth(family, "generic", pages[0][0], tuple(truths)))


def _dl(site: Site) -> None:
    sizes = (15, 15, 2)
    pages, n = [], 41000
    notices = "".join(
        f'<li><a href="/var/tzgg/info/2024/{88000 + k}.html">{esc(zh_title(2000 + k))}</a>'
        f"<span>2024-06-{20 + k}</span></li>"
        for k in range(6)
    )
    for k in range(6):
        site.add_html(
            f"/var/tzgg/info/2024/{88000 + k}.html",
            zh_article(zh_title(2000 + k), f"2024-06-{20 + k}", "某研究所"),
        )
    for p, size in enumerate(sizes):
        items = []
        for k in range(size):
            date = day(n + k - 41000, (2024, 6, 28))
            items.append(
                Item(
                    f"/var/dl/info/2024/{n + k}.html", f"info/2024/{n + k}.html", zh_title(1500 + n + k), date
                )
            )
        n += size
        path = "/var/dl/list.htm" if p == 0 else f"/var/dl/list_{p + 1}.htm"
        rows = "".join(
            f'<dl><dt><a href="{it.href}" target="_blank">{esc(it.title)}</a></dt><dd>{it.date[5:]}</dd></dl>'
            for it in items
        )
        nums = " ".join(
            f'<font color="red">{q + 1}</font>'
            if q == p
            else f'<a href="{"list.htm" if q == 0 else f"list_{q + 1}.htm"}">{q + 1}</a>'
            for q in range(len(sizes))
        )
        body = (
            f'<div class="box"><div class="box-hd">通知公告</div><ul>{notices}</ul></div>'
            f'<div class="listbox">{rows}</div><div class="pagelist">共{len(sizes)}页 {nums}</div>'
        )
        site.add_html(
            path,
            site.zh_page(
                title="科研动态",
                prefix="/var/",
                site_name="某研究所",
                column="科研动态",
                body=body,
                side_offset=140 + p,
            ),
        )
        for it in items:
            site.add_html(it.path, zh_article(it.title, it.date, "某研究所"))
        pages.append((path, items))
    _chain(site, "var-dl", pages, dated=False)


def _cards(site: Site) -> None:
    sizes = (12, 12, 5)
    pages, n = [], 0
    for p, size in enumerate(sizes):
        items = []
        for _ in range(size):
            title = en_title(300 + n)
            slug = "-".join(w.lower().strip(",") for w in title.split()[:5])
            items.append(
                Item(
                    f"/var/cards/news/{slug}-{n}", f"/var/cards/news/{slug}-{n}", title, day(n, (2024, 6, 26))
                )
            )
            n += 1
        path = "/var/cards/news" + (f"?page={p + 1}" if p else "")
        cards = "".join(
            f'<div class="col-md-4"><a class="card" href="{it.href}"><img src="/img/{k}.jpg" alt="">'
            f'<div class="card-body"><h3 class="card-title">{esc(it.title)}</h3>'
            f'<p class="meta">{_long(it.date)}</p><p>Short teaser for the story.</p></div></a></div>'
            for k, it in enumerate(items)
        )
        slider = (
            '<div class="hero-slider"><div class="slide"><a href="/var/cards/about/strategy-2030">Our '
            "strategy "
            'for 2030 and beyond explained</a></div><a class="slider-next" href="#">›</a></div>'
        )
        nxt = (
            f'<a href="?page={p + 2}" class="pager-link"><span class="sr-only">Next page</span> ›</a>'
            if p + 1 < len(sizes)
            else ""
        )
        prev = (
            f'<a href="?page={p}" class="pager-link"><span class="sr-only">Previous page</span> ‹</a>'
            if p
            else ""
        )
        related = "".join(
            f'<li><a href="/var/cards/stories/story-{k}-about-materials-research">Story {k} about '
            f"materials research at the institute</a> <small>2024-05-0{k + 1}</small></li>"
            for k in range(5)
        )
        html = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>News</title></head><body>'
            f'{en_header("/var/cards/", "Institute of Marine Science")}{slider}<div class="container"><div '
            'class="row">'
            f'<div class="col-md-9"><h1>News</h1><div class="row">{cards}</div>'
            f'<div class="pager-wrap">{prev} <span>Page {p + 1} of {len(sizes)}</span> {nxt}</div></div>'
            f'<div class="col-md-3"><h2>Related stories</h2><ul>{related}</ul></div></div></div>'
            f"{en_footer('/var/cards/', 'Institute of Marine Science')}</body></html>"
        )
        site.add_html(path, html)
        for it in items:
            site.add_html(it.path, en_article(it.title, it.date, "Institute of Marine Science"))
        pages.append((path, items))
    _chain(site, "var-cards", pages)


def _h3(site: Site) -> None:
    sizes = (10, 10, 4)
    pages, n = [], 0
    for p, size in enumerate(sizes):
        items = []
        for _ in range(size):
            title = en_title(500 + n)
            items.append(
                Item(f"/var/h3/blog/{9000 + n}", f"/var/h3/blog/{9000 + n}", title, day(n, (2024, 3, 30)))
            )
            n += 1
        path = "/var/h3/blog/" + (f"page/{p + 1}/" if p else "")
        entries = "".join(
            f'<h3><a href="{it.href}">{esc(it.title)}</a></h3><p>{esc(it.title)}: what the team found and'
            f' what comes next.</p><span class="date">{_long(it.date)}</span>'
            for it in items
        )
        older = f'<a href="/var/h3/blog/page/{p + 2}/">Older entries</a>' if p + 1 < len(sizes) else ""
        newer = f'<a href="/var/h3/blog/{"" if p == 1 else f"page/{p}/"}">Newer entries</a>' if p else ""
        html = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Blog</title></head><body>'
            f'{en_header("/var/h3/", "Soil Lab")}<div id="content"><div class="entries">{entries}</div>'
            f'<div class="nav-entries">{older} {newer}</div></div>{en_footer("/var/h3/", "Soil Lab")}</body>'
            "</html>"
        )
        site.add_html(path, html)
        for it in items:
            site.add_html(it.path, en_article(it.title, it.date, "Soil Lab"))
        pages.append((path, items))
    _chain(site, "var-h3", pages)


def _idfolder(site: Site) -> None:
    sizes = (14, 14, 9)
    pages, n = [], 777000
    for p, size in enumerate(sizes):
        items = []
        for k in range(size):
            date = day(n + k - 777000, (2024, 6, 27))
            path = f"/var/idf/{date[:4]}/{date[5:7]}{date[8:]}/c1234a{n + k}/index.html"
            items.append(Item(path, path, zh_title(3000 + n + k), date))
        n += size
        path = "/var/idf/list.html" if p == 0 else f"/var/idf/list_{p + 1}.html"
        rows = "".join(
            f'<li><span class="time">{it.date}</span><a href="{it.href}" title="{esc(it.title)}">'
            f"{esc(it.title)}</a></li>"
            for it in items
        )
        nxt = f'<a href="list_{p + 2}.html">[下一页]</a>' if p + 1 < len(sizes) else "<span>[下一页]</span>"
        body = f'<ul class="newslist">{rows}</ul><div class="turnpage">{nxt}</div>'
        site.add_html(
            path,
            site.zh_page(
                title="要闻",
                prefix="/var/idf/",
                site_name="某院",
                column="要闻",
                body=body,
                side_offset=150 + p,
            ),
        )
        for it in items:
            site.add_html(it.path, zh_article(it.title, it.date, "某院"))
        pages.append((path, items))
    _chain(site, "var-idfolder", pages)


def _long(date: str) -> str:
    return dt.date.fromisoformat(date).strftime("%d %B %Y")
