"""The gdasfs-style renderer: English sections of Chinese institutes (``/gdasfs/en/News/News/``), UTF-8,
``t<id>.html`` articles, a text pager.

Renders ``sitekit.model`` content in the institute's template (``gdasfs_chrome``). Used by the demo and, for
its info line and pager, the multi-CMS test site. Modelled on
http://www.gdasfs.gd.cn/en/News/News/t32982.html: breadcrumb "News>News", English title, the Chinese info
line ``发布时间:2021年01月15日来源:...`` (labels run together), English body, an "(Article by: ...)" line.
The listing pages are index.html, index_2.html, ... linked by a "First/Prev/Next/Last" pager.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from newsarchive.sitekit.assets import png
from newsarchive.sitekit.model import Article, Column, Image, Item
from newsarchive.sitekit.pages import Page, day, esc, html_page, interleave

from . import gdasfs_chrome as chrome
from .gdasfs_chrome import INSTITUTE


def listing_path(page: int) -> str:
    return chrome.NEWS + ("index.html" if page == 0 else f"index_{page + 1}.html")


def news_list(items: Sequence[Item]) -> str:
    """The list of a listing page: title links (relative ``t<id>.html``) and dates."""
    rows = "\n".join(
        f'<li><a href="{it.href}" target="_blank" title="{esc(it.title)}">{esc(it.title)}</a>'
        f"<span>{it.date}</span></li>"
        for it in items
    )
    return f'<ul class="news_list">\n{rows}\n</ul>'


def pager(page: int, pages: int, records: int) -> str:
    """ "Total N records  Page i/n  First Prev Next Last", relative links; Prev/Next as text at the ends."""
    first = f'<a href="{listing_path(0).rsplit("/", 1)[1]}">First</a>'
    prev = f'<a href="{listing_path(page - 1).rsplit("/", 1)[1]}">Prev</a>' if page else "<span>Prev</span>"
    nxt = (
        f'<a href="{listing_path(page + 1).rsplit("/", 1)[1]}">Next</a>'
        if page + 1 < pages
        else "<span>Next</span>"
    )
    last = f'<a href="{listing_path(pages - 1).rsplit("/", 1)[1]}">Last</a>'
    return (
        f'<div class="page">Total {records} records&nbsp;&nbsp;Page {page + 1}/{pages}&nbsp;&nbsp;'
        f"{first}{prev}{nxt}{last}</div>"
    )


def numbered_pager(page: int, pages: int) -> str:
    """The other pager of such sections: every page number (``span.current``), then "Next >"."""

    def name(number: int) -> str:
        return listing_path(number).rsplit("/", 1)[1]

    numbers = " ".join(
        f'<span class="current">{q + 1}</span>' if q == page else f'<a href="{name(q)}">{q + 1}</a>'
        for q in range(pages)
    )
    nxt = f' <a href="{name(page + 1)}">Next &gt;</a>' if page + 1 < pages else ""
    return f'<div class="pages">{numbers}{nxt}</div>'


def info_line(published: dt.date, source: str) -> str:
    """The Chinese info line of the English pages: ``发布时间:2021年01月15日来源:...`` (no space between)."""
    return (
        f"<span>发布时间:{published.year}年{published.month:02d}月{published.day:02d}日</span>"
        f"<span>来源:{esc(source)}</span>"
    )


def render_listing(column: Column, items: Sequence[Article], page: int) -> Page | None:
    """Page ``page`` (0-based) of the column listing ``items`` newest first; None past the last page."""
    pages = (len(items) + column.per_page - 1) // column.per_page
    if page >= pages:
        return None
    chunk = items[page * column.per_page : (page + 1) * column.per_page]
    rows = [Item(a.path, f"t{a.uid}.html", a.title, day(a)) for a in chunk]
    inner = f"{news_list(rows)}\n{pager(page, pages, len(items))}"
    text = chrome.frame(f"News - {INSTITUTE}", f"News of {INSTITUTE}", chrome.side([]), inner)
    return html_page(text, "text/html; charset=utf-8", max(a.last_modified for a in items))


def _image(image: Image) -> str:
    return (
        f'<p style="text-align:center"><img src="{image.path}" alt="" width="640" /></p>'
        f'<p style="text-align:center">{esc(image.caption)}</p>'
    )


def _body(article: Article) -> str:
    byline = f"<p>(Article by: {esc(article.author)})</p>" if article.author else ""
    return interleave(article, lambda text: f"<p>{esc(text)}</p>", _image) + byline


def render_article(
    article: Article, *, newer: Article | None, older: Article | None, latest: Sequence[Article]
) -> Page:
    """An article with Previous (``newer``) / Next (``older``) links and a "Latest News" box."""
    links = "".join(
        f'<li><a href="{a.path}" target="_blank">{esc(a.text)}</a></li>' for a in article.attachments
    )
    attach = f'<div class="attach">Attachment:<ul>{links}</ul></div>' if links else ""
    prevnext = (
        '<div class="prevnext">'
        + (
            f'<p>Previous: <a href="t{newer.uid}.html">{esc(newer.title)}</a></p>'
            if newer
            else "<p>Previous: None</p>"
        )
        + (
            f'<p>Next: <a href="t{older.uid}.html">{esc(older.title)}</a></p>'
            if older
            else "<p>Next: None</p>"
        )
        + "</div>"
    )
    inner = (
        f'<div class="article"><h2 class="title">{esc(article.title)}</h2>\n'
        f'<div class="info">{info_line(article.published, article.source)}</div>\n'
        f'<div class="content" id="content">{_body(article)}</div>\n{attach}'
        '<div class="share">Font size: <a href="#" id="fontBig">A+</a> <a href="#" id="fontSmall">A-</a> | '
        '<a href="javascript:window.print();">Print</a> | <a href="javascript:window.close();">Close</a>'
        f" | Views: {article.views}</div>\n{prevnext}</div>"
    )
    text = chrome.frame(article.title, article.paragraphs[0][:150], chrome.side(latest), inner)
    return html_page(text, "text/html; charset=utf-8", article.last_modified)


def section_page(path: str, name: str) -> Page:
    inner = (
        f'<div class="article"><h2 class="title">{esc(name)}</h2><div class="content"><p>{esc(INSTITUTE)} '
        "was founded in 2016 by the Lingnan Academy of Sciences and the Jiangmen Municipal People's "
        "Government. "
        "It focuses on industrial technology research, achievement transformation and enterprise "
        "incubation.</p>"
        "<p>This page is being updated.</p></div></div>"
    )
    return html_page(
        chrome.frame(f"{name} - {INSTITUTE}", name, chrome.side([]), inner), "text/html; charset=utf-8", None
    )


def template_pages() -> dict[str, Page]:
    """The pages the template links to that hold no news: menu sections, home, style sheet, images."""
    pages = {path: section_page(path, name) for path, name in chrome.menu_paths().items()}
    pages[f"{chrome.ROOT}/"] = pages[f"{chrome.ROOT}/index.html"] = section_page(f"{chrome.ROOT}/", "Home")
    pages["/gdasfs/cn/"] = section_page("/gdasfs/cn/", "中文网站")
    pages[f"{chrome.ROOT}/css/style.css"] = Page(chrome.CSS.encode(), "text/css", None)
    for name in ("logo", "wechat", "dot", "banner_news", *(f"photo{i}" for i in range(len(chrome.PHOTOS)))):
        pages[f"{chrome.ROOT}/images/{name}.png"] = Page(png(name), "image/png", None)
    return pages
