"""Atom feeds of the archive: new articles, changes (with the inline diff) and takedowns, all sites or one.

Read side only: the Datasette plugin serves ``/DB/-/feeds/{new,changes,gone}.atom?site=NAME`` from
``atom_feed``. Entries link to the plugin's article page; times are the archive's UTC observation times
(``first_seen_at``, ``observed_at``, the gone event's ``at``), so a feed reader orders them as they happened.
The XML is written with ElementTree (feedgen 1.0 drops the rel of entry links).
"""

from __future__ import annotations

import datetime as dt
import html
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .history import json_list, rows, version_changes
from .timeutil import parse_iso

FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"

_NEW = """
SELECT a.id, a.site, a.url, a.title, a.published, a.source, a.author, a.first_seen_at AS at,
       substr(a.text, 1, 600) AS excerpt
FROM articles a WHERE (:site IS NULL OR a.site = :site)
ORDER BY a.first_seen_at DESC, a.id DESC LIMIT :limit
"""
_CHANGES = """
SELECT v.*, a.site, a.url AS article_url, p.title AS old_title, p.published AS old_published,
       p.modified AS old_modified, p.source AS old_source, p.author AS old_author, p.editor AS old_editor,
       p.language AS old_language, p.text AS old_text, p.images AS old_images,
       p.attachments AS old_attachments
FROM article_versions v JOIN articles a ON a.id = v.article_id
JOIN article_versions p ON p.article_id = v.article_id AND p.version = v.version - 1
WHERE v.version > 1 AND (:site IS NULL OR a.site = :site)
ORDER BY v.observed_at DESC, v.id DESC LIMIT :limit
"""
_GONE = """
SELECT e.id AS event_id, e.at, e.detail, a.id, a.site, a.url, a.title, a.published, a.source
FROM article_events e JOIN articles a ON a.id = e.article_id
WHERE e.event = 'gone' AND (:site IS NULL OR a.site = :site)
ORDER BY e.at DESC, e.id DESC LIMIT :limit
"""


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    updated: str  # ISO 8601 UTC
    link: str  # the article page
    related: str  # the live URL
    content_html: str


@dataclass(frozen=True, slots=True)
class FeedKind:
    title: str
    sql: str
    entry: Callable[[dict[str, Any], str], Entry]


def _meta_html(row: dict[str, Any]) -> str:
    parts = [
        f"{name}: {html.escape(str(row[name]))}" for name in ("site", "published", "source") if row.get(name)
    ]
    return "<p>" + " · ".join(parts) + "</p>"


def _new_entry(row: dict[str, Any], page: str) -> Entry:
    excerpt = html.escape(row.get("excerpt") or "").replace("\n", "<br>")
    return Entry(
        id=page,
        title=row.get("title") or row["url"],
        updated=row["at"],
        link=page,
        related=row["url"],
        content_html=_meta_html(row) + f"<p>{excerpt}</p>",
    )


def _change_entry(row: dict[str, Any], page: str) -> Entry:
    old = {k[4:]: v for k, v in row.items() if k.startswith("old_")}
    fields = [str(f) for f in json_list(row.get("changed_fields"))]
    blocks = [
        f"<h3>{html.escape(change.field)}</h3>\n<div>{change.html}</div>"
        for change in version_changes(old, row, fields)
    ]
    reason = "re-extraction" if row["reason"] == "reextract" else "edited on the site"
    head = f"<p>Version {row['version']} ({reason}); changed: {html.escape(', '.join(fields) or '-')}</p>"
    return Entry(
        id=f"{page}#v{row['version']}",
        title=f"Changed: {row.get('title') or row['article_url']} (v{row['version']})",
        updated=row["observed_at"],
        link=f"{page}#v{row['version']}",
        related=row["article_url"],
        content_html=head + "\n".join(blocks),
    )


def _gone_entry(row: dict[str, Any], page: str) -> Entry:
    return Entry(
        id=f"{page}#gone-{row['event_id']}",
        title=f"Gone: {row.get('title') or row['url']}",
        updated=row["at"],
        link=page,
        related=row["url"],
        content_html=_meta_html(row) + f"<p>{html.escape(row.get('detail') or 'answered 404/410 twice')}</p>",
    )


KINDS = {
    "new": FeedKind("New articles", _NEW, _new_entry),
    "changes": FeedKind("Changed articles", _CHANGES, _change_entry),
    "gone": FeedKind("Articles taken down", _GONE, _gone_entry),
}


def feed_entries(
    conn: sqlite3.Connection,
    kind: str,
    *,
    site: str | None,
    article_url: Callable[[int], str],
    limit: int = FEED_SIZE,
) -> list[Entry]:
    """The newest ``limit`` entries of feed ``kind`` (new, changes, gone); KeyError for another kind."""
    spec = KINDS[kind]
    found = rows(conn, spec.sql, {"site": site or None, "limit": limit})
    return [spec.entry(row, article_url(int(row.get("article_id") or row["id"]))) for row in found]


def atom_feed(
    conn: sqlite3.Connection,
    kind: str,
    *,
    site: str | None,
    feed_url: str,
    home_url: str,
    article_url: Callable[[int], str],
    title: str = "newsarchive",
) -> bytes:
    """The Atom 1.0 document of feed ``kind`` (UTF-8 bytes), newest entry first."""
    entries = feed_entries(conn, kind, site=site, article_url=article_url)
    feed = ET.Element("feed", xmlns=ATOM)
    _text(feed, "id", feed_url)
    _text(feed, "title", f"{title}: {KINDS[kind].title}" + (f" ({site})" if site else ""))
    _text(feed, "updated", _when(max((e.updated for e in entries), default="1970-01-01T00:00:00Z")))
    ET.SubElement(feed, "link", href=feed_url, rel="self", type="application/atom+xml")
    ET.SubElement(feed, "link", href=home_url, rel="alternate", type="text/html")
    _text(ET.SubElement(feed, "author"), "name", title)
    _text(feed, "generator", "newsarchive")
    for entry in entries:
        element = ET.SubElement(feed, "entry")
        _text(element, "id", entry.id)
        _text(element, "title", entry.title)
        _text(element, "updated", _when(entry.updated))
        ET.SubElement(element, "link", href=entry.link, rel="alternate", type="text/html")
        ET.SubElement(element, "link", href=entry.related, rel="related", type="text/html")
        _text(element, "content", entry.content_html, type="html")
    ET.indent(feed)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def _text(parent: ET.Element, tag: str, text: str, **attrib: str) -> None:
    ET.SubElement(parent, tag, attrib).text = text


def _when(value: str) -> str:
    """RFC 3339 UTC time for Atom, from the archive's ISO 8601 text."""
    at = parse_iso(value)
    if at is None:
        raise ValueError(f"not an ISO 8601 time: {value!r}")
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
