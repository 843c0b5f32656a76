"""Datasette plugin: the archivist's pages beside Datasette's own (routes and templates of this project).

- ``/DB/-/article/ID``: an article with its history newest first and inline diffs (``storage.history``);
- ``/DB/-/archived/SHA``: the archived copy of a page, a banner naming its URL and fetch time above the page
  in a sandboxed frame; ``/DB/-/raw/SHA``: the archived bytes themselves, decompressed, under
  ``storage.archived.SANDBOX_CSP`` (``?download=1`` to save them);
- ``/DB/-/feeds/{new,changes,gone}.atom[?site=NAME]``: Atom feeds (``storage.feeds``);
- ``/-/newsarchive.css``: the stylesheet every page links (``extra_css_urls``).

It also puts ``templates/`` in front of Datasette's own templates (landing page, table page, the pages above)
and gives every connection the search functions of ``storage.search``. Loaded with ``--plugins-dir``
(``storage.datasette.datasette_args``); the plugin in ``newsarchive_cells.py`` formats table cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from jinja2 import ChoiceLoader, FileSystemLoader

from newsarchive.storage import archived, feeds, history, search

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
CSS = HERE / "newsarchive.css"
TEXTUAL = ("text/", "application/xhtml", "application/xml")


@hookimpl  # type: ignore[untyped-decorator]
def prepare_connection(conn: Any) -> None:
    search.register_functions(conn)


@hookimpl  # type: ignore[untyped-decorator]
def prepare_jinja2_environment(env: Any) -> None:
    env.loader = ChoiceLoader([FileSystemLoader(str(TEMPLATES)), env.loader])
    env.filters["short_time"] = short_time
    env.filters["http_only"] = http_only


@hookimpl  # type: ignore[untyped-decorator]
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path("/-/newsarchive.css")]


@hookimpl  # type: ignore[untyped-decorator]
def register_routes() -> list[tuple[str, Any]]:
    db = r"^/(?P<database>[^/]+)/-/"
    return [
        (db + r"article/(?P<id>\d+)$", article_view),
        (db + r"archived/(?P<sha>[0-9a-f]{64})$", archived_view),
        (db + r"raw/(?P<sha>[0-9a-f]{64})$", raw_view),
        (db + r"feeds/(?P<kind>new|changes|gone)\.atom$", feed_view),
        (r"^/-/newsarchive\.css$", css_view),
    ]


def short_time(value: Any) -> str:
    """``2026-11-20T08:00:05.123Z`` -> ``2026-11-20 08:00`` (what lists show; the full value is in title)."""
    text = str(value or "")
    if len(text) >= 16 and text[10] == "T":
        return text[:10] + " " + text[11:16]
    return text


def http_only(value: Any) -> str:
    """A link target from an archived page only when it is http(s) (never ``javascript:`` and the like)."""
    text = str(value or "")
    return text if text.lower().startswith(("http://", "https://")) else "#"


async def _database(datasette: Any, request: Any, table: str = "articles") -> Any:
    name = request.url_vars["database"]
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise NotFound(f"no database {name}") from None
    await datasette.ensure_permissions(
        request.actor, [("view-table", (name, table)), ("view-database", name), "view-instance"]
    )
    return db


async def article_view(datasette: Any, request: Any) -> Response:
    db = await _database(datasette, request)
    article_id = int(request.url_vars["id"])
    page = await db.execute_fn(lambda conn: history.article_page(conn, article_id))
    if page is None:
        raise NotFound(f"no article {article_id}")
    article = page.article
    return Response.html(
        await datasette.render_template(
            "newsarchive_article.html",
            {
                "database": db.name,
                "article": article,
                "paragraphs": [p for p in (article.get("text") or "").splitlines() if p.strip()],
                "attachments": history.json_list(article.get("attachments")),
                "versions": page.versions,
                "events": page.events,
                "other_urls": page.urls,
                "feed_url": _feed_path(datasette, db.name, "changes", article["site"]),
            },
            request=request,
        )
    )


async def _archived_copy(datasette: Any, request: Any) -> tuple[Any, archived.ArchivedCopy]:
    db = await _database(datasette, request, "raw_pages")
    copy = await db.execute_fn(lambda conn: archived.archived_copy(conn, request.url_vars["sha"]))
    if copy is None:
        raise NotFound("no archived page with this sha256")
    return db, copy


async def archived_view(datasette: Any, request: Any) -> Response:
    db, copy = await _archived_copy(datasette, request)
    raw = datasette.urls.path(f"/{quote(db.name)}/-/raw/{copy.sha256}")
    return Response.html(
        await datasette.render_template(
            "newsarchive_archived.html",
            {
                "database": db.name,
                "copy": copy,
                "raw_url": raw,
                "framed": copy.media_type.lower().startswith(TEXTUAL),
            },
            request=request,
        )
    )


async def raw_view(datasette: Any, request: Any) -> Response:
    _, copy = await _archived_copy(datasette, request)
    disposition = "attachment" if request.args.get("download") else "inline"
    headers = {
        "Content-Security-Policy": archived.SANDBOX_CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(copy.filename)}",
    }
    return Response(copy.body, status=200, headers=headers, content_type=copy.media_type)


async def feed_view(datasette: Any, request: Any) -> Response:
    db = await _database(datasette, request)
    kind, site = request.url_vars["kind"], request.args.get("site") or None
    feed_url = datasette.absolute_url(request, _feed_path(datasette, db.name, kind, site))
    home_url = datasette.absolute_url(request, datasette.urls.database(db.name))
    article_base = datasette.absolute_url(request, datasette.urls.path(f"/{quote(db.name)}/-/article/"))
    title = datasette.metadata("title") or "newsarchive"
    body = await db.execute_fn(
        lambda conn: feeds.atom_feed(
            conn,
            kind,
            site=site,
            feed_url=feed_url,
            home_url=home_url,
            article_url=lambda article_id: f"{article_base}{article_id}",
            title=title,
        )
    )
    return Response(body, content_type="application/atom+xml; charset=utf-8")


async def css_view() -> Response:
    return Response(CSS.read_text(encoding="utf-8"), content_type="text/css; charset=utf-8")


def _feed_path(datasette: Any, database: str, kind: str, site: str | None) -> str:
    path: str = datasette.urls.path(f"/{quote(database)}/-/feeds/{kind}.atom")
    return path + (f"?site={quote(site)}" if site else "")
