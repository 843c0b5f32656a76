"""WordPress category archive: ``/wp/category/research/``, ``page/2/``, ``page/3/``; ``a.next.page-numbers``,
a head ``rel=next`` (SEO plugin), RSS feeds at ``/wp/feed/`` and per category, a "Recent Posts" widget.
"""

from __future__ import annotations

import email.utils

from sitekit.cms.portal import en_article, en_footer, en_header
from sitekit.model import Item
from sitekit.pages import esc
from sitekit.server import Response

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
    return CATEGORY if p == 0 else f"{CATEGORY}page/{p + 1}/"


def build(site: Site) -> None:
    site.prefixes.append("/wp/")
    pages = all_items()
    flat = [it for items in pages for it in items]
    for p, items in enumerate(pages):
        site.add_html(page_path(p), _page(p, items, len(pages), flat))
        for it in items:
            site.add_html(it.path, en_article(it.title, it.date, NAME))
    site.route("/wp/feed/", lambda request: _rss(flat[:10], host_url(request)))
    site.route(f"{CATEGORY}feed/", lambda request: _rss(flat[:10], host_url(request)))
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
        f'<article id="post-{100 + i}" class="post-{100 + i} post type-post status-publish '
        "format-standard hentry "
        f'category-research"><header class="entry-header"><h2 class="entry-title"><a href="{it.path}" '
        f'rel="bookmark">{esc(it.title)}</a></h2><div class="entry-meta"><span class="posted-on">'
        f'<a href="{it.path}" rel="bookmark"><time class="entry-date published" '
        f'datetime="{it.date}T09:00:00+00:00">'
        f'{it.date}</time></a></span> <span class="byline">by <a class="url fn n" '
        'href="/wp/author/jdoe/">Jane Doe'
        f'</a></span></div></header><div class="entry-summary"><p>{esc(it.title)} [&hellip;]</p></div>'
        f'<footer class="entry-footer"><a href="{CATEGORY}" rel="category tag">Research</a> '
        f'<a class="more-link" href="{it.path}">Continue reading</a></footer></article>'
        for i, it in enumerate(items)
    )
    numbers = []
    if p > 0:
        numbers.append(f'<a class="prev page-numbers" href="{page_path(p - 1)}">Previous</a>')
    for q in range(count):
        numbers.append(
            f'<span aria-current="page" class="page-numbers current">{q + 1}</span>'
            if q == p
            else f'<a class="page-numbers" href="{page_path(q)}">{q + 1}</a>'
        )
    if p + 1 < count:
        numbers.append(f'<a class="next page-numbers" href="{page_path(p + 1)}">Next</a>')
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
        '<nav class="navigation pagination" aria-label="Posts"><h2 class="screen-reader-text">Posts '
        "navigation"
        f'</h2><div class="nav-links">{"".join(numbers)}</div></nav></main>'
        f'<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">'
        f'<h2 class="widget-title">Recent Posts</h2><ul>{recent}</ul></section></aside></div>'
        f"{en_footer('/wp/', NAME)}</body></html>"
    )


def _rfc822(date: str) -> str:
    import datetime as dt

    return email.utils.format_datetime(dt.datetime.fromisoformat(date + "T09:00:00+00:00"))


def _rss(items: list[Item], base: str) -> Response:
    entries = "".join(
        f"<item><title>{esc(it.title)}</title><link>{base}{it.path}</link>"
        f"<pubDate>{_rfc822(it.date)}</pubDate>"
        f'<guid isPermaLink="false">https://example.org/?p={1000 + i}</guid>'
        f"<description><![CDATA[<p>{esc(it.title)}</p>]]></description></item>"
        for i, it in enumerate(items)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
        f'content/"><channel><title>{NAME}</title><link>{base}/wp/</link><description>News</description>'
        f"{entries}</channel></rss>"
    )
    return Response(200, xml.encode(), "application/rss+xml; charset=UTF-8")
