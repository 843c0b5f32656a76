"""Pager primitives shared by the generic pager detectors and the per-CMS ones.

Part of ``crawler.extract.listing``'s next-page step: given the elements a detector believes are the
"next page" control, return the first followable request, or a "pager-unfollowable" warning for
pseudo-links (``javascript:``, ``#page=2``, onclick-only). Never builds a request from a pseudo-link.
"""

from __future__ import annotations

import logging
import re

import lxml.html

from ..dom import class_words, fold
from .base import NextPage, PageRequest, resolve, same_page

logger = logging.getLogger(__name__)


# a class name of a pager block ("page", "pagination", "fenye", "p_pages", "nav-links"...)
PAGER_WORD = re.compile(
    r"^(?:pages?|pager.*|.*pagination.*|paging.*|pagenav.*|pagebar|pagelist|fenye|"
    r"page[-_]?(?:div|box|wrap|list|num|nums|turn)|p_pages|wp-pagenavi|nav-links|"
    r"turnpage|pageturn)$"
)
# pseudo-hrefs that carry nothing: "#", "javascript:;", "javascript:void(0)"
BARE_PSEUDO = re.compile(r"^(?:#|javascript:\s*(?:void\s*\(\s*0?\s*\)\s*;?|;)?|javascript://.*)?$", re.I)


def in_pager_block(el: lxml.html.HtmlElement) -> bool:
    for depth, node in enumerate(el.iterancestors()):
        if depth >= 4 or node.tag in ("body", "html"):
            return False
        if any(PAGER_WORD.match(w) for w in class_words(node)):
            return True
    return False


def pick_next(
    nodes: list[lxml.html.HtmlElement], base: str, page_url: str, *, strict: bool = True
) -> NextPage:
    """The first followable href among pager nodes; found=True if any node.

    Pseudo-links give a "pager-unfollowable" warning when they tell something (an onclick, ``#page=2``,
    ``javascript:goPage(2)``, a place in a pager block, or ``strict`` for surely-pager nodes such as a
    "下一页" word); a bare ``href="#"`` arrow elsewhere (a slider) is passed over in silence.
    """
    if not nodes:
        return NextPage()
    warnings: list[str] = []
    ended = False  # a disabled "next" (no href) or one pointing at this very page: the last page
    for el in nodes:
        href = el.get("href")
        if el.tag in ("span", "li", "button") or href is None:
            if el.get("onclick"):
                warnings.append(unfollowable(el, None))
            ended = True
            continue
        url = resolve(href, base)
        if url is None:
            if strict or el.get("onclick") or not BARE_PSEUDO.match(fold(href)) or in_pager_block(el):
                warnings.append(unfollowable(el, href))
            continue
        if same_page(url, page_url):
            ended = True
            continue
        return NextPage((PageRequest(url),), found=True)
    return NextPage(warnings=tuple(dict.fromkeys(warnings))[:1], found=ended or bool(warnings))


def unfollowable(el: lxml.html.HtmlElement | None, href: str | None) -> str:
    """The "pager-unfollowable" warning, naming the onclick call or the pseudo-href."""
    onclick = fold(el.get("onclick")) if el is not None else ""
    if onclick:
        return f"pager-unfollowable: onclick {onclick[:80]}"
    return f"pager-unfollowable: href {fold(href)[:80] or '(empty)'}"


def class_pager_next(
    root: lxml.html.HtmlElement, base: str, page_url: str, next_xpath: str, pager_xpath: str
) -> NextPage:
    """The next page of a CMS pager known by its classes: the ``next_xpath`` link; a pager without one
    (``pager_xpath`` matches) is the last page."""
    nodes = root.xpath(next_xpath)
    if nodes:
        return pick_next(nodes, base, page_url)
    if root.xpath(pager_xpath):
        return NextPage(found=True)  # a pager without a next item: the last page
    return NextPage()
