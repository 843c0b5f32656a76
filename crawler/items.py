"""Items: what the spider hands to the archive writer. Each names its site and carries the RawPage it came
from, so nothing fetched is lost even when extraction fails.

``ArticleItem``   a page and the ArticleRecord made from it
``PageItem``      a non-article fetch kept in the raw archive (listing, feed, sitemap, blocked answer)
``DocumentItem``  a listing entry that is a file (PDF, DOC, ...): archived raw, not extracted
``FailureItem``   a page that could not be fetched or extracted (archived when there is one)
``SeenItem``      a known article answered 304 Not Modified, or 404/410 (``status``), or a page that is no
                  article (a soft 404, an empty template: ``reason``), archived raw, never a version
``ListingItem``   how many article links a start page of a listing gave (the writer flags emptied listings)
``SiteClosed``    the site's requests are all answered: the writer closes its run

They are dataclasses that Scrapy's feed exports read as they are (``scrapy crawl news -O items.jsonl``):
field metadata turns a page into JSON (its body as base64) and a record into its ``to_dict()``. Every item
exports an ``item`` key naming its kind.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from .extract.page import RawPage
from .extract.record import ArticleRecord
from .state import RunTally


def page_to_dict(page: RawPage) -> dict[str, Any]:
    """A RawPage as JSON-ready data, body and request body base64-encoded (nothing fetched is dropped)."""
    return {
        "url": page.url,
        "final_url": page.final_url,
        "status": page.status,
        "headers": [list(h) for h in page.headers],
        "fetched_at": page.fetched_at,
        "method": page.method,
        "request_headers": [list(h) for h in page.request_headers],
        "request_body_base64": base64.b64encode(page.request_body).decode() if page.request_body else None,
        "sha256": page.sha256,
        "body_base64": base64.b64encode(page.body).decode(),
    }


def page_from_dict(data: dict[str, Any]) -> RawPage:
    """The RawPage ``page_to_dict`` wrote."""
    request_body = data.get("request_body_base64")
    return RawPage(
        url=data["url"],
        body=base64.b64decode(data["body_base64"]),
        status=int(data["status"]),
        headers=tuple((str(k), str(v)) for k, v in data.get("headers") or ()),
        final_url=data.get("final_url"),
        fetched_at=data.get("fetched_at"),
        method=data.get("method") or "GET",
        request_headers=tuple((str(k), str(v)) for k, v in data.get("request_headers") or ()),
        request_body=base64.b64decode(request_body) if request_body else None,
    )


def _optional_page(page: RawPage | None) -> dict[str, Any] | None:
    return None if page is None else page_to_dict(page)


PAGE = {"serializer": page_to_dict}
OPTIONAL_PAGE = {"serializer": _optional_page}
RECORD = {"serializer": ArticleRecord.to_dict}


@dataclass(frozen=True, slots=True)
class ArticleItem:
    site: str
    page: RawPage = field(metadata=PAGE)
    record: ArticleRecord = field(metadata=RECORD)
    listing_url: str | None = None
    listing_date: str | None = None  # the date shown beside the link on the listing, as a hint
    item: str = field(default="article", init=False)


@dataclass(frozen=True, slots=True)
class PageItem:
    site: str
    page: RawPage = field(metadata=PAGE)
    kind: str = "listing"  # "listing" | "feed" | "sitemap" | "blocked"
    item: str = field(default="page", init=False)


@dataclass(frozen=True, slots=True)
class DocumentItem:
    site: str
    page: RawPage = field(metadata=PAGE)
    title: str | None = None
    date: str | None = None
    listing_url: str | None = None
    item: str = field(default="document", init=False)


@dataclass(frozen=True, slots=True)
class FailureItem:
    site: str
    url: str
    error: str
    page: RawPage | None = field(default=None, metadata=OPTIONAL_PAGE)
    kind: str = "article"  # what was requested: "article" | "document" | "listing" | "feed" | "sitemap"
    reason: str = "other"  # the failure's kind: timeout, refused, dns, http-503, off-site, extraction, ...
    item: str = field(default="failure", init=False)


@dataclass(frozen=True, slots=True)
class SeenItem:
    site: str
    url: str
    status: int  # 304, 404 or 410; or the status of a page that is no article (``reason`` says why)
    fetched_at: str
    page: RawPage | None = field(default=None, metadata=OPTIONAL_PAGE)  # kept raw when it had a body
    reason: str | None = None  # e.g. soft-404, empty-shell (blocking.classify_page)
    item: str = field(default="seen", init=False)


@dataclass(frozen=True, slots=True)
class ListingItem:
    site: str
    url: str
    links: int  # article links found on the page
    fetched_at: str
    item: str = field(default="listing", init=False)


@dataclass(frozen=True, slots=True)
class SiteClosed:
    """A site's last request is answered: the writer closes its run (after every other item of the site)."""

    site: str
    reason: str  # Scrapy's close reason, or "finished" when the site's requests ran out
    tally: RunTally  # what the spider counted and warned of for the site
    stats: dict[str, Any] | None = None  # Scrapy's stats, when the crawl had this one site
    item: str = field(default="site-closed", init=False)


Item = ArticleItem | PageItem | DocumentItem | FailureItem | SeenItem | ListingItem
