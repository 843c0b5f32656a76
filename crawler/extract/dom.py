"""The parsed page: one lxml tree per page, built from the decoded text, plus small helpers over it.

Sits between decoding (``page.decode_page``) and every reader of the page: the article readers (metadata,
info line, title, body) and the listing parsers (``listing``, ``pagination``, ``cms/``). The tree is parsed
once; readers must not modify it (the body extractor works on a copy).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 2_000_000  # decoded text beyond this is cut before parsing (10 MB pages stay fast)

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_VISIBLE_TEXT = etree.XPath(".//text()[not(ancestor::script or ancestor::style)]", smart_strings=False)

# Containers that never hold the article: chrome around it, boxes beside it
BOILERPLATE_TAGS = frozenset(
    {
        "nav",
        "footer",
        "aside",
        "header",
        "menu",
        "select",
        "button",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "svg",
    }
)
_BOX_WORDS = re.compile(
    r"(?:^|[\s_-])(?:foot(?:er)?|copyright|banquan|nav(?:bar|igation)?|menu|breadcrumbs?|crumbs?|sidebar|side|"
    r"aside|related|relate|recommend(?:ed)?|xgxw|xgwz|xglj|hot|rank(?:ing)?|popular|share|bdshare|"
    r"comment(?:s)?|pager|paging|pagination|login|search|toolbar|tools?|links?|friend-?links?|yqlj|"
    r"more|widget|ad|ads|advert\w*|gotop|top-?bar)(?:$|[\s_-]|\d)",
    re.I,
)


def parse_html(text: str, *, keep_comments: bool = False) -> HtmlElement | None:
    """The document tree of decoded HTML, or None when there is nothing to parse. The one HTML parser of
    extraction: articles, listings and the records Hanweb hides in its XML answers all go through it.

    Comments are dropped unless ``keep_comments`` (listings keep them to report a commented-out list);
    processing instructions always are. Text beyond ``MAX_TEXT_CHARS`` is cut (lxml recovers a truncated
    document).
    """
    from lxml.html import HTMLParser, document_fromstring

    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
    text = _CONTROL.sub("", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        return None
    parser = HTMLParser(
        remove_comments=not keep_comments, remove_pis=True, collect_ids=False, default_doctype=False
    )
    try:
        root = document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        logger.debug("unparsable HTML: %s", exc)
        return None
    return root


def fold(text: str | None) -> str:
    """Whitespace folded to single spaces (also NBSP and full-width spaces), zero-width characters removed,
    stripped."""
    if not text:
        return ""
    return " ".join(text.translate(_ZERO_WIDTH).split())


def element_text(el: HtmlElement) -> str:
    """Visible text of an element, whitespace folded; script/style content left out."""
    return fold(" ".join(_VISIBLE_TEXT(el)))


def class_words(el: HtmlElement) -> list[str]:
    """Class names and id of an element, lower-cased."""
    words = (el.get("class") or "").lower().split()
    ident = (el.get("id") or "").lower().strip()
    if ident:
        words.append(ident)
    return words


def class_id(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def in_boilerplate(el: HtmlElement, stop: HtmlElement | None = None) -> bool:
    """True when the element sits in page chrome (nav, footer, aside, a related-news or share box)."""
    node: HtmlElement | None = el
    while node is not None and node is not stop:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in BOILERPLATE_TAGS and tag != "header":
            return True
        if _BOX_WORDS.search(class_id(node)):
            return True
        node = node.getparent()
    return False


def is_box(el: HtmlElement) -> bool:
    """True for an element whose own class/id names a side box, footer, menu or similar."""
    tag = el.tag if isinstance(el.tag, str) else ""
    return (tag in BOILERPLATE_TAGS and tag != "header") or bool(_BOX_WORDS.search(class_id(el)))


# Boxes that hold other articles or page furniture, never the article: pruned before main-text extraction
_CHROME_BOX = re.compile(
    r"(?:^|[\s_-])(?:related|relate|xgxw|xgwz|xglj|xgyd|recommend(?:ed)?|tuijian|hot(?:news)?|rank(?:ing)?|popular|"
    r"share|bdshare\w*|sharedaddy|comments?|pager|paging|pagination|prev-?next|sidebar|side|side-?\w+|left-?nav|"
    r"left-?list|right-?box|breadcrumbs?|crumbs?|position|dqwz|footer|foot|copyright|bottom|nav|navbar|menu|"
    r"widget-area|ewm|qrcode|post-navigation)(?:$|[\s_-]|\d)",
    re.I,
)


def prune_chrome(tree: HtmlElement) -> int:
    """Remove nav/footer/aside elements and boxes whose class or id names chrome (related news, share
    buttons, pagers, side columns) from ``tree`` in place; an element holding most of the page's text is
    kept whatever its name. Returns how many were removed."""
    body = tree.find("body")
    if body is None:
        return 0
    total = len(body.text_content()) or 1
    doomed = []

    def walk(el: HtmlElement) -> None:
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag:
                continue
            if (tag in ("nav", "footer", "aside") or _CHROME_BOX.search(class_id(child))) and len(
                child.text_content()
            ) < 0.4 * total:
                doomed.append(child)
            else:
                walk(child)

    try:
        walk(body)
    except RecursionError:
        logger.debug("page nesting too deep to prune")
    removed = 0
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            if el.tail:
                prev = el.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + el.tail
                else:
                    parent.text = (parent.text or "") + el.tail
            parent.remove(el)
            removed += 1
    return removed
