"""Discovery files no one CMS owns: Atom feeds, sitemaps (urlset, sitemap index, Google News) and robots.txt.

Pure text builders (the caller decides URLs and serves the bytes, gzipped for ``.xml.gz`` sitemaps). RSS is
WordPress's (``sitekit.cms.wordpress.rss``). Used by the multi-CMS test site's Drupal family and discovery
routes, the demo's and the benchmark's robots.txt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsarchive.sitekit.pages import esc

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True, slots=True)
class AtomEntry:
    title: str
    href: str  # relative to the feed's xml:base, or absolute
    entry_id: str
    published: str  # ISO 8601 with offset
    updated: str
    summary: str


def atom(
    title: str, base: str, self_href: str, feed_id: str, updated: str, entries: Sequence[AtomEntry]
) -> str:
    """An Atom 1.0 feed (``xml:base`` = ``base``), entries newest first."""
    items = "".join(
        f'<entry><title type="html">{esc(e.title)}</title><link rel="alternate" href="{e.href}"/>'
        f"<id>{e.entry_id}</id><published>{e.published}</published>"
        f"<updated>{e.updated}</updated><summary>{esc(e.summary)}</summary></entry>"
        for e in entries
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        f'xml:base="{base}"><title>{esc(title)}</title><link rel="self" href="{self_href}"/>'
        f"<id>{feed_id}</id><updated>{updated}</updated>{items}</feed>"
    )


def sitemap_index(sitemaps: Sequence[tuple[str, str]]) -> str:
    """A sitemap index of (absolute URL, lastmod) pairs."""
    items = "".join(
        f"<sitemap><loc>{loc}</loc><lastmod>{lastmod}</lastmod></sitemap>" for loc, lastmod in sitemaps
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="{SITEMAP_NS}">{items}</sitemapindex>'


def urlset(urls: Sequence[tuple[str, str | None, str]]) -> str:
    """A sitemap of (absolute URL, lastmod or None, changefreq) triples."""
    items = "".join(
        f"<url><loc>{loc}</loc>"
        + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
        + f"<changefreq>{changefreq}</changefreq></url>"
        for loc, lastmod, changefreq in urls
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}">{items}</urlset>'


def news_sitemap(publication: str, language: str, news: Sequence[tuple[str, str, str]]) -> str:
    """A Google News sitemap of (absolute URL, publication date ISO 8601, title) triples."""
    items = "".join(
        f"<url><loc>{loc}</loc><news:news><news:publication><news:name>{publication}"
        f"</news:name><news:language>{language}</news:language></news:publication>"
        f"<news:publication_date>{published}</news:publication_date>"
        f"<news:title>{esc(title)}</news:title></news:news></url>"
        for loc, published, title in news
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}" '
        f'xmlns:news="{NEWS_NS}">{items}</urlset>'
    )


def robots_txt(disallow: Mapping[str, Sequence[str]], sitemaps: Sequence[str] = ()) -> bytes:
    """robots.txt: per user agent its Disallow lines (groups apart by a blank line), then Sitemap: lines."""
    groups = [
        "".join([f"User-agent: {agent}\n", *(f"Disallow: {path}\n" for path in paths)])
        for agent, paths in disallow.items()
    ]
    text = "\n".join(groups)
    if sitemaps:
        text += "\n" + "".join(f"Sitemap: {url}\n" for url in sitemaps)
    return text.encode()
