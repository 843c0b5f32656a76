"""The article body: trafilatura's main-text extraction, then our cleanup, text, HTML and images.

Called by ``article.py`` with the parsed tree. ``extract_body`` runs trafilatura (settings chosen on the
corpus, see ``TRAFILATURA_OPTIONS``) on the whole page or on the SiteRules body selector's match, removes what
trafilatura lets through on institute and government sites (``clean.py``), and renders the kept blocks as
text (paragraphs joined by "\\n") and as cleaned HTML (no scripts, styles or event handlers).
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from .clean import is_boilerplate_block
from .dom import fold, prune_chrome
from .record import Image
from .rules import select_all

if TYPE_CHECKING:
    from lxml.etree import XPath, _Element
    from lxml.html import HtmlElement

    from .media import Captions

logger = logging.getLogger(__name__)

# Chosen with bench/compare_settings.py on the corpus (table in the report); comments are never article text.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "fast": True,  # skips the readability/justext comparison: same F1 on the corpus, ~25 % less time
    "favor_precision": False,
    "favor_recall": False,
    "include_tables": True,
    "include_comments": False,
    "include_images": True,
    "include_links": True,
    "include_formatting": True,
    "deduplicate": False,  # process-wide cache: would make output depend on what ran before
    "with_metadata": False,  # ours is read by metadata.py / infoline.py
    "output_format": "xml",  # we render text and HTML from the body tree ourselves; skips its text rendering
}
MAX_TREE_ELEMENTS = 25_000  # larger trees are pruned of chrome, then cut, before trafilatura sees them

_BLOCK_TAGS = ("p", "head", "list", "table", "quote", "code", "div", "graphic")
_KEEP_ATTRIBUTES = {
    "a": ("href", "title"),
    "img": ("src", "alt", "title"),
    "td": ("colspan", "rowspan"),
    "th": ("colspan", "rowspan"),
}
_UNSAFE_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.I)


@dataclass(frozen=True, slots=True)
class Body:
    text: str
    html: str | None
    images: tuple[Image, ...] = ()
    paragraphs: tuple[str, ...] = ()  # the text's paragraphs (what ``text`` joins), for the byline finders
    warnings: tuple[str, ...] = ()
    link_chars: int = 0  # characters of the text inside links (for the body guard, ``guard.py``)


def _block_text(el: _Element) -> str:
    """Text of one output block; <lb/> and list items and table rows become line breaks."""
    parts: list[str] = []

    def walk(node: _Element) -> None:
        tag = node.tag
        if tag == "graphic":
            if node.tail:
                parts.append(node.tail)
            return
        if tag in ("lb", "item", "row", "p", "head") and parts:
            parts.append("\n")
        if tag == "cell" and parts and parts[-1] != "\n":
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))  # as dom.fold, faster
    return "\n".join(line for line in lines if line)


def _paragraphs(body: _Element) -> list[str]:
    out: list[str] = []
    for block in body:
        text = _block_text(block)
        if text:
            out.extend(text.split("\n"))
    return out


_LEAF_TAGS = frozenset({"p", "head", "item", "row", "quote", "code"})


def _leaf_blocks(body: _Element) -> list[_Element]:
    """Innermost text blocks in document order (a layout table's rows, a list's items, paragraphs)."""
    leaves = []
    for el in body.iter():
        if el is body or not isinstance(el.tag, str):
            continue
        is_block = el.tag in _LEAF_TAGS or (el.getparent() is body and el.tag not in ("graphic",))
        if is_block and not any(isinstance(c.tag, str) and c.tag in _LEAF_TAGS for c in el.iterdescendants()):
            leaves.append(el)
    return leaves


def _label_pairs(texts: list[str], filled: list[int], edge: set[int]) -> set[int]:
    """Info lines split in two blocks at the body's edges: a bare label ("Source", "来源"), then its value."""
    from .infoline import is_bare_label

    found: set[int] = set()
    for position, index in enumerate(filled[:-1]):
        following = filled[position + 1]
        if index in edge and is_bare_label(texts[index]) and len(texts[following]) <= 80:
            found |= {index, following}
    return found


