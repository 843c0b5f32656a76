"""The WordPress blog (``/wp/category/news/``): ``/page/N/`` archives, date permalinks, RSS at ``/feed/``.

Part of the offline demo (``sitekit/demo``): ``build(site, stage)`` renders ``content.sites()["wp"]``.
Archive: ``article.post`` entries, ``a.next.page-numbers`` and ``<link rel="next">`` in the head. Post:
``h1.entry-title``, ``time.entry-date.published``, "by <author>", ``div.entry-content``, a "Source:" line in
the entry footer, previous/next post links and a related-posts box. Feeds: RSS 2.0 with full text.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json

from . import wp_chrome as chrome
from .assets import png
from .compose import MONTHS
from .model import Article, Site
from .pages import Page, esc, html_page, words

CATEGORY = "/wp/category/news/"
HTML = "text/html; charset=UTF-8"


def listing_path(page: int, base: str = CATEGORY) -> str:
    """0-based page index -> /wp/category/news/, /wp/category/news/page/2/, ..."""
    return base if page == 0 else f"{base}page/{page + 1}/"


def _url(path: str) -> str:
    return chrome.BASE + path


def _long(when: dt.date) -> str:
    return f"{MONTHS[when.month - 1]} {when.day}, {when.year}"


def _author_slug(name: str) -> str:
    return "-".join(name.lower().replace(".", "").split())


def _changed(site: Site, article: Article, stage: int) -> dt.datetime | None:
    """The "updated" time WordPress shows once a post was edited."""
    return article.changed if stage == 2 and article.path in site.changes else None


def _meta(site: Site, article: Article, stage: int) -> str:
    updated = _changed(site, article, stage)
    published = (
        f'<time class="entry-date published{"" if updated else " updated"}" '
        f'datetime="{article.published.isoformat()}">{_long(article.published)}</time>'
    )
    if updated:
        published += f'<time class="updated" datetime="{updated.isoformat()}">{_long(updated)}</time>'
    author = article.author or ""
    return (
        f'<div class="entry-meta"><span class="posted-on">Posted on <a href="{_url(article.path)}" '
        f'rel="bookmark">'
        f'{published}</a></span><span class="byline"> by <span class="author vcard"><a class="url fn n" '
        f'href="{chrome.ROOT}/author/{_author_slug(author)}/">{esc(author)}</a></span></span></div>'
    )


def _months(site: Site) -> list[tuple[str, str]]:
    seen = dict.fromkeys((a.published.year, a.published.month) for a in site.listing(1, "news"))
    return [(f"{y}/{m:02d}", f"{MONTHS[m - 1]} {y}") for y, m in seen]


def _entry(site: Site, article: Article, stage: int) -> str:
    thumb = ""
    if article.images:
        thumb = (
            f'<a class="post-thumbnail" href="{_url(article.path)}" aria-hidden="true" tabindex="-1">'
            f'<img width="768" height="512" src="{_url(article.images[0].path)}" '
            f'class="attachment-medium_large '
            f'size-medium_large wp-post-image" alt="" decoding="async" loading="lazy" /></a>'
        )
    return (
        f'<article id="post-{article.uid}" class="post-{article.uid} post type-post status-publish '
        f"format-standard "
        f'{"has-post-thumbnail " if article.images else ""}hentry category-news">\n'
        f'<header class="entry-header"><h2 class="entry-title"><a href="{_url(article.path)}" rel="bookmark">'
        f"{esc(article.title)}</a></h2>{_meta(site, article, stage)}</header>{thumb}\n"
        f'<div class="entry-summary"><p>{esc(words(article.paragraphs[0], 250))} [&hellip;]</p></div>\n'
        f'<footer class="entry-footer"><span class="cat-links">Posted in <a '
        f'href="{chrome.ROOT}/category/news/" '
        'rel="category tag">News</a></span></footer></article>\n'
    )


def pager(page: int, pages: int, base: str) -> str:
    links = []
    if page > 0:
        links.append(f'<a class="prev page-numbers" href="{_url(listing_path(page - 1, base))}">Previous</a>')
    dots = False
    for i in range(pages):
        if i == page:
            links.append(f'<span aria-current="page" class="page-numbers current">{i + 1}</span>')
        elif i in (0, pages - 1) or abs(i - page) <= 2:
            links.append(f'<a class="page-numbers" href="{_url(listing_path(i, base))}">{i + 1}</a>')
            dots = False
        elif not dots:
            links.append('<span class="page-numbers dots">&hellip;</span>')
            dots = True
    if page + 1 < pages:
        links.append(f'<a class="next page-numbers" href="{_url(listing_path(page + 1, base))}">Next</a>')
    return (
        '<nav class="navigation pagination" aria-label="Posts pagination"><h2 class="screen-reader-text">'
        f'Posts pagination</h2><div class="nav-links">{"".join(links)}</div></nav>\n'
    )


def render_listing(site: Site, stage: int, page: int, base: str = CATEGORY) -> Page | None:
    column = site.columns[0]
    items = site.listing(stage, column.key)
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
        + "".join(_entry(site, a, stage) for a in chunk)
        + pager(page, pages, base)
        + "</main></div>\n"
        + chrome.sidebar(_months(site))
        + "</div>\n"
        + chrome.footer()
        + "</body>\n</html>\n"
    )
    return html_page(text, HTML, max(a.last_modified for a in items))


def _jsonld(site: Site, article: Article, stage: int) -> str:
    updated = _changed(site, article, stage) or article.published
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


def _post_metas(site: Site, article: Article, stage: int) -> str:
    updated = _changed(site, article, stage)
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
        + _jsonld(site, article, stage)
        + f"<link rel='shortlink' href='{chrome.ROOT}/?p={article.uid}' />\n"
    )


def _content(article: Article) -> str:
    out = []
    for i, paragraph in enumerate(article.paragraphs):
        out.append(f"<p>{esc(paragraph)}</p>\n")
        for image in (im for im in article.images if im.after == i):
            out.append(
                f'<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683" '
                f'src="{_url(image.path)}" alt="" /><figcaption class="wp-element-caption">'
                f"{esc(image.caption)}</figcaption></figure>\n"
            )
    for attachment in article.attachments:
        out.append(
            f'<div class="wp-block-file"><a href="{_url(attachment.path)}">{esc(attachment.text)}</a>'
            f'<a href="{_url(attachment.path)}" class="wp-block-file__button wp-element-button" download>'
            "Download</a></div>\n"
        )
    return "".join(out)


def render_post(site: Site, article: Article, stage: int) -> Page:
    newer, older = site.neighbours(article, stage)
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
    related = "".join(
        f'<li><a href="{_url(r.path)}">{esc(r.title)}</a> <span class="related-date">'
        f"{_long(r.published)}</span></li>"
        for r in site.related(article, stage, 3)
    )
    text = (
        chrome.head(article.title, _post_metas(site, article, stage))
        + f'</head>\n<body class="post-template-default single single-post postid-{article.uid} '
        'single-format-standard wp-embed-responsive">\n'
        + chrome.header()
        + '\t<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" '
        f'class="site-main">\n<article id="post-{article.uid}" class="post-{article.uid} post type-post '
        'status-publish format-standard hentry category-news">\n'
        f'<header class="entry-header"><h1 '
        f'class="entry-title">{esc(article.title)}</h1>{_meta(site, article, stage)}'
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
        f'<div class="related-posts"><h3>Related</h3><ul>{related}</ul></div>\n'
        '<div id="comments" class="comments-area"><p class="no-comments">Comments are closed.</p></div>\n'
        "</main></div>\n"
        + chrome.sidebar(_months(site))
        + "</div>\n"
        + chrome.footer()
        + "</body>\n</html>\n"
    )
    return html_page(text, HTML, article.last_modified)


def _rfc822(when: dt.datetime) -> str:
    return email.utils.format_datetime(when.astimezone(dt.UTC))


def render_feed(site: Site, stage: int, self_path: str) -> Page:
    items = site.listing(stage, "news")[:10]
    entries = "".join(
        f"\t<item>\n\t\t<title>{esc(a.title)}</title>\n\t\t<link>{_url(a.path)}</link>\n"
        f"\t\t<dc:creator><![CDATA[{a.author}]]></dc:creator>\n\t\t<pubDate>{_rfc822(a.published)}</pubDate>\n"
        f"\t\t<category><![CDATA[News]]></category>\n"
        f'\t\t<guid isPermaLink="false">{chrome.ROOT}/?p={a.uid}</guid>\n'
        f"\t\t<description><![CDATA[{words(a.paragraphs[0], 250)} [&#8230;]]]></description>\n"
        f"\t\t<content:encoded><![CDATA[{_content(a)}]]></content:encoded>\n\t</item>\n"
        for a in items
    )
    text = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:atom="http://www.w3.org/2005/Atom"\n\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n>\n'
        f"<channel>\n\t<title>{chrome.BLOG}</title>\n"
        f'\t<atom:link href="{_url(self_path)}" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{chrome.ROOT}</link>\n\t<description>{esc(chrome.TAGLINE)}</description>\n"
        f"\t<lastBuildDate>{_rfc822(max(a.published for a in items))}</lastBuildDate>\n"
        "\t<language>en-US</language>\n\t<sy:updatePeriod>hourly</sy:updatePeriod>\n"
        "\t<sy:updateFrequency>1</sy:updateFrequency>\n\t<generator>https://wordpress.org/?v=6.5.3</generator>\n"
        f"{entries}</channel>\n</rss>\n"
    )
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


def build(site: Site, stage: int) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for base in (CATEGORY, "/wp/"):
        page = 0
        while (listing := render_listing(site, stage, page, base)) is not None:
            pages[listing_path(page, base)] = listing
            page += 1
    for article in site.articles(stage):
        pages[article.path] = render_post(site, article, stage)
    for path in ("/wp/feed/", f"{CATEGORY}feed/"):
        pages[path] = render_feed(site, stage, path)
    for path, title in chrome.menu_paths().items():
        pages[path] = basic_page(title)
    pages["/wp/wp-content/themes/lics/logo.png"] = Page(png("lics-logo"), "image/png", None)
    return pages
