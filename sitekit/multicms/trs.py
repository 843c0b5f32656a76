"""TRS WCM columns: old 0-based ``createPageHTML`` (GBK), the inline ``var countPage`` pager (GBK), the new
1-based ``createPageHTML('page_div', ...)`` signature with ``list.shtml`` pages (CMS-PATTERNS.md 3.1, 12.1-2).
"""

from __future__ import annotations

from .chrome import zh_article, zh_page
from .common import FamilyTruth, Item, PageSpec, PageTruth, Site, day, esc, zh_title

SITE_NAME = "广东省科学院"


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
        site.add_html(
            it.path,
            zh_article(it.title, it.date, source).replace('charset="utf-8"', f'charset="{encoding}"'),
            encoding,
        )


def _truth(
    family: str, start: str, pages: list[tuple[str, list[Item]]], encoding: str, cms: str = "trs"
) -> FamilyTruth:
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
    return FamilyTruth(family, cms, start, tuple(out), encoding)


def _old_signature(site: Site) -> None:
    folder = "/trs-old/xwzx/"
    sizes = (15, 15, 8)
    pages: list[tuple[str, list[Item]]] = []
    first = 10000
    for p, size in enumerate(sizes):
        items = trs_items(folder, first, size, "html", first - 10000)
        first += size
        path = f"{folder}index.html" if p == 0 else f"{folder}index_{p}.html"
        rows = "".join(
            f'<li><a href="{esc(it.href)}" title="{esc(it.title)}" target="_blank">'
            f"{esc(it.title[:18])}...</a><span>{it.date}</span></li>"
            for it in items
        )
        body = (
            f'<div class="list-box"><ul class="list">{rows}</ul>'
            f'<div class="page"><script type="text/javascript">createPageHTML({len(sizes)}, {p}, "index", '
            f'"html");</script></div></div>'
        )
        head = '<script src="/trs-old/js/page.js"></script>'
        site.add_html(
            path,
            zh_page(
                title="新闻中心",
                prefix="/trs-old/",
                site_name=SITE_NAME,
                column="新闻中心",
                body=body,
                site=site,
                encoding="gbk",
                head=head,
                side_offset=p,
            ),
            "gbk",
        )
        serve_articles(site, items, "gbk", SITE_NAME)
        pages.append((path, items))
    # a long article split in two parts: the article pager uses the same script, it is not a listing pager
    lead = pages[0][1][0]
    part2 = lead.path.replace(".html", "_1.html")
    extra = (
        f'<div id="page_div"><script>createPageHTML(2, 0, "{lead.path.rsplit("/", 1)[1][:-5]}", "html");'
        f"</script></div>"
    )
    site.add_html(
        lead.path,
        zh_article(lead.title, lead.date, SITE_NAME, extra).replace('charset="utf-8"', 'charset="gbk"'),
        "gbk",
    )
    site.add_html(
        part2,
        zh_article(lead.title + "（二）", lead.date, SITE_NAME).replace('charset="utf-8"', 'charset="gbk"'),
        "gbk",
    )
    site.truth(_truth("trs-old", f"{folder}index.html", pages, "gbk"))


def _inline_vars(site: Site) -> None:
    folder = "/trs-inline/tzgg/"
    sizes = (12, 12, 6)
    pages: list[tuple[str, list[Item]]] = []
    first = 20000
    for p, size in enumerate(sizes):
        items = trs_items(folder, first, size, "html", 2 * (first - 20000) + 1)
        first += size
        path = f"{folder}index.html" if p == 0 else f"{folder}index_{p}.html"
        rows = "".join(
            f'<tr><td class="bt"><a href="{esc(it.href)}" target="_blank">{esc(it.title)}</a></td>'
            f'<td class="sj">[{it.date}]</td></tr>'
            for it in items
        )
        script = (
            f'<script language="JavaScript">\nvar currentPage = {p};//所在页从0开始\n'
            f"var prevPage = currentPage-1//上一页\nvar nextPage = currentPage+1//下一页\n"
            f"var countPage = {len(sizes)}//共多少页\n"
            'document.write("共"+countPage+"页&nbsp;&nbsp;");\n'
            "if(countPage>1&&currentPage!=0&&currentPage!=1)\n"
            '  document.write("<a href=\\"index.html\\">首页</a>&nbsp;<a '
            'href=\\"index"+"_"+prevPage+".html\\">'
            '上一页</a>&nbsp;");\n'
            "if(countPage>1&&currentPage!=(countPage-1))\n"
            '  document.write("<a href=\\"index"+"_"+nextPage+".html\\">下一页</a>&nbsp;");\n'
            "</script>"
        )
        body = f'<table class="news-list" width="100%">{rows}</table><div class="fenye">{script}</div>'
        site.add_html(
            path,
            zh_page(
                title="通知公告",
                prefix="/trs-inline/",
                site_name=SITE_NAME,
                column="通知公告",
                body=body,
                site=site,
                encoding="gbk",
                side_offset=10 + p,
            ),
            "gbk",
            header_charset=False,
        )
        serve_articles(site, items, "gbk", SITE_NAME)
        pages.append((path, items))
    site.truth(_truth("trs-inline", f"{folder}index.html", pages, "gbk"))


def _new_signature(site: Site) -> None:
    folder = "/trs-new/zxdt/"
    sizes = (14, 14, 10)
    pages: list[tuple[str, list[Item]]] = []
    first = 5001
    for p, size in enumerate(sizes):
        items = trs_items(folder, first, size, "shtml", 3 * (first - 5001) + 2)
        first += size
        path = f"{folder}list.shtml" if p == 0 else f"{folder}list_{p + 1}.shtml"
        rows = "".join(
            f'<li><em>{it.date}</em><a href="{esc(it.href)}" title="{esc(it.title)}">{esc(it.title)}</a></li>'
            for it in items
        )
        body = (
            f'<div class="xlist"><ul>{rows}</ul></div><div class="page_div" id="page_div"></div>'
            f"<script>createPageHTML('page_div',{len(sizes)}, {p + 1},'list','shtml',{sum(sizes)});</script>"
        )
        site.add_html(
            path,
            zh_page(
                title="最新动态",
                prefix="/trs-new/",
                site_name="中国科学院广州分院",
                column="最新动态",
                body=body,
                site=site,
                side_offset=20 + p,
            ),
        )
        serve_articles(site, items, "utf-8", "中国科学院广州分院")
        pages.append((path, items))
    site.truth(_truth("trs-new", f"{folder}list.shtml", pages, "utf-8"))