def _clean_blocks(body: _Element, title: str | None) -> int:
    """Drop boilerplate blocks (and the title repeated at the top); returns how many were dropped."""
    dropped = 0
    leaves = _leaf_blocks(body)
    texts = [_block_text(el) for el in leaves]
    filled = [i for i, t in enumerate(texts) if t]
    edge = set(filled[:4]) | set(filled[-6:])
    labelled = _label_pairs(texts, filled, edge)
    for index, (el, text) in enumerate(zip(leaves, texts, strict=True)):
        if not text or el.tag == "graphic" or len(el.xpath(".//graphic")):
            continue
        if index in labelled or is_boilerplate_block(
            text, at_edge=index in edge, title=title if index in filled[:3] else None
        ):
            parent = el.getparent()
            if parent is not None:
                if el.tail and el.tail.strip():
                    previous = el.getprevious()
                    if previous is not None:
                        previous.tail = (previous.tail or "") + el.tail
                    else:
                        parent.text = (parent.text or "") + el.tail
                parent.remove(el)
                dropped += 1
    return dropped


def _html(body: _Element) -> str | None:
    from lxml.etree import tostring
    from trafilatura.htmlprocessing import convert_to_html

    if not len(body):
        return None
    root = convert_to_html(deepcopy(body))
    for el in root.iter():
        keep = _KEEP_ATTRIBUTES.get(el.tag if isinstance(el.tag, str) else "", ())
        for attr in list(el.attrib):
            value = el.get(attr) or ""
            if attr not in keep or _UNSAFE_URL.match(value):
                del el.attrib[attr]
    html_body = root.find("body")
    inner = (
        "".join(tostring(child, encoding="unicode") for child in html_body) if html_body is not None else ""
    )
    return inner.strip() or None


def _images(body: _Element, page_url: str, captions: Captions | None) -> tuple[Image, ...]:
    found: dict[str, Image] = {}
    for g in body.iter("graphic"):
        src = (g.get("src") or "").strip()
        if not src or _UNSAFE_URL.match(src):
            continue
        url = urljoin(page_url, src)
        caption = (
            (captions.get(src) if captions is not None else None)
            or fold(g.get("title") or "")
            or _alt_caption(g.get("alt"))
        )
        if url not in found:
            found[url] = Image(url=url, caption=caption or None)
    return tuple(found.values())


def _alt_caption(alt: str | None) -> str | None:
    alt = fold(alt)
    if not alt or re.search(r"\.(?:jpe?g|png|gif|webp|bmp)$", alt, re.I) or len(alt) < 2:
        return None
    return alt


def _selected_tree(tree: HtmlElement, selector: str) -> HtmlElement | None:
    from parsel import Selector

    nodes = [n.root for n in select_all(Selector(root=tree), selector) if not isinstance(n.root, str)]
    return _tree_of(nodes)


def _tree_of(nodes: list[HtmlElement]) -> HtmlElement | None:
    """A new document holding copies of ``nodes`` in its body (None for no nodes)."""
    from lxml.html import fromstring

    if not nodes:
        return None
    doc = fromstring("<html><body></body></html>")
    body = doc.find("body")
    for node in nodes:
        body.append(deepcopy(node))
    return doc


# Body containers that well-known CMSs write the article into. When one holds real text, the article is in
# it: trafilatura is given only that part, so picture boxes and teaser lists beside it cannot win.
KNOWN_CONTAINERS = (  # (tag, attribute, value): a class word, or the whole id / itemprop
    ("div", "class", "TRS_Editor"),  # TRS WCM
    ("div", "class", "trs_editor_view"),
    ("div", "class", "TRS_UEDITOR"),
    ("*", "id", "UCAP-CONTENT"),  # Hanweb / UCAP
    ("div", "class", "v_news_content"),  # VSB
    ("*", "id", "vsb_content"),
    ("*", "id", "vsb_content_2"),
    ("div", "class", "field--name-body"),  # Drupal 8+
    ("div", "class", "field-name-body"),  # Drupal 7
    ("div", "class", "entry-content"),  # WordPress
    ("*", "itemprop", "articleBody"),  # schema.org microdata
)
MIN_CONTAINER_CHARS = 120


@cache
def _compiled_containers() -> tuple[XPath, ...]:
    """One cheap XPath per container (``contains``); the exact class word is checked in Python."""
    from lxml.etree import XPath

    return tuple(XPath(f"//{tag}[contains(@{attr}, '{value}')]") for tag, attr, value in KNOWN_CONTAINERS)


def _is_container(el: HtmlElement, attr: str, value: str) -> bool:
    found = el.get(attr) or ""
    return value in found.split() if attr == "class" else found.strip() == value


def _known_container(tree: HtmlElement, page_text: str | None = None) -> HtmlElement | None:
    """The largest CMS body container on the page outside page chrome, when it holds enough text.
    ``page_text`` (the decoded HTML) lets containers whose name it does not hold be skipped unsearched."""
    from .dom import in_boilerplate

    for (_, attr, value), xpath in zip(KNOWN_CONTAINERS, _compiled_containers(), strict=True):
        if page_text is not None and value not in page_text:
            continue
        nodes = [n for n in xpath(tree) if _is_container(n, attr, value) and not in_boilerplate(n)]
        sized = [(len(fold(n.text_content())), n) for n in nodes]
        if sized:
            size, node = max(sized, key=lambda pair: pair[0])
            if size >= MIN_CONTAINER_CHARS:
                return node
    return None


