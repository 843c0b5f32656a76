"""Rendered pages (``Page``: bytes, Content-Type, Last-Modified) and the small helpers every renderer shares.

The CMS-family renderers (``sitekit.cms``) turn ``sitekit.model`` content into Pages; the demo and the
benchmark serve them. Nothing here knows a site family.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from .model import Article, Image

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Page:
    body: bytes
    content_type: str
    last_modified: float | None = None


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def relative(target: str, page: str) -> str:
    """``target`` as a relative link from the page at ``page`` (absolute paths), "./x" style as TRS writes."""
    rel = posixpath.relpath(target, posixpath.dirname(page) or "/")
    return rel if rel.startswith("../") else "./" + rel


def day(article: Article) -> str:
    return article.published.strftime("%Y-%m-%d")


def shown_date(article: Article, sep: str = "-") -> str:
    """The publish date as an info line shows it: with the time when the page states one."""
    fmt = f"%Y{sep}%m{sep}%d %H:%M" if article.has_time else f"%Y{sep}%m{sep}%d"
    return article.published.strftime(fmt)


def clip(text: str, limit: int) -> str:
    """Listing anchors cut long titles; the full title stays in @title."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def words(text: str, limit: int) -> str:
    """A teaser: the text cut at a word boundary near ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def html_page(text: str, content_type: str, last_modified: float | None, encoding: str = "utf-8") -> Page:
    return Page(text.encode(encoding, errors="xmlcharrefreplace"), content_type, last_modified)


def long_date(when: dt.date) -> str:
    """ "June 14, 2024", as English newsrooms print dates."""
    return f"{MONTHS[when.month - 1]} {when.day}, {when.year}"


def interleave(article: Article, paragraph: Callable[[str], str], image: Callable[[Image], str]) -> str:
    """The article's text as a family writes it: each paragraph (``paragraph`` of its text), then the
    images placed after it (``image``)."""
    return "".join(
        paragraph(text) + "".join(image(im) for im in article.images if im.after == i)
        for i, text in enumerate(article.paragraphs)
    )
