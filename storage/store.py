"""Store: the archive's write API (CONTRACT STUB: the storage owner replaces the bodies, keeps the names).

``page`` arguments are any object with the attributes of ``crawler.extract.page.RawPage``
(url, final_url, status, headers, body, fetched_at, method, request_headers); storage never imports crawler.
``record`` arguments are mappings shaped like ``ArticleRecord.to_dict()``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

SaveStatus = Literal["new", "changed", "unchanged"]


class FetchedPage(Protocol):
    url: str
    final_url: str | None
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: str | None
    method: str
    request_headers: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class SaveResult:
    status: SaveStatus
    article_id: int
    version: int
    changed_fields: tuple[str, ...] = ()


class Store:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def start_run(self, site: str, *, options: Mapping[str, Any] | None = None,
                  started_at: str | None = None) -> int:
        raise NotImplementedError

    def finish_run(self, run_id: int, *, status: str, stats: Mapping[str, Any],
                   finished_at: str | None = None) -> None:
        raise NotImplementedError

    def save_page(self, page: FetchedPage, *, site: str, run_id: int | None, kind: str) -> str:
        raise NotImplementedError

    def save_article(self, page: FetchedPage, record: Mapping[str, Any], *, site: str,
                     run_id: int | None, reason: str = "crawl") -> SaveResult:
        raise NotImplementedError

    def save_failure(self, url: str, *, site: str, run_id: int | None, error: str,
                     page: FetchedPage | None = None) -> None:
        raise NotImplementedError
