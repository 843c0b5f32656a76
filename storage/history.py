"""An article as a reader sees it: its latest fields, its life events and every version, newest first, each
with what changed against the version before it (inline diffs from ``storage.inline_diff``).

Read side only: the Datasette plugin's article page and the changes feed (``storage.feeds``) call it with a
plain sqlite3 connection (Datasette's read connection, or ``Store.db.conn``). Nothing here writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .fields import COMPARED_FIELDS
from .inline_diff import DELETE, INSERT, inline, segments_html, text_diff, to_html

# The fields whose changes are shown, in this order; html is left out (the text diff says it).
FIELD_ORDER = tuple(f.name for f in COMPARED_FIELDS if f.name != "html")
_LIST_FIELDS = ("images", "attachments")
_WHOLE_FIELDS = ("published", "modified", "language")


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    html: str  # inline diff, escaped, with <del>/<ins>


@dataclass(frozen=True, slots=True)
class VersionView:
    row: dict[str, Any]  # the article_versions row without text and html
    changed_fields: tuple[str, ...]
    warnings: tuple[str, ...]
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class ArticlePage:
    article: dict[str, Any]
    versions: tuple[VersionView, ...]  # newest first
    events: tuple[dict[str, Any], ...]
    urls: tuple[str, ...]  # other URLs the article was reached by


def rows(
    conn: sqlite3.Connection, sql: str, params: Sequence[Any] | Mapping[str, Any]
) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def json_list(value: Any) -> list[Any]:
    """A JSON list column as a list ([] for NULL, bad JSON or a non-list)."""
    try:
        parsed = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return []
    return list(parsed) if isinstance(parsed, list) else []


def _item_lines(value: Any) -> str:
    return "\n".join(json.dumps(item, ensure_ascii=False, sort_keys=True) for item in json_list(value))


def field_change(name: str, old: Any, new: Any) -> FieldChange:
    """The inline diff of one field between two versions."""
    if name == "text":
        return FieldChange(name, to_html(text_diff(old, new)))
    if name in _LIST_FIELDS:
        return FieldChange(name, to_html(text_diff(_item_lines(old), _item_lines(new), context=0)))
    before = "" if old is None else str(old)
    after = "" if new is None else str(new)
    if (
        name in _WHOLE_FIELDS
    ):  # a date is read whole: 2024-04-09T11:00 -> 2024-06-20T12:55, not digit by digit
        whole = tuple(seg for seg in ((DELETE, before), (INSERT, after)) if seg[1])
        return FieldChange(name, segments_html(whole))
    return FieldChange(name, segments_html(inline(before, after)))


def version_changes(
    old: Mapping[str, Any] | None, new: Mapping[str, Any], fields: Sequence[str]
) -> tuple[FieldChange, ...]:
    """What changed from ``old`` to ``new`` in ``fields``, in FIELD_ORDER; empty for a first version."""
    if old is None:
        return ()
    return tuple(field_change(f, old.get(f), new.get(f)) for f in FIELD_ORDER if f in fields)


def article_page(conn: sqlite3.Connection, article_id: int) -> ArticlePage | None:
    """The article with every version newest first, or None when there is no such article."""
    found = rows(conn, "SELECT * FROM articles WHERE id = ?", [article_id])
    if not found:
        return None
    versions = rows(
        conn, "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version", [article_id]
    )
    views = []
    previous: dict[str, Any] | None = None
    for version in versions:
        changed = tuple(str(f) for f in json_list(version.get("changed_fields")))
        views.append(
            VersionView(
                row={k: v for k, v in version.items() if k not in ("text", "html")},
                changed_fields=changed,
                warnings=tuple(str(w) for w in json_list(version.get("warnings"))),
                changes=version_changes(previous, version, changed),
            )
        )
        previous = version
    events = rows(
        conn, "SELECT event, at, detail FROM article_events WHERE article_id = ? ORDER BY at", [article_id]
    )
    article = found[0]
    urls = [
        r["url"]
        for r in rows(conn, "SELECT url FROM article_urls WHERE article_id = ? ORDER BY id", [article_id])
        if r["url"] != article["url"]
    ]
    return ArticlePage(article, tuple(reversed(views)), tuple(events), tuple(urls))
