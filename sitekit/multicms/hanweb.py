"""Hanweb / 大汉 JCMS columns rendered by ``sitekit.cms.hanweb``: items in a ``<datastore>`` XML island, more
pages from ``/module/web/jpage/dataproxy.jsp``.

Two columns: col123 (GBK page, ``nextgroup`` href -> GET ``page=N``) and col456 (UTF-8, ``param_<unitid>``
object -> POST ``startrecord/endrecord/perpage``). Both go through the one data proxy, which answers XML
with ``totalrecord``/``totalpage``.
"""

from __future__ import annotations

from newsarchive.sitekit.cms import hanweb
from newsarchive.sitekit.cms.hanweb import DATAPROXY
from newsarchive.sitekit.cms.portal import zh_article
from newsarchive.sitekit.model import Item
from newsarchive.sitekit.server import Request, Response

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, zh_title

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


def nextgroup_href(column: str, page: int) -> str:
    return hanweb.nextgroup_href(page, column, COLUMNS[column][0], WEBNAME)


def build(site: Site) -> None:
    site.prefixes.extend(["/hanweb/", "/module/web/jpage/"])
    site.route(DATAPROXY, dataproxy)
    for column in COLUMNS:
        for it in items_of(column):
            site.add_html(it.path, zh_article(it.title, it.date, WEBNAME))
    _get_column(site)
    _post_column(site)


def _column_page(site: Site, column: str, body: str) -> str:
    return site.zh_page(
        title=WEBNAME,
        prefix="/hanweb/",
        site_name=WEBNAME,
        column="工作动态",
        body=body,
        encoding=COLUMNS[column][2],
        side_offset=40 + int(column) % 10,
    )


def _get_column(site: Site) -> None:
    column = "123"
    unitid, total, _ = COLUMNS[column]
    items = items_of(column)
    data = hanweb.island(items[:GROUP], nextgroup_href(column, 1))
    body = hanweb.column_body(unitid, data, total, PER_PAGE)
    path = f"/hanweb/col/col{column}/index.html"
    site.add_html(path, _column_page(site, column, body), "gbk", header_charset=False)
    pages = [
        PageTruth(
            PageSpec(path),
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
    site.truth(FamilyTruth("hanweb", "hanweb", path, tuple(pages), "gbk"))


def _post_column(site: Site) -> None:
    column = "456"
    unitid, total, _ = COLUMNS[column]
    items = items_of(column)
    body = hanweb.column_body(unitid, hanweb.island(items[:GROUP]), total, PER_PAGE, proxy=(column, WEBNAME))
    column_path = f"/hanweb/col/col{column}/index.html"
    site.add_html(column_path, _column_page(site, column, body))
    form = hanweb.proxy_form(column, unitid, WEBNAME)
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
        referer = column_path if request.method == "POST" else None
        pages.append(PageTruth(request, _paths(chunk), next=nxt, rows=_rows(chunk), referer=referer))
        request = nxt or request
        start = nstart
    site.truth(FamilyTruth("hanweb-post", "hanweb", column_path, tuple(pages), "utf-8"))


def dataproxy(request: Request) -> Response:
    """The jpage endpoint: GET ``page=N`` (groups of 15) or POST ``startrecord..endrecord`` (any range)."""
    params = request.params()
    column = params.get("columnid", "")
    if column not in COLUMNS:
        return Response(200, hanweb.proxy_answer([], 0, 0), "text/xml; charset=UTF-8")
    items = items_of(column)
    total = len(items)
    nextgroup = None
    if request.method == "POST" or "startrecord" in params:
        start = int(params.get("startrecord", "1"))
        end = int(params.get("endrecord", str(start + GROUP - 1)))
        chunk = items[start - 1 : end]
    else:
        page = int(params.get("page", "1") or 1)
        chunk = items[(page - 1) * GROUP : page * GROUP]
        nextgroup = nextgroup_href(column, page + 1)
    answer = hanweb.proxy_answer(chunk, total, -(-total // GROUP), nextgroup)
    return Response(200, answer, "text/xml; charset=UTF-8")


def _paths(items: list[Item]) -> tuple[str, ...]:
    return tuple(it.path for it in items)


def _rows(items: list[Item]) -> tuple[tuple[str, str, str], ...]:
    return tuple((it.path, it.date, it.title) for it in items)
