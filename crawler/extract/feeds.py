"""Feeds and sitemaps: RSS 2.0 / RSS 1.0 / Atom, sitemap indexes, urlsets, news sitemaps, robots.txt lines.

Alternative discovery next to HTML listings (docs/cms-patterns.md §7). ``parse_listing`` hands every XML
body here; ``sitemaps_from_robots`` reads robots.txt text. XML is parsed with lxml with entity resolution,
DTD loading, network access and huge trees all off (XXE-safe); gzip bodies are inflated up to a cap.
"""

from __future__ import annotations

import email.utils
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from protego import Protego

from .cms.base import ListingLink, dedupe_links, iso_date, link_kind, resolve
from .dom import fold

logger = logging.getLogger(__name__)
T = TypeVar("T")

MAX_INFLATED_BYTES = 64 * 1024 * 1024  # a sitemap may be 50 MB uncompressed (sitemaps.org limit)
MAX_XML_LINKS = 50_000  # entries read per feed or sitemap: the sitemaps.org limit per file
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class XmlListing:
    kind: str  # "rss" | "atom" | "sitemap" (urlset, news sitemap or sitemap index)
    links: tuple[ListingLink, ...] = ()
    sitemaps: tuple[str, ...] = ()  # child sitemaps of an index
    warnings: tuple[str, ...] = ()


class TooLarge(ValueError):
    """A compressed body that inflates past the cap."""


