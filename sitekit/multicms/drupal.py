"""Drupal 10 news view, with the Drupal renderer's teasers and views pager (``sitekit.cms.drupal``):
``div.views-row`` with ``<time datetime>`` and a tag link, the 0-based ``?page=N`` pager with
``pager__item--next`` / ``rel=next``, an exposed filter kept in every pager link (``?type=All&page=1``), an
Atom feed announced in the head, and a sidebar of dated event links.
"""

from __future__ import annotations

import datetime as dt

from newsarchive.sitekit.cms import drupal
from newsarchive.sitekit.cms.feeds import AtomEntry, atom
from newsarchive.sitekit.cms.portal import en_article, en_footer, en_header
from newsarchive.sitekit.model import Item
from newsarchive.sitekit.server import Response

from .common import FamilyTruth, PageSpec, PageTruth, Site, day, en_title

SIZES = (10, 10, 6)
NAME = "Institute for Applied Materials"


def slug(title: str) -> str:
    return "-".join("".join(c for c in w.lower() if c.isalnum()) for w in title.split()[:7])


def all_items() -> list[list[Item]]:
    pages, n = [], 0
    for size in SIZES:
        items = []
        for _ in range(size):
            title = en_title(n)
            date = day(n, (2024, 6, 25))
            path = f"/drupal/news/{date[:4]}/{slug(title)}-{n}"
            items.append(Item(path, path, title, date))
            n += 1
        pages.append(items)
    return pages


def page_path(p: int) -> str:
    return "/drupal/news?type=All" + (f"&page={p}" if p else "")


def build(site: Site) -> None:
    site.prefixes.append("/drupal/")
    pages = all_items()
    flat = [it for items in pages for it in items]
    for p, items in enumerate(pages):
        site.add_html(page_path(p), _page(p, items, len(pages)))
        for it in items:
            site.add_html(it.path, en_article(it.title, it.date, NAME))
    site.add("/drupal/news/atom.xml", _atom(flat))
    truths = [
        PageTruth(
            PageSpec(page_path(p)),
            tuple(it.path for it in items),
            next=PageSpec(page_path(p + 1)) if p + 1 < len(pages) else None,
            rows=tuple((it.path, it.date, it.title) for it in items),
            feeds=("/drupal/news/atom.xml",) if p == 0 else (),
        )
        for p, items in enumerate(pages)
    ]
    site.truth(FamilyTruth("drupal", "drupal", page_path(0), tuple(truths)))
    site.truth(
        FamilyTruth(
            "atom",
            "atom",
            "/drupal/news/atom.xml",
            (
                PageTruth(
                    PageSpec("/drupal/news/atom.xml"),
                    tuple(it.path for it in flat[:12]),
                    rows=tuple((it.path, it.date, it.title) for it in flat[:12]),
                ),
            ),
            kind="feed",
        )
    )


def _page(p: int, items: list[Item], count: int) -> str:
    rows = "".join(
        drupal.teaser(
            it.path,
            it.title,
            dt.datetime.fromisoformat(f"{it.date}T12:00:00+00:00"),
            f"{it.title}. The team describes the method and its first results.",
            tags=((f"/drupal/taxonomy/term/{3 + i % 4}", "Materials"),),
            read_more=False,
        )
        for i, it in enumerate(items)
    )
    pager = drupal.pager(p, count, query="type=All&amp;")
    events = "".join(
        f'<li><a href="/drupal/events/2024/seminar-series-talk-{k}">Seminar series talk {k}: '
        f'materials for energy</a> <time datetime="2024-07-0{k + 1}">July {k + 1}, 2024</time></li>'
        for k in range(5)
    )
    return (
        f'<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
        f'<meta name="Generator" content="Drupal 10 (https://www.drupal.org)"><title>News | {NAME}</title>'
        f'<link rel="alternate" type="application/atom+xml" title="News" href="/drupal/news/atom.xml">'
        f'<link rel="stylesheet" href="/drupal/sites/default/files/css/css_abc.css"></head>'
        '<body class="path-news layout-one-sidebar layout-sidebar-second"><div '
        'class="dialog-off-canvas-main-canvas"'
        f" data-off-canvas-main-canvas>{en_header('/drupal/', NAME)}"
        f'<main role="main"><div class="layout-content"><h1>News</h1>'
        '<form class="views-exposed-form" action="/drupal/news"><select name="type"><option value="All">'
        "- Any -"
        f'</option><option value="press">Press release</option></select></form>'
        f'<div class="view view-news view-id-news"><div class="view-content">{rows}</div>{pager}</div></div>'
        '<aside class="layout-sidebar-second" role="complementary"><div class="block"><h2>Upcoming '
        "events</h2>"
        f"<ul>{events}</ul></div></aside></main>{en_footer('/drupal/', NAME)}</div></body></html>"
    )


def _atom(items: list[Item]) -> Response:
    entries = [
        AtomEntry(
            it.title,
            it.path,
            f"tag:example.org,2024:{it.path}",
            f"{it.date}T12:00:00+02:00",
            f"{it.date}T15:00:00+02:00",
            it.title,
        )
        for it in items[:12]
    ]
    xml = atom(
        f"News | {NAME}",
        "/drupal/",
        "/drupal/news/atom.xml",
        "tag:example.org,2024:news",
        "2024-06-25T15:00:00+02:00",
        entries,
    )
    return Response(200, xml.encode(), "application/atom+xml; charset=utf-8")
