"""parse_listing: any listing-type response -> the article links on it and the next listing page.

First step of the data flow (listing -> article request -> extraction -> item -> pipeline -> store): the
spider calls ``parse_listing`` on every listing-type response and only decides what to request next. Pure:
bytes, URL and headers in, a ``Listing`` out; no network, no clock, never raises on bad input.

Reads HTML listing pages of any CMS (TRS, Hanweb, gkmlpt, VSB, Drupal, WordPress, generic), Hanweb
``dataproxy.jsp`` XML answers, gkmlpt/JSON API answers, RSS/Atom feeds, sitemaps and sitemap indexes
(also gzipped). Per-site overrides (``rules.article_links``, ``rules.next_page``) win over heuristics.

Bounded: an HTML listing is read up to ``dom.MAX_TEXT_CHARS`` characters and its first ``MAX_LINKS`` links
(a JSON answer too; a feed or sitemap up to ``feeds.MAX_XML_LINKS`` entries); the rest is ignored, with a
``listing-truncated`` warning, and the work grows linearly with the links.
``listing-unparsable`` means the parser itself failed (a bug: the catch-all of ``parse_listing``); bad
input gets its own codes (``listing-empty-body``, ``listing-binary-body``, ``listing-no-html``,
``listing-bad-json``, ``listing-unreadable``...).
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import islice
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from . import pagination
from .cms import cms_from_links, detect_cms, drupal, generic, gkmlpt, hanweb, rows, trs, vsb, wordpress
from .cms.base import (
    Listing,
    ListingLink,
    NextPage,
    PageRequest,
    base_url,
    dedupe_links,
    default_hosts,
    host_allowed,
    link_kind,
    resolve,
    same_page,
)
from .cms.shapes import article_shape
from .dom import MAX_TEXT_CHARS, parse_html
from .feeds import (
    TooLarge,
    discover_feeds,
    discover_sitemaps,
    inflate,
    parse_xml_listing,
    sitemaps_from_robots,
    xml_kind,
    xml_root,
)
from .page import Decoded, RawPage, decode_page
from .rules import SiteRules, select_all

__all__ = ["Listing", "ListingLink", "PageRequest", "parse_listing"]

logger = logging.getLogger(__name__)

MAX_LINKS = 5_000  # links read per listing page: the rest of a longer page is ignored, with a warning

_COMMENT_LINKS = re.compile(r"<a\s[^>]*href", re.I)
_XML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*"
    rb"(?:<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(rss|feed|urlset|sitemapindex|rdf:RDF|datastore)\b",
    re.S | re.I,
)


def parse_listing(
    page: RawPage, rules: SiteRules | None = None, *, allowed_hosts: tuple[str, ...] = ()
) -> Listing:
    """The links and next pages of one listing-type response. Never raises: bad input gives a warning."""
    try:
        return _parse(page, rules or SiteRules(), tuple(allowed_hosts))
    except Exception as exc:  # a listing must never take the crawl down; the raw page is archived anyway
        logger.warning(
            "listing parser failed on %s: %s: %s", page.url, type(exc).__name__, exc, exc_info=True
        )
        return Listing(None, (), (), warnings=(f"listing-unparsable: {type(exc).__name__}: {exc}",))


def _parse(page: RawPage, rules: SiteRules, allowed_hosts: tuple[str, ...]) -> Listing:
    url = page.effective_url
    allowed = allowed_hosts or default_hosts(url)
    if not page.body or not page.body.strip():
        return Listing(None, (), (), warnings=("listing-empty-body: the response has no body",))
    try:
        body = inflate(page.body)
    except (TooLarge, zlib.error) as exc:
        return Listing(None, (), (), warnings=(f"listing-unreadable: {exc}",))
    if body is not page.body:
        page = replace(page, body=body)
    if urlsplit(url).path.lower().endswith("/robots.txt"):
        text = decode_page(page).text
        return Listing(None, (), (), sitemaps=sitemaps_from_robots(text, url), encoding="utf-8")
    kind = sniff(page)
    if kind == "json":
        return _parse_json(page, allowed)
    if kind == "xml":
        found = _parse_xml(page, allowed)
        if found is not None:
            return found
    if kind == "binary":
        return Listing(None, (), (), warnings=("listing-binary-body: the response is not text",))
    return _parse_html(page, rules, allowed)


def sniff(page: RawPage) -> str:
    """The kind of body: "json", "xml" (feeds, sitemaps, Hanweb answers), "binary" or "html"."""
    ctype = (page.content_type or "").lower()
    head = page.body[:2048]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if "json" in ctype or stripped[:1] in (b"{", b"["):
        return "json"
    if _XML_START.match(stripped) or (("xml" in ctype or "rss" in ctype) and b"<html" not in head.lower()):
        return "xml"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "html"


# --------------------------------------------------------------------------- JSON and XML


def _parse_json(page: RawPage, allowed: tuple[str, ...]) -> Listing:
    decoded = decode_page(page)
    try:
        data = json.loads(decoded.text.lstrip("\ufeff"))
    except ValueError as exc:
        return Listing(None, (), (), encoding=decoded.encoding, warnings=(f"listing-bad-json: {exc}",))
    links, nxt = gkmlpt.parse_api(data, page.effective_url)
    cms = "gkmlpt" if "/gkmlpt/" in page.effective_url.lower() else "generic"
    kept = [link for link in links if host_allowed(link.url, allowed)]
    warnings = list(nxt.warnings)
    if not links and not nxt.found:
        warnings.append("listing-json-unknown: no list of items with URLs in the JSON answer")
    if len(kept) > MAX_LINKS:
        warnings.append(f"listing-truncated: only the first {MAX_LINKS:,} of {len(kept):,} links were read")
        kept = kept[:MAX_LINKS]
    return Listing(
        cms,
        dedupe_links(kept),
        nxt.requests,
        encoding=decoded.encoding,
        warnings=tuple(warnings),
        page_count=nxt.page_count,
        current_page=nxt.current_page,
    )


def _parse_xml(page: RawPage, allowed: tuple[str, ...]) -> Listing | None:
    url = page.effective_url
    root = xml_root(page.body)
    if root is None or xml_kind(root) == "hanweb":
        decoded = decode_page(page)
        if root is not None or hanweb.has_datastore(decoded.text):
            return _parse_hanweb_answer(page, decoded, allowed)
        return None
    found = parse_xml_listing(root, url)
    if found is None:
        return None
    encoding = root.getroottree().docinfo.encoding
    links = tuple(link for link in found.links if host_allowed(link.url, allowed))
    if found.kind == "sitemap":
        links = tuple(link for link in links if link.kind == "document" or not _is_nav_url(link.url, url))
    return Listing(found.kind, links, (), sitemaps=found.sitemaps, encoding=encoding, warnings=found.warnings)


def _is_nav_url(url: str, page_url: str) -> bool:
    """Section homes and listing pages in a sitemap (``/news/``, ``index_2.html``) are not articles."""
    return article_shape(url) < 0 or same_page(url, page_url)


def _parse_hanweb_answer(page: RawPage, decoded: Decoded, allowed: tuple[str, ...]) -> Listing:
    url, text = page.effective_url, decoded.text
    links, warnings = _record_links(text, url, allowed)
    nxt = hanweb.next_page(
        text, url, method=page.method, body=page.request_body, request_headers=page.request_headers
    )
    warnings.extend(nxt.warnings)
    if page.method == "GET" and "startrecord" in url.lower() and nxt.requests:
        warnings.append("hanweb-post-body-unknown: a range answer fetched without its POST form")
    return Listing(
        "hanweb",
        tuple(links),
        nxt.requests,
        encoding=decoded.encoding,
        warnings=tuple(warnings),
        page_count=nxt.page_count,
        current_page=nxt.current_page,
    )


def _record_links(text: str, url: str, allowed: tuple[str, ...]) -> tuple[list[ListingLink], list[str]]:
    """Article links of the records a Hanweb answer or page carries as an XML island; warnings."""
    root = parse_html(hanweb.records_html(text))
    if root is None:
        return [], []
    cut = cut_links(root)
    return generic.find_article_links(root, url, url, allowed), [cut] if cut else []


def cut_links(root: lxml.html.HtmlElement) -> str | None:
    """Cut the document after its ``MAX_LINKS``-th link, as if the page ended there; a warning, or None.

    Everything after that link goes (later rows, the pager, the footer), so every reader of the tree works
    on at most ``MAX_LINKS`` links and the parse stays bounded however long the page.
    """
    limit = MAX_LINKS
    anchors = (el for el in root.iter("a", "area") if el.get("href") is not None)
    first_cut = next(islice(anchors, limit, None), None)
    if first_cut is None:
        return None
    total = limit + 1 + sum(1 for _ in anchors)
    node: lxml.html.HtmlElement = first_cut
    while (parent := node.getparent()) is not None:
        for later in list(node.itersiblings()):
            parent.remove(later)
        node = parent
    first_cut.getparent().remove(first_cut)  # with its tail text
    return f"listing-truncated: only the first {limit:,} of {total:,} links were read"


# --------------------------------------------------------------------------- HTML


def _parse_html(page: RawPage, rules: SiteRules, allowed: tuple[str, ...]) -> Listing:
    decoded = decode_page(page, rules.charset)
    text = decoded.text
    url = page.effective_url
    warnings = list(decoded.warnings)
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        warnings.append(
            f"listing-truncated: only the first {MAX_TEXT_CHARS:,} characters of the page were read"
        )
    root = parse_html(text, keep_comments=True)  # a commented-out list is reported
    if root is not None and (cut := cut_links(root)):
        warnings.append(cut)
    if root is None:
        return Listing(
            None,
            (),
            (),
            encoding=decoded.encoding,
            warnings=(*warnings, "listing-no-html: the body holds no HTML document"),
        )
    base = base_url(root, url)
    cms = detect_cms(text, url)
    links = _html_links(root, text, base, url, rules, allowed, cms, warnings)
    cms = cms or cms_from_links([link.url for link in links])
    warnings.extend(_comment_warnings(root))
    nxt = _next_page(root, text, base, page, rules, cms)
    warnings.extend(nxt.warnings)
    if cms is None:
        cms = "generic" if links or nxt.requests else None
    pseudo = generic.pseudo_items(root) if len(links) < 3 else 0
    if pseudo >= 3:
        warnings.append(f"links-unfollowable: {pseudo} list items are javascript: links")
    elif not links and not nxt.requests and not nxt.warnings:
        warnings.append("listing-empty: no article links and no next page recognised")
    return Listing(
        cms,
        dedupe_links(links),
        _unique(nxt.requests, url),
        feeds=discover_feeds(root, base),
        sitemaps=discover_sitemaps(root, base),
        encoding=decoded.encoding,
        warnings=tuple(dict.fromkeys(warnings)),
        page_count=nxt.page_count,
        current_page=nxt.current_page,
    )


def _html_links(
    root: lxml.html.HtmlElement,
    text: str,
    base: str,
    url: str,
    rules: SiteRules,
    allowed: tuple[str, ...],
    cms: str | None,
    warnings: list[str],
) -> list[ListingLink]:
    if rules.article_links:
        return override_links(root, base, rules.article_links, allowed)
    if cms == "hanweb" and hanweb.has_datastore(text):
        records, cut = _record_links(text, base, allowed)
        if records:
            warnings.extend(cut)
            return records  # the XML island is the column's list; the DOM around it is chrome
    return generic.find_article_links(root, base, url, allowed)


def override_links(
    root: lxml.html.HtmlElement, base: str, selector: str, allowed: tuple[str, ...]
) -> list[ListingLink]:
    """Links chosen by the site's ``article_links`` selector (anchors or href attributes)."""
    out = []
    for node in select_all(pagination.root_selector(root), selector):
        raw = node.root
        anchor = None if isinstance(raw, str) else raw
        href = raw if isinstance(raw, str) else raw.get("href")
        link_url = resolve(href, base)
        if link_url is None or not host_allowed(link_url, allowed):
            continue
        if anchor is None:
            out.append(ListingLink(link_url, None, None, link_kind(link_url)))
            continue
        row, _ = rows.find_row(anchor)
        date, _ = rows.row_date(row if row is not None else anchor, rows.row_context(anchor, row))
        out.append(ListingLink(link_url, generic.anchor_title(anchor) or None, date, link_kind(link_url)))
    return out


