"""The gdasfs-style English section (``/gdasfs/en/News/News/``): UTF-8, ``t<id>.html`` articles, text pager.

Part of the offline demo (``sitekit/demo``): ``build(site, stage)`` renders ``content.sites()["gdasfs"]``.
Modelled on http://www.gdasfs.gd.cn/en/News/News/t32982.html: breadcrumb "News>News", English title, the
Chinese info line ``发布时间:2021年01月15日来源:...`` (labels run together), English body, and an
"(Article by: ...)" line.
The listing pages are index.html, index_2.html, ... linked by a "First/Prev/Next/Last" pager.
"""

from __future__ import annotations

from . import gdasfs_chrome as chrome
from .assets import png
from .bank_en import INSTITUTE
from .model import Article, Site
from .pages import Page, day, esc, html_page


def listing_path(page: int) -> str:
    return chrome.NEWS + ("index.html" if page == 0 else f"index_{page + 1}.html")


def render_listing(site: Site, stage: int, page: int) -> Page | None:
    column = site.columns[0]
    items = site.listing(stage, column.key)
    pages = (len(items) + column.per_page - 1) // column.per_page
    if page >= pages:
        return None
    chunk = items[page * column.per_page : (page + 1) * column.per_page]
    lis = "\n".join(
        f'<li><a href="t{a.uid}.html" target="_blank" title="{esc(a.title)}">{esc(a.title)}</a>'
        f"<span>{day(a)}</span></li>"
        for a in chunk
    )
    first = f'<a href="{listing_path(0).rsplit("/", 1)[1]}">First</a>'
    prev = f'<a href="{listing_path(page - 1).rsplit("/", 1)[1]}">Prev</a>' if page else "<span>Prev</span>"
    nxt = (
        f'<a href="{listing_path(page + 1).rsplit("/", 1)[1]}">Next</a>'
        if page + 1 < pages
        else "<span>Next</span>"
    )
    last = f'<a href="{listing_path(pages - 1).rsplit("/", 1)[1]}">Last</a>'
    pager = (
        f'<div class="page">Total {len(items)} records&nbsp;&nbsp;Page {page + 1}/{pages}&nbsp;&nbsp;'
        f"{first}{prev}{nxt}{last}</div>"
    )
    inner = f'<ul class="news_list">\n{lis}\n</ul>\n{pager}'
    text = chrome.frame(f"News - {INSTITUTE}", f"News of {INSTITUTE}", chrome.side([]), inner)
    return html_page(text, "text/html; charset=utf-8", max(a.last_modified for a in items))


def _body(article: Article) -> str:
    out = []
    for i, paragraph in enumerate(article.paragraphs):
        out.append(f"<p>{esc(paragraph)}</p>")
        for image in (im for im in article.images if im.after == i):
            out.append(
                f'<p style="text-align:center"><img src="{image.path}" alt="" width="640" /></p>'
                f'<p style="text-align:center">{esc(image.caption)}</p>'
            )
    if article.author:
        out.append(f"<p>(Article by: {esc(article.author)})</p>")
    return "".join(out)


def render_article(site: Site, article: Article, stage: int) -> Page:
    newer, older = site.neighbours(article, stage)
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
    published = article.published
    inner = (
        f'<div class="article"><h2 class="title">{esc(article.title)}</h2>\n'
        f'<div class="info"><span>发布时间:{published.year}年{published.month:02d}月'
        f"{published.day:02d}日</span>"
        f"<span>来源:{esc(article.source)}</span></div>\n"
        f'<div class="content" id="content">{_body(article)}</div>\n{attach}'
        '<div class="share">Font size: <a href="#" id="fontBig">A+</a> <a href="#" id="fontSmall">A-</a> | '
        '<a href="javascript:window.print();">Print</a> | <a href="javascript:window.close();">Close</a>'
        f" | Views: {article.views}</div>\n{prevnext}</div>"
    )
    text = chrome.frame(
        article.title, article.paragraphs[0][:150], chrome.side(site.latest(article, stage)), inner
    )
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


def build(site: Site, stage: int) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    page = 0
    while (listing := render_listing(site, stage, page)) is not None:
        pages[listing_path(page)] = listing
        page += 1
    pages[chrome.NEWS] = pages[listing_path(0)]
    for article in site.articles(stage):
        pages[article.path] = render_article(site, article, stage)
    for path, name in chrome.menu_paths().items():
        pages[path] = section_page(path, name)
    pages[f"{chrome.ROOT}/"] = pages[f"{chrome.ROOT}/index.html"] = section_page(f"{chrome.ROOT}/", "Home")
    pages["/gdasfs/cn/"] = section_page("/gdasfs/cn/", "中文网站")
    pages[f"{chrome.ROOT}/css/style.css"] = Page(chrome.CSS.encode(), "text/css", None)
    for name in ("logo", "wechat", "dot", "banner_news", *(f"photo{i}" for i in range(len(chrome.PHOTOS)))):
        pages[f"{chrome.ROOT}/images/{name}.png"] = Page(png(name), "image/png", None)
    return pages
