"""The item codec: items as JSON-ready data and back, for items that leave the crawl process.

Data flow: spider -> item -> ``item_to_dict`` -> (a Redis stream, crawler/distributed) ->
``item_from_dict`` -> the archive writer. Pages use ``crawler.items.page_to_dict``/``page_from_dict`` (bodies
base64), records ``ArticleRecord.to_dict``/``record_from_dict``, a run's tally (what a ``SiteClosed`` carries)
``tally_to_dict``/``tally_from_dict``. The round trip is exact: the record a writer
rebuilds gives the same ``to_dict()`` (so the same content hash) as the one the spider made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import Any

from .extract.record import ArticleRecord, Attachment, Image
from .items import (
    ArticleItem,
    DocumentItem,
    FailureItem,
    Item,
    ListingItem,
    PageItem,
    SeenItem,
    page_from_dict,
    page_to_dict,
)
from .state import RunTally

KINDS: dict[str, type[Any]] = {
    "article": ArticleItem,
    "page": PageItem,
    "document": DocumentItem,
    "failure": FailureItem,
    "seen": SeenItem,
    "listing": ListingItem,
}


def record_from_dict(data: dict[str, Any]) -> ArticleRecord:
    """The ArticleRecord ``ArticleRecord.to_dict`` wrote."""
    return ArticleRecord(
        url=data["url"],
        title=data.get("title"),
        published=_date(data.get("published")),
        modified=_date(data.get("modified")),
        source=data.get("source"),
        author=data.get("author"),
        editor=data.get("editor"),
        language=data.get("language"),
        text=data.get("text") or "",
        html=data.get("html"),
        images=tuple(Image(i["url"], i.get("caption")) for i in data.get("images") or ()),
        attachments=tuple(Attachment(a["url"], a.get("text")) for a in data.get("attachments") or ()),
        encoding=data.get("encoding"),
        warnings=tuple(data.get("warnings") or ()),
        extractor_version=data["extractor_version"],
        site_name=data.get("site_name"),
        description=data.get("description"),
        canonical_url=data.get("canonical_url"),
    )


def _date(value: str | None) -> dt.date | dt.datetime | None:
    """A date as ``to_dict`` wrote it: a day (YYYY-MM-DD) stays a date, anything longer is a datetime."""
    if value is None:
        return None
    return dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)


def item_to_dict(item: Item) -> dict[str, Any]:
    """An item as JSON-ready data; its ``item`` key names the kind (as in Scrapy's feed exports)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        if f.name == "page":
            value = None if value is None else page_to_dict(value)
        elif f.name == "record":
            value = value.to_dict()
        out[f.name] = value
    return out


def item_from_dict(data: dict[str, Any]) -> Item:
    """The item ``item_to_dict`` wrote. A ValueError names what is wrong with data that is not one."""
    kind = data.get("item")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ValueError(f"not an item: 'item' is {kind!r} (known: {', '.join(KINDS)})")
    values = {f.name: data.get(f.name) for f in dataclasses.fields(cls) if f.init and f.name in data}
    if values.get("page") is not None:
        values["page"] = page_from_dict(values["page"])
    if "record" in values:
        values["record"] = record_from_dict(values["record"])
    try:
        item: Item = cls(**values)
    except TypeError as exc:
        raise ValueError(f"not a {kind} item: {exc}") from None
    return item


def tally_to_dict(tally: RunTally) -> dict[str, Any]:
    """A run's tally (counts, warnings, failure reasons and their first examples) as JSON-ready data."""
    return {
        "counts": dict(tally.counts),
        "warnings": list(tally.warnings),
        "reasons": dict(tally.reasons),
        "first": list(tally.first),
    }


def tally_from_dict(data: dict[str, Any]) -> RunTally:
    """The RunTally ``tally_to_dict`` wrote."""
    return RunTally(
        Counter(data["counts"]),
        list(data["warnings"]),
        Counter(data.get("reasons") or {}),
        list(data.get("first") or ()),
    )
