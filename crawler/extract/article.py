"""extract_article: RawPage (+ SiteRules) -> ArticleRecord. The article half of pure extraction.

Data flow: ``decode_page`` -> ``parse_html`` -> what the page states about itself (``metadata``: metas,
JSON-LD; ``pagejson``: gkmlpt's ``window._CONFIG.DETAIL``; ``trafmeta``: trafilatura's own metadata, read
lazily) -> title (``title``) -> body (``body``: trafilatura + our cleanup; ``guard``: an implausible body is
compared with trafilatura's extraction with fallbacks) -> the page's lines (``lines``) -> info line and
bylines found by position (``bylines``, ``infoline``) -> each field decided by evidence (``fields`` offers
the candidates, ``arbiter.ORDER`` is the one table of which origin wins) -> local times get the site's zone
(``zones``) -> record. Every fallback leaves a short code in ``record.warnings``:

``encoding:detected``, ``encoding:declaration-overridden``, ``encoding:from-site-hint``,
``encoding:replacement-characters``, ``title:from-title-tag``, ``title:unconfirmed-heading``,
``title:missing``, ``published:from-written-date`` (成文日期), ``published:from-modified``,
``published:from-line-away-from-title``, ``published:from-htmldate``, ``published:from-review-line``
(复核时间), ``published:from-split-date`` (a day number beside 2024年02月), ``published:from-url``,
``published:missing``, ``modified:from-meta-regeneration-date`` (a PubDate meta later than the labelled
date by the title), ``timezone:assumed`` (Asia/Shanghai taken for a Chinese CMS page without a site
``timezone``), ``author:from-meta``, ``author:from-issuer`` (发文机关), ``author:from-source``,
``author:from-editor``, ``author:unlabelled-name``, ``body:none-found``, ``body:attachments-only``,
``body:page-cut-to-size``, ``body:selector-matched-nothing``, ``body:fallback`` (the body looked implausible
and trafilatura's extraction with its fallbacks replaced it), ``body:suspect`` (it looked implausible and
was kept: for review), ``rules:<field>-matched-nothing``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from .page import Decoded, RawPage, decode_page
from .record import ArticleRecord, ExtractionError
from .rules import SiteRules, select_text

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from lxml.html import HtmlElement

    from .bylines import Anchors
    from .lines import Line
    from .media import Captions
    from .metadata import PageMeta
    from .pagejson import PageJson
    from .record import Image
    from .trafmeta import TrafilaturaMeta

logger = logging.getLogger(__name__)

_RULE_FIELDS = ("title", "published", "source", "author")

_BINARY_SIGNATURES = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xd0\xcf\x11\xe0", "MS Office file"),
    (b"RIFF", "RIFF media"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"OggS", "Ogg media"),
)
_NON_HTML_TYPES = re.compile(
    r"^\s*(?:image|audio|video|font)/|application/(?:pdf|zip|octet-stream|msword|vnd\.|"
    r"x-rar|x-7z|gzip|x-gzip)",
    re.I,
)


def _check_input(page: RawPage) -> None:
    body = page.body
    if not body or not body.strip():
        raise ExtractionError("empty body", url=page.effective_url)
    head = body[:16].lstrip()
    for signature, kind in _BINARY_SIGNATURES:
        if head.startswith(signature):
            raise ExtractionError(f"not HTML: {kind}", url=page.effective_url)
    content_type = page.content_type or ""
    if _NON_HTML_TYPES.search(content_type):
        raise ExtractionError(f"not HTML: Content-Type {content_type}", url=page.effective_url)
    sample = body[:4096]
    if not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
        if sample.count(b"\x00") > len(sample) // 100 or controls > len(sample) // 20:
            raise ExtractionError("not HTML: binary data", url=page.effective_url)


def _rule_text(tree: HtmlElement, selector: str | None, field: str, warnings: list[str]) -> str | None:
    if not selector:
        return None
    from parsel import Selector

    value = select_text(Selector(root=tree), selector)
    if value is None:
        warnings.append(f"rules:{field}-matched-nothing")
    return value


def _base_url(tree: HtmlElement, page_url: str) -> str:
    base = tree.xpath("//base/@href")
    return urljoin(page_url, base[0].strip()) if base and base[0].strip() else page_url


def _stated_title(tree: HtmlElement, meta: PageMeta, traf: TrafilaturaMeta) -> Callable[[], str | None]:
    from .title import agrees_with_title_tag, drop_site_parts

    def stated() -> str | None:
        if not agrees_with_title_tag(traf.stated_title, meta.html_title):
            return None  # the page states two titles: our heading rule decides between them
        names = tuple(n for n in (meta.site_name, traf.site_name) if n)
        return drop_site_parts(traf.stated_title, names, tree)

    return stated


def _guessed_title(meta: PageMeta, traf: TrafilaturaMeta) -> Callable[[], str | None]:
    """trafilatura's guessed title, unless it is the site's name or the <title> our rule found unusable
    (the guess is asked only when no heading, meta or usable <title> gave one)."""
    from .title import normalize, split_title

    def guessed() -> str | None:
        guess = traf.guessed_title
        names = (meta.site_name, traf.site_name, meta.html_title, *split_title(meta.html_title or ""))
        return None if any(n and normalize(n) == normalize(guess) for n in names) else guess

    return guessed


def _page_json(tree: HtmlElement, rules: SiteRules, text: str) -> PageJson:
    """The record in gkmlpt's ``window._CONFIG.DETAIL``, its epoch times in the site's zone (Shanghai)."""
    from .pagejson import PageJson, read_page_json
    from .zones import SHANGHAI, zone_of

    if "DETAIL" not in text:
        return PageJson()
    return read_page_json(tree, zone_of(rules.timezone) if rules.timezone else SHANGHAI)


def _article_images(lines: list[Line], anchors: Anchors, base: str, captions: Captions) -> tuple[Image, ...]:
    """The images of the article's container (between the body's first and last lines), if found."""
    from .media import body_container, find_images

    if anchors.body_start is None or anchors.body_end is None:
        return ()
    container = body_container(lines[anchors.body_start].element, lines[anchors.body_end].element)
    return find_images(container, base, captions) if container is not None else ()


def _local_zone(
    rules: SiteRules, page: RawPage, text: str, chinese_style: bool
) -> tuple[ZoneInfo | None, bool]:
    """(the zone of the page's local times, whether it was assumed): the site's ``timezone``; else
    Asia/Shanghai for the Chinese CMS families and Chinese-CMS style metas or info lines; else none."""
    from .zones import SHANGHAI, chinese_cms, zone_of

    if rules.timezone:
        return zone_of(rules.timezone), False
    if chinese_style or chinese_cms(text, page.effective_url):
        return SHANGHAI, True
    return None, False


def _extract(tree: HtmlElement, page: RawPage, rules: SiteRules, decoded: Decoded) -> ArticleRecord:
    from .body import extract_body
    from .bylines import (
        body_bylines,
        body_info,
        find_anchors,
        head_info,
        labelled_date_anywhere,
        name_line_author,
        split_date,
        tail_info,
    )
    from .fields import Readings, decide_author, decide_dates, decide_source, decide_title
    from .guard import guard_body
    from .language import detect_language
    from .lines import page_lines
    from .media import find_attachments, image_captions
    from .metadata import read_metadata
    from .title import choose_title
    from .trafmeta import TrafilaturaMeta
    from .zones import W_ASSUMED, localize, needs_zone

    url = page.effective_url
    base = _base_url(tree, url)
    warnings: list[str] = list(decoded.warnings)
    meta = read_metadata(tree)
    traf = TrafilaturaMeta(tree, url, page.fetched_at, decoded.text)
    rule = {f: _rule_text(tree, getattr(rules, f), f, warnings) for f in _RULE_FIELDS}
    choice = choose_title(tree, meta)
    stated, guessed = _stated_title(tree, meta, traf), _guessed_title(meta, traf)
    title = decide_title(rule["title"], choice, stated, guessed, warnings).value
    title_el = choice.element if title == choice.title else None
    captions = image_captions(tree)
    body = extract_body(
        tree, base, selector=rules.body, title=title, captions=captions, page_text=decoded.text
    )
    if not rules.body:
        body = guard_body(body, tree, base, title=title, captions=captions)
    warnings.extend(body.warnings)
    attachments = find_attachments(tree, base)
    if not body.text and not attachments and not title:
        raise ExtractionError("no article: no title, text or attachments", url=url)
    if not body.text and attachments:
        warnings.append("body:attachments-only")

    lines = page_lines(tree)
    anchors = find_anchors(lines, title, title_el, body.paragraphs)
    head = head_info(lines, anchors)
    tail = tail_info(lines, anchors).merged(body_info(body.paragraphs))
    body_author, body_editor = body_bylines(body.paragraphs)
    page_json = _page_json(tree, rules, decoded.text)
    readings = Readings(meta=meta, page_json=page_json, traf=traf, head=head, tail=tail, rules=rule)
    elsewhere = cache(lambda: labelled_date_anywhere(lines))
    published, modified = decide_dates(
        readings, elsewhere=elsewhere, split=lambda: split_date(lines, anchors), url=url, warnings=warnings
    )
    source = decide_source(readings)
    editor = head.editor or body_editor or tail.editor
    author = decide_author(
        readings,
        byline=body_author,
        elsewhere=elsewhere().author if published.origin == "elsewhere" else None,
        name_line=lambda: name_line_author(lines, anchors, body.paragraphs),
        source=source,
        editor=editor,
        warnings=warnings,
    )
    zone = None
    if published.origin == "page-json" and not rules.timezone:
        warnings.append(W_ASSUMED)  # epoch times rendered as Shanghai local times
    if needs_zone(published.value, modified):
        chinese_style = meta.cms_metas or head.chinese or published.origin == "page-json"
        zone, assumed = _local_zone(rules, page, decoded.text, chinese_style)
        if assumed:
            warnings.append(W_ASSUMED)
    images = _article_images(lines, anchors, base, captions) or body.images
    language = detect_language(body.text, title, rules.language or meta.language)
    canonical = urljoin(base, meta.canonical_url) if meta.canonical_url else None
    return ArticleRecord(
        url=url,
        title=title,
        published=localize(published.value, zone),
        modified=localize(modified, zone),
        source=source,
        author=author,
        editor=editor,
        language=language,
        text=body.text,
        html=body.html,
        images=images,
        attachments=attachments,
        encoding=decoded.encoding,
        warnings=tuple(dict.fromkeys(warnings)),
        site_name=meta.site_name,
        description=meta.description,
        canonical_url=canonical,
    )


def extract_article(page: RawPage, rules: SiteRules | None = None) -> ArticleRecord:
    """The article record of a fetched page. Raises ExtractionError (only) when no article can be made."""
    from .dom import parse_html

    rules = rules or SiteRules()
    _check_input(page)
    decoded = decode_page(page, rules.charset)
    tree = parse_html(decoded.text)
    if tree is None:
        raise ExtractionError("no HTML document in the body", url=page.effective_url)
    try:
        return _extract(tree, page, rules, decoded)
    except ExtractionError:
        raise
    except Exception as exc:  # a bug must cost one page, not the crawl; the reason names it for the log
        logger.exception("extractor bug on %s", page.effective_url)
        raise ExtractionError(f"extractor bug: {type(exc).__name__}: {exc}", url=page.effective_url) from exc
