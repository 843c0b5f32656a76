"""The archivist's desk in a real Datasette: article pages with inline diffs, archived copies under a sandbox
CSP (dictionary-compressed pages too), Atom feeds read by feedparser, readable lists, suspect extractions."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest

from newsarchive.storage import Store
from newsarchive.storage.archived import SANDBOX_CSP
from tests.datasette_server import running_datasette
from tests.test_store_helpers import PARAGRAPHS, article, now, page, record

DB = "desk"
TEXT = "\n".join(PARAGRAPHS)
EDITED = TEXT.replace("取得重要进展", "取得重大进展") + "\n有关进展情况将适时在本网站发布。"
GBK_TITLE = "国产编码页面"
GBK_BODY = f"<html><head><title>{GBK_TITLE}</title></head><body><h1>{GBK_TITLE}</h1></body></html>"


def _build(path: Path) -> dict[str, Any]:
    ids: dict[str, Any] = {}
    with Store(path) as store:
        run1, run2 = store.start_run("cas"), store.start_run("cas")
        for n in range(70):  # enough pages of one template for a zstd dictionary (raw_pages: zstd-dict)
            store.save_article(
                *article(
                    f"https://www.cas.cn/yw/{n}.html",
                    f"第{n}号新闻",
                    TEXT + f"\n编号{n}。",
                    fetched_at=now(-90),
                ),
                site="cas",
                run_id=run1,
            )
        url = "https://www.cas.cn/yw/edited.html"
        first = store.save_article(
            *article(url, "量子信息研究取得进展", TEXT, fetched_at=now(-60)), site="cas", run_id=run1
        )
        store.save_article(
            *article(url, "量子信息研究取得新进展", EDITED, fetched_at=now(-10)), site="cas", run_id=run2
        )
        ids["edited"] = first.article_id
        warned = store.save_article(
            *article(
                "https://www.most.gov.cn/en/1.html",
                "AI lab opens",
                "The AI lab opened. " * 5,
                language="en",
                warnings=("body:fallback",),
                fetched_at=now(-20),
            ),
            site="most",
            run_id=run1,
        )
        ids["warned"] = warned.article_id
        gone_url = "https://www.most.gov.cn/en/2.html"
        ids["gone"] = store.save_article(
            *article(
                gone_url, "Withdrawn notice", "This notice was withdrawn later. " * 5, fetched_at=now(-30)
            ),
            site="most",
            run_id=run1,
        ).article_id
        for run, minutes in ((run1, -25), (run2, -5)):
            store.mark_missing(gone_url, site="most", run_id=run, status=404, fetched_at=now(minutes))
        gbk = page(
            "https://www.most.gov.cn/gbk.html",
            GBK_BODY.encode("gbk"),
            headers=(("Content-Type", "text/html"),),
            fetched_at=now(-15),
        )
        ids["gbk"] = store.save_article(
            gbk, record(gbk.url, GBK_TITLE, GBK_TITLE, encoding="gb18030"), site="most", run_id=run1
        ).article_id
        ids["edited_sha"], compression = store.db.execute(
            "SELECT r.sha256, r.compression FROM articles a JOIN raw_pages r ON r.sha256 = a.raw_sha256"
            " WHERE a.id = ?",
            [ids["edited"]],
        ).fetchone()
        assert compression == "zstd-dict"  # the route must use the site's dictionary to read it
        ids["edited_body"] = store.raw_body(ids["edited_sha"])
        ids["gbk_sha"] = store.db.execute(
            "SELECT raw_sha256 FROM articles WHERE id = ?", [ids["gbk"]]
        ).fetchone()[0]
    return ids


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Any]]]:
    path = tmp_path_factory.mktemp("desk") / f"{DB}.db"
    ids = _build(path)
    with running_datasette(path) as base:
        yield f"{base}/{DB}", ids


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_article_page_shows_the_history_with_inline_diffs(desk: tuple[str, dict[str, Any]]) -> None:
    base, ids = desk
    status, _, body = _get(f"{base}/-/article/{ids['edited']}")
    html = body.decode()
    assert status == 200
    assert '<h1 class="na-title">量子信息研究取得新进展</h1>' in html
    assert '取得<ins class="na-ins">新</ins>进展' in html  # the title's one inserted character
    assert '<del class="na-del">要</del><ins class="na-ins">大</ins>' in html  # 重要 -> 重大 in the body
    assert '<ins class="na-ins">有关进展情况将适时在本网站发布。</ins>' in html
    assert html.index('id="v2"') < html.index('id="v1"')  # newest first
    assert 'href="https://www.cas.cn/yw/edited.html"' in html
    assert f"/-/archived/{ids['edited_sha']}" in html
    assert _get(f"{base}/-/article/999999")[0] == 404


def test_archived_copy_is_served_sandboxed_and_exact(desk: tuple[str, dict[str, Any]]) -> None:
    base, ids = desk
    sha = ids["edited_sha"]
    status, _, body = _get(f"{base}/-/archived/{sha}")
    html = body.decode()
    assert status == 200
    assert "https://www.cas.cn/yw/edited.html" in html and "first fetched" in html
    assert f'<iframe class="na-frame" sandbox="" referrerpolicy="no-referrer" src="/{DB}/-/raw/{sha}"' in html
    status, headers, raw = _get(f"{base}/-/raw/{sha}")
    assert status == 200 and raw == ids["edited_body"]  # decompressed with the site's dictionary
    assert headers["Content-Security-Policy"] == SANDBOX_CSP
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["Content-Disposition"].startswith("inline")
    _, headers, _ = _get(f"{base}/-/raw/{sha}?download=1")
    assert headers["Content-Disposition"] == "attachment; filename*=UTF-8''edited.html"
    _, headers, raw = _get(f"{base}/-/raw/{ids['gbk_sha']}")
    assert headers["content-type"] == "text/html; charset=gb18030"  # the server sent none: the one used
    assert raw.decode(headers["content-type"].split("charset=")[1]) == GBK_BODY
    assert _get(f"{base}/-/raw/{'0' * 64}")[0] == 404


def test_feeds_parse_and_filter_by_site(desk: tuple[str, dict[str, Any]]) -> None:
    base, ids = desk
    feeds = {}
    for kind in ("new", "changes", "gone"):
        status, headers, body = _get(f"{base}/-/feeds/{kind}.atom")
        assert status == 200 and headers["content-type"].startswith("application/atom+xml")
        feeds[kind] = parsed = feedparser.parse(body)
        assert parsed.version == "atom10" and not parsed.bozo, parsed.get("bozo_exception")
    assert len(feeds["new"].entries) == 50  # the newest 50
    (change,) = feeds["changes"].entries
    assert change.link.endswith(f"/-/article/{ids['edited']}#v2")
    assert '<ins class="na-ins">新</ins>' in change.content[0].value
    assert [link.rel for link in change.links] == ["alternate", "related"]
    (gone,) = feeds["gone"].entries
    assert gone.title == "Gone: Withdrawn notice" and gone.link.endswith(f"/-/article/{ids['gone']}")
    most = feedparser.parse(_get(f"{base}/-/feeds/new.atom?site=most")[2])
    assert {e.link.rsplit("/", 1)[1] for e in most.entries} == {
        str(ids[k]) for k in ("warned", "gone", "gbk")
    }
    assert "(most)" in most.feed.title
    assert feedparser.parse(_get(f"{base}/-/feeds/changes.atom?site=most")[2]).entries == []


def _json(url: str) -> Any:
    return json.loads(_get(url)[2])


def test_suspect_extractions_lists_body_warnings(desk: tuple[str, dict[str, Any]]) -> None:
    base, ids = desk
    rows = _json(f"{base}/suspect_extractions.json?site=&_shape=array")
    assert [(r["article_id"], json.loads(r["warnings"])) for r in rows] == [
        (ids["warned"], ["body:fallback"])
    ]


def test_lists_open_readable(desk: tuple[str, dict[str, Any]]) -> None:
    base, ids = desk
    with urllib.request.urlopen(f"{base}/articles", timeout=120) as response:
        html = response.read().decode()
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(response.url).query)
    assert {"text", "html", "content_hash"} <= set(query["_nocol"])  # bulky columns hidden by default
    assert f'href="/{DB}/-/article/{ids["edited"]}">量子信息研究取得新进展</a>' in html
    assert '<details class="na-columns">' in html
    assert "text" in _json(f"{base}/articles.json?_shape=array&_size=1")[0]  # the JSON API keeps them all
    latest = _get(f"{base}/latest?site=most")[2].decode()
    assert f"/-/article/{ids['warned']}" in latest
    runs = _get(f"{base}/fetches?_col=response_headers&_sort=id&_size=1")[2].decode()
    assert '<pre class="na-json">Content-Type: text/html' in runs


def test_landing_page_lists_queries_and_feeds(desk: tuple[str, dict[str, Any]]) -> None:
    base, _ = desk
    html = _get(base.rsplit("/", 1)[0] + "/")[2].decode()
    for title in ("Latest articles", "Search titles and text", "Suspect extractions to review"):
        assert title in html
    assert f'href="/{DB}/-/feeds/changes.atom?site=most"' in html
    assert f'action="/{DB}/search"' in html
