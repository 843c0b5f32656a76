"""The body guard: an implausible body is compared with trafilatura's own extraction; the better is kept.

Called by ``article.py`` right after ``body.extract_body``. Cheap checks first, on every page: the body is
empty, mostly link text, mostly fragments of a few characters (a menu, a calendar), or (when under 2,000
characters) far shorter than the page's main text block (the paragraphs of the element holding the most
prose outside page chrome). Only when
one fires does the expensive comparison run: trafilatura on the whole page with its fallbacks
(readability/justext), cleaned the same way. Its body replaces ours when it is plausible and clearly better;
the decision is recorded in ``record.warnings``: ``body:fallback`` (replaced) or ``body:suspect`` (kept,
though it looked wrong and trafilatura reads the page otherwise: for an archivist to review). When
trafilatura's body is much the same as ours, the page is simply like that and nothing is recorded.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from .dom import in_boilerplate

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .body import Body
    from .media import Captions

logger = logging.getLogger(__name__)

W_FALLBACK = "body:fallback"
W_SUSPECT = "body:suspect"

MAX_LINK_SHARE = 0.5  # a body mostly made of link text is a menu or a teaser list
FRAGMENT_CHARS = 12  # a line this short is a menu item, a date or a number
MAX_FRAGMENT_SHARE = 0.6  # of the body's lines, when it has at least MIN_FRAGMENT_LINES
MIN_FRAGMENT_LINES = 12
SHORT_SHARE = 0.5  # a body under half the page's main text block ...
MIN_MAIN_BLOCK = 300  # ... when that block holds at least this many characters
MAX_SHORT_BODY = 2000  # a longer body is no collapse: the main block is not measured for it
CLEARLY_LONGER = 2.0  # the fallback must be this much longer to replace a short body
MAX_HELD_SHARE = 0.5  # a fallback mostly found in our menu-like body adds nothing
MIN_KEPT_SHARE = 0.3  # nor does one far shorter than it
SAME_SHARE = 0.8  # trafilatura's body mostly in ours: both read the page alike, the body is not suspect


def main_block_chars(tree: HtmlElement) -> int:
    """Characters of prose (paragraph text outside links) in the element holding the most of it, outside
    page chrome. 0 on pages that do not use <p>."""
    sums: dict[HtmlElement, int] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is None:
            continue
        size = _chars(p)
        if size and p.find(".//a") is not None:
            size -= sum(_chars(a) for a in p.iter("a"))
        sums[parent] = sums.get(parent, 0) + max(0, size)
    for parent, size in sorted(sums.items(), key=lambda item: -item[1]):
        if size < MIN_MAIN_BLOCK:
            return 0
        if not in_boilerplate(parent):
            return size
    return 0


def _chars(el: HtmlElement) -> int:
    """Characters of an element's text, whitespace not counted."""
    return len("".join(el.text_content().split()))


def implausible(body: Body, main_block: int | None = None) -> str | None:
    """Why ``body`` looks wrong ("empty", "links", "fragments", "short"), or None when it looks like an
    article. ``main_block``: see ``main_block_chars`` (the "short" check is skipped when not given)."""
    size = len(body.text)
    if not size:
        return "empty"
    if body.link_chars > MAX_LINK_SHARE * size:
        return "links"
    lines = body.paragraphs
    if len(lines) >= MIN_FRAGMENT_LINES:
        short = sum(1 for line in lines if len(line) <= FRAGMENT_CHARS)
        if short > MAX_FRAGMENT_SHARE * len(lines):
            return "fragments"
    if main_block is not None and main_block >= MIN_MAIN_BLOCK and size < SHORT_SHARE * main_block:
        return "short"
    return None


def guard_body(
    body: Body,
    tree: HtmlElement,
    page_url: str,
    *,
    title: str | None = None,
    captions: Captions | None = None,
) -> Body:
    """``body``, or trafilatura's extraction with fallbacks when ours is implausible and that one is better;
    the choice is recorded in the returned body's warnings."""
    from dataclasses import replace

    from .body import extract_body_with_fallbacks

    reason = implausible(body, main_block_chars(tree) if len(body.text) < MAX_SHORT_BODY else None)
    if reason is None:
        return body
    other = extract_body_with_fallbacks(tree, page_url, title=title, captions=captions)
    if _better(other, body, reason):
        logger.debug("body guard on %s: %s body replaced by trafilatura's", page_url, reason)
        return replace(other, warnings=(*body.warnings, *other.warnings, W_FALLBACK))
    if _same(other, body) or (reason == "empty" and implausible(other) is not None):
        return body  # trafilatura reads the page alike (or finds no article either): the page is like that
    logger.debug("body guard on %s: %s body kept", page_url, reason)
    return replace(body, warnings=(*body.warnings, W_SUSPECT))


def _held(other: Body, body: Body) -> int:
    """Characters of ``other`` whose lines ``body`` holds too."""
    return sum(len(line) for line in other.paragraphs if line in body.text)


def _same(other: Body, body: Body) -> bool:
    a, b = len(other.text), len(body.text)
    if not a or not b:
        return a == b
    return 0.5 * b <= a <= 2 * b and _held(other, body) >= SAME_SHARE * a


def _better(other: Body, body: Body, reason: str) -> bool:
    if implausible(other) is not None:
        return False
    if reason in ("empty", "short"):
        return len(other.text) >= CLEARLY_LONGER * len(body.text)
    # a menu or link list: replaced by a plausible article it does not already hold
    held = _held(other, body)
    return held < MAX_HELD_SHARE * len(other.text) and len(other.text) >= MIN_KEPT_SHARE * len(body.text)
