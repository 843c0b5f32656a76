"""Negative cases listing parsers meet on institute sites, each a family of its own under ``/neg/``:

fragment pager (``#page=2``), ``javascript:void(0)`` + ``onclick="toPage(2)"`` pager, PDF/DOC items,
a commented-out list (items injected by AJAX), a mega menu bigger than the list, a 412 answer with a tiny
JS body (瑞数), a 521 with ``Set-Cookie: __jsluid_h=...`` (加速乐), a 200 cookie-and-reload challenge, a 405
telecom-cloud WAF page.
"""

from __future__ import annotations

from newsarchive.sitekit.cms.portal import li_rows, zh_article
from newsarchive.sitekit.model import Item
from newsarchive.sitekit.pages import esc
from newsarchive.sitekit.server import Response

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, zh_title

NAME = "某省科学院"


def build(site: Site) -> None:
    site.prefixes.append("/neg/")
    _pseudo_pager(
        site, "fragment", '<a href="#page=2">2</a> <a href="#page=3">3</a> <a href="#page=2">下一页</a>'
    )
    _pseudo_pager(
        site,
        "jsvoid",
        '<a href="javascript:void(0)" onclick="toPage(2)">2</a> '
        '<a href="javascript:void(0);" onclick="toPage(2)">下一页</a>',
    )
    _documents(site)
    _commented(site)
    _bigmenu(site)
    _blocked(site)


def _items(folder: str, first: int, count: int) -> list[Item]:
    out = []
    for k in range(count):
        date = day(first + k - 3000, (2024, 5, 31))
        ym = date[:7].replace("-", "")
        name = f"t{date.replace('-', '')}_{first + k}.html"
        out.append(Item(f"{folder}{ym}/{name}", f"{ym}/{name}", zh_title(first + k), date))
    return out


def _serve(site: Site, path: str, body: str, items: list[Item], offset: int) -> None:
    site.add_html(
        path,
        site.zh_page(
            title="工作动态",
            prefix="/neg/",
            site_name=NAME,
            column="工作动态",
            body=body,
            side_offset=offset,
        ),
    )
    for it in items:
        site.add_html(it.path, zh_article(it.title, it.date, NAME))


def _one_page(
    family: str,
    path: str,
    items: list[Item],
    warnings: tuple[str, ...] = (),
    cms: str | None = "trs",
    documents: tuple[str, ...] = (),
) -> FamilyTruth:
    return FamilyTruth(
        family,
        cms,
        path,
        (
            PageTruth(
                PageSpec(path),
                tuple(it.path for it in items if it.kind == "article"),
                documents=documents,
                rows=tuple((it.path, it.date, it.title) for it in items),
                warnings=warnings,
            ),
        ),
        kind="negative",
    )


def _pseudo_pager(site: Site, name: str, pager: str) -> None:
    folder = f"/neg/{name}/"
    items = _items(folder, 3000 + 20 * len(name), 12)
    body = f'<div class="list"><ul>{li_rows(items)}</ul></div><div class="page">{pager}</div>'
    _serve(site, f"{folder}index.html", body, items, 100 + len(name))
    site.truth(_one_page(f"neg-{name}", f"{folder}index.html", items, ("pager-unfollowable",), cms="trs"))


def _documents(site: Site) -> None:
    folder = "/neg/pdf/"
    exts = ("pdf", "pdf", "docx", "pdf", "xls", "pdf", "ofd", "pdf", "doc", "pdf")
    items = []
    for k, ext in enumerate(exts):
        date = day(k, (2024, 4, 30))
        path = f"{folder}files/P0202404{30 - k:02d}_{k + 1}.{ext}"
        items.append(
            Item(
                path,
                f"files/P0202404{30 - k:02d}_{k + 1}.{ext}",
                f"关于公布{2024 - k % 3}年度{zh_title(k)[-10:]}结果的公示（附件{k + 1}）",
                date,
                "document",
            )
        )
        site.add(
            path,
            Response(
                200,
                b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                "application/pdf",
            ),
        )
    rows = "".join(
        f'<tr><td><a href="{it.href}" title="{esc(it.title)}">{esc(it.title)}</a></td>'
        f'<td><a href="{it.href}" class="download">下载</a></td><td>{it.date}</td></tr>'
        for it in items
    )
    body = f'<table class="gs-list">{rows}</table><div class="page"><span>共1页</span></div>'
    _serve(site, f"{folder}index.html", body, [], 110)
    site.truth(
        _one_page(
            "neg-pdf", f"{folder}index.html", items, cms="generic", documents=tuple(it.path for it in items)
        )
    )


