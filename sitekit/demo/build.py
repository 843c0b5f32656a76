"""Every page of each demo site at a stage: the CMS-family renderers applied to the demo's content.

Part of the offline demo (``sitekit/demo``): ``content.sites()`` holds the articles; the stage decides what
each page shows (the listings, the related-news boxes and prev/next links as of when the page file was
written, the "updated" marks of edited posts); ``app.DemoPages`` serves the ``{path: Page}`` maps built here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from newsarchive.sitekit.assets import article_assets
from newsarchive.sitekit.cms import drupal, drupal_chrome, gdasfs, gdasfs_chrome, trs, wordpress
from newsarchive.sitekit.pages import Page

from .model import Site


def _paginate(render: Callable[[int], Page | None], path: Callable[[int], str]) -> dict[str, Page]:
    """Listing pages 0, 1, ... until ``render`` answers None, by path."""
    pages: dict[str, Page] = {}
    number = 0
    while (listing := render(number)) is not None:
        pages[path(number)] = listing
        number += 1
    return pages


def build_trs(site: Site, stage: int) -> dict[str, Page]:
    listings = [(column, site.listing(stage, column.key)) for column in site.columns]
    home = trs.render_home(listings)
    pages = {"/trs/": home, "/trs/index.html": home}
    for column, items in listings:
        pages.update(_paginate(partial(trs.render_listing, column, items), partial(trs.listing_path, column)))
        if column.path.endswith("/index.html"):
            pages[column.path.removesuffix("index.html")] = pages[column.path]
    for article in site.articles(stage):
        column = site.column(article.column)
        pages[article.path] = trs.render_article(column, article, site.related(article, stage))
    return pages | trs.template_pages()


def build_gdasfs(site: Site, stage: int) -> dict[str, Page]:
    column = site.columns[0]
    items = site.listing(stage, column.key)
    pages = _paginate(partial(gdasfs.render_listing, column, items), gdasfs.listing_path)
    pages[gdasfs_chrome.NEWS] = pages[gdasfs.listing_path(0)]
    for article in site.articles(stage):
        newer, older = site.neighbours(article, stage)
        pages[article.path] = gdasfs.render_article(
            article, newer=newer, older=older, latest=site.latest(article, stage)
        )
    return pages | gdasfs.template_pages()


def build_drupal(site: Site, stage: int) -> dict[str, Page]:
    column = site.columns[0]
    items = site.listing(stage, column.key)
    pages = {
        drupal.listing_key(n): drupal.render_listing(column, items, n)
        for n in range((len(items) + column.per_page - 1) // column.per_page)
    }
    pages[f"{drupal.NEWS}?page={drupal.EMPTY_LISTING}"] = drupal.render_listing(column, items, 10_000)
    for article in site.articles(stage):
        updated = stage == 2 and article.path in site.changes
        page = drupal.render_article(article, site.related(article, stage, 4), updated=updated)
        pages[article.path] = pages[f"{drupal_chrome.ROOT}/node/{article.uid}"] = page
    return pages | drupal.template_pages()


def build_wp(site: Site, stage: int) -> dict[str, Page]:
    column = site.columns[0]
    items = site.listing(stage, column.key)
    months = wordpress.archive_months(site.listing(1, column.key))  # the widget as the theme cached it
    edited = site.changes if stage == 2 else {}
    pages: dict[str, Page] = {}
    for base in (wordpress.CATEGORY, "/wp/"):
        render = partial(wordpress.render_listing, column, items, months=months, edited=edited, base=base)
        pages.update(_paginate(render, partial(wordpress.listing_path, base=base)))
    for article in site.articles(stage):
        newer, older = site.neighbours(article, stage)
        related = site.related(article, stage, 3)
        pages[article.path] = wordpress.render_post(
            article, newer=newer, older=older, related=related, months=months, edited=edited
        )
    for path in ("/wp/feed/", f"{wordpress.CATEGORY}feed/"):
        pages[path] = wordpress.render_feed(items[:10], path)
    return pages | wordpress.template_pages()


BUILDERS: dict[str, Callable[[Site, int], dict[str, Page]]] = {
    "trs": build_trs,
    "gdasfs": build_gdasfs,
    "drupal": build_drupal,
    "wp": build_wp,
}


def build(site: Site, stage: int) -> dict[str, Page]:
    """Every page of ``site`` at ``stage``: the images and attachments of its articles, then its pages."""
    return article_assets(site.articles(stage)) | BUILDERS[site.name](site, stage)
