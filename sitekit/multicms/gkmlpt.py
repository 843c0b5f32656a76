"""A Guangdong gkmlpt catalogue rendered by ``sitekit.cms.gkmlpt``: an SPA shell (``.../gkmlpt/index#5``)
over ``/gkmlpt/api/all/<cat>?page=N&sid=<SID>``, absolute article URLs, epoch publish times, one title with
``%uXXXX`` escapes.
"""

from __future__ import annotations

from newsarchive.sitekit.cms import gkmlpt
from newsarchive.sitekit.cms.portal import zh_article
from newsarchive.sitekit.model import Item
from newsarchive.sitekit.server import Request, Response

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, host_url, zh_title

ROOT = "/gkmlpt/dept/gkmlpt/"
SID = "1"
CATEGORY = 5
PER_PAGE = 15
TOTAL = 45
PUBLISHER = "广东省某厅"


def items() -> list[Item]:
    out = []
    for k in range(TOTAL):
        path = gkmlpt.content_path(ROOT, 963100 + k)
        out.append(Item(path, path, zh_title(300 + k), day(k, (2024, 5, 30))))
    return out


def build(site: Site) -> None:
    site.prefixes.append("/gkmlpt/")
    site.add_html(f"{ROOT}index", gkmlpt.shell(SID, PUBLISHER, ((CATEGORY, "通知公告"), (6, "政策解读"))))
    site.route(f"{ROOT}api/all/{CATEGORY}", api)
    all_items = items()
    for it in all_items:
        site.add_html(it.path, zh_article(it.title, it.date, PUBLISHER))
    pages = [PageTruth(PageSpec(f"{ROOT}index#{CATEGORY}"), next=PageSpec(_api(1)))]
    count = -(-TOTAL // PER_PAGE)
    for page in range(1, count + 1):
        chunk = all_items[(page - 1) * PER_PAGE : page * PER_PAGE]
        pages.append(
            PageTruth(
                PageSpec(_api(page)),
                tuple(it.path for it in chunk),
                next=PageSpec(_api(page + 1)) if page < count else None,
                rows=tuple((it.path, it.date, it.title) for it in chunk),
            )
        )
    site.truth(FamilyTruth("gkmlpt", "gkmlpt", f"{ROOT}index#{CATEGORY}", tuple(pages)))


def _api(page: int) -> str:
    return gkmlpt.api_path(ROOT, CATEGORY, page, SID)


def api(request: Request) -> Response:
    params = request.params()
    if params.get("sid") != SID:
        return Response(404, b'{"error": "unknown site"}', "application/json")
    page = int(params.get("page", "1") or 1)
    chunk = items()[(page - 1) * PER_PAGE : page * PER_PAGE]
    body = gkmlpt.api_answer(
        host_url(request),
        chunk,
        total=TOTAL,
        page=page,
        category=(CATEGORY, "通知公告"),
        publisher=PUBLISHER,
        escape=(2,),
    )
    return Response(200, body, "application/json; charset=utf-8")
