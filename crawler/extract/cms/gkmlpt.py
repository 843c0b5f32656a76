"""Guangdong "gkmlpt" (政府信息公开目录平台): an empty SPA shell over a JSON API.

Called by ``crawler.extract.listing.parse_listing`` (docs/cms-patterns.md §4). The shell
``.../gkmlpt/index#<catId>`` holds the site id (``SID: '662021'``); its next "page" is the API page 1,
``.../gkmlpt/api/all/<catId>?page=1&sid=<SID>``. An API answer (``{"articles": [...]}``) gives the links and
the next API page while the total says there are more. Also reads other JSON listing APIs of that shape.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from ..dom import fold
from .base import ListingLink, NextPage, PageRequest, iso_date, link_kind, resolve
from .hanweb import _with_param

logger = logging.getLogger(__name__)

_SID = re.compile(r"""\bSID\s*[:=]\s*['"]?(\d+)""")
_TREE_ID = re.compile(r"""TREE\s*[:=]\s*\[\s*\{[^{}]*?["']?id["']?\s*:\s*["']?(\d+)""", re.S)
_PCT_U = re.compile(r"%u([0-9a-fA-F]{4})")
LIST_KEYS = ("articles", "data", "list", "items", "records", "rows", "posts", "results")
URL_KEYS = ("url", "post_url", "link", "href", "detail_url", "art_url")
TITLE_KEYS = ("title", "name", "subject", "headline")
DATE_KEYS = (
    "first_publish_time",
    "publish_time",
    "display_publish_time",
    "pubDate",
    "publish_date",
    "date",
    "created_at",
    "create_time",
    "time",
    "updated_at",
)
TOTAL_KEYS = ("total", "count", "total_count", "totalCount", "totalRecord", "recordCount")
PAGES_KEYS = ("total_page", "totalPage", "pages", "page_count", "pageCount", "totalPages")
PER_PAGE_KEYS = ("per_page", "perPage", "page_size", "pageSize", "size", "limit")


def detect(text: str, url: str) -> bool:
    return "/gkmlpt/" in urlsplit(url).path.lower() and bool(_SID.search(text))


def api_base(url: str) -> str:
    """The ``.../gkmlpt/`` folder of a gkmlpt URL."""
    parts = urlsplit(url)
    path = parts.path
    i = path.lower().rfind("/gkmlpt/")
    folder = path[: i + len("/gkmlpt/")] if i >= 0 else path.rsplit("/", 1)[0] + "/"
    return f"{parts.scheme}://{parts.netloc}{folder}"


def shell_next(text: str, urls: tuple[str, ...]) -> NextPage:
    """The API page 1 for a gkmlpt shell page, the category taken from the URL fragment (``#721``)."""
    sid = _SID.search(text)
    if not sid:
        return NextPage()
    category, warnings = None, []
    for url in urls:
        frag = urlsplit(url).fragment
        if frag.isdigit():
            category = frag
            break
    if category is None:
        tree = _TREE_ID.search(text)
        if not tree:
            return NextPage(
                warnings=("gkmlpt-no-category: no #catId in the URL and no category tree",), found=True
            )
        category = tree.group(1)
        warnings.append(f"gkmlpt-category-guessed: no #catId in the URL, using the first category {category}")
    url = urljoin(api_base(urls[0]), f"api/all/{category}?page=1&sid={sid.group(1)}")
    return NextPage((PageRequest(url),), tuple(warnings), current_page=None, found=True)


def parse_api(data: Any, page_url: str) -> tuple[list[ListingLink], NextPage]:
    """Links and the next API page of a JSON listing answer."""
    items, holder = _items(data)
    links = []
    for item in items:
        link = _link(item, page_url)
        if link is not None:
            links.append(link)
    return links, _api_next(holder, len(items), page_url)


def _items(data: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)], {}
    if not isinstance(data, dict):
        return [], {}
    for key in LIST_KEYS:
        value = data.get(key)
        if isinstance(value, list):
            return [d for d in value if isinstance(d, dict)], data
        if isinstance(value, dict):
            inner, holder = _items(value)
            if inner:
                return inner, {**data, **holder}
    return [], data


def _link(item: dict[str, Any], page_url: str) -> ListingLink | None:
    href = next((item[k] for k in URL_KEYS if isinstance(item.get(k), str) and item[k].strip()), None)
    url = resolve(href, page_url)
    if url is None:
        return None
    title = next((item[k] for k in TITLE_KEYS if isinstance(item.get(k), str)), None)
    date = None
    for key in DATE_KEYS:
        date = _date(item.get(key))
        if date:
            break
    return ListingLink(url, unescape_title(title), date, link_kind(url))


def unescape_title(title: str | None) -> str | None:
    if not title:
        return None
    text = _PCT_U.sub(lambda m: chr(int(m.group(1), 16)), title)
    if "%" in text and re.search(r"%[0-9A-Fa-f]{2}", text):
        text = unquote(text)
    return fold(text) or None


def _date(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 10**11 else value
        try:
            return (
                dt.datetime.fromtimestamp(seconds, dt.UTC)
                .astimezone(dt.timezone(dt.timedelta(hours=8)))
                .strftime("%Y-%m-%d")
            )
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        if value.strip().isdigit():
            return _date(int(value.strip()))
        return iso_date(value)
    return None


def _api_next(holder: dict[str, Any], count: int, page_url: str) -> NextPage:
    params = dict(parse_qsl(urlsplit(page_url).query, keep_blank_values=True))
    raw = params.get("page", "")
    if not raw.isdigit():
        return NextPage(found=bool(holder))
    current = int(raw)
    pages = _first_int(holder, PAGES_KEYS)
    total = _first_int(holder, TOTAL_KEYS)
    per = _first_int(holder, PER_PAGE_KEYS)
    if pages is None and total is not None and (per or count):
        pages = -(-total // (per or count)) if current == 1 or per else None
    if pages is not None:
        more = count > 0 and current < pages
    elif total is not None:  # no page size given: assume the pages before held as many items as this one
        more = count > 0 and current * count < total
    else:
        more = count > 0
    if not more:
        return NextPage(page_count=pages, current_page=current, found=True)
    return NextPage(
        (PageRequest(_with_param(page_url, "page", str(current + 1))),),
        page_count=pages,
        current_page=current,
        found=True,
    )


def _first_int(holder: dict[str, Any], keys: tuple[str, ...]) -> int | None:
    for key in keys:
        value = holder.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        if isinstance(value, str) and value.isdigit():
            return int(value)
    return None
