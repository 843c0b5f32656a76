"""VSB / 博达 (Visual SiteBuilder) listings: ``<column>.htm``, then ``<column>/<N>.htm`` counting down.

Called by ``crawler.extract.listing.parse_listing`` when the generic pager finds nothing to follow: page 1 is
``news.htm``; with T pages in all, page 2 is ``news/{T-1}.htm`` and the last page is ``news/1.htm``
(docs/cms-patterns.md §5). Articles are ``/info/<columnId>/<articleId>.htm``.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urljoin, urlsplit

from .base import NextPage, PageRequest

logger = logging.getLogger(__name__)

_MARKERS = re.compile(
    r"p_pages|p_no_d|/system/resource/|_sitegray|Visual\s*SiteBuilder|\bVSB\b|vsbscreen", re.I
)
_TOTAL = re.compile(r"(?:共\s*\d+\s*条\s*)?(?:\d+\s*/\s*(\d+)|共\s*(\d+)\s*页)")


def detect(text: str) -> bool:
    return bool(_MARKERS.search(text))


_P_T = re.compile(r"""class=["']?p_t["']?[^>]*>\s*(\d+)\s*/\s*(\d+)\s*<""")


def counts(text: str) -> tuple[int | None, int | None]:
    """(total pages, current page) from the pager's ``<span class="p_t">1/4</span>``."""
    m = _P_T.search(text)
    if m and 0 < int(m.group(1)) <= int(m.group(2)):
        return int(m.group(2)), int(m.group(1))
    return None, None


def next_page(text: str, page_url: str, total: int | None) -> NextPage:
    """The next page from the URL shape and the total page count, when the pager markup gives no link."""
    path = urlsplit(page_url).path
    if total is None:
        total = counts(text)[0]
    numbered = re.search(r"/([^/]+)/(\d+)\.htm$", path)
    if numbered:
        number = int(numbered.group(2))
        current = total - number + 1 if total else None
        if number <= 1:
            return NextPage(page_count=total, current_page=current, found=True)
        return NextPage(
            (PageRequest(urljoin(page_url, f"{number - 1}.htm")),),
            page_count=total,
            current_page=current,
            found=True,
        )
    first = re.search(r"/([^/]+)\.htm$", path)
    if first and total and total > 1:
        url = urljoin(page_url, f"{first.group(1)}/{total - 1}.htm")
        return NextPage((PageRequest(url),), page_count=total, current_page=1, found=True)
    return NextPage(page_count=total, current_page=1 if total else None, found=total is not None)
