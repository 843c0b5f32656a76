"""Discovery outside the listings: ``/robots.txt`` with ``Sitemap:`` lines, a sitemap index pointing to a
plain urlset and a gzipped one (``.xml.gz``), and a Google News sitemap (CMS-PATTERNS.md 5, 12.7).
RSS and Atom feeds live with their CMS (wordpress.py, drupal.py).
"""

from __future__ import annotations

import gzip

from sitekit.server import Request, Response

from . import drupal, wordpress
from .common import FamilyTruth, Item, PageSpec, PageTruth, Site, host_url

ROBOTS = """User-agent: *
Disallow: /private/
Disallow: /search/

User-agent: BadBot
Disallow: /

Sitemap: {base}/sitemaps/sitemap_index.xml
Sitemap: {base}/sitemaps/news.xml
"""
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def build(site: Site) -> None:
    site.prefixes.extend(["/sitemaps/", "/robots.txt", "/private/"])
    wp = [it for items in wordpress.all_items() for it in items]
    dr = [it for items in drupal.all_items() for it in items]
    site.route(
        "/robots.txt",
        lambda r: Response(200, ROBOTS.format(base=host_url(r)).encode(), "text/plain; charset=utf-8"),
    )
    site.route("/sitemaps/sitemap_index.xml", _index)
    site.route("/sitemaps/sitemap-wp.xml", lambda r: _urlset(r, wp, gz=False))
    site.route("/sitemaps/sitemap-drupal.xml.gz", lambda r: _urlset(r, dr, gz=True))
    site.route("/sitemaps/news.xml", lambda r: _news(r, wp[:5]))
    site.add_html(
        "/private/news/index.html",
        "<html><body><ul><li><a href='/private/news/a.html'>A private "
        "listing that robots.txt disallows</a></li></ul></body></html>",
    )
    site.truth(
        FamilyTruth(
            "sitemap-index",
            "sitemap",
            "/sitemaps/sitemap_index.xml",
            (
                PageTruth(
                    PageSpec("/sitemaps/sitemap_index.xml"),
                    sitemaps=("/sitemaps/sitemap-wp.xml", "/sitemaps/sitemap-drupal.xml.gz"),
                ),
            ),
            kind="sitemap",
        )
    )
    site.truth(
        FamilyTruth(
            "sitemap",
            "sitemap",
            "/sitemaps/sitemap-wp.xml",
            (PageTruth(PageSpec("/sitemaps/sitemap-wp.xml"), tuple(it.path for it in wp)),),
            kind="sitemap",
        )
    )
    site.truth(
        FamilyTruth(
            "sitemap-gz",
            "sitemap",
            "/sitemaps/sitemap-drupal.xml.gz",
            (PageTruth(PageSpec("/sitemaps/sitemap-drupal.xml.gz"), tuple(it.path for it in dr)),),
            kind="sitemap",
        )
    )
    site.truth(
        FamilyTruth(
            "news-sitemap",
            "sitemap",
            "/sitemaps/news.xml",
            (
                PageTruth(
                    PageSpec("/sitemaps/news.xml"),
                    tuple(it.path for it in wp[:5]),
                    rows=tuple((it.path, it.date, it.title) for it in wp[:5]),
                ),
            ),
            kind="sitemap",
        )
    )


def _index(request: Request) -> Response:
    base = host_url(request)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/sitemaps/sitemap-wp.xml</loc><lastmod>2024-06-21</lastmod></sitemap>"
        f"<sitemap><loc>{base}/sitemaps/sitemap-drupal.xml.gz</loc><lastmod>2024-06-25</lastmod></sitemap>"
        "</sitemapindex>"
    )
    return Response(200, xml.encode(), "application/xml")


def _urlset(request: Request, items: list[Item], *, gz: bool) -> Response:
    base = host_url(request)
    urls = "".join(
        f"<url><loc>{base}{it.path}</loc><lastmod>{it.date}T10:00:00+00:00</lastmod>"
        f"<changefreq>monthly</changefreq></url>"
        for it in items
    )
    section = items[0].path.split("/")[1]
    urls += f"<url><loc>{base}/{section}/</loc><changefreq>daily</changefreq></url>"  # the section home
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    ).encode()
    if gz:
        return Response(200, gzip.compress(xml, mtime=0), "application/x-gzip", etag=False)
    return Response(200, xml, "application/xml")


def _news(request: Request, items: list[Item]) -> Response:
    base = host_url(request)
    urls = "".join(
        f"<url><loc>{base}{it.path}</loc><news:news><news:publication><news:name>Coastal Research Institute"
        f"</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{it.date}T09:00:00+00:00</news:publication_date>"
        f"<news:title>{it.title}</news:title></news:news></url>"
        for it in items
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="{NEWS_NS}">{urls}</urlset>'
    )
    return Response(200, xml.encode(), "application/xml")
