"""The WordPress renderer: a category archive with ``/page/N/`` pagination, posts with pretty permalinks, RSS.

Renders ``sitekit.model`` content in a block theme (``wordpress_chrome``). Used by the demo
(``/wp/category/news/``, ``/wp/feed/``) and, for its pager and feed, the multi-CMS test site.
Archive: ``article.post`` entries, ``a.next.page-numbers`` and ``<link rel="next">`` in the head. Post:
``h1.entry-title``, ``time.entry-date.published``, "by <author>", ``div.entry-content``, a "Source:" line in
the entry footer, previous/next post links and a related-posts box. Feeds: RSS 2.0 with full text.
URLs are absolute, as WordPress writes them, on ``wordpress_chrome.BASE`` (the server puts in its host).
An edited post (its path in ``edited``) shows its "updated" time.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from newsarchive.sitekit.assets import png
from newsarchive.sitekit.model import Article, Column, Image
from newsarchive.sitekit.pages import MONTHS, Page, esc, html_page, interleave, long_date, words

from . import wordpress_chrome as chrome

CATEGORY = "/wp/category/news/"
HTML = "text/html; charset=UTF-8"


def listing_path(page: int, base: str = CATEGORY) -> str:
    """0-based page index -> /wp/category/news/, /wp/category/news/page/2/, ..."""
    return base if page == 0 else f"{base}page/{page + 1}/"


def _url(path: str) -> str:
    return chrome.BASE + path


def _author_slug(name: str) -> str:
    return "-".join(name.lower().replace(".", "").split())


def _changed(article: Article, edited: Collection[str]) -> dt.datetime | None:
    """The "updated" time WordPress shows once a post was edited."""
    return article.changed if article.path in edited else None


def entry_meta(
    url: str, published: dt.datetime, author: str, author_url: str, updated: dt.datetime | None = None
) -> str:
    """ "Posted on <date> by <author>" under a post's title (``updated``: the time of the last edit)."""
    times = (
        f'<time class="entry-date published{"" if updated else " updated"}" '
        f'datetime="{published.isoformat()}">{long_date(published)}</time>'
    )
    if updated:
        times += f'<time class="updated" datetime="{updated.isoformat()}">{long_date(updated)}</time>'
    return (
        f'<div class="entry-meta"><span class="posted-on">Posted on <a href="{url}" rel="bookmark">'
        f'{times}</a></span><span class="byline"> by <span class="author vcard"><a class="url fn n" '
        f'href="{author_url}">{esc(author)}</a></span></span></div>'
    )


def _meta(article: Article, edited: Collection[str]) -> str:
    author = article.author or ""
    author_url = f"{chrome.ROOT}/author/{_author_slug(author)}/"
    return entry_meta(_url(article.path), article.published, author, author_url, _changed(article, edited))


def archive_months(items: Sequence[Article]) -> list[tuple[str, str]]:
    """The Archives widget: the months of ``items`` (newest first) as ("2024/06", "June 2024")."""
    seen = dict.fromkeys((a.published.year, a.published.month) for a in items)
    return [(f"{y}/{m:02d}", f"{MONTHS[m - 1]} {y}") for y, m in seen]


def entry(
    uid: int,
    url: str,
    title: str,
    meta: str,
    summary: str,
    *,
    category: tuple[str, str],
    thumbnail: str | None = None,
    more_link: bool = False,
) -> str:
    """One post of an archive page: title link, ``meta`` (``entry_meta``), thumbnail, ``summary`` (HTML), the
    category as (name, archive URL) and, with ``more_link``, a "Continue reading" link."""
    thumb = ""
    if thumbnail:
        thumb = (
            f'<a class="post-thumbnail" href="{url}" aria-hidden="true" tabindex="-1">'
            f'<img width="768" height="512" src="{thumbnail}" class="attachment-medium_large '
            f'size-medium_large wp-post-image" alt="" decoding="async" loading="lazy" /></a>'
        )
    name, archive = category
    more = f' <a class="more-link" href="{url}">Continue reading</a>' if more_link else ""
    return (
        f'<article id="post-{uid}" class="post-{uid} post type-post status-publish format-standard '
        f'{"has-post-thumbnail " if thumbnail else ""}hentry category-{name.lower()}">\n'
        f'<header class="entry-header"><h2 class="entry-title"><a href="{url}" rel="bookmark">'
        f"{esc(title)}</a></h2>{meta}</header>{thumb}\n"
        f'<div class="entry-summary"><p>{summary} [&hellip;]</p></div>\n'
        f'<footer class="entry-footer"><span class="cat-links">Posted in <a href="{archive}" '
        f'rel="category tag">{esc(name)}</a></span>{more}</footer></article>\n'
    )


