"""WordPress listings: ``/page/N/`` (1-based, page 1 has no suffix) or ``?paged=N``, ``a.next.page-numbers``.

Called by ``crawler.extract.listing.parse_listing`` before the generic pager detectors; the head
``<link rel="next">`` that SEO plugins add is already taken by the generic ``rel=next`` step.
"""

from __future__ import annotations

import logging
import re

import lxml.html

from .base import NextPage
from .pager import class_pager_next

logger = logging.getLogger(__name__)

_MARKERS = re.compile(
    r"""/wp-content/|/wp-includes/|/wp-json/|name=["']generator["'][^>]*WordPress|"""
    r"""page-numbers""",
    re.I,
)
NEXT_XPATH = (
    "//a[contains(concat(' ', normalize-space(@class), ' '), ' next ')"
    " and contains(concat(' ', normalize-space(@class), ' '), ' page-numbers ')]"
    " | //div[contains(@class, 'nav-previous')]//a"
)
PAGER_XPATH = "//*[contains(concat(' ', normalize-space(@class), ' '), ' page-numbers ')]"


def detect(text: str) -> bool:
    return bool(_MARKERS.search(text))


def next_page(root: lxml.html.HtmlElement, base: str, page_url: str) -> NextPage:
    return class_pager_next(root, base, page_url, NEXT_XPATH, PAGER_XPATH)