def _commented(site: Site) -> None:
    folder = "/neg/comment/"
    items = _items(folder, 3400, 10)
    pager = '<div class="page"><a href="index_1.html">下一页</a></div>'
    hidden = f'<!--<ul class="list">{li_rows(items)}</ul>{pager}-->'
    body = (
        f'<div class="list-box" id="newsList">{hidden}<div id="ajaxList"></div></div>'
        '<script>$("#ajaxList").load("/neg/comment/ajax/list.jsp?columnId=88");</script>'
    )
    _serve(site, f"{folder}index.html", body, [], 120)
    site.truth(
        FamilyTruth(
            "neg-comment",
            None,
            f"{folder}index.html",
            (PageTruth(PageSpec(f"{folder}index.html"), warnings=("list-in-comment-ignored",)),),
            kind="negative",
        )
    )


def _bigmenu(site: Site) -> None:
    """A mega menu (80 links, some with long article-like titles) around a 12-item list, two pages."""
    folder = "/neg/bigmenu/"
    menu_items = []
    for k in range(80):
        if k % 4 == 0:  # headline teasers inside the drop-down, article-shaped but undated
            ym = "202405"
            menu_items.append(
                f'<li><a href="/neg/bigmenu/zt/{ym}/t20240501_{8000 + k}.html">{zh_title(600 + k)}</a></li>'
            )
        else:
            menu_items.append(f'<li><a href="/neg/bigmenu/col{k}/index.html">栏目{k}</a></li>')
    menu = f'<div class="megamenu"><ul class="nav_drop">{"".join(menu_items)}</ul></div>'
    pages = []
    for p, size in enumerate((12, 9)):
        items = _items(folder, 3600 + 12 * p, size)
        path = f"{folder}index.html" if p == 0 else f"{folder}index_{p}.html"
        pager = '<a href="index_1.html">下一页</a>' if p == 0 else "<span>下一页</span>"
        body = f'{menu}<div class="list"><ul>{li_rows(items)}</ul></div><div class="page">{pager}</div>'
        _serve(site, path, body, items, 130 + p)
        pages.append((path, items))
    truths = [
        PageTruth(
            PageSpec(path),
            tuple(it.path for it in items),
            next=PageSpec(pages[1][0]) if i == 0 else None,
            rows=tuple((it.path, it.date, it.title) for it in items),
        )
        for i, (path, items) in enumerate(pages)
    ]
    site.truth(FamilyTruth("neg-bigmenu", "trs", pages[0][0], tuple(truths), kind="negative"))


def _blocked(site: Site) -> None:
    rs = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><script '
        b'type="text/javascript"'
        b' r="m">$_ts=window[\'$_ts\'];if(!$_ts)$_ts={};$_ts.nsd=12345;$_ts.cd="qEqrrrAlEcqqE";</script>'
        b'<script type="text/javascript" charset="utf-8" src="/4QbVtADbnLVIc/c.FxJzG50F.dfe1675.js" '
        b'r="m"></script>'
        b"</head><body></body></html>"
    )
    site.add("/neg/412/index.html", Response(412, rs, "text/html", etag=False))
    jsl = (
        b"<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')"
        b"+('a')+('n')+('c')+('e')+('=1719561600.123|0|abc')+';Expires=Fri, 28-Jun-24 09:00:00 GMT;Path=/;';"
        b"location.href=location.pathname+location.search</script></body></html>"
    )
    site.add(
        "/neg/521/index.html",
        Response(
            521,
            jsl,
            "text/html",
            etag=False,
            headers=[("Set-Cookie", "__jsluid_h=0123456789abcdef; max-age=31536000; path=/; HttpOnly")],
        ),
    )
    reload_page = (
        b"<html><head><script>var x='9f8e7d';document.cookie='acw_sc__v2='+x+';path=/';"
        b"setTimeout(function(){location.reload()},50);</script></head><body></body></html>"
    )
    site.add("/neg/challenge/index.html", Response(200, reload_page, "text/html"))
    waf = (
        "<html><head><title>405</title></head><body><h1>抱歉，您的访问被电信云防护拦截</h1>"
        "<p>请求ID：a1b2c3。如有疑问请联系网站管理员。</p></body></html>"
    ).encode()
    site.add("/neg/waf/index.html", Response(405, waf, "text/html; charset=utf-8", etag=False))
    for family, path, code in (
        ("neg-412", "/neg/412/index.html", "challenge-412"),
        ("neg-521", "/neg/521/index.html", "challenge-521"),
        ("neg-challenge", "/neg/challenge/index.html", "challenge-200"),
        ("neg-waf", "/neg/waf/index.html", "waf-405"),
    ):
        site.truth(
            FamilyTruth(family, None, path, (PageTruth(PageSpec(path), blocked=code),), kind="negative")
        )