def _entry(article: Article, edited: Collection[str]) -> str:
    thumbnail = _url(article.images[0].path) if article.images else None
    return entry(
        article.uid,
        _url(article.path),
        article.title,
        _meta(article, edited),
        esc(words(article.paragraphs[0], 250)),
        category=("News", f"{chrome.ROOT}/category/news/"),
        thumbnail=thumbnail,
    )


def pager(page: int, pages: int, base: str, root: str = chrome.BASE) -> str:
    """The archive's page numbers (the first, the last and two either side of the current one), Previous
    and Next; links are ``root`` + path (WordPress writes absolute URLs)."""

    def url(number: int) -> str:
        return root + listing_path(number, base)

    links = []
    if page > 0:
        links.append(f'<a class="prev page-numbers" href="{url(page - 1)}">Previous</a>')
    dots = False
    for i in range(pages):
        if i == page:
            links.append(f'<span aria-current="page" class="page-numbers current">{i + 1}</span>')
        elif i in (0, pages - 1) or abs(i - page) <= 2:
            links.append(f'<a class="page-numbers" href="{url(i)}">{i + 1}</a>')
            dots = False
        elif not dots:
            links.append('<span class="page-numbers dots">&hellip;</span>')
            dots = True
    if page + 1 < pages:
        links.append(f'<a class="next page-numbers" href="{url(page + 1)}">Next</a>')
    return (
        '<nav class="navigation pagination" aria-label="Posts pagination"><h2 class="screen-reader-text">'
        f'Posts pagination</h2><div class="nav-links">{"".join(links)}</div></nav>\n'
    )


def render_listing(
    column: Column,
    items: Sequence[Article],
    page: int,
    *,
    months: Sequence[tuple[str, str]],
    edited: Collection[str] = (),
    base: str = CATEGORY,
) -> Page | None:
    """Page ``page`` (0-based) of the archive at ``base`` of ``items`` (newest first); None past the end."""
    pages = -(-len(items) // column.per_page)
    if page >= pages:
        return None
    chunk = items[page * column.per_page : (page + 1) * column.per_page]
    metas = f'<link rel="canonical" href="{_url(listing_path(page, base))}" />\n'
    if page:
        metas += f'<link rel="prev" href="{_url(listing_path(page - 1, base))}" />\n'
    if page + 1 < pages:
        metas += f'<link rel="next" href="{_url(listing_path(page + 1, base))}" />\n'
    heading = "Category: <span>News</span>" if base == CATEGORY else "Latest news"
    title = "News" if base == CATEGORY else chrome.BLOG
    text = (
        chrome.head(title if not page else f"{title} &#8211; Page {page + 1}", metas, "News")
        + '</head>\n<body class="archive category category-news wp-embed-responsive hfeed">\n'
        + chrome.header()
        + '\t<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" '
        f'class="site-main">\n<header class="page-header"><h1 class="page-title">{heading}</h1></header>\n'
        + "".join(_entry(a, edited) for a in chunk)
        + pager(page, pages, base)
        + "</main></div>\n"
        + chrome.sidebar(months)
        + "</div>\n"
        + chrome.footer()
        + "</body>\n</html>\n"
    )
    return html_page(text, HTML, max(a.last_modified for a in items))


def _jsonld(article: Article, edited: Collection[str]) -> str:
    updated = _changed(article, edited) or article.published
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Article",
                "@id": f"{_url(article.path)}#article",
                "headline": article.title,
                "datePublished": article.published.isoformat(),
                "dateModified": updated.isoformat(),
                "author": {"name": article.author, "@id": f"{chrome.ROOT}/#/schema/person/{article.uid}"},
                "mainEntityOfPage": {"@id": _url(article.path)},
                "articleSection": ["News"],
                "inLanguage": "en-US",
                "publisher": {"@id": f"{chrome.ROOT}/#organization"},
            },
            {
                "@type": "Organization",
                "@id": f"{chrome.ROOT}/#organization",
                "name": chrome.INSTITUTE,
                "url": f"{chrome.ROOT}/",
            },
        ],
    }
    return (
        '<script type="application/ld+json" class="yoast-schema-graph">'
        + json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        + "</script>\n"
    )


