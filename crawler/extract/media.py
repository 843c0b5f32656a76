"""Attachments and image captions, read from the page tree.

Called by ``article.py``. ``find_attachments`` lists linked files (附件: pdf, doc, docx, xls, xlsx, ppt, zip,
ofd, wps, rar, 7z ...) outside page chrome, with absolute URLs and link text; ``image_captions`` maps an
<img src> to its caption (figcaption, a caption-classed sibling, or the short centred line under it), for
``body.py`` to attach to the images kept in the body.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from .dom import fold, in_boilerplate
from .record import Attachment, Image

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

# Files a link can point to instead of an article page: attachments of an article, documents of a listing
ATTACHMENT_EXTENSIONS = (
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "zip",
    "rar",
    "7z",
    "ofd",
    "wps",
    "et",
    "dps",
    "txt",
    "csv",
    "tar",
    "gz",
    "tif",
    "tiff",
    "ceb",
    "caj",
    "odt",
    "ods",
    "odp",
    "rtf",
    "tgz",
)
_EXT = re.compile(r"\.(" + "|".join(ATTACHMENT_EXTENSIONS) + r")$", re.I)
_TEXT_EXT = re.compile(r"\.(" + "|".join(ATTACHMENT_EXTENSIONS) + r")\s*[)）]?$", re.I)
_CAPTION_CLASS = re.compile(
    r"caption|pic-?(?:title|txt|text|info|des)|img-?(?:title|txt|text|des)|photo-?(?:title|txt)"
    r"|tuzhu|figure-?title|wp-caption-text",
    re.I,
)
_CAPTION_TEXT = re.compile(r"^(?:图|圖|Photo|Figure|Fig\.|Image|Picture|（图|\(图|▲|△)", re.I)
MAX_ATTACHMENTS = 200


_QUICK = re.compile(r"\.(?:" + "|".join(ATTACHMENT_EXTENSIONS) + r")\b", re.I)


def _is_attachment(href: str, text: str) -> bool:
    if not _QUICK.search(href) and not _QUICK.search(text):
        return False
    path = unquote(urlsplit(href).path)
    if _EXT.search(path):
        return True
    query = urlsplit(href).query
    return bool(_TEXT_EXT.search(text)) or bool(
        re.search(r"=[^&]*\.(?:pdf|docx?|xlsx?|zip|rar|ofd|wps)(?:&|$)", query, re.I)
    )


def find_attachments(tree: HtmlElement, page_url: str) -> tuple[Attachment, ...]:
    """Linked files outside page chrome, in document order, one per URL."""
    found: dict[str, Attachment] = {}
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        text = fold(a.text_content()) or fold(a.get("title"))
        if not _is_attachment(href, text) or in_boilerplate(a):
            continue
        url = urljoin(page_url, href)
        if url not in found:
            found[url] = Attachment(url=url, text=text or None)
        if len(found) >= MAX_ATTACHMENTS:
            break
    return tuple(found.values())


def _following_text(img: HtmlElement) -> str | None:
    """The short line right after an image (its block's next sibling, or text after it in the same block)."""
    tail = fold(img.tail)
    if tail:
        return tail
    block = img
    for _ in range(3):
        parent = block.getparent()
        if parent is None:
            return None
        if fold(parent.text_content()) != fold(block.text_content()):
            break
        block = parent
    sibling = block.getnext()
    return fold(sibling.text_content()) if sibling is not None else None


class Captions:
    """<img src> (as written) -> caption, for images that have one; each found when first asked for
    (pages carry dozens of thumbnails, the article a few images)."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree
        self._images: dict[str, HtmlElement] | None = None
        self._found: dict[str, str | None] = {}

    def get(self, src: str | None) -> str | None:
        if not src:
            return None
        if src not in self._found:
            if self._images is None:
                self._images = {}
                for img in self._tree.iter("img"):
                    self._images.setdefault((img.get("src") or "").strip(), img)
            img = self._images.get(src)
            self._found[src] = _caption(img) if img is not None else None
        return self._found[src]


def image_captions(tree: HtmlElement) -> Captions:
    """The captions of the page's images, looked up by <img src>."""
    return Captions(tree)


def _caption(img: HtmlElement) -> str | None:
    caption = None
    figure = next((a for a in img.iterancestors("figure")), None)
    if figure is not None:
        caps = figure.xpath(".//figcaption")
        caption = fold(caps[0].text_content()) if caps else None
    if not caption:
        parent = img.getparent()
        for node in (parent, parent.getparent() if parent is not None else None):
            if node is None:
                continue
            for sib in node.itersiblings():
                if _CAPTION_CLASS.search(f"{sib.get('class') or ''} {sib.get('id') or ''}"):
                    caption = fold(sib.text_content())
                break
            if caption:
                break
    if not caption:
        following = _following_text(img)
        if (
            following
            and len(following) <= 120
            and (_CAPTION_TEXT.match(following) or _centred(img, following))
        ):
            caption = following
    return caption if caption and len(caption) <= 300 else None


def _centred(img: HtmlElement, text: str) -> bool:
    """Chinese CMSs put captions in a centred paragraph under the image."""
    for node in (img.getparent(), *(img.getparent().itersiblings() if img.getparent() is not None else ())):
        if node is None:
            continue
        style = f"{node.get('style') or ''} {node.get('align') or ''} {node.get('class') or ''}".lower()
        if fold(node.text_content()) == text and ("center" in style or "centre" in style):
            return True
    return False


def find_images(container: HtmlElement, page_url: str, captions: Captions) -> tuple[Image, ...]:
    """Images inside the article's container (not in chrome), absolute URLs, with captions."""
    found: dict[str, Image] = {}
    for img in container.iter("img"):
        src = (img.get("src") or img.get("data-src") or "").strip()
        if not src or src.startswith(("data:", "javascript:")) or in_boilerplate(img, stop=container):
            continue
        url = urljoin(page_url, src)
        caption = captions.get(src) or _alt_caption(img.get("alt"))
        if url not in found:
            found[url] = Image(url=url, caption=caption)
    return tuple(found.values())


def _alt_caption(alt: str | None) -> str | None:
    alt = fold(alt)
    if not alt or len(alt) < 2 or re.search(r"\.(?:jpe?g|png|gif|webp|bmp)$", alt, re.I):
        return None
    return alt


def body_container(start: HtmlElement, end: HtmlElement) -> HtmlElement | None:
    """The innermost element holding both the body's first and last lines."""
    ancestors = [start, *start.iterancestors()]
    end_chain = {id(el) for el in (end, *end.iterancestors())}
    for el in ancestors:
        if id(el) in end_chain:
            return el if el.tag not in ("body", "html") else None
    return None
