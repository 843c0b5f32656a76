"""A VSB / 博达 column rendered by ``sitekit.cms.vsb``: ``xwzx.htm``, then ``xwzx/3.htm``, ``xwzx/2.htm``,
``xwzx/1.htm`` (page numbers count down); articles ``/vsb/info/1033/<id>.htm``; the ``p_pages`` pager with
``下页``/``尾页``.
"""

from __future__ import annotations

from newsarchive.sitekit.cms import vsb
from newsarchive.sitekit.cms.portal import zh_article
from newsarchive.sitekit.model import Item

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, zh_title

SIZES = (12, 12, 12, 9)
SITE_NAME = "广东工业大学新闻网"
COLUMN = "/vsb/xwzx"


def page_path(p: int) -> str:
    return vsb.page_path(COLUMN, p, len(SIZES))


def build(site: Site) -> None:
    site.prefixes.append("/vsb/")
    total = len(SIZES)
    pages = []
    first = 1645
    for p, size in enumerate(SIZES):
        up = "" if p == 0 else "../"
        items = []
        for k in range(size):
            n = first + k
            path = f"/vsb/info/1033/{n}.htm"
            items.append(
                Item(path, f"{up}info/1033/{n}.htm", zh_title(700 + n), day(n - 1645, (2024, 6, 20)))
            )
        first += size
        body = vsb.listing(COLUMN, items, p, total, sum(SIZES))
        path = page_path(p)
        html = site.zh_page(
            title="学校要闻",
            prefix="/vsb/",
            site_name=SITE_NAME,
            column="学校要闻",
            body=body,
            head=vsb.HEAD,
            side_offset=60 + p,
        )
        site.add_html(path, html)
        for it in items:
            site.add_html(it.path, zh_article(it.title, it.date, SITE_NAME))
        pages.append((path, items))
    truths = []
    for i, (path, items) in enumerate(pages):
        nxt = PageSpec(pages[i + 1][0]) if i + 1 < len(pages) else None
        truths.append(
            PageTruth(
                PageSpec(path),
                tuple(it.path for it in items),
                next=nxt,
                rows=tuple((it.path, it.date, it.title) for it in items),
            )
        )
    site.truth(FamilyTruth("vsb", "vsb", page_path(0), tuple(truths)))