def _post_metas(article: Article, edited: Collection[str]) -> str:
    updated = _changed(article, edited)
    pairs = [
        ("og:locale", "en_US"),
        ("og:type", "article"),
        ("og:title", article.title),
        ("og:description", words(article.paragraphs[0], 160)),
        ("og:url", _url(article.path)),
        ("og:site_name", chrome.BLOG),
        ("article:published_time", article.published.isoformat()),
    ]
    if updated:
        pairs.append(("article:modified_time", updated.isoformat()))
    return (
        f'<link rel="canonical" href="{_url(article.path)}" />\n'
        + "".join(f'<meta property="{k}" content="{esc(v)}" />\n' for k, v in pairs)
        + f'<meta name="author" content="{esc(article.author or "")}" />\n'
        + _jsonld(article, edited)
        + f"<link rel='shortlink' href='{chrome.ROOT}/?p={article.uid}' />\n"
    )


def _figure(image: Image) -> str:
    return (
        f'<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683" '
        f'src="{_url(image.path)}" alt="" /><figcaption class="wp-element-caption">'
        f"{esc(image.caption)}</figcaption></figure>\n"
    )


def _content(article: Article) -> str:
    out = [interleave(article, lambda text: f"<p>{esc(text)}</p>\n", _figure)]
    for attachment in article.attachments:
        out.append(
            f'<div class="wp-block-file"><a href="{_url(attachment.path)}">{esc(attachment.text)}</a>'
            f'<a href="{_url(attachment.path)}" class="wp-block-file__button wp-element-button" download>'
            "Download</a></div>\n"
        )
    return "".join(out)


