"""The article record's fields, written once: every list of record fields in the archive derives from here.

An extracted record (``crawler.extract.record.ArticleRecord``, whose dataclass fields a test holds equal to
``RECORD_FIELDS``) reaches the store as a mapping. From this one table come: the record columns of
``articles`` and ``article_versions`` (``STORED_FIELDS``, added to an older archive by
``schema.sync_record_columns``), the fields of the content hash (``CONTENT_FIELDS``: what an institute
publishes and edits), the fields a new version lists as changed (``COMPARED_FIELDS``) and how each is
normalized before comparing (``kind``). Adding a field to the record is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["scalar", "text", "parts"]


@dataclass(frozen=True, slots=True)
class RecordField:
    name: str
    kind: FieldKind = "scalar"  # scalar: whitespace-folded string; text: body text; parts: list of dicts
    content: bool = False  # part of the content hash: a difference is an edit by the site
    compared: bool = False  # listed in a new version's changed_fields (content fields always are)
    column: bool = True  # has a column of its own in articles and article_versions


RECORD_FIELDS: tuple[RecordField, ...] = (
    RecordField("url", column=False),  # the page's effective URL: articles.url is the canonical identity
    RecordField("title", content=True),
    RecordField("published", content=True),
    RecordField("modified", content=True),
    RecordField("source", content=True),
    RecordField("author", content=True),
    RecordField("editor", content=True),
    RecordField("language", compared=True),
    RecordField("text", "text", content=True),
    RecordField("html", "text", compared=True),  # a rendering of the text: formatting is not an edit
    RecordField("images", "parts", content=True),
    RecordField("attachments", "parts", content=True),
    RecordField("encoding"),
    RecordField("warnings", "parts", column=False),  # article_versions.warnings: per version, not per article
    RecordField("extractor_version"),
    RecordField("site_name"),
    RecordField("description"),
    RecordField("canonical_url"),
)
RECORD_FIELD_NAMES = tuple(f.name for f in RECORD_FIELDS)
# Record keys a newer extractor adds that have no column yet are kept as JSON in this column, never lost.
EXTRA_COLUMN = "extra"
STORED_FIELDS = (*(f.name for f in RECORD_FIELDS if f.column), EXTRA_COLUMN)
CONTENT_FIELDS = tuple(f for f in RECORD_FIELDS if f.content)
COMPARED_FIELDS = tuple(f for f in RECORD_FIELDS if f.content or f.compared)
PART_FIELDS = tuple(f.name for f in RECORD_FIELDS if f.kind == "parts")