def _capped(tree: HtmlElement) -> tuple[HtmlElement, bool]:
    """The tree given to trafilatura (our own copy, changed in place): huge pages lose scripts and chrome,
    then the elements past the cap."""
    size = sum(1 for _ in tree.iter())
    if size <= MAX_TREE_ELEMENTS:
        return tree, False
    from lxml.etree import strip_elements

    strip_elements(
        tree, "script", "style", "noscript", "svg", "select", "iframe", "nav", "footer", with_tail=False
    )
    for kept, el in enumerate(list(tree.iter()), 1):
        if kept > MAX_TREE_ELEMENTS and el.getparent() is not None:
            el.getparent().remove(el)
    return tree, True


def _trafilatura_body(
    source: HtmlElement | None, page_url: str, warnings: list[str], *, fallbacks: bool = False
) -> _Element | None:
    """trafilatura's main-text tree of ``source`` (our own copy: pruned and capped in place), or None.
    ``fallbacks``: the page as it is, with trafilatura's readability/justext comparison (slower)."""
    import trafilatura

    if source is None:
        return None
    if not fallbacks:
        prune_chrome(source)
    source, capped = _capped(source)
    if capped:
        warnings.append("body:page-cut-to-size")
    options = {**TRAFILATURA_OPTIONS, "fast": False} if fallbacks else TRAFILATURA_OPTIONS
    try:
        # no URL: trafilatura would resolve every link of the page; _render resolves the kept ones
        doc = trafilatura.bare_extraction(source, url=None, **options)
    except (ValueError, TypeError, RecursionError) as exc:  # trafilatura's own errors on odd trees
        logger.warning("trafilatura failed on %s: %s", page_url, exc)
        return None
    found = getattr(doc, "body", None)  # a trafilatura Document (never a dict with these options)
    if found is None or not len(found):
        return None
    return found


def extract_body(
    tree: HtmlElement,
    page_url: str,
    *,
    selector: str | None = None,
    title: str | None = None,
    captions: Captions | None = None,
    page_text: str | None = None,
) -> Body:
    """Main text of the page (or of the ``selector`` match, or of a known CMS body container) with
    boilerplate removed; empty when none."""
    warnings: list[str] = []
    body = None
    if selector:
        selected = _selected_tree(tree, selector)
        if selected is None:
            warnings.append("body:selector-matched-nothing")
        else:
            body = _trafilatura_body(selected, page_url, warnings)
    elif (container := _known_container(tree, page_text)) is not None:
        body = _trafilatura_body(_tree_of([container]), page_url, warnings)
    if body is None:  # no selector or container, or they gave nothing: the whole page
        body = _trafilatura_body(deepcopy(tree), page_url, warnings)
    return _render(body, page_url, title, captions, warnings)


def extract_body_with_fallbacks(
    tree: HtmlElement, page_url: str, *, title: str | None = None, captions: Captions | None = None
) -> Body:
    """trafilatura's extraction of the whole page with its fallbacks (no pruning of ours), cleaned the same
    way: what the body guard compares an implausible body with."""
    warnings: list[str] = []
    body = _trafilatura_body(deepcopy(tree), page_url, warnings, fallbacks=True)
    return _render(body, page_url, title, captions, warnings)


def _render(
    body: _Element | None,
    page_url: str,
    title: str | None,
    captions: Captions | None,
    warnings: list[str],
) -> Body:
    if body is None:
        return Body("", None, warnings=(*warnings, "body:none-found"))
    _clean_blocks(body, title)
    images = _images(body, page_url, captions)  # captions are found by the src as written
    for el, attr in ((el, "target" if el.tag == "ref" else "src") for el in body.iter("ref", "graphic")):
        value = (el.get(attr) or "").strip()  # trafilatura was given no URL: links and images as written
        if value and not value.startswith(("http://", "https://")):
            el.set(attr, urljoin(page_url, value))
    paragraphs = _paragraphs(body)
    return Body(
        text="\n".join(paragraphs),
        html=_html(body),
        images=images,
        paragraphs=tuple(paragraphs),
        warnings=tuple(warnings),
        link_chars=sum(len(fold("".join(ref.itertext()))) for ref in body.iter("ref")),
    )
