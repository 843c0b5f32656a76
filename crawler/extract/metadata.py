"""Structured data in the page head: <meta> tags, Open Graph, JSON-LD, microdata, <link rel=canonical>.

Second in the order of trust after SiteRules: ``read_metadata(tree)`` gathers what the page states about
itself (the 政府网站 metas ``ArticleTitle``/``PubDate``/``ContentSource`` of Chinese government CMSs,
``article:published_time``, JSON-LD ``datePublished`` ...) into a PageMeta. Visible text (info line, body)
is read elsewhere; ``article.py`` decides between the two.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .dates import parse_date_text
from .dom import fold

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

DateValue = dt.date | dt.datetime

# <meta> keys (name, property, itemprop or http-equiv; lower-cased), most trusted first
TITLE_KEYS = ("articletitle", "og:title", "twitter:title", "dc.title", "headline", "citation_title")
PUBLISHED_KEYS = (
    "pubdate",
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish_date",
    "publish-date",
    "publishtime",
    "publication_date",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "sailthru.date",
    "parsely-pub-date",
    "article:published",
    "og:published_time",
    "weibo:article:create_at",
    "firstpublishedtime",
    "releasedate",
    "release_date",
)
MODIFIED_KEYS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "lastmodifiedtime",
    "last-modified",
    "weibo:article:update_at",
)
SOURCE_KEYS = ("contentsource", "source", "dc.source")
AUTHOR_KEYS = (
    "byl",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "parsely-author",
    "sailthru.author",
    "article:author",
)
SITE_NAME_KEYS = ("og:site_name", "sitename", "application-name", "apple-mobile-web-app-title")
# the 政府网站 metas (TRS, Hanweb and other Chinese government CMSs write them on every page)
CMS_META_KEYS = ("siteidcode", "articletitle", "contentsource", "columnname", "sitedomain")
DESCRIPTION_KEYS = ("description", "og:description", "twitter:description", "dc.description")
LANGUAGE_KEYS = ("content-language", "dc.language", "language", "og:locale")

_ARTICLE_TYPES = re.compile(r"article|posting|report|release|news|webpage|blog|creativework", re.I)
_COMPACT_DATE = re.compile(r"^\s*((?:19|20)\d\d)(\d\d)(\d\d)(?:\D|$)")
_URLISH = re.compile(r"https?:|www\.|\.(?:com|cn|org|net|gov|edu)\b", re.I)


@dataclass(frozen=True, slots=True)
class PageMeta:
    html_title: str | None = None  # the <title> text, as is
    titles: tuple[str, ...] = ()  # stated article titles, most trusted first
    published: DateValue | None = None
    modified: DateValue | None = None
    source: str | None = None
    author: str | None = None  # from structured author fields (JSON-LD, byl, dc.creator ...)
    meta_author: str | None = None  # <meta name="author">: often a site or a tool, so trusted least
    site_name: str | None = None
    description: str | None = None
    canonical_url: str | None = None
    language: str | None = None  # as declared: <html lang>, Content-Language, og:locale (raw value)
    column: str | None = None  # ColumnName: the CMS column (栏目) the page sits in, never a source
    cms_metas: bool = False  # the page carries the 政府网站 metas of Chinese government CMSs


def parse_meta_date(value: str | None) -> DateValue | None:
    """A date stated in a meta tag or attribute: ISO 8601, Chinese, compact 20210105 forms.

    A naive midnight (``2022-01-28 00:00:00``) is how CMSs store a bare date, so it becomes a date.
    """
    if not value:
        return None
    value = value.strip()
    parsed = parse_date_text(value)
    if parsed is None and (m := _COMPACT_DATE.match(value)):
        try:
            parsed = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if isinstance(parsed, dt.datetime) and parsed.tzinfo is None and parsed.time() == dt.time(0):
        return parsed.date()
    return parsed


def _meta_map(tree: HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        content = el.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("name", "property", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                found.setdefault(key.strip().lower(), []).append(fold(content))
    return found


def _first(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            if value:
                return value
    return None


def _first_date(meta: dict[str, list[str]], keys: tuple[str, ...]) -> DateValue | None:
    for key in keys:
        for value in meta.get(key, ()):
            parsed = parse_meta_date(value)
            if parsed is not None:
                return parsed
    return None


def _json_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object that describes an article-like thing (inside @graph and lists too)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any, depth: int = 0) -> None:
        if depth > 6:
            return
        if isinstance(node, list):
            for item in node:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            kind = node.get("@type")
            kinds = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            if _ARTICLE_TYPES.search(kinds) or "headline" in node or "datePublished" in node:
                found.append(node)
            if "@graph" in node:
                walk(node["@graph"], depth + 1)
            if isinstance(node.get("mainEntity"), dict | list):
                walk(node["mainEntity"], depth + 1)

    for script in tree.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]"):
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", raw)
        try:
            walk(json.loads(raw, strict=False))
        except (ValueError, RecursionError):
            logger.debug("unreadable JSON-LD block")
    return found


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [fold(value)] if value.strip() and not _URLISH.search(value) else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _from_json_ld(objects: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for obj in objects:
        if "title" not in out and isinstance(obj.get("headline"), str) and obj["headline"].strip():
            out["title"] = fold(obj["headline"])
        for key, field in (
            ("datePublished", "published"),
            ("dateCreated", "created"),
            ("dateModified", "modified"),
        ):
            if field not in out and isinstance(obj.get(key), str):
                parsed = parse_meta_date(obj[key])
                if parsed is not None:
                    out[field] = parsed
        if "author" not in out and (names := _names(obj.get("author"))):
            out["author"] = ", ".join(dict.fromkeys(names))
        if "language" not in out and isinstance(obj.get("inLanguage"), str):
            out["language"] = obj["inLanguage"]
    return out


def _itemprops(tree: HtmlElement) -> dict[str, list[HtmlElement]]:
    """Elements carrying microdata (meta tags aside) by itemprop, in page order: one pass over the page."""
    found: dict[str, list[HtmlElement]] = {}
    for el in tree.xpath("//*[@itemprop][not(self::meta)]"):
        for prop in (el.get("itemprop") or "").split():
            found.setdefault(prop, []).append(el)
    return found


def _microdata(props: dict[str, list[HtmlElement]], prop: str) -> str | None:
    for el in props.get(prop, ()):
        value = el.get("datetime") or el.get("content") or fold(el.text_content())
        if value:
            return value
    return None


def _meta_author(value: str | None, site_name: str | None) -> str | None:
    if (
        not value
        or _URLISH.search(value)
        or (site_name and value in site_name)
        or re.search(r"[\d_@]", value)
    ):
        return None
    return value


def read_metadata(tree: HtmlElement) -> PageMeta:
    """What the page's head and structured data say about the article. Never raises on odd markup."""
    meta = _meta_map(tree)
    props = _itemprops(tree)
    ld = _from_json_ld(_json_objects(tree))
    title_el = tree.find(".//title")
    html_title = fold(title_el.text_content()) if title_el is not None else None
    titles = [
        t
        for t in (
            _first(meta, TITLE_KEYS[:1]),
            ld.get("title"),
            *(_first(meta, (k,)) for k in TITLE_KEYS[1:]),
            _microdata(props, "headline"),
        )
        if t
    ]
    published = (
        _first_date(meta, PUBLISHED_KEYS)
        or ld.get("published")
        or parse_meta_date(_microdata(props, "datePublished"))
        or ld.get("created")
    )
    modified = (
        _first_date(meta, MODIFIED_KEYS)
        or ld.get("modified")
        or parse_meta_date(_microdata(props, "dateModified"))
    )
    site_name = _first(meta, SITE_NAME_KEYS)
    author = _first(meta, AUTHOR_KEYS)
    if author and _URLISH.search(author):
        author = None
    author = author or ld.get("author") or _microdata_author(props)
    canonical = tree.xpath("//link[translate(@rel,'CANOICL','canoicl')='canonical']/@href")
    html_lang = tree.get("lang") or tree.get("xml:lang")
    return PageMeta(
        html_title=html_title or None,
        titles=tuple(dict.fromkeys(titles)),
        published=published,
        modified=modified,
        source=_unlabel(_first(meta, SOURCE_KEYS)),
        author=author,
        meta_author=_meta_author(_first(meta, ("author",)), site_name),
        site_name=site_name,
        description=_first(meta, DESCRIPTION_KEYS),
        canonical_url=canonical[0].strip()
        if canonical and canonical[0].strip()
        else _first(meta, ("og:url",)),
        language=html_lang or _first(meta, LANGUAGE_KEYS) or ld.get("language"),
        column=_first(meta, ("columnname",)),
        cms_metas=any(key in meta for key in CMS_META_KEYS),
    )


def _unlabel(value: str | None) -> str | None:
    """A meta value without a leading label ("来源：新华日报" -> "新华日报")."""
    if not value:
        return None
    value = re.sub(
        r"^\s*(?:稿件|信息|文章|新闻)?来源\s*[:：]\s*|^\s*source\s*:\s*", "", value, flags=re.I
    ).strip()
    return value or None


def _microdata_author(props: dict[str, list[HtmlElement]]) -> str | None:
    for el in props.get("author", ()):
        named = el.xpath(".//*[@itemprop='name']")
        value = fold((named[0] if named else el).text_content())
        if value and len(value) < 80:
            return value
    return None
