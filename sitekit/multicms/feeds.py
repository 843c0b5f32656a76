"""Discovery outside the listings, written by ``sitekit.cms.feeds``: ``/robots.txt`` with ``Sitemap:``
lines, a sitemap index pointing to a plain urlset and a gzipped one (``.xml.gz``), and a Google News sitemap.
RSS and Atom feeds live with their CMS (wordpress.py, drupal.py).
"""

from __future__ import annotations

import gzip

from newsarchive.sitekit.cms.feeds import news_sitemap, robots_txt, sitemap_index, urlset
from newsarchive.sitekit.model import Item
from newsarchive.sitekit.server import Request, Response

from . import drupal, wordpress
from .common import FamilyTruth, PageSpec, PageTruth, Site, host_url

DISALLOW = {"*": ("/private/", "/search/"), "BadBot": ("/",)}


def build(site: Site) -> None:
    site.prefixes.extend(["/sitemaps/", "/robots.txt", "/private/"])
    wp = [it for items in wordpress.all_items() for it in items]
    dr = [it for items in drupal.all_items() for it in items]
    site.route("/robots.txt", _robots)
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


def _robots(request: Request) -> Response:
    base = host_url(request)
    text = robots_txt(DISALLOW, (f"{base}/sitemaps/sitemap_index.xml", f"{base}/sitemaps/news.xml"))
    return Response(200, text, "text/plain; charset=utf-8")


def _index(request: Request) -> Response:
    base = host_url(request)
    xml = sitemap_index(
        (
            (f"{base}/sitemaps/sitemap-wp.xml", "2024-06-21"),
            (f"{base}/sitemaps/sitemap-drupal.xml.gz", "2024-06-25"),
        )
    )
    return Response(200, xml.encode(), "application/xml")


def _urlset(request: Request, items: list[Item], *, gz: bool) -> Response:
    base = host_url(request)
    urls: list[tuple[str, str | None, str]] = [
        (f"{base}{it.path}", f"{it.date}T10:00:00+00:00", "monthly") for it in items
    ]
    section = items[0].path.split("/")[1]
    urls.append((f"{base}/{section}/", None, "daily"))  # the section home
    xml = urlset(urls).encode()
    if gz:
        return Response(200, gzip.compress(xml, mtime=0), "application/x-gzip", etag=False)
    return Response(200, xml, "application/xml")


def _news(request: Request, items: list[Item]) -> Response:
    base = host_url(request)
    news = [(f"{base}{it.path}", f"{it.date}T09:00:00+00:00", it.title) for it in items]
    xml = news_sitemap("Coastal Research Institute", "en", news)
    return Response(200, xml.encode(), "application/xml")
