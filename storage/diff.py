"""What changed between two versions of an article: field names and a readable unified diff.

Used by ``Store.save_article`` when it adds version N+1: ``changed_fields`` lists the fields that differ from
version N, ``version_diff`` writes the text shown in ``article_versions.diff`` and the "changes this week"
query. Pure functions, no I/O.

The diff reads like ``git diff`` of one file per field: a block for each changed metadata field (title, dates,
source, ...), then the body text line by line (one paragraph per line). Images and attachments are diffed one
item per line.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from typing import Any

from .fields import COMPARED_FIELDS, PART_FIELDS
from .hashing import normalize_field


def changed_fields(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[str]:
    """Names of the compared fields that differ (content fields compared normalized, as hashed)."""
    if old is None:
        return []
    out = []
    for field in COMPARED_FIELDS:
        if field.content:
            differs = normalize_field(field, old.get(field.name)) != normalize_field(
                field, new.get(field.name)
            )
        else:
            differs = (old.get(field.name) or None) != (new.get(field.name) or None)
        if differs:
            out.append(field.name)
    return out


def _lines(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if name in PART_FIELDS:
        parts = json.loads(value) if isinstance(value, str) else value
        return [json.dumps(p, ensure_ascii=False, sort_keys=True) for p in parts or ()]
    if name in ("text", "html"):
        return str(value).splitlines()
    return [str(value)]


def version_diff(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any],
    fields: list[str],
    *,
    old_label: str = "previous",
    new_label: str = "new",
) -> str | None:
    """Unified diff of ``fields`` (metadata first, then text; html is left out: the text diff says it),
    or None for a first version."""
    if old is None:
        return None
    order = [f for f in fields if f not in ("text", "html")] + [f for f in fields if f == "text"]
    blocks = []
    for name in order:
        lines = difflib.unified_diff(
            _lines(name, old.get(name)),
            _lines(name, new.get(name)),
            fromfile=f"{name} ({old_label})",
            tofile=f"{name} ({new_label})",
            lineterm="",
            n=1 if name == "text" else 0,
        )
        blocks.append("\n".join(lines))
    return "\n".join(b for b in blocks if b) or ""
