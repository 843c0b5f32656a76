"""The VSB / 博达 renderer: a column at ``<column>.htm``, its older pages at ``<column>/<n>.htm`` with ``n``
counting down (``xwzx/3.htm``, ``xwzx/2.htm``, ``xwzx/1.htm``), articles at ``info/<column id>/<id>.htm``,
and the ``pb_sys_common`` pager (``p_pages`` with 首页/上页/numbers/下页/尾页, links relative to the page).

Used by the multi-CMS test site. Pages are numbered 0-based here, as they are shown (page 0 is the column).
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from newsarchive.sitekit.model import Item
from newsarchive.sitekit.pages import esc


def page_path(column: str, page: int, pages: int) -> str:
    """Path of page ``page`` of ``pages`` of the column at ``column`` (e.g. "/vsb/xwzx")."""
    return f"{column}.htm" if page == 0 else f"{column}/{pages - page}.htm"


def _href(column: str, current: int, target: int, pages: int) -> str:
    """The link from page ``current`` to page ``target``, relative, as VSB writes it."""
    here = posixpath.dirname(page_path(column, current, pages))
    return posixpath.relpath(page_path(column, target, pages), here)


def _pager_links(column: str, page: int, pages: int) -> str:
    parts = []
    if page == 0:
        parts.append('<span class="p_first_d p_fun_d">首页</span><span class="p_prev_d p_fun_d">上页</span>')
    else:
        parts.append(
            f'<span class="p_first p_fun"><a href="{_href(column, page, 0, pages)}">首页</a></span>'
            f'<span class="p_prev p_fun"><a href="{_href(column, page, page - 1, pages)}">上页</a></span>'
        )
    for q in range(pages):
        if q == page:
            parts.append(f'<span class="p_no_d">{q + 1}</span>')
        else:
            parts.append(f'<span class="p_no"><a href="{_href(column, page, q, pages)}">{q + 1}</a></span>')
    if page == pages - 1:
        parts.append('<span class="p_next_d p_fun_d">下页</span><span class="p_last_d p_fun_d">尾页</span>')
    else:
        parts.append(
            f'<span class="p_next p_fun"><a href="{_href(column, page, page + 1, pages)}">下页</a></span>'
            f'<span class="p_last p_fun"><a href="{_href(column, page, pages - 1, pages)}">尾页</a></span>'
        )
    return "".join(parts)


def listing(column: str, items: Sequence[Item], page: int, pages: int, records: int) -> str:
    """The list (``li id="line_u8_N"`` rows with dates) and the pager of page ``page`` of the column."""
    rows = "".join(
        f'<li id="line_u8_{k}"><a href="{esc(it.href)}" target="_blank" title="{esc(it.title)}">'
        f"{esc(it.title)}</a><span>{it.date}</span></li>"
        for k, it in enumerate(items)
    )
    return (
        f'<div class="list"><ul>{rows}</ul></div>'
        '<div class="pb_sys_common pb_sys_normal pb_sys_style1">'
        f'<span class="p_t">共{records}条</span>'
        f'<span class="p_pages">{_pager_links(column, page, pages)}</span>'
        f'<span class="p_t">{page + 1}/{pages}</span></div>'
    )


HEAD = '<script type="text/javascript" src="/system/resource/js/vsbscreen.min.js"></script>'
