"""Items: what the spider hands to the pipeline. Each carries the RawPage it came from, so nothing fetched
is lost even when extraction fails.

``ArticleItem``   a page and the ArticleRecord made from it
``PageItem``      a non-article fetch kept in the raw archive (listing, feed, sitemap, blocked answer)
``DocumentItem``  a listing entry that is a file (PDF, DOC, ...): archived raw, not extracted
``FailureItem``   an article that could not be fetched or extracted (page archived when there is one)
``SeenItem``      a known article answered 304 Not Modified, or 404/410 (``status``)
"""

from __future__ import annotations

from dataclasses import dataclass

from .extract.page import RawPage
from .extract.record import ArticleRecord


@dataclass(frozen=True, slots=True)
class ArticleItem:
    page: RawPage
    record: ArticleRecord
    listing_url: str | None = None
    listing_date: str | None = None  # the date shown beside the link on the listing, as a hint


@dataclass(frozen=True, slots=True)
class PageItem:
    page: RawPage
    kind: str  # "listing" | "feed" | "sitemap" | "blocked"


@dataclass(frozen=True, slots=True)
class DocumentItem:
    page: RawPage
    title: str | None = None
    date: str | None = None
    listing_url: str | None = None


@dataclass(frozen=True, slots=True)
class FailureItem:
    url: str
    error: str
    page: RawPage | None = None
    kind: str = "article"  # what was requested: "article" | "document" | "listing" | "feed" | "sitemap"


@dataclass(frozen=True, slots=True)
class SeenItem:
    url: str
    status: int  # 304, 404 or 410
    fetched_at: str
