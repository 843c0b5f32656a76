"""ArticleRecord: what article extraction makes of one page; the item's payload and the store's input.

Field names are a contract (the JSON of ``newsarchive extract``, the columns of ``articles`` and
``article_versions``): add fields, never rename them.

Fields (``to_dict`` gives the same keys, dates as ISO 8601 strings):

``url``             the page's effective URL (after redirects)
``title``           the article title, without site-name suffixes
``published``       publish date: a ``date`` when the page shows only a day, a ``datetime`` when it shows
                    a time (with its UTC offset when the page gives one or the site's zone is known: the
                    site's ``timezone``, or Asia/Shanghai on Chinese CMS pages)
``modified``        update date (更新时间, "Updated"), kept apart from ``published``
``source``          the 来源 organisation (来源 / 稿件来源 / 信息来源 / "Source:"); never the site's own name
``author``          author(s) (作者 / 记者 / 文 / 撰稿 / byline); Chinese names joined by 、, others by ", "
``editor``          responsible editor (责任编辑 / 编辑)
``language``        ISO 639-1 code of the article text
``text``            body text, paragraphs separated by "\\n"
``html``            cleaned body HTML (no scripts, styles, event handlers, javascript: links)
``images``          images of the body, absolute URLs, with captions when the page gives one
``attachments``     linked files (pdf/doc/docx/xls/xlsx/zip/ofd/wps/rar/7z ...), absolute URLs, link text
``encoding``        the encoding the body was decoded with (Python codec name)
``site_name``       the site's own name (og:site_name, SiteName meta)
``description``     the page's stated summary (meta description)
``canonical_url``   <link rel=canonical> / og:url, absolute
``warnings``        short stable codes naming each fallback used, e.g. "published:from-url",
                    "title:from-title-tag", "encoding:detected" (see docs in article.py)
``extractor_version``  EXTRACTOR_VERSION of the code that made the record
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# Bump on any change that can alter a record made from the same bytes; stored with every version so a
# re-extraction is never mistaken for an edit by the site.
EXTRACTOR_VERSION = "0.3.0"


class ExtractionError(Exception):
    """No article can be made from the page (empty, binary, not HTML, no main text). ``reason`` says why."""

    def __init__(self, reason: str, *, url: str | None = None):
        super().__init__(f"{reason} ({url})" if url else reason)
        self.reason = reason
        self.url = url

    def __reduce__(self) -> tuple[Any, ...]:  # survives pickling (process pools)
        return (_rebuild_error, (self.reason, self.url))


def _rebuild_error(reason: str, url: str | None) -> ExtractionError:
    return ExtractionError(reason, url=url)


@dataclass(frozen=True, slots=True)
class Attachment:
    url: str
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Image:
    url: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    url: str  # the page's effective URL (after redirects)
    title: str | None = None
    # date when the page shows only a date; datetime when it shows a time (aware when its zone is known)
    published: dt.date | dt.datetime | None = None
    modified: dt.date | dt.datetime | None = None  # 更新时间 / "Updated", kept apart from published
    source: str | None = None  # the 来源 organisation
    author: str | None = None
    editor: str | None = None  # 责任编辑 / 编辑
    language: str | None = None  # ISO 639-1
    text: str = ""  # body text, paragraphs separated by "\n"
    html: str | None = None  # cleaned body HTML (no scripts, styles, event handlers)
    images: tuple[Image, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    encoding: str | None = None  # the encoding the body was decoded with
    warnings: tuple[str, ...] = ()  # which fallbacks were used, e.g. "published:from-url"
    extractor_version: str = EXTRACTOR_VERSION
    site_name: str | None = None  # og:site_name / SiteName meta
    description: str | None = None  # meta description
    canonical_url: str | None = None  # <link rel=canonical> or og:url, absolute

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO 8601 strings, parts as lists of dicts."""
        return {
            "url": self.url,
            "title": self.title,
            "published": _iso(self.published),
            "modified": _iso(self.modified),
            "source": self.source,
            "author": self.author,
            "editor": self.editor,
            "language": self.language,
            "text": self.text,
            "html": self.html,
            "images": [{"url": i.url, "caption": i.caption} for i in self.images],
            "attachments": [{"url": a.url, "text": a.text} for a in self.attachments],
            "encoding": self.encoding,
            "warnings": list(self.warnings),
            "extractor_version": self.extractor_version,
            "site_name": self.site_name,
            "description": self.description,
            "canonical_url": self.canonical_url,
        }


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()
