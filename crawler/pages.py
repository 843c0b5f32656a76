"""Scrapy responses and failures -> RawPage: the single crossing from Scrapy objects into pure data."""

from __future__ import annotations

import datetime as dt

from scrapy.http import Request, Response

from .extract.page import RawPage


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _headers(headers) -> tuple[tuple[str, str], ...]:
    out = []
    for name, values in headers.items():
        for value in values:
            out.append((name.decode("latin-1"), value.decode("latin-1")))
    return tuple(out)


def raw_page(response: Response, fetched_at: str | None = None) -> RawPage:
    """The RawPage for a response: requested URL (before redirects), final URL, status, headers, body."""
    request: Request = response.request  # type: ignore[assignment]
    redirects = request.meta.get("redirect_urls") or []
    requested = redirects[0] if redirects else request.url
    return RawPage(
        url=requested,
        final_url=response.url,
        body=response.body,
        status=response.status,
        headers=_headers(response.headers),
        fetched_at=fetched_at or utc_now(),
        method=request.method,
        request_headers=_headers(request.headers),
        request_body=request.body or None,
    )
