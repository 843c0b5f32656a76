"""extract_article: RawPage (+ SiteRules) -> ArticleRecord. The article half of pure extraction.

Data flow: ``decode_page`` -> ``parse_html`` -> structured data (``metadata``) -> title (``title``) -> body
(``body``: trafilatura + our cleanup) -> the page's lines (``lines``) -> info line and bylines found by
position
(``bylines``, ``infoline``) -> record. Each field is taken from the most trusted place that has it:
SiteRules selectors, then structured data (meta tags, JSON-LD, <time>), then the visible info line, then
trafilatura/htmldate, and the URL last. Every fallback leaves a short code in ``record.warnings``:

``encoding:detected``, ``encoding:declaration-overridden``, ``encoding:from-site-hint``,
``encoding:replacement-characters``, ``title:from-title-tag``, ``title:unconfirmed-heading``,
``title:missing``, ``published:from-written-date`` (成文日期), ``published:from-modified``,
``published:from-line-away-from-title``, ``published:from-htmldate``, ``published:from-url``,
``published:missing``, ``author:from-meta``,
``author:from-issuer`` (发文机关), ``author:from-source``, ``author:from-editor``, ``author:unlabelled-name``,
``body:none-found``, ``body:attachments-only``, ``body:page-cut-to-size``, ``body:selector-matched-nothing``,
``rules:<field>-matched-nothing``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from copy import deepcopy
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from .infoline import InfoLine
from .page import RawPage, decode_page
from .record import ArticleRecord, ExtractionError
from .rules import SiteRules, select_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .body import Body
    from .metadata import PageMeta

logger = logging.getLogger(__name__)

DateValue = dt.date | dt.datetime

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
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")


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


def _same_day(a: DateValue, b: DateValue) -> bool:
    day_a = a.date() if isinstance(a, dt.datetime) else a
    day_b = b.date() if isinstance(b, dt.datetime) else b
    return day_a == day_b


def _url_date(url: str) -> dt.date | None:
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _htmldate(tree: HtmlElement) -> dt.date | None:
    from htmldate import find_date

    try:
        found = find_date(deepcopy(tree), extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception as exc:  # htmldate raises assorted errors on odd trees; it is only a fallback
        logger.debug("htmldate failed: %s", exc)
        return None
    try:
        return dt.date.fromisoformat(found) if found else None
    except ValueError:
        return None


def _published(
    tree: HtmlElement,
    page: RawPage,
    rule_value: str | None,
    meta: PageMeta,
    head: InfoLine,
    elsewhere: InfoLine | None,
    warnings: list[str],
) -> DateValue | None:
    from .dates import parse_date_text

    if rule_value and (parsed := parse_date_text(rule_value)) is not None:
        return parsed
    visible = head.date
    if meta.published is not None:
        # the visible line may add the time to a bare meta date
        if (
            visible is not None
            and isinstance(visible, dt.datetime)
            and not isinstance(meta.published, dt.datetime)
            and _same_day(visible, meta.published)
        ):
            return visible
        return meta.published
    if visible is not None:
        return visible
    if elsewhere is not None and elsewhere.published is not None:
        warnings.append("published:from-line-away-from-title")
        return elsewhere.published
    for value, code in (
        (head.written, "published:from-written-date"),
        (head.modified, "published:from-modified"),
        (meta.modified, "published:from-modified"),
    ):
        if value is not None:
            warnings.append(code)
            return value
    if (found := _htmldate(tree)) is not None:
        warnings.append("published:from-htmldate")
        return found
    if (found := _url_date(page.effective_url)) is not None:
        warnings.append("published:from-url")
        return found
    warnings.append("published:missing")
    return None


def _author(
    rule_value: str | None,
    meta: PageMeta,
    head: InfoLine,
    tail: InfoLine,
    body_author: str | None,
    name_line: str | None,
    source: str | None,
    editor: str | None,
    warnings: list[str],
) -> str | None:
    from .names import looks_like_person

    for value in (rule_value, meta.author, head.author, body_author, tail.author):
        if value:
            return value
    fallbacks = (
        (name_line, "author:unlabelled-name"),
        (meta.meta_author, "author:from-meta"),
        (head.issuer, "author:from-issuer"),
        (source if looks_like_person(source, strict=True) else None, "author:from-source"),
        (editor, "author:from-editor"),
    )
    for value, code in fallbacks:
        if value:
            warnings.append(code)
            return value
    return None


def _extract(
    tree: HtmlElement, page: RawPage, rules: SiteRules, decoded_warnings: tuple[str, ...], encoding: str
) -> ArticleRecord:
    from .body import extract_body
    from .bylines import (
        body_bylines,
        body_info,
        find_anchors,
        head_info,
        labelled_date_anywhere,
        name_line_author,
        tail_info,
    )
    from .language import detect_language
    from .lines import page_lines
    from .media import body_container, find_attachments, find_images, image_captions
    from .metadata import read_metadata
    from .title import TitleChoice, choose_title

    url = page.effective_url
    base = _base_url(tree, url)
    warnings: list[str] = list(decoded_warnings)
    meta = read_metadata(tree)
    rule_title = _rule_text(tree, rules.title, "title", warnings)
    choice = TitleChoice(rule_title, None) if rule_title else choose_title(tree, meta)
    warnings.extend(choice.warnings)
    captions = image_captions(tree)
    body: Body = extract_body(tree, base, selector=rules.body, title=choice.title, captions=captions)
    warnings.extend(body.warnings)
    attachments = find_attachments(tree, base)
    if not body.text and not attachments and not choice.title:
        raise ExtractionError("no article: no title, text or attachments", url=url)
    if not body.text and attachments:
        warnings.append("body:attachments-only")

    lines = page_lines(tree)
    anchors = find_anchors(lines, choice.title, choice.element, body.paragraphs)
    head = head_info(lines, anchors)
    tail = tail_info(lines, anchors).merged(body_info(body.paragraphs))
    body_author, body_editor = body_bylines(body.paragraphs)
    images = body.images
    if anchors.body_start is not None and anchors.body_end is not None:
        container = body_container(lines[anchors.body_start].element, lines[anchors.body_end].element)
        if container is not None:
            images = find_images(container, base, captions) or images

    elsewhere = labelled_date_anywhere(lines) if head.date is None and meta.published is None else None
    published = _published(
        tree, page, _rule_text(tree, rules.published, "published", warnings), meta, head, elsewhere, warnings
    )
    modified = meta.modified or head.modified
    source = (
        _rule_text(tree, rules.source, "source", warnings)
        or meta.source
        or head.source
        or head.organisation
        or tail.source
        or tail.organisation
    )
    editor = head.editor or body_editor or tail.editor
    if elsewhere is not None and elsewhere.author and published == elsewhere.published:
        tail = tail.merged(InfoLine(author=elsewhere.author))
    author = _author(
        _rule_text(tree, rules.author, "author", warnings),
        meta,
        head,
        tail,
        body_author,
        name_line_author(lines, anchors, body.paragraphs),
        source,
        editor,
        warnings,
    )
    language = detect_language(body.text, choice.title, rules.language or meta.language)
    canonical = urljoin(base, meta.canonical_url) if meta.canonical_url else None
    return ArticleRecord(
        url=url,
        title=choice.title,
        published=published,
        modified=modified,
        source=source,
        author=author,
        editor=editor,
        language=language,
        text=body.text,
        html=body.html,
        images=images,
        attachments=attachments,
        encoding=encoding,
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
        return _extract(tree, page, rules, decoded.warnings, decoded.encoding)
    except ExtractionError:
        raise
    except Exception as exc:  # a bug must cost one page, not the crawl; the reason names it for the log
        logger.exception("extractor bug on %s", page.effective_url)
        raise ExtractionError(f"extractor bug: {type(exc).__name__}: {exc}", url=page.effective_url) from exc
