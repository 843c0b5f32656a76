"""VSB / 博达 column: ``xwzx.htm``, then ``xwzx/3.htm``, ``xwzx/2.htm``, ``xwzx/1.htm`` (page numbers count
down); articles ``/vsb/info/1033/<id>.htm``; the ``p_pages`` pager with ``下页``/``尾页`` (CMS-PATTERNS.md 2).
"""

from __future__ import annotations

from sitekit.cms.portal import zh_article
from sitekit.model import Item
from sitekit.pages import esc

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, zh_title

SIZES = (12, 12, 12, 9)
SITE_NAME = "广东工业大学新闻网"


def page_path(p: int) -> str:
    """Path of 0-based page p: page 0 is xwzx.htm, page p >= 1 is xwzx/{T-p}.htm."""
    return "/vsb/xwzx.htm" if p == 0 else f"/vsb/xwzx/{len(SIZES) - p}.htm"


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
        rows = "".join(
            f'<li id="line_u8_{k}"><a href="{esc(it.href)}" target="_blank" title="{esc(it.title)}">'
            f"{esc(it.title)}</a><span>{it.date}</span></li>"
            for k, it in enumerate(items)
        )
        body = (
            f'<div class="list"><ul>{rows}</ul></div>'
            '<div class="pb_sys_common pb_sys_normal pb_sys_style1">'
            f'<span class="p_t">共{sum(SIZES)}条</span>'
            f'<span class="p_pages">{_pager(p, total)}</span><span class="p_t">{p + 1}/{total}</span></div>'
        )
        path = page_path(p)
        html = site.zh_page(
            title="学校要闻",
            prefix="/vsb/",
            site_name=SITE_NAME,
            column="学校要闻",
            body=body,
            head='<script type="text/javascript" src="/system/resource/js/vsbscreen.min.js"></script>',
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


def _href(current: int, target: int) -> str:
    """Relative href from page ``current`` to page ``target`` (both 0-based)."""
    path = page_path(target)
    if current == 0:
        return path[len("/vsb/") :]
    return "../xwzx.htm" if target == 0 else path.rsplit("/", 1)[1]


def _pager(p: int, total: int) -> str:
    parts = []
    if p == 0:
        parts.append('<span class="p_first_d p_fun_d">首页</span><span class="p_prev_d p_fun_d">上页</span>')
    else:
        parts.append(
            f'<span class="p_first p_fun"><a href="{_href(p, 0)}">首页</a></span>'
            f'<span class="p_prev p_fun"><a href="{_href(p, p - 1)}">上页</a></span>'
        )
    for q in range(total):
        if q == p:
            parts.append(f'<span class="p_no_d">{q + 1}</span>')
        else:
            parts.append(f'<span class="p_no"><a href="{_href(p, q)}">{q + 1}</a></span>')
    if p == total - 1:
        parts.append('<span class="p_next_d p_fun_d">下页</span><span class="p_last_d p_fun_d">尾页</span>')
    else:
        parts.append(
            f'<span class="p_next p_fun"><a href="{_href(p, p + 1)}">下页</a></span>'
            f'<span class="p_last p_fun"><a href="{_href(p, total - 1)}">尾页</a></span>'
        )
    return "".join(parts)
