"""WordPress category archive, with the WordPress renderer's posts, pager and feed
(``sitekit.cms.wordpress``): ``/wp/category/research/``, ``page/2/``, ``page/3/``; ``a.next.page-numbers``,
a head ``rel=next`` (SEO plugin), RSS feeds at ``/wp/feed/`` and per category, a "Recent Posts" widget.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from newsarchive.sitekit.cms import wordpress
from newsarchive.sitekit.cms.portal import en_article, en_footer, en_header
from newsarchive.sitekit.model import Item
from newsarchive.sitekit.pages import esc
from newsarchive.sitekit.server import Request, Response

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, en_title, host_url

SIZES = (10, 10, 7)
NAME = "Coastal Research Institute"
CATEGORY = "/wp/category/research/"


def all_items() -> list[list[Item]]:
    pages, n = [], 0
    for size in SIZES:
        items = []
        for _ in range(size):
            title = en_title(40 + n)
            date = day(n, (2024, 6, 21))
            words = "-".join("".join(c for c in w.lower() if c.isalnum()) for w in title.split()[:6])
            path = f"/wp/{date[:4]}/{date[5:7]}/{date[8:]}/{words}/"
            items.append(Item(path, path, title, date))
            n += 1
        pages.append(items)
    return pages


def page_path(p: int) -> str:
    return wordpress.listing_path(p, CATEGORY)


def _published(it: Item) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{it.date}T09:00:00+00:00")


def build(site: Site) -> None:
    site.prefixes.append("/wp/")
    pages = all_items()
    flat = [it for items in pages for it in items]
    for p, items in enumerate(pages):
        site.add_html(page_path(p), _page(p, items, len(pages), flat))
        for it in items:
            site.add_html(it.path, en_article(it.title, it.date, NAME))
    for feed in ("/wp/feed/", f"{CATEGORY}feed/"):
        site.route(feed, partial(_rss, flat[:10], path=feed))
    truths = [
        PageTruth(
            PageSpec(page_path(p)),
            tuple(it.path for it in items),
            next=PageSpec(page_path(p + 1)) if p + 1 < len(pages) else None,
            rows=tuple((it.path, it.date, it.title) for it in items),
            feeds=("/wp/feed/", f"{CATEGORY}feed/") if p == 0 else (),
        )
        for p, items in enumerate(pages)
    ]
    site.truth(FamilyTruth("wordpress", "wordpress", page_path(0), tuple(truths)))
    site.truth(
        FamilyTruth(
            "rss",
            "rss",
            "/wp/feed/",
            (
                PageTruth(
                    PageSpec("/wp/feed/"),
                    tuple(it.path for it in flat[:10]),
                    rows=tuple((it.path, it.date, it.title) for it in flat[:10]),
                ),
            ),
            kind="feed",
        )
    )


def _page(p: int, items: list[Item], count: int, flat: list[Item]) -> str:
    posts = "".join(
        wordpress.entry(
            100 + i,
            it.path,
            it.title,
            wordpress.entry_meta(it.path, _published(it), "Jane Doe", "/wp/author/jdoe/"),
            esc(it.title),
            category=("Research", CATEGORY),
            more_link=True,
        )
        for i, it in enumerate(items)
    )
    rel = f'<link rel="next" href="{page_path(p + 1)}">' if p + 1 < count else ""
    if p > 0:
        rel += f'<link rel="prev" href="{page_path(p - 1)}">'
    recent = "".join(
        f'<li><a href="{it.path}">{esc(it.title)}</a><span class="post-date">{it.date}</span></li>'
        for it in flat[-5:]
    )
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="UTF-8"><title>Research &#8211; '
        f"{NAME}</title>"
        f'<link rel="alternate" type="application/rss+xml" title="{NAME} &raquo; Feed" href="/wp/feed/">'
        f'<link rel="alternate" type="application/rss+xml" title="Research Category Feed" '
        f'href="{CATEGORY}feed/">{rel}<meta name="generator" content="WordPress 6.5.4">'
        f'<link rel="stylesheet" href="/wp/wp-content/themes/twentytwenty/style.css"></head>'
        f'<body class="archive category category-research">{en_header("/wp/", NAME)}'
        f'<div id="content" class="site-content"><main id="main" class="site-main">'
        f'<header class="page-header"><h1 class="page-title">Category: Research</h1></header>{posts}'
        f"{wordpress.pager(p, count, CATEGORY, root='')}</main>"
        f'<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">'
        f'<h2 class="widget-title">Recent Posts</h2><ul>{recent}</ul></section></aside></div>'
        f"{en_footer('/wp/', NAME)}</body></html>"
    )


def _rss(items: list[Item], request: Request, *, path: str) -> Response:
    base = host_url(request)
    entries = [
        wordpress.FeedItem(
            it.title,
            f"{base}{it.path}",
            _published(it),
            f"https://example.org/?p={1000 + i}",
            f"<p>{esc(it.title)}</p>",
        )
        for i, it in enumerate(items)
    ]
    xml = wordpress.rss(NAME, f"{base}/wp/", "News", f"{base}{path}", entries)
    return Response(200, xml.encode(), "application/rss+xml; charset=UTF-8")