def render_post(
    article: Article,
    *,
    newer: Article | None,
    older: Article | None,
    related: Sequence[Article],
    months: Sequence[tuple[str, str]],
    edited: Collection[str] = (),
) -> Page:
    """A post with previous (``older``) / next (``newer``) links and a related-posts box."""
    nav = ""
    if older:
        nav += (
            f'<div class="nav-previous"><a href="{_url(older.path)}" rel="prev"><span class="nav-subtitle">'
            f'Previous:</span> <span class="nav-title">{esc(older.title)}</span></a></div>'
        )
    if newer:
        nav += (
            f'<div class="nav-next"><a href="{_url(newer.path)}" rel="next"><span class="nav-subtitle">'
            f'Next:</span> <span class="nav-title">{esc(newer.title)}</span></a></div>'
        )
    related_items = "".join(
        f'<li><a href="{_url(r.path)}">{esc(r.title)}</a> <span class="related-date">'
        f"{long_date(r.published)}</span></li>"
        for r in related
    )
    text = (
        chrome.head(article.title, _post_metas(article, edited))
        + f'</head>\n<body class="post-template-default single single-post postid-{article.uid} '
        'single-format-standard wp-embed-responsive">\n'
        + chrome.header()
        + '\t<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" '
        f'class="site-main">\n<article id="post-{article.uid}" class="post-{article.uid} post type-post '
        'status-publish format-standard hentry category-news">\n'
        f'<header class="entry-header"><h1 '
        f'class="entry-title">{esc(article.title)}</h1>{_meta(article, edited)}'
        f'</header>\n<div class="entry-content">\n{_content(article)}</div>\n'
        f'<footer class="entry-footer"><span class="cat-links">Posted in <a '
        f'href="{chrome.ROOT}/category/news/" '
        f'rel="category tag">News</a></span> <span class="source">Source: '
        f"{esc(article.source)}</span></footer>\n"
        + chrome.share_buttons(_url(article.path), article.title)
        + "</article>\n"
        '<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post '
        "navigation"
        f'</h2><div class="nav-links">{nav}</div></nav>\n'
        f'<div class="related-posts"><h3>Related</h3><ul>{related_items}</ul></div>\n'
        '<div id="comments" class="comments-area"><p class="no-comments">Comments are closed.</p></div>\n'
        "</main></div>\n" + chrome.sidebar(months) + "</div>\n" + chrome.footer() + "</body>\n</html>\n"
    )
    return html_page(text, HTML, article.last_modified)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One ``<item>`` of a feed."""

    title: str
    link: str  # absolute URL
    published: dt.datetime  # aware
    guid: str
    description: str  # HTML or text, in CDATA
    author: str | None = None
    category: str | None = None
    content: str | None = None  # the full text (HTML), in content:encoded


def _rfc822(when: dt.datetime) -> str:
    return email.utils.format_datetime(when.astimezone(dt.UTC))


def _item(item: FeedItem) -> str:
    return (
        f"\t<item>\n\t\t<title>{esc(item.title)}</title>\n\t\t<link>{item.link}</link>\n"
        + (f"\t\t<dc:creator><![CDATA[{item.author}]]></dc:creator>\n" if item.author else "")
        + f"\t\t<pubDate>{_rfc822(item.published)}</pubDate>\n"
        + (f"\t\t<category><![CDATA[{item.category}]]></category>\n" if item.category else "")
        + f'\t\t<guid isPermaLink="false">{item.guid}</guid>\n'
        + f"\t\t<description><![CDATA[{item.description}]]></description>\n"
        + (f"\t\t<content:encoded><![CDATA[{item.content}]]></content:encoded>\n" if item.content else "")
        + "\t</item>\n"
    )


def rss(title: str, home: str, description: str, self_url: str, items: Sequence[FeedItem]) -> str:
    """An RSS 2.0 feed as WordPress writes it (``/feed/``, ``/category/X/feed/``), newest items first."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:atom="http://www.w3.org/2005/Atom"\n\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n>\n'
        f"<channel>\n\t<title>{title}</title>\n"
        f'\t<atom:link href="{self_url}" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{home}</link>\n\t<description>{esc(description)}</description>\n"
        f"\t<lastBuildDate>{_rfc822(max(i.published for i in items))}</lastBuildDate>\n"
        "\t<language>en-US</language>\n\t<sy:updatePeriod>hourly</sy:updatePeriod>\n"
        "\t<sy:updateFrequency>1</sy:updateFrequency>\n\t<generator>https://wordpress.org/?v=6.5.3</generator>\n"
        + "".join(_item(i) for i in items)
        + "</channel>\n</rss>\n"
    )


def render_feed(items: Sequence[Article], self_path: str) -> Page:
    """The blog's feed of ``items`` (newest first), with the full text."""
    entries = [
        FeedItem(
            a.title,
            _url(a.path),
            a.published,
            f"{chrome.ROOT}/?p={a.uid}",
            f"{words(a.paragraphs[0], 250)} [&#8230;]",
            a.author,
            "News",
            _content(a),
        )
        for a in items
    ]
    text = rss(chrome.BLOG, chrome.ROOT, chrome.TAGLINE, _url(self_path), entries)
    return html_page(text, "application/rss+xml; charset=UTF-8", max(a.last_modified for a in items))


def basic_page(title: str) -> Page:
    text = (
        chrome.head(title, "")
        + '</head>\n<body class="page-template-default page wp-embed-responsive">\n'
        + chrome.header()
        + '\t<div id="content" class="site-content"><div id="primary" class="content-area">'
        f'<main id="main" class="site-main"><article class="page"><header class="entry-header"><h1 '
        f'class="entry-title">{esc(title)}</h1></header><div class="entry-content"><p>The {chrome.INSTITUTE} '
        "studies coasts, estuaries and the seas of southern China.</p><p>This page is being "
        "updated.</p></div>"
        "</article></main></div></div>\n" + chrome.footer() + "</body>\n</html>\n"
    )
    return html_page(text, HTML, None)


def template_pages() -> dict[str, Page]:
    """The pages the theme links to that hold no news: the menu's pages and the logo."""
    pages = {path: basic_page(title) for path, title in chrome.menu_paths().items()}
    pages["/wp/wp-content/themes/lics/logo.png"] = Page(png("lics-logo"), "image/png", None)
    return pages
