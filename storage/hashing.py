"""Content hashing: what makes two extracted records "the same article content".

Sits between extraction and the store: ``Store.save_article`` hashes the record it receives and adds a version
only when this hash differs from the latest version's. Raw pages are keyed by ``sha256`` of their bytes.

The content hash covers the fields an institute publishes and edits (``storage.fields.CONTENT_FIELDS``:
title, published, modified, source, author, editor, text, images, attachments). It never covers fetch
times, the URL (the same article reached by two URLs has one hash), the encoding, the extractor's warnings
or version, the detected language (derived from the text, not published) or the cleaned ``html`` (a
rendering of the text; formatting-only changes are not edits). Text is compared after Unicode NFC and
whitespace folding, so re-indentation or a changed blank line in the page template is not an edit.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .fields import CONTENT_FIELDS, RecordField

_SPACES = re.compile(r"[ \t\u00a0\u3000\u200b\ufeff]+")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_json(value: Any) -> str:
    """JSON with sorted keys, fixed separators and real (not escaped) Unicode: equal values, equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@lru_cache(maxsize=16)
def normalize_text(text: str | None) -> str:
    """Body text as hashed: NFC, each line's inner whitespace folded to one space, blank lines dropped."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _normalize_scalar(value: Any) -> Any:
    if isinstance(value, str):
        value = _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()
        return value or None
    return value


def _normalize_parts(parts: Any) -> list[dict[str, Any]]:
    out = []
    for part in parts or ():
        if isinstance(part, Mapping):
            out.append({k: _normalize_scalar(v) for k, v in part.items()})
        else:
            out.append({"url": _normalize_scalar(part)})
    return out


def normalize_field(field: RecordField, value: Any) -> Any:
    """A field's value as compared and hashed: text folded, scalars trimmed (empty: None), parts as dicts."""
    if field.kind == "text":
        return normalize_text(value)
    if field.kind == "parts":
        return _normalize_parts(value)
    return _normalize_scalar(value)


def content_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """The normalized content fields of a record (missing fields are None / empty)."""
    return {f.name: normalize_field(f, record.get(f.name)) for f in CONTENT_FIELDS}


def content_hash(record: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON of the record's normalized content fields."""
    return sha256_hex(canonical_json(content_fields(record)).encode("utf-8"))
