"""URL shapes: is a link's URL shaped like an article, a listing page, or site navigation?

One of the signals ``crawler.extract.cms.generic`` combines to tell article links from navigation on a
listing page (docs/cms-patterns.md §8). Shapes are evidence only: URL dates are never used as publish dates.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, urlsplit

from .base import PAGE_NUMBER_PARAMS

logger = logging.getLogger(__name__)

# strong article shapes of the CMS families we know, and common generic ones
STRONG_ARTICLE = tuple(
    re.compile(p, re.I)
    for p in (
        r"/\d{6}/t\d{8}_\d+(?:_\d+)?\.s?html?$",  # TRS ./202107/t20210719_652996.html
        r"/t\d{4,}(?:_\d+)?\.s?html?$",  # TRS without the month folder, gdasfs t32982.html
        r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.s?html?$",  # Hanweb
        r"/content/\d+/\d+/post_\d+\.s?html?$",  # gkmlpt
        r"/info/\d+/\d+\.s?html?$",  # VSB /info/1033/1645.htm
        r"/(?:19|20)\d{2}[-/_]?[01]?\d[-/_]?[0-3]?\d/[^/]*\d[^/]*\.\w{3,5}$",  # /20200709/12323944.shtml
        r"/(?:19|20)\d{2}/[01]?\d/[0-3]?\d[-/][^/]{3,}/?$",  # /2020/7/2-<uuid>.html, /2021/05/03/slug/
        r"/\d{2}/[01]\d[0-3]\d/\d{2}/[0-9A-Z]{12,}\.html$",  # NetEase /20/0704/20/FGNHO51U0001899O.html
        r"/(?:article|articles|detail|details|post|story|stories)/(?:[^/]+/)*[^/]*\d{3,}[^/]*$",
    )
)
# weaker hints: ids, dated folders, long slugs
WEAK_ARTICLE = tuple(
    re.compile(p, re.I)
    for p in (
        r"/\d{4,}(?:\.s?html?|\.aspx?|\.jsp|\.php)?/?$",  # numeric id last
        r"/[^/?]*\d{4,}[^/?]*\.(?:s?html?|aspx?|jsp|php)$",  # file named with a long number
        r"/(?:19|20)\d{2}(?:[01]\d)?/",  # dated folder
        r"/[a-z0-9]+(?:[-_][a-z0-9]+){3,}/?(?:\.s?html?)?$",  # long slug
        r"/node/\d+/?$",  # Drupal node
        r"/(?:news|press|press-releases?|events?|articles?|detail|content|view|show|notice|tzgg|xwzx|dt)/[^/]+$",
    )
)
# an index page inside an article's own folder: /2024/0628/c123a456/index.html, /ARTI1719{...}/index.shtml
ID_FOLDER_INDEX = re.compile(
    r"/(?=[^/]*\d)(?:[^/]*\d{5,}[^/]*|[a-z_]*\d+[a-z_]+\d+[^/]*)/index\.s?html?$", re.I
)
ID_PARAMS = frozenset(
    {
        "id",
        "aid",
        "articleid",
        "article_id",
        "newsid",
        "news_id",
        "docid",
        "doc_id",
        "contentid",
        "content_id",
        "infoid",
        "info_id",
        "wbnewsid",
        "nid",
        "p",
        "itemid",
    }
)
# a listing or pager URL: page numbers, record windows, page sizes (not `p`: ?p=123 is a WordPress post)
LISTING_PARAMS = PAGE_NUMBER_PARAMS | {"p_page", "startrecord", "pagesize"}

NAV_SHAPE = tuple(
    re.compile(p, re.I)
    for p in (
        r"/(?:index|default|home|main)(?:[_-]?\d+)?\.(?:s?html?|aspx?|jsp|php)$",
        r"/(?:[a-z]*list|more|lm|column)(?:[_-][a-z]*)?(?:[_-]?\d+)?\.(?:s?html?|aspx?|jsp|php)$",
        r"/col/col\d+/",
        r"/page/\d+/?$",
        r"/(?:search|login|logon|register|signin|signup|logout|module|modules|rss|feed|feeds|tag|tags|"
        r"category|categories|author|user|member|cart|account|sitemap)(?:/|$|\.|\?)",
        r"/(?:about|contact|contacts|about-us|aboutus|contact-us|privacy|terms|disclaimer|copyright|help|faq)"
        r"(?:/|$|\.)",
    )
)


def path_depth(url: str) -> int:
    return len([s for s in urlsplit(url).path.split("/") if s])


def article_shape(url: str) -> float:
    """+3 for a strong article shape, +1.5 for a weak one, -3 for a listing/navigation shape, else 0."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return 0.0
    path = parts.path or "/"
    query = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
    if any(k in query for k in LISTING_PARAMS):
        return -3.0
    if any(p.search(path) for p in STRONG_ARTICLE):
        return 3.0
    if ID_FOLDER_INDEX.search(path):
        return 1.5
    if any(p.search(path) for p in NAV_SHAPE):
        return -3.0
    if path == "/" and not query:
        return -3.0
    if any(k in ID_PARAMS and re.fullmatch(r"[\w-]{2,}", v or "") for k, v in query.items()):
        return 1.5
    if any(p.search(path) for p in WEAK_ARTICLE):
        return 1.5
    if path.endswith("/") and path_depth(url) <= 1:
        return -2.0
    return 0.0
