"""Hanweb / 大汉 JCMS columns: items in a ``<datastore>`` XML island, more pages from ``dataproxy.jsp``.

Two columns (CMS-PATTERNS.md 3.2, 12.3): col123 (GBK page, ``nextgroup`` href -> GET ``page=N``) and col456
(UTF-8, ``param_<unitid>`` object -> POST ``startrecord/endrecord/perpage``). Both go through the one
``/module/web/jpage/dataproxy.jsp`` endpoint, which answers XML with ``totalrecord``/``totalpage``.
"""

from __future__ import annotations

from urllib.parse import quote

from sitekit.cms.portal import zh_article
from sitekit.model import Item
from sitekit.pages import esc
from sitekit.server import Request, Response

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, zh_title

DATAPROXY = "/module/web/jpage/dataproxy.jsp"
PER_PAGE = 5  # jpage screen size; one group = 3 screens
GROUP = 3 * PER_PAGE
WEBNAME = "广东省生态环境与土壤研究所"
COLUMNS = {
    "123": ("4001", 38, "gbk"),
    "456": ("4002", 40, "utf-8"),
}  # columnid -> (unitid, records, page charset)


def items_of(column: str) -> list[Item]:
    _, total, _ = COLUMNS[column]
    out = []
    for k in range(total):
        n = int(column) * 100 + k
        date = day(k + int(column) % 7)
        y, m, d = (int(x) for x in date.split("-"))
        path = f"/hanweb/art/{y}/{m}/{d}/art_{column}_{700000 + n}.html"
        out.append(Item(path, path, zh_title(n), date))
    return out


def record(it: Item) -> str:
    return (
        f"<record><![CDATA[<li><a href='{it.href}' title='{esc(it.title)}' target='_blank'>"
        f"{esc(it.title)}</a>"
        f"<span class='bt-data-time'>{it.date}</span></li>]]></record>"
    )


def nextgroup_href(column: str, page: int) -> str:
    unitid = COLUMNS[column][0]
    return (
        f"{DATAPROXY}?page={page}&appid=1&webid=1&path=/&columnid={column}&unitid={unitid}"
        f"&webname={quote(WEBNAME)}&permissiontype=0"
    )


def build(site: Site) -> None:
    site.prefixes.extend(["/hanweb/", "/module/web/jpage/"])
    site.route(DATAPROXY, dataproxy)
    for column in COLUMNS:
        for it in items_of(column):
            site.add_html(it.path, zh_article(it.title, it.date, WEBNAME))
    _get_column(site)
    _post_column(site)


def _column_page(site: Site, column: str, island: str, script: str) -> str:
    unitid, _total, encoding = COLUMNS[column]
    body = (
        f'<div class="list-wrap"><div id="{unitid}"><script type="text/xml">{island}</script></div>'
        f"{script}</div>"
    )
    return site.zh_page(
        title=WEBNAME,
        prefix="/hanweb/",
        site_name=WEBNAME,
        column="工作动态",
        body=body,
        encoding=encoding,
        side_offset=40 + int(column) % 10,
    )


