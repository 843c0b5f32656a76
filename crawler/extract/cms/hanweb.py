"""Hanweb / 大汉 JCMS listings: records in a ``<datastore>`` XML island, further pages via ``dataproxy.jsp``.

Called by ``crawler.extract.listing.parse_listing`` for column pages (``<script type="text/xml">``
holding ``<datastore>``) and for ``dataproxy.jsp`` XML answers (docs/cms-patterns.md §3). The records are
CDATA HTML fragments that an HTML parser never sees: they are unwrapped into one synthetic container that the
generic link finder reads. Next pages: the ``nextgroup`` href with ``page=N+1`` (GET), or a POST with
``startrecord``/``endrecord``/``perpage`` built from the page's ``param_<unitid>`` object and ``jpage`` call.
"""

from __future__ import annotations

import html
import logging
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..dom import fold
from .base import NextPage, PageRequest

logger = logging.getLogger(__name__)

DATAPROXY = "/module/web/jpage/dataproxy.jsp"
_RECORD = re.compile(r"<record[^>]*>\s*(?:<!\[CDATA\[(.*?)\]\]>|(.*?))\s*</record>", re.S | re.I)
_NEXTGROUP = re.compile(r"<nextgroup[^>]*>\s*(?:<!\[CDATA\[(.*?)\]\]>|(.*?))\s*</nextgroup>", re.S | re.I)
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
_TOTAL_RECORD = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>|totalRecord\s*:\s*(\d+)", re.I)
_TOTAL_PAGE = re.compile(r"<totalpage>\s*(\d+)\s*</totalpage>", re.I)
_PER_PAGE = re.compile(r"perPage\s*:\s*(\d+)", re.I)
_PARAM_OBJ = re.compile(r"param_\d+\s*=\s*\{([^{}]*)\}", re.S)
_PAIR = re.compile(r"""['"]?(\w+)['"]?\s*:\s*(?:['"]([^'"]*)['"]|(\d+))""")
FORM_KEYS = (
    "col",
    "appid",
    "webid",
    "path",
    "columnid",
    "sourceContentType",
    "unitid",
    "webname",
    "permissiontype",
)


def detect(text: str, url: str) -> bool:
    return (
        "<datastore" in text.lower()
        or "dataproxy.jsp" in text.lower()
        or bool(re.search(r"/col/col\d+/", url))
    )


def has_datastore(text: str) -> bool:
    return "<datastore" in text.lower() and "<record" in text.lower()


def records(text: str) -> list[str]:
    """The HTML fragments of every ``<record>`` (CDATA or escaped)."""
    out = []
    for m in _RECORD.finditer(text):
        raw = m.group(1) if m.group(1) is not None else html.unescape(m.group(2) or "")
        if raw.strip():
            out.append(raw)
    return out


def records_html(text: str) -> str:
    """One synthetic container holding every record as a row, for the generic link finder."""
    rows = "".join(f'<div class="hanweb-record">{r}</div>' for r in records(text))
    return f'<html><body><div class="hanweb-records">{rows}</div></body></html>'


def is_dataproxy(url: str) -> bool:
    return "dataproxy.jsp" in urlsplit(url).path.lower()


