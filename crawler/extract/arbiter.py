"""Arbitration per field: which reading of a field wins, by where it came from. The one table of the order.

``fields.py`` offers each field's candidate readings, each under its origin (the kind of evidence behind
it); ``decide`` walks ``ORDER`` for the field and keeps the first origin that has a value. Offers are lazy
(callables): an origin below the winner is never computed, so expensive readers (htmldate, trafilatura's
author search) run only when nothing stronger is on the page. An origin listed in ``WARNINGS`` leaves its
code in ``record.warnings`` when it wins.

Evidence, strongest first: the site's own selector; the CMS's record (page JSON such as gkmlpt's
``window._CONFIG.DETAIL``, the 政府网站 metas ``ArticleTitle``/``PubDate``/``ContentSource``, JSON-LD and
other structured metas); a labelled info line by the title; trafilatura's own metadata (title from metas,
author, htmldate's date); then our unlabelled heuristics and the URL. trafilatura's value wins over a rule of
ours unless ours has stronger evidence: that is where ``trafilatura`` stands in each row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")

ORDER: dict[str, tuple[str, ...]] = {
    "title": (
        "selector",
        "cms-meta",  # ArticleTitle (or the heading it confirms)
        "stated",  # the title the page states in og:/twitter:/dc. metas or JSON-LD, as trafilatura reads it
        "heading",  # a visible heading confirmed by the <title>
        "title-tag",  # the <title> without its site name
        "trafilatura",  # trafilatura's guess from headings and <title> (a lone <h1> first)
        "unconfirmed-heading",
    ),
    "published": (
        "selector",
        "page-json",  # first_publish_time
        "meta",  # PubDate, article:published_time, JSON-LD datePublished, <time itemprop>
        "info-line",  # a labelled publish date by the title (发布时间, Published), or the info line's date
        "split-date",  # a day number beside "2024年02月" by the title
        "review-line",  # 复核时间 / 审核日期 right after the body
        "trafilatura",  # htmldate on the page's markup
        "info-line-unlabelled",  # a date standing alone by the title
        "elsewhere",  # a labelled publish date away from the title
        "written",  # 成文日期 of a government document
        "modified",  # only an update date is given
        "url",
    ),
    "modified": ("page-json", "meta", "info-line", "regenerated"),
    "source": (
        "selector",
        "page-json",
        "meta",  # ContentSource
        "info-line",  # 来源
        "info-line-organisation",  # 发布机构 / 供稿单位
        "tail",  # 来源 after the body
        "tail-organisation",
    ),
    "author": (
        "selector",
        "meta",  # JSON-LD author, byl, dc.creator, microdata
        "info-line",  # 作者, By
        "byline",  # reporter credit in the body (记者 张三)
        "tail",  # 作者 after the body
        "elsewhere",  # a post footer (由 X 于 DATE 发表)
        "trafilatura",  # trafilatura's author (metas, byline markup)
        "name-line",  # a line of bare personal names under the title
        "meta-author",  # <meta name="author">, often a site or a tool
        "issuer",  # 发文机关
        "source-person",  # the 来源 is a person's name
        "editor",
    ),
}

WARNINGS: dict[tuple[str, str], str] = {
    ("title", "title-tag"): "title:from-title-tag",
    ("title", "unconfirmed-heading"): "title:unconfirmed-heading",
    ("published", "elsewhere"): "published:from-line-away-from-title",
    ("published", "trafilatura"): "published:from-htmldate",
    ("published", "written"): "published:from-written-date",
    ("published", "modified"): "published:from-modified",
    ("published", "review-line"): "published:from-review-line",
    ("published", "split-date"): "published:from-split-date",
    ("published", "url"): "published:from-url",
    ("modified", "regenerated"): "modified:from-meta-regeneration-date",
    ("author", "name-line"): "author:unlabelled-name",
    ("author", "meta-author"): "author:from-meta",
    ("author", "issuer"): "author:from-issuer",
    ("author", "source-person"): "author:from-source",
    ("author", "editor"): "author:from-editor",
}
MISSING: dict[str, str] = {"title": "title:missing", "published": "published:missing"}


@dataclass(frozen=True, slots=True)
class Choice(Generic[T]):
    value: T | None
    origin: str | None  # the winning origin (a key of ORDER[field]); None when no origin had a value


def decide(field: str, offers: Mapping[str, Callable[[], T | None]], warnings: list[str]) -> Choice[T]:
    """The value of the strongest origin in ``ORDER[field]`` that offers one (falsy values do not count)."""
    unknown = set(offers) - set(ORDER[field])
    if unknown:
        raise ValueError(f"{field}: origins missing from ORDER: {sorted(unknown)}")
    for origin in ORDER[field]:
        offer = offers.get(origin)
        if offer is None:
            continue
        value = offer()
        if value:
            if (code := WARNINGS.get((field, origin))) is not None:
                warnings.append(code)
            return Choice(value, origin)
    if (code := MISSING.get(field)) is not None:
        warnings.append(code)
    return Choice(None, None)