def inflate(body: bytes, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """The body, gunzipped when it starts with the gzip magic. Raises TooLarge past ``limit``."""
    if not body.startswith(GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(body, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise TooLarge(f"gzip body inflates past {limit} bytes")
    return out


def safe_xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=True,
        remove_comments=True,
        remove_pis=True,
    )


def xml_root(body: bytes) -> etree._Element | None:
    """The root element of an XML body, or None when it is not XML at all."""
    try:
        root = etree.fromstring(body.lstrip(), parser=safe_xml_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        logger.debug("not parsable as XML: %s", exc)
        return None
    return root


def local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def xml_kind(root: etree._Element) -> str | None:
    name = local(root)
    if name in ("rss", "rdf"):
        return "rss"
    if name == "feed":
        return "atom"
    if name in ("urlset", "sitemapindex"):
        return "sitemap"
    if name == "datastore":
        return "hanweb"
    return None


def parse_xml_listing(root: etree._Element, base: str) -> XmlListing | None:
    """Links of a feed or sitemap (child sitemaps for an index), the first ``MAX_XML_LINKS`` of them; None for
    other XML."""
    kind = xml_kind(root)
    if kind == "sitemap" and local(root) == "sitemapindex":
        sitemaps, warnings = _first(_locs(root, "sitemap", base))
        return XmlListing("sitemap", sitemaps=tuple(dict.fromkeys(sitemaps)), warnings=warnings)
    readers = {"rss": rss_links, "atom": atom_links, "sitemap": sitemap_links}
    if kind not in readers:
        return None
    links, warnings = _first(readers[kind](root, base))
    return XmlListing(kind, dedupe_links(links), warnings=warnings)


def _first(entries: Iterator[T]) -> tuple[list[T], tuple[str, ...]]:
    first = list(islice(entries, MAX_XML_LINKS + 1))
    if len(first) <= MAX_XML_LINKS:
        return first, ()
    return first[:MAX_XML_LINKS], (f"listing-truncated: only the first {MAX_XML_LINKS:,} entries were read",)


# --------------------------------------------------------------------------- feeds


def _child(el: etree._Element, *names: str) -> etree._Element | None:
    for child in el:
        if local(child) in names:
            return child
    return None


def _text(el: etree._Element | None) -> str:
    return fold("".join(el.itertext())) if el is not None else ""


def rss_links(root: etree._Element, base: str) -> Iterator[ListingLink]:
    for item in root.iter():
        if local(item) != "item":
            continue
        href = _text(_child(item, "link"))
        guid = _child(item, "guid")
        if not href and guid is not None and (guid.get("isPermaLink") or "true").lower() != "false":
            href = _text(guid)
        url = resolve(href, base)
        if url is None:
            continue
        title = _text(_child(item, "title")) or None
        yield ListingLink(
            url,
            _strip_tags(title),
            feed_date(_text(_child(item, "pubdate", "date", "issued"))),
            link_kind(url),
        )


def atom_links(root: etree._Element, base: str) -> Iterator[ListingLink]:
    feed_base = urljoin(base, root.get("{http://www.w3.org/XML/1998/namespace}base") or "")
    for entry in root:
        if local(entry) != "entry":
            continue
        href = None
        for link in entry:
            if local(link) == "link" and (link.get("rel") or "alternate") == "alternate" and link.get("href"):
                href = link.get("href")
                break
        url = resolve(href, feed_base)
        if url is None:
            continue
        title = _text(_child(entry, "title")) or None
        date = feed_date(_text(_child(entry, "published", "issued")) or _text(_child(entry, "updated")))
        yield ListingLink(url, _strip_tags(title), date, link_kind(url))


def feed_date(text: str) -> str | None:
    """ISO date of an RFC 822 (RSS) or ISO 8601 (Atom) date, as stated in the feed's own time zone."""
    if not text:
        return None
    try:
        return email.utils.parsedate_to_datetime(text).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        return iso_date(text)


def _strip_tags(title: str | None) -> str | None:
    if not title or "<" not in title:
        return title
    try:
        return fold(lxml.html.fromstring(title).text_content()) or None
    except (etree.ParserError, ValueError):
        return title


# --------------------------------------------------------------------------- sitemaps


def _locs(root: etree._Element, parent: str, base: str) -> Iterator[str]:
    for el in root:
        if local(el) == parent:
            url = resolve(_text(_child(el, "loc")), base)
            if url:
                yield url


def sitemap_links(root: etree._Element, base: str) -> Iterator[ListingLink]:
    for entry in root:
        if local(entry) != "url":
            continue
        url = resolve(_text(_child(entry, "loc")), base)
        if url is None:
            continue
        title, date = None, None
        news = _child(entry, "news")
        if news is not None:
            title = _text(_child(news, "title")) or None
            date = iso_date(_text(_child(news, "publication_date")))
        yield ListingLink(url, title, date, link_kind(url))


def sitemaps_from_robots(text: str, base_url: str) -> tuple[str, ...]:
    """The ``Sitemap:`` URLs of a robots.txt, resolved against ``base_url``, in order, once each."""
    try:
        found = list(Protego.parse(text or "").sitemaps)
    except Exception as exc:  # protego is lenient, but robots.txt bodies are arbitrary bytes
        logger.warning("robots.txt of %s not parsable: %s", base_url, exc)
        return ()
    urls = (resolve(u, base_url) for u in found)
    return tuple(dict.fromkeys(u for u in urls if u))


# --------------------------------------------------------------------------- autodiscovery in HTML


def discover_feeds(root: lxml.html.HtmlElement, base: str) -> tuple[str, ...]:
    """RSS/Atom URLs announced by ``<link rel="alternate" type="application/rss+xml|atom+xml">``."""
    out = []
    for link in root.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in (
            "application/rss+xml",
            "application/atom+xml",
            "application/rdf+xml",
        ):
            url = resolve(link.get("href"), base)
            if url and not _comment_feed(url, link.get("title") or ""):
                out.append(url)
    return tuple(dict.fromkeys(out))


_COMMENT_FEED = re.compile(r"/comments?/feed|[?&]feed=comments|/comments?\.(?:rss|xml|atom)", re.I)


def _comment_feed(url: str, title: str) -> bool:
    """A feed of readers' comments (WordPress's "Comments Feed"), not of articles."""
    return bool(_COMMENT_FEED.search(url)) or "comments" in title.casefold() or "评论" in title


def discover_sitemaps(root: lxml.html.HtmlElement, base: str) -> tuple[str, ...]:
    out = []
    for link in root.xpath("//link[@href]"):
        if "sitemap" in (link.get("rel") or "").lower().split():
            url = resolve(link.get("href"), base)
            if url:
                out.append(url)
    return tuple(dict.fromkeys(out))
