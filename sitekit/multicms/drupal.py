"""Drupal 10 news view: ``div.views-row`` with ``<time datetime>``, the 0-based ``?page=N`` views pager with
``pager__item--next`` / ``rel=next``, an exposed filter kept in every pager link (``?type=All&page=1``), an
Atom feed announced in the head, and a sidebar of dated event links (CMS-PATTERNS.md section 4).
"""

from __future__ import annotations

from sitekit.cms.portal import en_article, en_footer, en_header
from sitekit.model import Item
from sitekit.pages import esc

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
        f'<div class="views-row"><article role="article" class="node node--type-news node--view-mode-teaser">'
        f'<h3 class="node__title"><a href="{it.path}" rel="bookmark"><span>{esc(it.title)}</span></a></h3>'
        f'<div class="node__meta"><time datetime="{it.date}T12:00:00Z">'
        f'{_long_date(it.date)}</time></div><div class="node__content"><p>{esc(it.title)}. The team '
        "describes "
        f'the method and its first results.</p><a href="/drupal/taxonomy/term/{3 + i % 4}" hreflang="en">'
        f"Materials</a></div></article></div>"
        for i, it in enumerate(items)
    )
    pager = "".join(
        f'<li class="pager__item{" is-active" if q == p else ""}"><a href="?type=All&amp;page={q}" '
        f'title="{"Current page" if q == p else f"Go to page {q + 1}"}">{q + 1}</a></li>'
        for q in range(count)
    )
    if p > 0:
        pager = (
            '<li class="pager__item pager__item--first"><a href="?type=All&amp;page=0" title="Go to first '
            'page">'
            f'<span aria-hidden="true">«</span></a></li><li class="pager__item pager__item--previous">'
            f'<a href="?type=All&amp;page={p - 1}" rel="prev"><span aria-hidden="true">‹</span></a></li>'
            + pager
        )
    if p + 1 < count:
        pager += (
            f'<li class="pager__item pager__item--next"><a href="?type=All&amp;page={p + 1}" '
            f'title="Go to next page" rel="next"><span class="visually-hidden">Next page</span>'
            f'<span aria-hidden="true">›</span></a></li><li class="pager__item pager__item--last">'
            f'<a href="?type=All&amp;page={count - 1}" title="Go to last page"><span aria-hidden="true">»'
            f"</span></a></li>"
        )
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
        f'<div class="view view-news view-id-news"><div class="view-content">{rows}</div>'
        f'<nav class="pager" role="navigation" aria-labelledby="pagination-heading">'
        f'<h4 id="pagination-heading" class="visually-hidden">Pagination</h4>'
        f'<ul class="pager__items js-pager__items">{pager}</ul></nav></div></div>'
        '<aside class="layout-sidebar-second" role="complementary"><div class="block"><h2>Upcoming '
        "events</h2>"
        f"<ul>{events}</ul></div></aside></main>{en_footer('/drupal/', NAME)}</div></body></html>"
    )


def _long_date(date: str) -> str:
    import datetime as dt

    return dt.date.fromisoformat(date).strftime("%B %-d, %Y")


def _atom(items: list[Item]):
    from sitekit.server import Response

    entries = "".join(
        f'<entry><title type="html">{esc(it.title)}</title><link rel="alternate" href="{it.path}"/>'
        f"<id>tag:example.org,2024:{it.path}</id><published>{it.date}T12:00:00+02:00</published>"
        f"<updated>{it.date}T15:00:00+02:00</updated><summary>{esc(it.title)}</summary></entry>"
        for it in items[:12]
    )
    xml = (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        f'xml:base="/drupal/"><title>News | {NAME}</title><link rel="self" href="/drupal/news/atom.xml"/>'
        f"<id>tag:example.org,2024:news</id><updated>2024-06-25T15:00:00+02:00</updated>{entries}</feed>"
    )
    return Response(200, xml.encode(), "application/atom+xml; charset=utf-8")
