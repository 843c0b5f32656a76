"""Datasette plugin: readable lists. Cells, default columns, the search hand-over and the landing page's data.

- ``render_cell``: titles link to the article page (``newsarchive_pages.py``); ``*_at`` times shortened;
  page hashes link to the archived copy; JSON (headers, stats, attachments, warnings) pretty-printed; stored
  unified diffs coloured; search snippets keep only their ``<mark>`` highlights.
- ``asgi_wrapper``: a table page opened without a column choice opens without the bulky columns
  (``HIDDEN_COLUMNS``: bodies, HTML, hashes, headers, stats; one click shows them); the search box of
  ``articles`` and ``latest_articles`` hands over to the ``search`` canned query, so every search box follows
  the rules of ``storage.search``.
- ``extra_template_vars``: the canned queries, sites and feeds the landing page (templates/index.html) lists.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

SKIP_DATABASES = ("_internal", "_memory")
# Record columns too bulky for a list (the article page shows them); "Show all columns" brings them back.
_BULKY_RECORD = (
    "text",
    "html",
    "images",
    "attachments",
    "encoding",
    "content_hash",
    "site_name",
    "description",
    "canonical_url",
    "extra",
)
HIDDEN_COLUMNS = {
    "articles": (*_BULKY_RECORD, "simhash", "extractor_version", "last_fetched_at"),
    "article_versions": (*_BULKY_RECORD, "diff", "fetch_id"),
    "raw_pages": ("data", "headers", "stored_size"),
    "fetches": ("request_headers", "response_headers", "request_body"),
    "crawl_runs": ("stats", "options", "pid", "hostname"),
    "zstd_dicts": ("dict",),
    "article_history": ("diff", "content_hash"),
    "latest_articles": ("excerpt",),
}
SEARCHED_TABLES = ("articles", "latest_articles")
# title column -> the column holding its article's id, in canned queries and the views
TITLE_IDS = {"title": "article_id", "current_title": "article_id", "other_title": "other_id"}
ID_IS_ARTICLE = ("articles", "latest_articles")
JSON_COLUMNS = (
    "stats",
    "options",
    "warnings",
    "reasons",
    "last_warnings",
    "last_reasons",
    "attachments",
    "images",
    "extra",
)
HEADER_COLUMNS = ("headers", "request_headers", "response_headers")
HASH_COLUMNS = ("raw_sha256",)
LOCAL_TIME_COLUMNS = ("published", "modified", "other_published")  # as the page gave them: offset if known
_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_MARK = re.compile(r"(</?mark>)")


@hookimpl  # type: ignore[untyped-decorator]
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if value is None or value == "":
        return None
    db_path = datasette.urls.database(database)
    if column in TITLE_IDS:
        article_id = _article_id(row, column, table)
        if article_id is not None:
            return Markup(
                f'<a class="na-title-link" href="{db_path}/-/article/{int(article_id)}">{escape(value)}</a>'
            )
    if column.endswith("_at") and isinstance(value, str) and _ISO.match(value):
        return Markup(
            f'<time datetime="{escape(value)}" title="{escape(value)} (UTC)">'
            f"{escape(value[:10])} {escape(value[11:16])}</time>"
        )
    if column in LOCAL_TIME_COLUMNS and isinstance(value, str) and _ISO.match(value):
        shown = value[:10] + " " + value[11:16] + _offset(value)
        return Markup(f'<time datetime="{escape(value)}" title="{escape(value)}">{escape(shown)}</time>')
    if isinstance(value, str) and (column in HASH_COLUMNS or (table == "raw_pages" and column == "sha256")):
        return Markup(
            f'<a class="na-archived" href="{db_path}/-/archived/{escape(value)}" title="{escape(value)}">'
            f"archived copy {escape(value[:10])}…</a>"
        )
    if table == "raw_pages" and column == "data":
        return _download_link(row, db_path)
    if column in HEADER_COLUMNS or column in JSON_COLUMNS:
        return _pretty_json(value, headers=column in HEADER_COLUMNS)
    if column == "changed_fields":
        return ", ".join(str(f) for f in _loads(value, [value]))
    if column == "diff" and isinstance(value, str):
        return _unified_diff(value)
    if column == "snippet" and isinstance(value, str):
        return _snippet(value)
    return None


def _offset(value: str) -> str:
    found = _OFFSET.search(value[16:])
    return f" {found.group(1)}" if found else ""


def _keys(row: Any) -> list[str]:
    try:
        return list(row.keys())
    except AttributeError:
        return []


def _article_id(row: Any, column: str, table: str | None) -> Any:
    keys = _keys(row)
    if table in ID_IS_ARTICLE and column == "title" and "id" in keys:
        return row["id"]
    key = TITLE_IDS[column]
    return row[key] if key in keys else None


def _download_link(row: Any, db_path: str) -> Any:
    keys = _keys(row)
    if "sha256" not in keys:
        return None
    size = f" ({row['size']:,} bytes)" if "size" in keys and row["size"] else ""
    sha = escape(row["sha256"])
    return Markup(
        f'<a href="{db_path}/-/raw/{sha}?download=1">download, decompressed{size}</a> · '
        f'<a href="{db_path}/-/archived/{sha}">view archived copy</a>'
    )


def _loads(value: Any, default: Any) -> Any:
    if not isinstance(value, str):
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


def _pretty_json(value: Any, *, headers: bool) -> Any:
    parsed = _loads(value, None)
    if parsed is None:
        return None
    if headers and isinstance(parsed, list) and all(isinstance(p, list) and len(p) == 2 for p in parsed):
        text = "\n".join(f"{name}: {val}" for name, val in parsed)
    elif parsed in ([], {}):
        return Markup('<span class="na-empty">none</span>')
    else:
        text = json.dumps(parsed, ensure_ascii=False, indent=1)
    return Markup(f'<pre class="na-json">{escape(text)}</pre>')


def _unified_diff(value: str) -> Any:
    lines = []
    for line in value.splitlines():
        css = "na-dl-add" if line.startswith("+") else "na-dl-del" if line.startswith("-") else "na-dl"
        if line.startswith(("+++", "---", "@@")):
            css = "na-dl-head"
        lines.append(f'<span class="{css}">{escape(line)}</span>')
    return Markup('<pre class="na-unified">' + "".join(lines) + "</pre>")  # spans are blocks


def _snippet(value: str) -> Any:
    """Our snippets are escaped text with <mark> tags: keep the marks, escape whatever else is there."""
    out = []
    for part in _MARK.split(value):
        out.append(part if part in ("<mark>", "</mark>") else str(escape(html.unescape(part))))
    return Markup('<span class="na-snippet">' + _balanced("".join(out)) + "</span>")


def _balanced(text: str) -> str:
    opened = text.count("<mark>") - text.count("</mark>")
    return text + "</mark>" * max(0, opened)


# ------------------------------------------------------------------ default columns, search hand-over


@hookimpl  # type: ignore[untyped-decorator]
def asgi_wrapper(datasette: Any) -> Any:
    def wrap(app: Any) -> Any:
        async def handle(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD"):
                location = await _redirect(datasette, scope["path"], scope.get("query_string", b"").decode())
                if location:
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 302,
                            "headers": [[b"location", location.encode()], [b"content-type", b"text/plain"]],
                        }
                    )
                    await send({"type": "http.response.body", "body": b""})
                    return
            await app(scope, receive, send)

        return handle

    return wrap


async def _redirect(datasette: Any, path: str, query: str) -> str | None:
    parts = path.strip("/").split("/")
    if len(parts) != 2 or parts[0] in SKIP_DATABASES or parts[0] not in datasette.databases:
        return None
    database, table = parts
    name, _, fmt = table.partition(".")
    args = parse_qsl(query, keep_blank_values=True)
    if name in SEARCHED_TABLES and any(k == "_search" or k.startswith("_search_") for k, _ in args):
        return _search_location(datasette, database, fmt, args)
    if fmt or name not in HIDDEN_COLUMNS or any(k in ("_col", "_nocol", "_format") for k, _ in args):
        return None
    db = datasette.get_database(database)
    columns = (
        set(await db.table_columns(name))
        if await db.table_exists(name) or await db.view_exists(name)
        else set()
    )
    hidden = [c for c in HIDDEN_COLUMNS[name] if c in columns]
    if not hidden:
        return None
    new_query = urlencode(args + [("_nocol", c) for c in hidden])
    return f"{datasette.urls.table(database, name)}?{new_query}"


def _search_location(datasette: Any, database: str, fmt: str, args: list[tuple[str, str]]) -> str:
    terms = " ".join(v for k, v in args if (k == "_search" or k.startswith("_search_")) and v.strip())
    site = next((v for k, v in args if k in ("site", "site__exact")), "")
    params = [("q", terms), ("site", site), ("since", ""), ("until", "")]
    params += [(k, v) for k, v in args if k in ("_shape", "_size")]
    suffix = f".{fmt}" if fmt else ""
    return f"{datasette.urls.database(database)}/search{suffix}?{urlencode(params)}"


# --------------------------------------------------------------------------- landing page


@hookimpl  # type: ignore[untyped-decorator]
def extra_template_vars(template: str, datasette: Any, request: Any) -> Any:
    if template != "index.html":
        return {}

    async def desks() -> dict[str, Any]:
        out = []
        actor = request.actor if request is not None else None
        for name, db in datasette.databases.items():
            if name in SKIP_DATABASES or not await db.table_exists("articles"):
                continue
            queries = await datasette.get_canned_queries(name, actor)
            sites = await db.execute(
                "SELECT site, count(*) AS articles, sum(status = 'gone') AS gone,"
                " sum(version_count > 1) AS edited,"
                " max(last_changed_at) AS last_changed_at FROM articles GROUP BY site ORDER BY site"
            )
            out.append(
                {"name": name, "queries": list(queries.values()), "sites": [dict(r) for r in sites.rows]}
            )
        return {"desks": out}

    return desks