def next_page(
    text: str,
    page_url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    request_headers: tuple[tuple[str, str], ...] = (),
) -> NextPage:
    """The next Hanweb request for a column page or a ``dataproxy.jsp`` answer."""
    total_records = _int(_TOTAL_RECORD, text)
    total_pages = _int(_TOTAL_PAGE, text)
    count = len(records(text))
    params = dict(parse_qsl(urlsplit(page_url).query, keep_blank_values=True))
    if is_dataproxy(page_url) and "startrecord" in {k.lower() for k in params}:
        return _next_range(page_url, params, count, total_records, body, request_headers)
    if is_dataproxy(page_url) and "page" in params:
        current = int(params["page"]) if params["page"].isdigit() else 1
        per = params.get("perpage", "")
        if total_pages is None and total_records is not None:
            total_pages = _pages(total_records, int(per) if per.isdigit() else count)
        return _next_get(page_url, current, count, total_pages, total_records)
    template = _nextgroup_href(text, page_url)
    if template and re.search(r"[?&]page=", template):
        return _next_get(template, 1, count, total_pages, total_records, first=True)
    form = _form(text)
    if form:
        per_page = _int(_PER_PAGE, text) or max(count // 3, 1)
        start, end = count + 1, count + 3 * per_page
        if total_records is not None and start > total_records:
            return NextPage(page_count=_pages(total_records, count), current_page=1, found=True)
        url = urljoin(page_url, f"{DATAPROXY}?startrecord={start}&endrecord={end}&perpage={per_page}")
        return NextPage(
            (_post(url, urlencode(form).encode(), page_url),),
            page_count=_pages(total_records, 3 * per_page),
            current_page=1,
            found=True,
        )
    return NextPage()


def _next_get(
    url: str,
    current: int,
    count: int,
    total_pages: int | None,
    total_records: int | None,
    *,
    first: bool = False,
) -> NextPage:
    pages = total_pages or (_pages(total_records, count) if first else None)
    if count == 0 or (pages is not None and current >= pages):
        return NextPage(page_count=pages, current_page=current, found=True)
    return NextPage(
        (PageRequest(_with_param(url, "page", str(current + 1))),),
        page_count=pages,
        current_page=current,
        found=True,
    )


def _next_range(
    url: str,
    params: dict[str, str],
    count: int,
    total_records: int | None,
    body: bytes | None,
    headers: tuple[tuple[str, str], ...],
) -> NextPage:
    lower = {k.lower(): k for k in params}
    try:
        start = int(params[lower["startrecord"]])
        end = int(params[lower.get("endrecord", "")]) if "endrecord" in lower else start + count - 1
    except (KeyError, ValueError):
        return NextPage(warnings=("hanweb-bad-range: startrecord/endrecord are not numbers",), found=True)
    span = max(end - start + 1, 1)
    page = (start - 1) // span + 1
    pages = _pages(total_records, span)
    if count == 0 or (total_records is not None and end >= total_records):
        return NextPage(page_count=pages, current_page=page, found=True)
    url = _with_param(url, lower["startrecord"], str(end + 1))
    url = _with_param(url, lower.get("endrecord", "endrecord"), str(end + span))
    if body is None:
        return NextPage((PageRequest(url),), page_count=pages, current_page=page, found=True)
    referer = next((v for k, v in headers if k.lower() == "referer"), None)
    return NextPage((_post(url, body, referer),), page_count=pages, current_page=page, found=True)


def _post(url: str, body: bytes, referer: str | None) -> PageRequest:
    headers = [("Content-Type", "application/x-www-form-urlencoded")]
    if referer:
        headers.append(("Referer", referer))
    return PageRequest(url, method="POST", body=body, headers=tuple(headers))


def _nextgroup_href(text: str, page_url: str) -> str | None:
    m = _NEXTGROUP.search(text)
    if not m:
        return None
    inner = m.group(1) if m.group(1) is not None else html.unescape(m.group(2) or "")
    href = _HREF.search(inner)
    if not href:
        return None
    return urljoin(page_url, html.unescape(fold(href.group(1))))


def _form(text: str) -> dict[str, str] | None:
    """The POST form of the column: from a ``param_<unitid> = {...}`` object holding columnid and unitid."""
    for m in _PARAM_OBJ.finditer(text):
        pairs = {k: (n if n else s) for k, s, n in _PAIR.findall(m.group(1))}
        if "columnid" in pairs and "unitid" in pairs:
            form = {k: pairs[k] for k in FORM_KEYS if k in pairs}
            form.setdefault("col", "1")
            form.setdefault("path", "/")
            return form
    return None


def _with_param(url: str, name: str, value: str) -> str:
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if any(k == name for k, _ in pairs):
        pairs = [(k, value if k == name else v) for k, v in pairs]
    else:
        pairs.append((name, value))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(pairs, safe="/"), ""))


def _int(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(text)
    if not m:
        return None
    return int(next(g for g in m.groups() if g is not None))


def _pages(total: int | None, per: int) -> int | None:
    if total is None or per <= 0:
        return None
    return max(1, -(-total // per))
