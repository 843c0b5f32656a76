"""The Hanweb / 大汉 JCMS renderer: a column's first items in a ``<datastore>`` XML island read by the jpage
script, further items from ``/module/web/jpage/dataproxy.jsp``.

Two ways to the next items, as the real sites have them: a ``nextgroup`` link in the island (GET
``dataproxy.jsp?page=N&...``) or a ``param_<unitid>`` object the script POSTs with
``startrecord/endrecord/perpage``. The endpoint answers XML with the records, ``totalrecord`` and
``totalpage``. Used by the multi-CMS test site, which decides what each column holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from newsarchive.sitekit.model import Item
from newsarchive.sitekit.pages import esc

DATAPROXY = "/module/web/jpage/dataproxy.jsp"


def record(it: Item) -> str:
    """One ``<record>``: a list row in CDATA."""
    return (
        f"<record><![CDATA[<li><a href='{it.href}' title='{esc(it.title)}' target='_blank'>"
        f"{esc(it.title)}</a>"
        f"<span class='bt-data-time'>{it.date}</span></li>]]></record>"
    )


def nextgroup_href(page: int, columnid: str, unitid: str, webname: str) -> str:
    """The GET request for group ``page`` (1-based) of a column."""
    return (
        f"{DATAPROXY}?page={page}&appid=1&webid=1&path=/&columnid={columnid}&unitid={unitid}"
        f"&webname={quote(webname)}&permissiontype=0"
    )


def _nextgroup(href: str) -> str:
    return f'<nextgroup><![CDATA[<a href="{href}"></a>]]></nextgroup>'


def island(items: Sequence[Item], nextgroup: str | None = None) -> str:
    """The ``<datastore>`` of a column page: its first records, and the next group's href if any."""
    head = _nextgroup(nextgroup) if nextgroup else ""
    return f"<datastore>{head}<recordset>{''.join(record(it) for it in items)}</recordset></datastore>"


def proxy_form(columnid: str, unitid: str, webname: str) -> tuple[tuple[str, str], ...]:
    """The fields of ``param_<unitid>``: what the script POSTs to the data proxy besides the record range."""
    return (
        ("col", "1"),
        ("appid", "1"),
        ("webid", "1"),
        ("path", "/"),
        ("columnid", columnid),
        ("sourceContentType", "1"),
        ("unitid", unitid),
        ("webname", webname),
        ("permissiontype", "0"),
    )


def column_body(
    unitid: str, data: str, total: int, per_page: int, *, proxy: tuple[str, str] | None = None
) -> str:
    """The list container: the island ``data`` and the jpage call (``proxy``: (columnid, webname) for the
    POSTing variant; without it the script follows the island's ``nextgroup``)."""
    if proxy is None:
        script = (
            f"<script>$('#{unitid}').jpage({{dataStore: dataStore, totalRecord:{total}, perPage:{per_page}, "
            f"barPosition:'bottom', groupSize:3, ajaxParam:{{}}}});</script>"
        )
    else:
        columnid, webname = proxy
        script = (
            f"<script type=\"text/javascript\">var param_{unitid} = {{col:1, appid:1, webid:1, path:'/', "
            f"columnid:{columnid}, sourceContentType:1, unitid:'{unitid}', webname:'{webname}', "
            f"permissiontype:0}};\n$('#{unitid}').jpage({{dataStore: dataStore, totalRecord:{total}, "
            f"perPage:{per_page}, proxyUrl:'{DATAPROXY}', ajaxParam: param_{unitid}}});</script>"
        )
    return (
        f'<div class="list-wrap"><div id="{unitid}"><script type="text/xml">{data}</script></div>'
        f"{script}</div>"
    )


def proxy_answer(items: Sequence[Item], total: int, pages: int, nextgroup: str | None = None) -> bytes:
    """The data proxy's XML: ``items`` as records, the totals, the next group's href if any."""
    head = _nextgroup(nextgroup) if nextgroup else ""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><datastore>{head}<recordset>'
        f"{''.join(record(it) for it in items)}</recordset><totalrecord>{total}</totalrecord>"
        f"<totalpage>{pages}</totalpage></datastore>"
    )
    return xml.encode("utf-8")
