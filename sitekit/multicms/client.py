"""Fetch listing pages of the multi-CMS site over real HTTP and score ``parse_listing`` against the truth.

Shared by tests/test_listing_*.py and bench/score_listings.py. Uses urllib only (no Scrapy), so what is
scored is exactly ``parse_listing`` on the bytes the server sent. The one module of the site kit that imports
the crawler (its pure ``crawler.extract`` records: the page it fetches, the listing it scores).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from newsarchive.crawler.extract.listing import Listing, PageRequest
from newsarchive.crawler.extract.page import RawPage

from .common import PageSpec, PageTruth, key


def _open(
    url: str, body: bytes | None, headers: dict[str, str], method: str, timeout: float
) -> tuple[int, str, tuple[tuple[str, str], ...], bytes]:
    """(status, final URL, response headers, body) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.geturl(), tuple(response.headers.items()), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.geturl(), tuple(exc.headers.items()), exc.read()


def fetch(base_url: str, spec: PageSpec, *, referer: str | None = None, timeout: float = 10) -> RawPage:
    """The RawPage for one request of a chain (GET or the POST with its form), errors included."""
    url = base_url + spec.path
    body = spec.body()
    headers = {"User-Agent": "newsarchive-tests/1.0"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if referer:
        headers["Referer"] = base_url + referer
    status, final, got, content = _open(url, body, headers, spec.method, timeout)
    if "#" in url and "#" not in final:
        final = final + "#" + url.split("#", 1)[1]
    return RawPage(
        url=url,
        body=content,
        status=status,
        headers=got,
        final_url=final,
        method=spec.method,
        request_headers=tuple(headers.items()),
        request_body=body,
    )


def fetch_request(request: PageRequest, *, timeout: float = 10) -> RawPage:
    """The RawPage for a request that ``parse_listing`` produced (its method, body and headers as given)."""
    headers = {"User-Agent": "newsarchive-tests/1.0", **dict(request.headers)}
    status, final, got, content = _open(request.url, request.body, headers, request.method, timeout)
    return RawPage(
        url=request.url,
        body=content,
        status=status,
        headers=got,
        final_url=final,
        method=request.method,
        request_headers=tuple(headers.items()),
        request_body=request.body,
    )


def relative(url: str, base_url: str) -> str:
    return url[len(base_url) :] if url.startswith(base_url) else url


def same_request(got: PageRequest, want: PageSpec, base_url: str) -> bool:
    """Same path, same query parameters (any order), same method, same POST form."""
    if got.method != want.method or key(relative(got.url, base_url)) != key(want.path):
        return False
    if want.method == "POST":
        return sorted(parse_qsl((got.body or b"").decode())) == sorted(want.form)
    return True


@dataclass(frozen=True, slots=True)
class PageScore:
    hits: int
    false_links: tuple[str, ...]
    missed: tuple[str, ...]
    next_ok: bool
    pseudo_followed: int  # next requests that are javascript:/fragment pseudo-links

    @property
    def precision(self) -> float:
        return self.hits / (self.hits + len(self.false_links)) if self.hits + len(self.false_links) else 1.0

    @property
    def recall(self) -> float:
        return self.hits / (self.hits + len(self.missed)) if self.hits + len(self.missed) else 1.0


def score_page(listing: Listing, truth: PageTruth, base_url: str) -> PageScore:
    want = list(truth.articles) + list(truth.documents)
    got = [relative(link.url, base_url) for link in listing.links]
    wanted = {key(p) for p in want}
    hits = sum(1 for g in got if key(g) in wanted)
    false_links = tuple(g for g in got if key(g) not in wanted)
    missed = tuple(p for p in want if key(p) not in {key(g) for g in got})
    if truth.next is None:
        next_ok = not listing.next_pages
    else:
        next_ok = len(listing.next_pages) == 1 and same_request(listing.next_pages[0], truth.next, base_url)
    pseudo = sum(1 for r in listing.next_pages if "#" in r.url or r.url.lower().startswith("javascript"))
    return PageScore(hits, false_links, missed, next_ok, pseudo)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")
