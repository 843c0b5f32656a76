"""The Drupal 10 renderer: a newsroom view (``/drupal/news``) with a ``?page=N`` pager, node pages.

Renders ``sitekit.model`` content in the newsroom theme (``drupal_chrome``; ``heavy=True`` adds the weight of
real pages from ``drupal_extra``). Used by the demo, the benchmark's site and, for its pager and teasers,
the multi-CMS test site.
Listing: ``div.views-row`` teasers with ``<time datetime="...+08:00">``, the views pager (0-based
``?page=N``, ``li.pager__item--next a[rel=next]``; every page number, or a window of them with ellipses).
Article: ``h1.page-title``, "By <author>", a Source field, og:title, article:published_time, JSON-LD
NewsArticle, the text in ``div.field--name-body``, and a related-news view with other dates.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from newsarchive.sitekit.assets import png
from newsarchive.sitekit.model import Article, Column, Image
from newsarchive.sitekit.pages import Page, esc, html_page, interleave, long_date, words

from . import drupal_chrome as chrome
from . import drupal_extra as extra
from .drupal_chrome import ACADEMY, INSTITUTE, INSTITUTE_SHORT

NEWS = f"{chrome.ROOT}/news"
TAGS = {
    "research": ("Research", "Environment"),
    "people": ("People", "Awards"),
    "event": ("Events",),
    "collaboration": ("Partnerships", "International"),
}
TERMS = {t: 31 + i for i, t in enumerate(sorted({t for ts in TAGS.values() for t in ts}))}
HTML = "text/html; charset=UTF-8"
PAGER_QUANTITY = 9  # page numbers Drupal's full pager shows by default (a window around the current one)


def _changed(article: Article) -> dt.datetime:
    return article.changed or article.published


def _time(article: Article) -> str:
    return time_tag(article.published)


def time_tag(when: dt.datetime) -> str:
    return f'<time datetime="{when.isoformat()}">{long_date(when)}</time>'


def listing_key(page: int) -> str:
    return NEWS if page == 0 else f"{NEWS}?page={page}"


def teaser(
    path: str,
    title: str,
    published: dt.datetime,
    summary: str,
    *,
    image: Image | None = None,
    tags: Sequence[tuple[str, str]] = (),
    read_more: bool = True,
) -> str:
    """One ``div.views-row`` of a news view: the node teaser (image, title, date, summary, tag links as
    (href, label), a "Read more" link)."""
    picture = ""
    if image:
        picture = (
            f'<div class="field field--name-field-image field--type-image field--label-hidden field__item">'
            f'<a href="{path}" hreflang="en"><img loading="lazy" src="{image.path}" width="360" '
            f'height="240" alt="{esc(image.caption)}" /></a></div>'
        )
    links = "".join(f'<a href="{href}" hreflang="en">{esc(label)}</a>' for href, label in tags)
    if links:
        links = f'<div class="field field--name-field-tags field__items">{links}</div>'
    return (
        f'<div class="views-row"><article role="article" about="{path}" class="node node--type-news '
        f'node--promoted node--view-mode-teaser">{picture}<h2 class="node__title"><a href="{path}" '
        f'rel="bookmark">'
        f'<span class="field field--name-title field--type-string '
        f'field--label-hidden">{esc(title)}</span></a></h2>'
        f'<div class="node__meta">{time_tag(published)}</div>'
        '<div class="clearfix text-formatted field field--name-body field--type-text-with-summary '
        "field--label-hidden "
        f'field__item"><p>{esc(summary)}</p></div>{links}'
        + (
            f'<ul class="links inline"><li class="node-readmore"><a href="{path}" rel="tag" '
            f'title="{esc(title)}" hreflang="en">Read more<span class="visually-hidden"> about '
            f"{esc(title)}</span></a></li></ul>"
            if read_more
            else ""
        )
        + "</article></div>\n"
    )


def _teaser(article: Article) -> str:
    image = article.images[0] if article.images else None
    summary = words(article.paragraphs[0], 220)
    return teaser(article.path, article.title, article.published, summary, image=image)


def _pager_item(cls: str, page: int, label: str, hidden: str, title: str, query: str, rel: str = "") -> str:
    rel_attr = f' rel="{rel}"' if rel else ""
    return (
        f'<li class="pager__item{cls}"><a href="?{query}page={page}" title="{title}"{rel_attr}>'
        f'<span class="visually-hidden">{hidden}</span><span aria-hidden="true">{label}</span></a></li>'
    )


def pager(page: int, pages: int, *, window: int | None = None, query: str = "") -> str:
    """The views pager of page ``page`` (0-based) of ``pages``: first/previous, the page numbers (all, or
    ``window`` of them around the current one with ellipses), next/last. ``query`` is kept in every link
    before ``page=`` (an exposed filter: ``"type=All&amp;"``)."""
    first, last = 0, pages
    if window is not None:
        first = max(0, min(page - window // 2, pages - window))
        last = min(pages, first + window)
    ellipsis = '<li class="pager__item pager__item--ellipsis" role="presentation">&hellip;</li>'
    items = []
    if page > 0:
        items.append(
            _pager_item(" pager__item--first", 0, "« First", "First page", "Go to first page", query)
        )
        items.append(
            _pager_item(
                " pager__item--previous",
                page - 1,
                "‹ Previous",
                "Previous page",
                "Go to previous page",
                query,
                "prev",
            )
        )
    if first > 0:
        items.append(ellipsis)
    for i in range(first, last):
        if i == page:
            items.append(
                f'<li class="pager__item is-active"><a href="?{query}page={i}" title="Current page" '
                f'aria-current="page"><span class="visually-hidden">Current page</span>{i + 1}</a></li>'
            )
        else:
            items.append(
                f'<li class="pager__item"><a href="?{query}page={i}" title="Go to page {i + 1}">'
                f'<span class="visually-hidden">Page</span>{i + 1}</a></li>'
            )
    if last < pages:
        items.append(ellipsis)
    if page + 1 < pages:
        items.append(
            _pager_item(
                " pager__item--next", page + 1, "Next ›", "Next page", "Go to next page", query, "next"
            )
        )
        items.append(
            _pager_item(" pager__item--last", pages - 1, "Last »", "Last page", "Go to last page", query)
        )
    return (
        '<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 '
        'id="pagination-heading" '
        'class="visually-hidden">Pagination</h4><ul class="pager__items js-pager__items">'
        + "".join(items)
        + "</ul></nav>\n"
    )


def _breadcrumb(*crumbs: tuple[str, str]) -> str:
    items = "".join(
        f'<li class="breadcrumb__item"><a href="{href}">{esc(name)}</a></li>'
        if href
        else f'<li class="breadcrumb__item">{esc(name)}</li>'
        for name, href in crumbs
    )
    return (
        '<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation" '
        f'aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" '
        f'class="visually-hidden">Breadcrumb</h2>'
        f'<ol><li class="breadcrumb__item"><a href="{chrome.ROOT}/">Home</a></li>{items}</ol></nav></div>\n'
    )


def _page(
    title: str,
    metas: str,
    current: str,
    node: int | None,
    crumbs: str,
    content: str,
    *,
    heavy: bool = False,
    latest: Sequence[Article] = (),
) -> str:
    return (
        chrome.head(title, metas, current, node, extra.head() if heavy else "")
        + f'  <body class="path-{"node page-node-type-news" if node else "news"}">\n'
        + (extra.sprite() if heavy else "")
        + chrome.header()
        + '<main role="main" class="main-content"><a id="main-content" tabindex="-1"></a>\n'
        + crumbs
        + '<div class="layout-content"><div class="region region-content"><div data-drupal-messages-fallback '
        'class="hidden"></div>\n'
        + content
        + "</div></div>\n"
        + chrome.sidebar(extra.side_block(latest) if heavy else "")
        + "</main>\n"
        + chrome.footer()
        + (extra.footer() if heavy else "")
        + "  </body>\n</html>\n"
    )


def render_listing(
    column: Column, items: Sequence[Article], page: int, *, heavy: bool = False, window: int | None = None
) -> Page:
    """Page ``page`` (0-based) of the newsroom listing ``items`` newest first; past the last page the view
    is empty (Drupal answers 200). ``window``: see ``pager``."""
    pages = (len(items) + column.per_page - 1) // column.per_page
    chunk = items[page * column.per_page : (page + 1) * column.per_page]
    rows = (
        "".join(_teaser(a) for a in chunk)
        or '<div class="view-empty"><p>There is no news at the moment.</p></div>'
    )
    filters = (
        f'<div class="view-filters"><form class="views-exposed-form" '
        f'data-drupal-selector="views-exposed-form-news-page-1" '
        f'action="{NEWS}" method="get" id="views-exposed-form-news-page-1" accept-charset="UTF-8">'
        '<div class="js-form-item form-item"><label for="edit-type">Topic</label><select '
        'data-drupal-selector="edit-type" '
        'id="edit-type" name="type" class="form-select"><option value="All" selected="selected">- Any '
        "-</option>"
        + "".join(
            f'<option value="{i + 11}">{esc(t)}</option>'
            for i, t in enumerate(("Research", "People", "Events", "Partnerships"))
        )
        + '</select></div><div class="form-actions">'
        + '<input data-drupal-selector="edit-submit-news" type="submit" '
        'id="edit-submit-news" value="Apply" class="button js-form-submit form-submit" /></div></form></div>'
    )
    content = (
        '<div id="block-priee-page-title" class="block block-core block-page-title-block"><h1 '
        'class="page-title">News</h1>'
        '</div><div id="block-priee-content" class="block block-system block-system-main-block"><div '
        'class="views-element-'
        'container"><div class="view view-news view-id-news view-display-id-page_1 js-view-dom-id-'
        '8f3b2c1d9e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c">'
        + filters
        + f'<div class="view-content">\n{rows}</div>\n'
        + (pager(page, pages, window=window) if chunk else "")
        + "</div></div></div>\n"
    )
    metas = (
        f'    <link rel="canonical" href="{listing_key(page)}" />\n'
        f'    <meta property="og:site_name" content="{INSTITUTE_SHORT}" />\n'
        '    <meta property="og:title" content="News" />\n'
    )
    text = _page(
        "News",
        metas,
        "news",
        None,
        _breadcrumb(("News & Events", f"{chrome.ROOT}/news-events/events"), ("News", "")),
        content,
        heavy=heavy,
    )
    return html_page(text, HTML, max(a.last_modified for a in items))


def _jsonld(article: Article) -> str:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": article.title,
                "name": article.title,
                "description": words(article.paragraphs[0], 200),
                "datePublished": article.published.isoformat(),
                "dateModified": _changed(article).isoformat(),
                "author": (
                    {"@type": "Person", "name": article.author}
                    if article.author
                    else {"@type": "Organization", "name": INSTITUTE}
                ),
                "publisher": {
                    "@type": "Organization",
                    "name": INSTITUTE,
                    "url": f"{chrome.ROOT}/",
                    "logo": {"@type": "ImageObject", "url": f"{chrome.ROOT}/themes/custom/priee/logo.png"},
                },
                "mainEntityOfPage": article.path,
                **(
                    {"image": {"@type": "ImageObject", "url": article.images[0].path}}
                    if article.images
                    else {}
                ),
            }
        ],
    }
    return '    <script type="application/ld+json">' + json.dumps(data, ensure_ascii=False) + "</script>\n"


def _metas(article: Article) -> str:
    pairs = [
        ("og:site_name", INSTITUTE_SHORT),
        ("og:type", "article"),
        ("og:url", article.path),
        ("og:title", article.title),
        ("og:description", words(article.paragraphs[0], 200)),
    ]
    if article.images:
        pairs.append(("og:image", article.images[0].path))
    pairs += [
        ("article:published_time", article.published.isoformat()),
        ("article:modified_time", _changed(article).isoformat()),
    ]
    return (
        f'    <meta name="description" content="{esc(words(article.paragraphs[0], 200))}" />\n'
        f'    <link rel="canonical" href="{article.path}" />\n    <link rel="shortlink" '
        f'href="{chrome.ROOT}/node/{article.uid}" />\n'
        + "".join(f'    <meta property="{k}" content="{esc(v)}" />\n' for k, v in pairs)
        + '    <meta name="twitter:card" content="summary_large_image" />\n'
        f'    <meta name="twitter:title" content="{esc(article.title)}" />\n' + _jsonld(article)
    )


def _figure(image: Image) -> str:
    return (
        f'<figure role="group" class="caption caption-img align-center"><img loading="lazy" '
        f'src="{image.path}" width="800" height="533" alt="{esc(image.caption)}" />'
        f"<figcaption>{esc(image.caption)}</figcaption></figure>"
    )


def _body(article: Article) -> str:
    return interleave(article, lambda text: f"<p>{esc(text)}</p>", _figure)


def render_article(
    article: Article,
    related: Sequence[Article],
    *,
    updated: bool = False,
    heavy: bool = False,
    latest: Sequence[Article] = (),
) -> Page:
    """A node page with its related-news view (``related``); ``updated`` shows the "Updated" date of an
    edited node; ``heavy`` pages add a "Latest news" block (``latest``)."""
    byline = (
        f'By <span class="field field--name-field-author">{esc(article.author)}</span> <span '
        f'class="sep">|</span> '
        if article.author
        else ""
    )
    updated_line = ""
    if updated:
        updated_line = (
            f'<div class="node__updated">Updated <time datetime="{_changed(article).isoformat()}">'
            f"{long_date(_changed(article))}</time></div>"
        )
    downloads = "".join(
        f'<div class="field__item"><span class="file file--mime-application-{a.kind} '
        f'file--application-{a.kind}">'
        f'<a href="{a.path}" type="application/{a.kind}">{esc(a.text)}</a></span></div>'
        for a in article.attachments
    )
    if downloads:
        downloads = (
            '<div class="field field--name-field-downloads field--type-file field--label-above">'
            f'<div class="field__label">Downloads</div><div class="field__items">{downloads}</div></div>'
        )
    tags = "".join(
        f'<div class="field__item"><a href="{chrome.ROOT}/taxonomy/term/{TERMS[t]}" '
        f'hreflang="en">{esc(t)}</a>'
        "</div>"
        for t in TAGS[article.kind]
    )
    related_rows = "".join(
        f'<div class="views-row"><div class="views-field views-field-title"><span class="field-content"><a '
        f'href="{r.path}" '
        f'hreflang="en">{esc(r.title)}</a></span></div><div class="views-field views-field-created"><span '
        f'class="field-content">{_time(r)}</span></div></div>'
        for r in related
    )
    share = "".join(
        f'<a class="share share--{k}" href="https://www.example.org/share/{k}?url={article.path}" '
        f'rel="nofollow">'
        f'<span class="visually-hidden">Share on {n}</span></a>'
        for n, k in chrome.SOCIAL[:4]
    )
    content = (
        '<div id="block-priee-page-title" class="block block-core block-page-title-block"><h1 '
        'class="page-title">'
        f'<span class="field field--name-title field--type-string '
        f'field--label-hidden">{esc(article.title)}</span></h1></div>\n'
        '<div id="block-priee-content" class="block block-system block-system-main-block">'
        f'<article role="article" about="{article.path}" class="node node--type-news node--promoted '
        f'node--view-mode-full">'
        f'<div class="node__meta"><div class="node__submitted">{byline}<span class="field '
        f'field--name-created">'
        f'{_time(article)}</span></div>{updated_line}</div>\n<div class="node__content">'
        '<div class="field field--name-field-source field--type-string field--label-inline clearfix">'
        f'<div class="field__label">Source</div><div class="field__item">{esc(article.source)}</div></div>\n'
        '<div class="clearfix text-formatted field field--name-body field--type-text-with-summary '
        "field--label-hidden "
        f'field__item">{_body(article)}</div>\n{downloads}'
        '<div class="field field--name-field-tags field--type-entity-reference field--label-inline clearfix">'
        f'<div class="field__label">Tags</div><div class="field__items">{tags}</div></div>'
        f'<div class="share-links"><span>Share</span>{share}</div></div></article></div>\n'
        '<div class="views-element-container block block-views block-views-blockrelated-news-block-1" '
        'id="block-views-block-related-news"><h2 class="block__title">Related news</h2><div><div class="view '
        f'view-related-news view-id-related_news view-display-id-block_1"><div '
        f'class="view-content">{related_rows}</div>'
        "</div></div></div>\n"
        f'<div class="statistics-counter visually-hidden">{article.views} views</div>\n'
    )
    text = _page(
        article.title,
        _metas(article),
        f"node/{article.uid}",
        article.uid,
        _breadcrumb(("News & Events", f"{chrome.ROOT}/news-events/events"), ("News", NEWS)),
        content,
        heavy=heavy,
        latest=latest,
    )
    return html_page(text, HTML, article.last_modified)


def basic_page(path: str, title: str) -> Page:
    content = (
        f'<div class="block block-core block-page-title-block"><h1 class="page-title">{esc(title)}</h1></div>'
        '<div class="clearfix text-formatted field field--name-body"><p>The '
        + esc(INSTITUTE)
        + f" ({INSTITUTE_SHORT}) of the {esc(ACADEMY)} studies how rivers, wetlands, coasts, soils and "
        + "cities "
        "change, and how to keep them healthy.</p><p>This page is being updated.</p></div>"
    )
    return html_page(
        _page(title, "", path.removeprefix(chrome.ROOT + "/"), None, _breadcrumb((title, "")), content),
        HTML,
        None,
    )


EMPTY_LISTING = "empty"  # key of the page Drupal answers for ?page= beyond the last page (200, no rows)


def template_pages() -> dict[str, Page]:
    """The pages the theme links to that hold no news: menu pages, home, policies, tags, the logo."""
    pages = {path: basic_page(path, title) for path, title in chrome.menu_paths().items()}
    for path, title in (
        (f"{chrome.ROOT}/", "Home"),
        (f"{chrome.ROOT}/about/privacy", "Privacy"),
        (f"{chrome.ROOT}/about/accessibility", "Accessibility"),
        (f"{chrome.ROOT}/zh-hans", "中文"),
    ):
        pages[path] = basic_page(path, title)
    for term, number in TERMS.items():
        pages[f"{chrome.ROOT}/taxonomy/term/{number}"] = basic_page(
            f"{chrome.ROOT}/taxonomy/term/{number}", term
        )
    pages[f"{chrome.ROOT}/themes/custom/priee/logo.png"] = Page(png("priee-logo"), "image/png", None)
    return pages
