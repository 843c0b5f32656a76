"""TRS WCM (拓尔思) listings: the pager written by ``createPageHTML(...)`` or inline ``var countPage``.

Called by ``crawler.extract.listing.parse_listing`` on HTML listing pages. Two signatures exist
(docs/cms-patterns.md §2): old ``createPageHTML(countPage, currentPage, "index", "html")`` with a 0-based
current page (page 0 = ``index.html``, next = ``index_{current+1}.html``) and new
``createPageHTML('page_div', total, current, 'prefix', 'shtml', records)`` with a 1-based current page
(page N >= 2 = ``prefix_N.shtml``). Next pages resolve against the page's own folder.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urljoin, urlsplit

from .base import NextPage, PageRequest

logger = logging.getLogger(__name__)

_CALL = re.compile(r"createPageHTML\s*\(([^()]*)\)")
_STR = r"""\s*['"]([^'"]*)['"]\s*"""
_NUM = r"\s*(\d+)\s*"
_NEW = re.compile(rf"^{_STR},{_NUM},{_NUM},{_STR},{_STR}(?:,{_NUM})?$")  # div, total, current, prefix, ext
_OLD = re.compile(rf"^{_NUM},{_NUM},{_STR},{_STR}(?:,.*)?$")  # countPage, currentPage, prefix, ext
_VAR_COUNT = re.compile(r"var\s+countPage\s*=\s*(\d+)")
_VAR_CURRENT = re.compile(r"var\s+currentPage\s*=\s*(\d+)")
_VAR_PREFIX = re.compile(
    r"""(?:var\s+(?:prePage|pageName|sPageName)\s*=\s*|document\.write\([^)]*?)"""
    r"""['"]([A-Za-z][\w-]*)['"]\s*\+\s*['"]_['"]"""
)
_VAR_EXT = re.compile(r"""['"]\.(s?html?)['"]""")


def detect(text: str) -> bool:
    return bool(_CALL.search(text) or _VAR_COUNT.search(text) or "TRS_Editor" in text)


def next_page(text: str, page_url: str) -> NextPage:
    """The next listing page from the TRS pager script, or NextPage() when the page has none."""
    for m in _CALL.finditer(text):
        args = m.group(1).strip()
        new = _NEW.match(args)
        if new:
            total, current = int(new.group(2)), int(new.group(3))
            prefix, ext = new.group(4), new.group(5)
            return _make(page_url, prefix, ext, total, current, current + 1 <= total, current + 1)
        old = _OLD.match(args)
        if old:
            count, current = int(old.group(1)), int(old.group(2))
            prefix, ext = old.group(3), old.group(4)
            return _make(page_url, prefix, ext, count, current + 1, current + 1 < count, current + 1)
    count_m, current_m = _VAR_COUNT.search(text), _VAR_CURRENT.search(text)
    if count_m and current_m:
        count, current = int(count_m.group(1)), int(current_m.group(1))
        prefix, ext = _inline_names(text, page_url)
        return _make(page_url, prefix, ext, count, current + 1, current + 1 < count, current + 1)
    return NextPage()


def _inline_names(text: str, page_url: str) -> tuple[str, str]:
    """Prefix and extension of the inline pager: from its document.write, else from the page's own file."""
    name = urlsplit(page_url).path.rsplit("/", 1)[-1] or "index.html"
    stem, _, own_ext = name.partition(".")
    stem = re.sub(r"_\d+$", "", stem) or "index"
    prefix_m = _VAR_PREFIX.search(text)
    ext_m = _VAR_EXT.search(text[text.find("countPage") :]) if "countPage" in text else None
    return (prefix_m.group(1) if prefix_m else stem), (ext_m.group(1) if ext_m else (own_ext or "html"))


def _make(
    page_url: str, prefix: str, ext: str, total: int, current: int, has_next: bool, number: int
) -> NextPage:
    if not has_next:
        return NextPage(page_count=total, current_page=current, found=True)
    url = urljoin(page_url, f"{prefix}_{number}.{ext}")
    return NextPage((PageRequest(url),), page_count=total, current_page=current, found=True)