def _get_column(site: Site) -> None:
    column = "123"
    unitid, total, _ = COLUMNS[column]
    items = items_of(column)
    island = (
        f'<datastore><nextgroup><![CDATA[<a href="{nextgroup_href(column, 1)}"></a>]]></nextgroup>'
        f"<recordset>{''.join(record(it) for it in items[:GROUP])}</recordset></datastore>"
    )
    script = (
        f"<script>$('#{unitid}').jpage({{dataStore: dataStore, totalRecord:{total}, perPage:{PER_PAGE}, "
        f"barPosition:'bottom', groupSize:3, ajaxParam:{{}}}});</script>"
    )
    site.add_html(
        f"/hanweb/col/col{column}/index.html",
        _column_page(site, column, island, script),
        "gbk",
        header_charset=False,
    )
    pages = [
        PageTruth(
            PageSpec(f"/hanweb/col/col{column}/index.html"),
            _paths(items[:GROUP]),
            next=PageSpec(nextgroup_href(column, 2)),
            rows=_rows(items[:GROUP]),
        )
    ]
    groups = -(-total // GROUP)
    for g in range(2, groups + 1):
        chunk = items[(g - 1) * GROUP : g * GROUP]
        nxt = PageSpec(nextgroup_href(column, g + 1)) if g < groups else None
        pages.append(
            PageTruth(PageSpec(nextgroup_href(column, g)), _paths(chunk), next=nxt, rows=_rows(chunk))
        )
    site.truth(FamilyTruth("hanweb", "hanweb", f"/hanweb/col/col{column}/index.html", tuple(pages), "gbk"))


def _post_column(site: Site) -> None:
    column = "456"
    unitid, total, _ = COLUMNS[column]
    items = items_of(column)
    island = f"<datastore><recordset>{''.join(record(it) for it in items[:GROUP])}</recordset></datastore>"
    script = (
        f"<script type=\"text/javascript\">var param_{unitid} = {{col:1, appid:1, webid:1, path:'/', "
        f"columnid:{column}, sourceContentType:1, unitid:'{unitid}', webname:'{WEBNAME}', "
        f"permissiontype:0}};\n$('#{unitid}').jpage({{dataStore: dataStore, totalRecord:{total}, "
        f"perPage:{PER_PAGE}, proxyUrl:'{DATAPROXY}', ajaxParam: param_{unitid}}});</script>"
    )
    column_path = f"/hanweb/col/col{column}/index.html"
    site.add_html(column_path, _column_page(site, column, island, script))
    form = (
        ("col", "1"),
        ("appid", "1"),
        ("webid", "1"),
        ("path", "/"),
        ("columnid", column),
        ("sourceContentType", "1"),
        ("unitid", unitid),
        ("webname", WEBNAME),
        ("permissiontype", "0"),
    )
    pages = []
    start = 1
    request = PageSpec(column_path)
    while start <= total:
        end = start + GROUP - 1
        chunk = items[start - 1 : end]
        nstart = end + 1
        nxt = (
            PageSpec(
                f"{DATAPROXY}?startrecord={nstart}&endrecord={nstart + GROUP - 1}&perpage={PER_PAGE}",
                "POST",
                form,
            )
            if nstart <= total
            else None
        )
        pages.append(
            PageTruth(
                request,
                _paths(chunk),
                next=nxt,
                rows=_rows(chunk),
                referer=column_path if request.method == "POST" else None,
            )
        )
        request = nxt or request
        start = nstart
    site.truth(FamilyTruth("hanweb-post", "hanweb", column_path, tuple(pages), "utf-8"))


def dataproxy(request: Request) -> Response:
    """The jpage endpoint: GET ``page=N`` (groups of 15) or POST ``startrecord..endrecord`` (any range)."""
    params = request.params()
    column = params.get("columnid", "")
    if column not in COLUMNS:
        return Response(
            200,
            b'<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>0</totalrecord>'
            b"<recordset></recordset></datastore>",
            "text/xml; charset=UTF-8",
        )
    items = items_of(column)
    total = len(items)
    if request.method == "POST" or "startrecord" in params:
        start = int(params.get("startrecord", "1"))
        end = int(params.get("endrecord", str(start + GROUP - 1)))
        chunk = items[start - 1 : end]
        nextgroup = ""
    else:
        page = int(params.get("page", "1") or 1)
        chunk = items[(page - 1) * GROUP : page * GROUP]
        nextgroup = f'<nextgroup><![CDATA[<a href="{nextgroup_href(column, page + 1)}"></a>]]></nextgroup>'
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><datastore>{nextgroup}<recordset>'
        f"{''.join(record(it) for it in chunk)}</recordset><totalrecord>{total}</totalrecord>"
        f"<totalpage>{-(-total // GROUP)}</totalpage></datastore>"
    )
    return Response(200, xml.encode("utf-8"), "text/xml; charset=UTF-8")


def _paths(items: list[Item]) -> tuple[str, ...]:
    return tuple(it.path for it in items)


def _rows(items: list[Item]) -> tuple[tuple[str, str, str], ...]:
    return tuple((it.path, it.date, it.title) for it in items)
