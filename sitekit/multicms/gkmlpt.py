"""Guangdong gkmlpt (政府信息公开目录平台): an SPA shell over ``/gkmlpt/api/all/<cat>?page=N&sid=<SID>``.

The shell (``.../gkmlpt/index#5``) holds ``SID`` and the category tree; the JSON API returns absolute article
URLs ``.../gkmlpt/content/0/<n>/post_<id>.html``, epoch publish times and, for one title, ``%uXXXX`` escapes
(CMS-PATTERNS.md 3.3, 12.4).
"""

from __future__ import annotations

import datetime as dt
import json

from sitekit.cms.portal import zh_article
from sitekit.model import Item
from sitekit.server import Request, Response

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, host_url, zh_title

ROOT = "/gkmlpt/dept/gkmlpt/"
SID = "1"
CATEGORY = "5"
PER_PAGE = 15
TOTAL = 45


def items() -> list[Item]:
    out = []
    for k in range(TOTAL):
        n = 963100 + k
        path = f"{ROOT}content/0/{n // 1000}/post_{n}.html"
        out.append(Item(path, path, zh_title(300 + k), day(k, (2024, 5, 30))))
    return out


def build(site: Site) -> None:
    site.prefixes.append("/gkmlpt/")
    shell = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开目录</title>'
        '<link rel="stylesheet" href="/gkmlpt/static/css/app.css"></head><body><div id="app"></div>'
        "<script>window._CONFIG = {SID: '" + SID + "', SITE_NAME: '广东省某厅', "
        'TREE: [{"id": 5, "name": "通知公告", "children": []}, '
        '{"id": 6, "name": "政策解读", "children": []}], '
        "API_BASE: './api/'};</script>"
        '<script src="/gkmlpt/static/js/app.js"></script></body></html>'
    )
    site.add_html(f"{ROOT}index", shell)
    site.route(f"{ROOT}api/all/{CATEGORY}", api)
    for it in items():
        site.add_html(it.path, zh_article(it.title, it.date, "广东省某厅"))
    all_items = items()
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
    return f"{ROOT}api/all/{CATEGORY}?page={page}&sid={SID}"


def api(request: Request) -> Response:
    params = request.params()
    if params.get("sid") != SID:
        return Response(404, b'{"error": "unknown site"}', "application/json")
    page = int(params.get("page", "1") or 1)
    chunk = items()[(page - 1) * PER_PAGE : page * PER_PAGE]
    base = host_url(request)
    articles = []
    for i, it in enumerate(chunk):
        when = dt.datetime.fromisoformat(it.date + "T09:30:00+08:00")
        title = it.title if i != 2 else "".join(f"%u{ord(c):04X}" if ord(c) > 127 else c for c in it.title)
        articles.append(
            {
                "id": int(it.path.rsplit("_", 1)[1][:-5]),
                "title": title,
                "url": base + it.path,
                "first_publish_time": int(when.timestamp()),
                "publisher": "广东省某厅",
            }
        )
    data = {"total": TOTAL, "page": page, "articles": articles, "classify": {"id": 5, "name": "通知公告"}}
    return Response(200, json.dumps(data, ensure_ascii=False).encode(), "application/json; charset=utf-8")