def _comment_warnings(root: lxml.html.HtmlElement) -> list[str]:
    for comment in root.iter(etree.Comment):
        if len(_COMMENT_LINKS.findall(comment.text or "")) >= 3:
            return ["list-in-comment-ignored: links inside an HTML comment were not read"]
    return []


def _next_page(
    root: lxml.html.HtmlElement, text: str, base: str, page: RawPage, rules: SiteRules, cms: str | None
) -> NextPage:
    url = page.effective_url
    if rules.next_page:
        return pagination.override_next(root, base, url, rules)
    found = pagination.rel_next(root, base, url)
    if found.requests:
        return _counted(found, root)
    for detector in _cms_pagers(cms):
        found = detector(root, text, base, page)
        if found.found:
            return _counted(found, root)
    found = pagination.find_next_page(root, base, url)
    if cms == "vsb":
        if not found.requests and not found.warnings:
            return vsb.next_page(text, url, found.page_count)
        if found.page_count is None:
            count, current = vsb.counts(text)
            return replace(found, page_count=count, current_page=current)
    return found


def _counted(found: NextPage, root: lxml.html.HtmlElement) -> NextPage:
    if found.page_count is not None:
        return found
    count, current = pagination.pager_counts(root)
    return replace(found, page_count=count, current_page=found.current_page or current)


