"""ArticleRecord: what article extraction makes of one page; the item's payload and the store's input.

Field names are a contract (the JSON of ``newsarchive extract``, the columns of ``articles`` and
``article_versions``): add fields, never rename them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# Bump on any change that can alter a record made from the same bytes; stored with every version so a
# re-extraction is never mistaken for an edit by the site.
EXTRACTOR_VERSION = "0.1.0"


class ExtractionError(Exception):
    """No article can be made from the page (empty, binary, not HTML, no main text). ``reason`` says why."""

    def __init__(self, reason: str, *, url: str | None = None):
        super().__init__(f"{reason} ({url})" if url else reason)
        self.reason = reason
        self.url = url


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
    # date when the page shows only a date; datetime when it shows a time (aware when it gives an offset)
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
        }


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()
