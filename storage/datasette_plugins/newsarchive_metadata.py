"""Datasette plugin: apply ``storage/metadata.json`` (descriptions and canned queries) to any archive file.

Datasette keys metadata by database name, which is the file's stem (``newsarchive`` for the default
``data/newsarchive.db``, something else for ``--db other.db``). This ``get_metadata`` hook hands the
``newsarchive`` block of metadata.json to every database Datasette serves, whatever its file is called.
Loaded by ``datasette --plugins-dir storage/datasette_plugins`` (see ``storage.datasette.datasette_args``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from datasette import hookimpl

METADATA = Path(__file__).resolve().parent.parent / "metadata.json"
SKIP = {"_internal", "_memory"}


@lru_cache(maxsize=1)
def _metadata() -> dict[str, Any]:
    meta: dict[str, Any] = json.loads(METADATA.read_text(encoding="utf-8"))
    return meta


@hookimpl  # type: ignore[untyped-decorator]
def get_metadata(datasette: Any, key: Any, database: Any, table: Any) -> dict[str, Any]:
    meta = _metadata()
    block = meta["databases"]["newsarchive"]
    names = [name for name in datasette.databases if name not in SKIP]
    return {
        "title": meta["title"],
        "description": meta["description"],
        "databases": {name: block for name in names},
    }