def _cms_pagers(cms: str | None) -> Iterator[Callable[..., NextPage]]:
    if cms == "trs":
        yield lambda root, text, base, page: trs.next_page(text, base)
    if cms == "hanweb":
        yield lambda root, text, base, page: hanweb.next_page(
            text,
            page.effective_url,
            method=page.method,
            body=page.request_body,
            request_headers=page.request_headers,
        )
    if cms == "gkmlpt":
        yield lambda root, text, base, page: gkmlpt.shell_next(text, _urls_with_fragment(page))
    if cms == "drupal":
        yield lambda root, text, base, page: drupal.next_page(root, base, page.effective_url)
    if cms == "wordpress":
        yield lambda root, text, base, page: wordpress.next_page(root, base, page.effective_url)


def _urls_with_fragment(page: RawPage) -> tuple[str, ...]:
    """The final URL first; the requested URL too, since redirects and downloaders may drop the fragment."""
    return tuple(dict.fromkeys(u for u in (page.final_url, page.url) if u))


def _unique(requests: tuple[PageRequest, ...], url: str) -> tuple[PageRequest, ...]:
    out: dict[tuple[str, str, bytes | None], PageRequest] = {}
    for req in requests:
        if req.method == "GET" and same_page(req.url, url):
            continue
        out.setdefault((req.url, req.method, req.body), req)
    return tuple(out.values())
