"""Records and small helpers shared by every listing parser (generic, per-CMS, feeds, pagination).

Sits in the pure half of the data flow, under ``crawler.extract.listing.parse_listing``: a listing-type
RawPage goes in, a ``Listing`` (article links, next listing requests, feeds, sitemaps) comes out.
``crawler.extract.listing`` re-exports the records defined here; import them from there.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from w3lib.url import safe_url_string

from ..dates import parse_date_text
from ..dom import fold
from ..media import ATTACHMENT_EXTENSIONS

logger = logging.getLogger(__name__)

# a listing entry pointing at one of these is a document (archived raw), not an article page
DOCUMENT_EXTENSIONS = frozenset((*ATTACHMENT_EXTENSIONS, "xml.gz"))
PSEUDO_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:", "sms:", "file:", "ftp:")


# Query parameters that number a listing's pages (?page=2, ?pageNo=3, ?start=20). Pagination treats a change
# in one of them (or in `p`) as the next page; URL shapes treat their presence as "a listing, not an article".
PAGE_NUMBER_PARAMS = frozenset(
    {
        "page",
        "pageno",
        "pagenum",
        "currpage",
        "curpage",
        "pn",
        "numpage",
        "pageindex",
        "paged",
        "pagenumber",
        "page_no",
        "start",
        "offset",
    }
)


@dataclass(frozen=True, slots=True)
class ListingLink:
    url: str  # absolute, resolved against the final URL and <base href>; fragment removed
    title: str | None = None  # @title preferred over truncated anchor text
    date: str | None = None  # ISO date (YYYY-MM-DD) shown beside the link in its row
    kind: str = "article"  # "article" | "document" (archived raw, never sent to the HTML extractor)


@dataclass(frozen=True, slots=True)
class PageRequest:
    url: str
    method: str = "GET"
    body: bytes | None = None  # e.g. the Hanweb dataproxy POST form
    headers: tuple[tuple[str, str], ...] = ()  # e.g. Referer, Content-Type for the POST
    kind: str = "listing"  # "listing" | "feed" | "sitemap": how the response must be parsed


@dataclass(frozen=True, slots=True)
class Listing:
    cms: str | None
    links: tuple[ListingLink, ...]
    next_pages: tuple[PageRequest, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    page_count: int | None = None
    current_page: int | None = None


@dataclass(frozen=True, slots=True)
class NextPage:
    """What a pager detector found: the next requests, or why there is none that can be followed."""

    requests: tuple[PageRequest, ...] = ()
    warnings: tuple[str, ...] = ()
    page_count: int | None = None
    current_page: int | None = None
    found: bool = False  # the detector recognised a pager (even one that ends here or cannot be followed)


# --------------------------------------------------------------------------- text


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]{2,}|\d+", re.UNICODE)


def text_weight(text: str) -> int:
    """Rough length of a link text: one per CJK character, two per Latin word or number."""
    cjk = len(_CJK.findall(text))
    latin = len([w for w in _WORD.findall(_CJK.sub(" ", text))])
    return cjk + 2 * latin


def is_truncated(text: str) -> bool:
    return text.endswith(("...", "…", "。。。", "..")) or text.endswith("…」")


def iso_date(text: str | None) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD, else None."""
    if not text:
        return None
    value = parse_date_text(text)
    return value.strftime("%Y-%m-%d") if value is not None else None


# --------------------------------------------------------------------------- URLs


def is_pseudo_href(href: str | None) -> bool:
    """True for hrefs a crawler must never request: javascript:, mailto:, fragment-only, empty."""
    h = fold(href).lower()
    return not h or h.startswith("#") or h.startswith(PSEUDO_SCHEMES)


def resolve(href: str | None, base: str) -> str | None:
    """Absolute http(s) URL for an href, fragment removed; None for pseudo-links and junk."""
    h = fold(href)
    if is_pseudo_href(h):
        return None
    try:
        absolute = urljoin(base, h)
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    path = parts.path or "/"
    return safe_url_string(urlunsplit((parts.scheme, parts.netloc, path, parts.query, "")))


def base_url(root: lxml.html.HtmlElement | None, page_url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` (itself resolved), else the page URL."""
    if root is not None:
        for href in root.xpath("//base/@href"):
            absolute = resolve(str(href), page_url)
            if absolute:
                return absolute
    return page_url


def strip_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def same_page(a: str, b: str) -> bool:
    return strip_fragment(a).rstrip("/") == strip_fragment(b).rstrip("/")


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def default_hosts(page_url: str) -> tuple[str, ...]:
    """Hosts articles may live on when the caller names none: the page's host and its registered domain."""
    from courlan.urlutils import extract_domain  # loads a suffix list: only when asked (never in a crawl)

    host = host_of(page_url)
    hosts = [host] if host else []
    domain = extract_domain(page_url)
    if domain and domain != host:
        hosts.append(domain.lower())
    return tuple(hosts)


def host_allowed(url: str, allowed: tuple[str, ...]) -> bool:
    """True when the URL's host is an allowed host or a subdomain of one."""
    host = host_of(url)
    if not host:
        return False
    for item in allowed:
        a = item.lower().lstrip(".")
        if host == a or host.endswith("." + a):
            return True
    return False


def url_extension(url: str) -> str:
    path = urlsplit(url).path.lower()
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".xml.gz"):
        return "xml.gz"
    return name.rsplit(".", 1)[-1] if "." in name else ""


def link_kind(url: str) -> str:
    """ "document" for files archived raw (PDF, Office, OFD, archives), else "article"."""
    return "document" if url_extension(url) in DOCUMENT_EXTENSIONS else "article"


def dedupe_links(links: list[ListingLink]) -> tuple[ListingLink, ...]:
    """First occurrence of each URL, keeping the best title and any date seen for it."""
    order: dict[str, ListingLink] = {}
    for link in links:
        old = order.get(link.url)
        if old is None:
            order[link.url] = link
            continue
        title = old.title
        if link.title and (
            not title
            or (is_truncated(title) and not is_truncated(link.title))
            or (text_weight(link.title) > text_weight(title) and not is_truncated(link.title))
        ):
            title = link.title
        order[link.url] = ListingLink(old.url, title, old.date or link.date, old.kind)
    return tuple(order.values())
