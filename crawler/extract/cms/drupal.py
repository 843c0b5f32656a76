"""Drupal listings: views pagers (``?page=N``, 0-based), ``pager__item--next`` (D8+) or ``pager-next`` (D7).

Called by ``crawler.extract.listing.parse_listing`` before the generic pager detectors. The next link keeps
the other query parameters (``?type=All&page=2``) because it is taken from the pager's own href.
"""

from __future__ import annotations

import logging
import re

import lxml.html

from .base import NextPage
from .pager import class_pager_next

logger = logging.getLogger(__name__)

_MARKERS = re.compile(
    r"""data-drupal-|Drupal\.settings|drupalSettings|/sites/default/files/|"""
    r"""name=["']generator["'][^>]*Drupal|pager__item|views-row""",
    re.I,
)
NEXT_XPATH = (
    "//li[contains(concat(' ', normalize-space(@class), ' '), ' pager__item--next ')]//a"
    " | //li[contains(concat(' ', normalize-space(@class), ' '), ' pager-next ')]//a"
)
PAGER_XPATH = "//*[contains(@class, 'pager__items') or contains(concat(' ', @class, ' '), ' pager ')]"


def detect(text: str) -> bool:
    return bool(_MARKERS.search(text))


def next_page(root: lxml.html.HtmlElement, base: str, page_url: str) -> NextPage:
    return class_pager_next(root, base, page_url, NEXT_XPATH, PAGER_XPATH)
