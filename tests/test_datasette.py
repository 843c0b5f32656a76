"""Datasette over a real archive: the real server on loopback, every canned query over HTTP, and the
metadata describing every table, view and column of the real schema."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsarchive.storage import Store
from newsarchive.storage.datasette import METADATA
from newsarchive.storage.search import register_functions
from tests.datasette_server import running_datasette
from tests.test_store_helpers import PARAGRAPHS, article, now

TEXT = "\n".join(PARAGRAPHS)
DB_NAME = "my_archive"  # not 'newsarchive': the plugin must apply the metadata whatever the file is called


def _build_archive(path: Path) -> dict[str, int]:
    ids = {}
    with Store(path) as store:
        run = store.start_run("cas")
        ids["quantum"] = store.save_article(
            *article("https://www.cas.cn/yw/1.html", "量子计算研究取得突破", TEXT, fetched_at=now(-60)),
            site="cas",
            run_id=run,
        ).article_id
        ids["edited"] = store.save_article(
            *article(
                "https://www.cas.cn/yw/2.html",
                "年度工作会议召开",
                "会议总结了全年工作。" * 10,
                fetched_at=now(-50),
            ),
            site="cas",
            run_id=run,
        ).article_id
        store.save_article(
            *article(
                "https://www.cas.cn/yw/2.html",
                "年度工作会议召开",
                "会议总结了全年工作。" * 10 + "\n会议还表彰了先进集体。",
                fetched_at=now(-10),
            ),
            site="cas",
            run_id=run,
        )
        ids["copy"] = store.save_article(
            *article(
                "https://www.most.gov.cn/x/9.html",
                "转载：量子计算研究取得突破",
                "来源：中国科学院\n" + TEXT,
                fetched_at=now(-30),
            ),
            site="most",
            run_id=run,
        ).article_id
        ids["english"] = store.save_article(
            *article(
                "https://www.most.gov.cn/en/1.html",
                "AI lab opens",
                "The ministry opened an AI lab. " * 8,
                language="en",
                fetched_at=now(-20),
            ),
            site="most",
            run_id=run,
        ).article_id
        store.finish_run(run, status="ok", stats={"new": 4, "changed": 1})
    return ids


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, int]]]:
    path = tmp_path_factory.mktemp("ds") / f"{DB_NAME}.db"
    ids = _build_archive(path)
    with running_datasette(path) as base:
        yield base, ids


def _query(base: str, name: str, **params: str) -> list[dict[str, Any]]:
    qs = urllib.parse.urlencode({**params, "_shape": "array"})
    with urllib.request.urlopen(f"{base}/{DB_NAME}/{name}.json?{qs}", timeout=120) as response:
        return json.loads(response.read())


def test_canned_queries_are_listed(server: tuple[str, dict[str, int]]) -> None:
    base, _ = server
    with urllib.request.urlopen(f"{base}/{DB_NAME}.json", timeout=120) as response:
        names = {q["name"] for q in json.loads(response.read())["queries"]}
    assert {
        "latest",
        "changed_recently",
        "changes_this_week",
        "search",
        "article_timeline",
        "gone_articles",
        "republished_copies",
        "recent_failures",
    } <= names


def test_latest(server: tuple[str, dict[str, int]]) -> None:
    base, ids = server
    rows = _query(base, "latest", site="")
    assert {r["article_id"] for r in rows} == set(ids.values())
    assert [r["site"] for r in _query(base, "latest", site="most")] == ["most", "most"]


def test_changed_recently_lists_versions(server: tuple[str, dict[str, int]]) -> None:
    base, ids = server
    rows = _query(base, "changed_recently", days="")
    assert [(r["article_id"], r["version"]) for r in rows] == [(ids["edited"], 1), (ids["edited"], 2)]
    assert json.loads(rows[1]["changed_fields"]) == ["text"]


def test_changes_this_week_has_diffs(server: tuple[str, dict[str, int]]) -> None:
    base, ids = server
    rows = _query(base, "changes_this_week", days="")
    assert len(rows) == 1
    assert rows[0]["article_id"] == ids["edited"] and rows[0]["version"] == 2
    assert "+会议还表彰了先进集体。" in rows[0]["diff"]


def _found(base: str, q: str, **filters: str) -> set[int]:
    return {r["article_id"] for r in _query(base, "search", q=q, **filters)}


def test_search_four_chinese_characters_uses_fts(server: tuple[str, dict[str, int]]) -> None:
    base, ids = server
    assert _found(base, "量子计算") == {ids["quantum"], ids["copy"]}
    assert _found(base, "关键核心技术") == {ids["quantum"], ids["copy"]}
    assert _found(base, "不存在的内容") == set()


def test_search_short_terms(server: tuple[str, dict[str, int]]) -> None:
    base, ids = server
    assert _found(base, "表彰") == {ids["edited"]}
    assert _found(base, "量子") == {ids["quantum"], ids["copy"]}
    assert _found(base, "AI") == {ids["english"]}
    assert "<mark>表彰</mark>" in _query(base, "search", q="表彰")[0]["snippet"]
    assert _found(base, "") == set()


def test_search_terms_are_anded_and_filtered(server: tuple[str, dict[str, int]]) -> None:
    base, ids = server
    assert _found(base, "量子 转载") == {ids["copy"]}  # both terms, not the phrase
    assert _found(base, "量子 表彰") == set()  # each is in some article, never both in one
    assert _found(base, "量子", site="cas") == {ids["quantum"]}
    assert _found(base, '"量子"计算') == {ids["quantum"], ids["copy"]}  # quotes group, never break the query


def test_table_search_box_hands_over_to_the_search_query(server: tuple[str, dict[str, int]]) -> None:
    base, ids = server
    qs = urllib.parse.urlencode({"_search": "表彰", "_shape": "array"})
    with urllib.request.urlopen(f"{base}/{DB_NAME}/articles.json?{qs}", timeout=120) as response:
        assert "/search.json?" in response.url
        assert {r["article_id"] for r in json.loads(response.read())} == {ids["edited"]}


def test_timeline_copies_and_views(server: tuple[str, dict[str, int]]) -> None:
    base, ids = server
    timeline = _query(base, "article_timeline", url="https://www.cas.cn/yw/2.html")
    assert [r["kind"] for r in timeline].count("version") == 2
    assert [r["kind"] for r in timeline].count("fetch") == 2
    copies = _query(base, "republished_copies")
    assert {(r["site"], r["other_site"]) for r in copies} == {("cas", "most")}
    assert _query(base, "gone_articles") == []
    history = _query(base, "article_history", article_id=str(ids["edited"]))
    assert [r["version"] for r in history] == [1, 2]
    assert len(_query(base, "recent_changes")) == 1


def test_metadata_describes_every_table_view_and_column(tmp_path: Path) -> None:
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    described = meta["databases"]["newsarchive"]["tables"]
    with Store(tmp_path / "schema.db") as store:
        db = store.db
        register_functions(db.conn)
        names = [n for n in db.table_names() + db.view_names() if not n.startswith("articles_fts")]
        assert sorted(described) == sorted(names)
        for name in names:
            columns = [c[1] for c in db.execute(f"pragma table_info([{name}])")]
            assert set(described[name]["columns"]) == set(columns), name
            assert all(described[name]["columns"].values()), name
        for query in meta["databases"]["newsarchive"]["queries"].values():
            sql = query["sql"]
            params = {p: "" for p in ("site", "days", "q", "url", "since", "until") if f":{p}" in sql}
            db.execute(sql, params).fetchall()  # every canned query is valid SQL on the real schema
