"""The article record a page carries as JSON for its own scripts: gkmlpt's ``window._CONFIG.DETAIL``.

One of the kinds of evidence ``fields.py`` weighs (``page-json`` in ``arbiter.ORDER``): the CMS's own record,
written by the server, so it outranks what scripts later render from it (a gkmlpt detail page often holds
only ``{{detail.source}}`` placeholders in its HTML). Fields (docs/cms-patterns.md §4):
``title``, ``source`` (else ``publisher``), ``first_publish_time`` (the publish date), ``publish_time`` (a
later re-publication: the modified date), as Unix seconds (or milliseconds, or date text).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .dom import fold
from .metadata import parse_meta_date

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

DateValue = dt.date | dt.datetime

_DETAIL = re.compile(r"\bDETAIL\s*[:=]\s*(?=\{)")
_MIN_EPOCH, _MAX_EPOCH = 631_152_000, 4_102_444_800  # 1990 .. 2100, in seconds
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\$\{")  # an unrendered template value


@dataclass(frozen=True, slots=True)
class PageJson:
    title: str | None = None
    published: DateValue | None = None
    modified: DateValue | None = None
    source: str | None = None


def read_page_json(tree: HtmlElement, zone: ZoneInfo) -> PageJson:
    """The record in ``window._CONFIG.DETAIL`` (empty when the page has none). ``zone`` renders epoch
    times as local times with their offset (the CMS's zone: gkmlpt is a Guangdong platform)."""
    for script in tree.iter("script"):
        text = script.text or ""
        if "DETAIL" not in text or not (m := _DETAIL.search(text)):
            continue
        try:
            detail, _ = json.JSONDecoder(strict=False).raw_decode(text, m.end())
        except ValueError:
            logger.debug("unreadable DETAIL JSON")
            continue
        if isinstance(detail, dict):
            return _record(detail, zone)
    return PageJson()


def _record(detail: dict[str, Any], zone: ZoneInfo) -> PageJson:
    first = _when(detail.get("first_publish_time"), zone)
    latest = _when(detail.get("publish_time"), zone)
    published = first or latest
    modified = latest if first is not None and latest is not None and _later(latest, first) else None
    return PageJson(
        title=_string(detail.get("title")),
        published=published,
        modified=modified,
        source=_string(detail.get("source")) or _string(detail.get("publisher")),
    )


def _when(value: Any, zone: ZoneInfo) -> DateValue | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        seconds = float(value)
        if seconds > _MAX_EPOCH:  # milliseconds
            seconds /= 1000
        if not _MIN_EPOCH <= seconds <= _MAX_EPOCH:
            return None
        return dt.datetime.fromtimestamp(seconds, zone)
    return parse_meta_date(value) if isinstance(value, str) else None


def _later(a: DateValue, b: DateValue) -> bool:
    day_a = a.date() if isinstance(a, dt.datetime) else a
    day_b = b.date() if isinstance(b, dt.datetime) else b
    return day_a > day_b


def _string(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = fold(value)
    return value if value and not _PLACEHOLDER.search(value) else None
