"""The page as a reader sees it: visible text split into lines at block boundaries, in document order.

Built once from the parsed tree (``dom.parse_html``) and read by the title, info-line and byline finders,
which work by position ("the short lines right under the title", "the lines after the body"). Each line
remembers its block element and whether it sits in page chrome (nav, footer, a related-news box).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dom import _BOX_WORDS, BOILERPLATE_TAGS, class_id, is_box

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "aside",
        "form",
        "title",
        "option",
        "time-block",
    }
)
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "select",
        "option",
        "textarea",
        "iframe",
        "object",
        "svg",
        "button",
    }
)
MAX_LINES = 20_000  # a page that renders to more lines than this is cut (its article is near the top)


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # whitespace folded
    element: HtmlElement  # the innermost block element the line belongs to
    boilerplate: bool  # inside nav/footer/aside or a box whose class/id names chrome


def _is_chrome(el: HtmlElement, tag: str) -> bool:
    """Page chrome, except an HTML5 <footer> scoped to an <article>: that is the article's own footer
    (categories, "Source: ...", tags), not the page's."""
    if tag == "footer" and next(el.iterancestors("article"), None) is not None:
        names = " ".join(w for w in class_id(el).split() if "foot" not in w.casefold())  # "entry-footer"
        return bool(_BOX_WORDS.search(names))
    return (tag in BOILERPLATE_TAGS and tag != "header") or is_box(el)


def page_lines(tree: HtmlElement) -> list[Line]:
    """The visible text of the page, one entry per block-level line, in document order."""
    body = tree.find("body")
    root = body if body is not None else tree
    lines: list[Line] = []
    buffer: list[str] = []
    block: list[tuple[HtmlElement, bool]] = [(root, False)]  # the innermost open block, and whether chrome

    def flush() -> None:
        if not buffer:
            return
        text = " ".join("".join(buffer).split())  # str.split folds NBSP and full-width spaces too
        buffer.clear()
        if text and len(lines) < MAX_LINES:
            lines.append(Line(text, *block[-1]))

    def walk(el: HtmlElement, boiler: bool) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            if el.tail:
                buffer.append(el.tail)
            return
        if tag in BLOCK_TAGS:
            here = boiler or _is_chrome(el, tag)
            flush()
            block.append((el, here))
            if el.text:
                buffer.append(el.text)
            for child in el:
                walk(child, here)
            flush()
            block.pop()
        else:
            if el.text:
                buffer.append(el.text)
            for child in el:
                walk(child, boiler)
        if el.tail:
            buffer.append(el.tail)

    try:
        walk(root, False)
    except RecursionError:  # absurdly deep nesting: keep what was read
        logger.debug("page nesting too deep; lines cut")
    flush()
    return lines
