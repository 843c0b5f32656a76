"""HTML plumbing for listing parsers: decoding a listing body, parsing it safely, <base href>, classes.

Sits between ``RawPage`` bytes and the link/pager detectors of ``crawler.extract.listing``. Never raises on
bad input: an unparsable body gives ``None`` and the caller reports a warning.
"""

from __future__ import annotations

import logging
import re

import lxml.html
from lxml import etree

from ..page import Decoded, RawPage, decode_page
from .base import fold, resolve

logger = logging.getLogger(__name__)

_GB = ("gb18030", "gbk", "gb2312", "cp936")


def decode_listing(page: RawPage, hint: str | None = None) -> Decoded:
    """``decode_page``, then two repairs seen on real pages.

    A declared GBK/GB2312 page whose bytes are valid UTF-8 (browser "save as" re-encodes) is read as UTF-8;
    a page that decodes with many U+FFFD is retried as GB18030.
    """
    decoded = decode_page(page, hint)
    body = page.body
    enc = decoded.encoding.lower().replace("_", "-")
    if enc in _GB and not body.isascii():
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return decoded
        return Decoded(
            text, "utf-8", (*decoded.warnings, f"encoding-mismatch: declared {enc}, bytes are utf-8")
        )
    bad = decoded.text.count("\ufffd")
    if bad > 3 and bad > len(decoded.text) // 500:
        try:
            text = body.decode("gb18030")
        except UnicodeDecodeError:
            return decoded
        if text.count("\ufffd") < bad:
            return Decoded(
                text, "gb18030", (*decoded.warnings, f"encoding-mismatch: declared {enc}, bytes are gb18030")
            )
    return decoded


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """The document root, or None for an empty or unparsable body."""
    text = _XML_DECL.sub("", text.replace("\x00", ""))
    if not text.strip():
        return None
    parser = lxml.html.HTMLParser(
        remove_comments=False,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        recover=True,
        default_doctype=False,
    )
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        logger.debug("unparsable listing body: %s", exc)
        return None
    return root


def parse_fragment(html: str) -> lxml.html.HtmlElement | None:
    """A wrapper <div> holding an HTML fragment (e.g. a Hanweb CDATA record)."""
    return parse_html(f"<html><body><div>{html}</div></body></html>")


def base_url(root: lxml.html.HtmlElement | None, page_url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` (itself resolved), else the page URL."""
    if root is not None:
        for href in root.xpath("//base/@href"):
            absolute = resolve(str(href), page_url)
            if absolute:
                return absolute
    return page_url


_SPLIT = re.compile(r"[\s_\-]+")


def class_words(el: lxml.html.HtmlElement) -> list[str]:
    """Class names and id of an element, lower-cased."""
    words = (el.get("class") or "").lower().split()
    ident = (el.get("id") or "").lower().strip()
    if ident:
        words.append(ident)
    return words


def element_text(el: lxml.html.HtmlElement) -> str:
    """Visible text of an element (scripts and styles skipped), whitespace folded."""
    parts: list[str] = []
    for node in el.iter():
        if node.tag in ("script", "style") or not isinstance(node.tag, str):
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return fold(" ".join(parts))
