"""Per-CMS listing knowledge: which family a listing page belongs to, and its hidden items and pagers.

Sits under ``crawler.extract.listing.parse_listing``. One module per family (trs, hanweb, gkmlpt, vsb,
drupal, wordpress); ``generic`` finds article links on any HTML page; ``shapes`` scores URL shapes;
``base`` holds the records (ListingLink, PageRequest, Listing) and URL helpers. Decoding and parsing are
``page.decode_page`` and ``dom.parse_html``, shared with articles.
"""

from __future__ import annotations

import logging
import re

from . import drupal, gkmlpt, hanweb, trs, vsb, wordpress

logger = logging.getLogger(__name__)


def detect_cms(text: str, url: str) -> str | None:
    """The CMS family of an HTML listing page, by its markers and URL shapes; None when none fits."""
    if gkmlpt.detect(text, url):
        return "gkmlpt"
    if hanweb.detect(text, url):
        return "hanweb"
    if trs.detect(text):
        return "trs"
    if vsb.detect(text):
        return "vsb"
    if drupal.detect(text):
        return "drupal"
    if wordpress.detect(text):
        return "wordpress"
    return None


# article URL shapes distinctive enough to name the CMS when the page carries no marker
LINK_SHAPES = (
    ("trs", re.compile(r"/\d{6}/t\d{8}_\d+(?:_\d+)?\.s?html?$")),
    ("hanweb", re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$")),
    ("gkmlpt", re.compile(r"/gkmlpt/content/\d+/\d+/post_\d+\.html$")),
    ("vsb", re.compile(r"/info/\d+/\d+\.htm$")),
)


def cms_from_links(urls: list[str]) -> str | None:
    """The family whose article URL shape most of the page's article links have, if any."""
    if not urls:
        return None
    for name, shape in LINK_SHAPES:
        if sum(1 for u in urls if shape.search(u.split("?", 1)[0])) * 2 > len(urls):
            return name
    return None
