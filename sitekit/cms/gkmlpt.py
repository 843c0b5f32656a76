"""The gkmlpt renderer (Guangdong's 政府信息公开目录平台): a single-page app shell over a JSON API.

The shell (``<root>index#<category>``) holds the site id ``SID`` and the category tree; the API
``<root>api/all/<category>?page=N&sid=<SID>`` answers a page of articles with absolute URLs
(``<root>content/0/<n>/post_<id>.html``), epoch publish times and, as the real one does for some titles,
``%uXXXX`` escapes. Used by the multi-CMS test site, which decides what each category holds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from newsarchive.sitekit.model import Item


def shell(sid: str, site_name: str, tree: Sequence[tuple[int, str]]) -> str:
    """The app's HTML: no article in it, only the configuration the scripts read."""
    nodes = ", ".join(f'{{"id": {cid}, "name": "{name}", "children": []}}' for cid, name in tree)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开目录</title>'
        '<link rel="stylesheet" href="/gkmlpt/static/css/app.css"></head><body><div id="app"></div>'
        f"<script>window._CONFIG = {{SID: '{sid}', SITE_NAME: '{site_name}', "
        f"TREE: [{nodes}], "
        "API_BASE: './api/'};</script>"
        '<script src="/gkmlpt/static/js/app.js"></script></body></html>'
    )


def api_path(root: str, category: int, page: int, sid: str) -> str:
    return f"{root}api/all/{category}?page={page}&sid={sid}"


def content_path(root: str, number: int) -> str:
    return f"{root}content/0/{number // 1000}/post_{number}.html"


def escaped(title: str) -> str:
    """``%uXXXX`` for every non-ASCII character, as some gkmlpt titles arrive."""
    return "".join(f"%u{ord(c):04X}" if ord(c) > 127 else c for c in title)


def api_answer(
    base_url: str,
    items: Sequence[Item],
    *,
    total: int,
    page: int,
    category: tuple[int, str],
    publisher: str,
    escape: Sequence[int] = (),
) -> bytes:
    """A page of the API: ``items`` with absolute URLs on ``base_url``, publish time 09:30 China time;
    titles of the items at the positions in ``escape`` come ``%u``-escaped."""
    articles = [
        {
            "id": int(it.path.rsplit("_", 1)[1].removesuffix(".html")),
            "title": escaped(it.title) if i in escape else it.title,
            "url": base_url + it.path,
            "first_publish_time": int(dt.datetime.fromisoformat(it.date + "T09:30:00+08:00").timestamp()),
            "publisher": publisher,
        }
        for i, it in enumerate(items)
    ]
    data = {
        "total": total,
        "page": page,
        "articles": articles,
        "classify": {"id": category[0], "name": category[1]},
    }
    return json.dumps(data, ensure_ascii=False).encode()
