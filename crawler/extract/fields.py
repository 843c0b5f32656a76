"""The candidate readings of each field, offered to the arbiter under their origin.

Called by ``article.py`` once the page has been read (metas, page JSON, trafilatura's metadata, the info line
and bylines around the title and body). Each ``decide_*`` function lists what the page offers for one field,
lazily, and ``arbiter.decide`` picks by ``arbiter.ORDER``. The few rules that weigh one reading against
another live here, each a small named function: a meta date contradicted by a labelled date by the title is
a regeneration date (``settle_meta_date``); a reading that agrees on the day with a more precise one takes its
time (``with_time``); a 来源 that names the page's column is no source (``not_column``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from .arbiter import Choice, decide

if TYPE_CHECKING:
    from .infoline import InfoLine
    from .metadata import PageMeta
    from .pagejson import PageJson
    from .title import TitleChoice
    from .trafmeta import TrafilaturaMeta

logger = logging.getLogger(__name__)

T = TypeVar("T")
DateValue = dt.date | dt.datetime

REGENERATION_GAP = dt.timedelta(days=1)  # dates a day apart may be one instant in two zones
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True, slots=True)
class Readings:
    """What the page says, read once; fields are decided from it."""

    meta: PageMeta
    page_json: PageJson
    traf: TrafilaturaMeta
    head: InfoLine  # the info line by the title
    tail: InfoLine  # labelled lines after the body
    rules: dict[str, str | None]  # SiteRules selector matches: title, published, source, author


def _offer(value: T | None) -> Callable[[], T | None]:
    return lambda: value


def decide_title(
    rule_title: str | None,
    ours: TitleChoice,
    stated: Callable[[], str | None],
    guessed: Callable[[], str | None],
    warnings: list[str],
) -> Choice[str]:
    """The title: ``ours`` is the heading rule of ``title.py`` (its origin says which evidence it found),
    ``stated`` trafilatura's stated title without its site-name part, ``guessed`` trafilatura's guess."""
    offers: dict[str, Callable[[], str | None]] = {
        "selector": _offer(rule_title),
        "stated": stated,
        "trafilatura": guessed,
    }
    if ours.origin is not None:
        mine = offers.get(ours.origin)
        offers[ours.origin] = (lambda: mine() or ours.title) if mine is not None else _offer(ours.title)
    return decide("title", offers, warnings)


def day_of(value: DateValue) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def settle_meta_date(
    meta_date: DateValue | None, line_date: DateValue | None
) -> tuple[DateValue | None, DateValue | None]:
    """(the meta date as a publish date, a later date to keep as modified) given the date a labelled line
    by the title shows. When they are days apart, the earlier is the publish date and the later a
    regeneration (or update) date: the meta drops out when it is the later one."""
    if meta_date is None or line_date is None:
        return meta_date, None
    meta_day, line_day = day_of(meta_date), day_of(line_date)
    if abs(meta_day - line_day) <= REGENERATION_GAP:
        return meta_date, None
    if meta_day > line_day:
        return None, meta_date
    return meta_date, line_date


def with_time(value: DateValue | None, *others: DateValue | None) -> DateValue | None:
    """``value``, or a reading of the same day that also gives the time (and offset)."""
    if value is None:
        return None
    for other in others:
        if other is None or not isinstance(other, dt.datetime) or day_of(other) != day_of(value):
            continue
        if not isinstance(value, dt.datetime) or (value.tzinfo is None and other.tzinfo is not None):
            return other
    return value


def url_date(url: str) -> dt.date | None:
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def decide_dates(
    r: Readings,
    *,
    elsewhere: Callable[[], InfoLine],
    split: Callable[[], dt.date | None],
    url: str,
    warnings: list[str],
) -> tuple[Choice[DateValue], DateValue | None]:
    """(published, modified)."""
    from .dates import parse_date_text

    head, meta = r.head, r.meta
    labelled = head.published or head.published_weak
    meta_published, regenerated = settle_meta_date(meta.published, labelled)
    rule = r.rules.get("published")
    published: Choice[DateValue] = decide(
        "published",
        {
            "selector": lambda: parse_date_text(rule) if rule else None,
            "page-json": _offer(r.page_json.published),
            "meta": _offer(meta_published),
            "info-line": _offer(labelled),
            "trafilatura": lambda: r.traf.date,
            "info-line-unlabelled": _offer(head.unlabelled_date),
            "elsewhere": lambda: elsewhere().published,
            "written": _offer(head.written),
            "modified": _offer(head.modified or meta.modified),
            "review-line": _offer(r.tail.reviewed),
            "split-date": split,
            "url": lambda: url_date(url),
        },
        warnings,
    )
    if published.origin in ("page-json", "meta", "info-line", "info-line-unlabelled"):
        value = with_time(
            published.value, r.page_json.published, meta_published, labelled, head.unlabelled_date
        )
        published = Choice(value, published.origin)
    modified = decide(
        "modified",
        {
            "page-json": _offer(r.page_json.modified),
            "meta": _offer(meta.modified),
            "info-line": _offer(head.modified),
            "regenerated": _offer(regenerated),
        },
        warnings,
    ).value
    return published, modified


def not_column(value: str | None, columns: tuple[str | None, ...]) -> str | None:
    """``value`` unless it names the page's column (栏目, 分类): a 来源 holding the column is no source."""
    if not value:
        return None
    from .title import normalize

    norm = normalize(value)
    return None if any(c and normalize(c) == norm for c in columns) else value


def decide_source(r: Readings) -> str | None:
    columns = (r.meta.column, r.head.column)
    head, tail = r.head, r.tail
    offers = {
        "selector": r.rules.get("source"),
        "page-json": r.page_json.source,
        "meta": r.meta.source,
        "info-line": head.source,
        "info-line-organisation": head.organisation,
        "tail": tail.source,
        "tail-organisation": tail.organisation,
    }
    return decide("source", {k: _offer(not_column(v, columns)) for k, v in offers.items()}, []).value


def decide_author(
    r: Readings,
    *,
    byline: str | None,
    elsewhere: str | None,
    name_line: Callable[[], str | None],
    source: str | None,
    editor: str | None,
    warnings: list[str],
) -> str | None:
    from .names import looks_like_person

    head = r.head
    offers: dict[str, Callable[[], str | None]] = {
        "selector": _offer(r.rules.get("author")),
        "meta": _offer(r.meta.author),
        "info-line": _offer(head.author),
        "byline": _offer(byline),
        "tail": _offer(r.tail.author),
        "elsewhere": _offer(elsewhere),
        "trafilatura": lambda: r.traf.author,
        "name-line": name_line,
        "meta-author": _offer(r.meta.meta_author),
        "issuer": _offer(head.issuer),
        "source-person": _offer(source if looks_like_person(source, strict=True) else None),
        "editor": _offer(editor),
    }
    return decide("author", offers, warnings).value
