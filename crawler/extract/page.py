"""RawPage: exactly what was fetched, the input of every extractor and of the raw archive.

Sits at the start of the pure half of the data flow: the spider turns a Scrapy response into a RawPage,
extractors read it, the store archives it, and ``newsarchive reextract`` rebuilds it from the archive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawPage:
    """One HTTP exchange as received. ``headers`` keep order and repeats, names as sent."""

    url: str  # the URL requested
    body: bytes
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    final_url: str | None = None  # after redirects; None means same as url
    fetched_at: str | None = None  # ISO 8601 UTC, e.g. "2026-11-23T10:00:00Z"
    method: str = "GET"
    request_headers: tuple[tuple[str, str], ...] = ()
    request_body: bytes | None = None

    @property
    def effective_url(self) -> str:
        """The URL the body was served from: relative links resolve against it."""
        return self.final_url or self.url

    def header(self, name: str) -> str | None:
        """First value of a response header, case-insensitive."""
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None

    @property
    def content_type(self) -> str | None:
        return self.header("Content-Type")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python codec name actually used, e.g. "gb18030", "utf-8"
    warnings: tuple[str, ...] = ()


def decode_page(page: RawPage, hint: str | None = None) -> Decoded:
    """Decode the body as browsers do: BOM, header charset, <meta>, then ``hint``, reading gb2312/gbk as gb18030.

    Baseline implementation; the extraction owner refines detection of wrong or missing declarations.
    """
    from w3lib.encoding import html_to_unicode

    def default() -> str:
        return hint or "utf-8"

    encoding, text = html_to_unicode(page.content_type, page.body, default_encoding=default())
    return Decoded(text=text, encoding=encoding)
