"""The content the renderers show: articles (with images and attachments), the columns that list them, and
plain listed links (``Item``).

Made by the demo (``sitekit.demo.content``), the benchmark's generator (``bench/site.py``) and the multi-CMS
test site (``sitekit.multicms``); read by the CMS-family renderers in ``sitekit.cms``. Times are aware
datetimes in China Standard Time (``CST``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CST = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True, slots=True)
class Image:
    path: str  # absolute URL path on the site
    caption: str
    after: int  # shown after this body paragraph (0-based)


@dataclass(frozen=True, slots=True)
class Attachment:
    path: str  # absolute URL path on the site
    text: str  # the link text as shown
    kind: str  # "pdf" or "docx"


@dataclass(frozen=True, slots=True)
class Article:
    """One version of one article page."""

    site: str
    column: str
    uid: int  # the CMS's document id (TRS docid, t<id>, Drupal node id)
    path: str  # absolute URL path on the site
    kind: str
    title: str
    published: dt.datetime  # aware (CST); shown with or without the time, see has_time
    has_time: bool
    source: str
    author: str | None
    editor: str | None
    language: str
    paragraphs: tuple[str, ...]
    images: tuple[Image, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    summary: str = ""
    url_date: dt.date | None = None  # date in the URL when it differs from the publish date (TRS re-publish)
    changed: dt.datetime | None = None  # last edit of the content (Drupal's "changed")
    views: int = 0  # the visitor counter printed on the page
    last_modified: float = 0.0  # epoch seconds: when this page file was last written


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # path segment
    name: str  # as in menus and breadcrumbs
    path: str  # listing start path
    kinds: tuple[str, ...]  # story kinds written for this column
    count: int  # articles at stage 1
    new: int  # articles added at stage 2
    per_page: int
    options: tuple[tuple[str, str], ...] = ()  # renderer switches (charset, pager style, ...)

    def option(self, name: str, default: str = "") -> str:
        return dict(self.options).get(name, default)


@dataclass(frozen=True, slots=True)
class Item:
    """A link as a listing shows it: the target's path, the href as written, the title and date shown."""

    path: str  # absolute path on the site
    href: str  # as written in the listing (relative or absolute path)
    title: str
    date: str  # YYYY-MM-DD
    kind: str = "article"  # or "document" (a PDF, DOC... listed like an article)
