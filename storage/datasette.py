"""Datasette for the archive: the command line that serves an archive file with our metadata and queries.

Used by ``newsarchive serve`` (crawler/cli.py execs the list ``datasette_args`` returns). The descriptions of
every table, view and column, and the canned queries (latest, changed_recently, changes_this_week, search,
article_timeline, gone_articles, republished_copies, suspect_extractions, recent_failures), live in
``storage/metadata.json``. The plugins in ``storage/datasette_plugins`` apply them whatever the archive file
is called, and add the archivist's pages: article pages with inline diffs, archived copies, Atom feeds, the
search rules of ``storage.search``, and readable table cells.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
METADATA = HERE / "metadata.json"
PLUGINS_DIR = HERE / "datasette_plugins"

# Values that differ from Datasette's defaults, each with its reason.
SETTINGS = {
    "sql_time_limit_ms": "5000",  # 1-2 character searches scan every body: allow a few seconds
    "max_returned_rows": "2000",  # a week of changes on many sites fits in one page of JSON
    "default_page_size": "50",
    "truncate_cells_html": "400",  # bodies and diffs are long: HTML tables stay readable (JSON is complete)
    "facet_time_limit_ms": "500",
    "allow_download": "off",  # the file holds every raw page ever fetched: no one-click multi-GB download
}


def datasette_args(
    db_path: str | os.PathLike[str],
    *,
    host: str = "127.0.0.1",
    port: int = 8001,
    extra: list[str] | None = None,
) -> list[str]:
    """``[python, -m, datasette, serve, DB, ...]``: Datasette on ``host:port`` with our plugin and settings.

    The archive is served mutable (not ``-i``) because cron keeps writing to it; WAL mode lets it read
    while a crawl writes."""
    args = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(db_path),
        "--host",
        host,
        "--port",
        str(port),
        "--plugins-dir",
        str(PLUGINS_DIR),
    ]
    for name, value in SETTINGS.items():
        args += ["--setting", name, value]
    return args + list(extra or [])
