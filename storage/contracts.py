"""The store's input and output types: what a fetched page must offer, and what a save reports.

Part of the ``Store`` API (``storage.store`` re-exports them). Storage never imports crawler: a page is any
object with the attributes of ``crawler.extract.page.RawPage``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

SaveStatus = Literal["new", "changed", "unchanged"]


class FetchedPage(Protocol):
    """What storage reads from a page (``crawler.extract.page.RawPage`` has it; read-only is enough)."""

    @property
    def url(self) -> str: ...

    @property
    def final_url(self) -> str | None: ...

    @property
    def status(self) -> int: ...

    @property
    def headers(self) -> tuple[tuple[str, str], ...]: ...

    @property
    def body(self) -> bytes: ...

    @property
    def fetched_at(self) -> str | None: ...

    @property
    def method(self) -> str: ...

    @property
    def request_headers(self) -> tuple[tuple[str, str], ...]: ...


@dataclass(frozen=True, slots=True)
class SaveResult:
    status: SaveStatus
    article_id: int
    version: int
    changed_fields: tuple[str, ...] = ()
    reason: str = "crawl"  # the version's reason when one was added ('reextract' if the bytes were the same)
    url_added: bool = False  # a new URL was attached to an existing article with the same content
    back: bool = False  # the article had been marked gone and is live again


@dataclass(frozen=True, slots=True)
class ArchivedPage:
    """A page as it was fetched, rebuilt from the archive (``Store.latest_pages``) for re-extraction."""

    article_id: int
    site: str
    url: str
    final_url: str | None
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
