"""One article however it is reached: same content through two URLs, http/https and www aliases,
and republished copies on other sites linked as near-duplicates (not merged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsarchive.storage import Store
from newsarchive.storage import simhash as sh
from tests.test_store_helpers import PARAGRAPHS, article, html_page, page, record

TEXT = "\n".join(PARAGRAPHS)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "dedup.db") as s:
        yield s


def test_same_content_through_a_second_url_is_one_article(store: Store) -> None:
    main = store.save_article(
        *article("https://www.example.cn/xw/t1.html", "标题", TEXT), site="cas", run_id=None
    )
    # the print view: another URL, another template, the same record content
    printed = page("https://www.example.cn/print/t1.html", b"<html><body>print</body></html>")
    result = store.save_article(printed, record(printed.url, "标题", TEXT), site="cas", run_id=None)
    assert (result.status, result.article_id, result.url_added) == ("unchanged", main.article_id, True)
    urls = {
        r[0]
        for r in store.db.execute(
            "select canonical_url from article_urls where article_id = ?", [main.article_id]
        )
    }
    assert urls == {"https://www.example.cn/xw/t1.html", "https://www.example.cn/print/t1.html"}
    assert store.db.execute("select count(*) from articles").fetchone()[0] == 1
    assert store.known_articles("cas")["https://www.example.cn/print/t1.html"].article_id == main.article_id
    # a later edit seen through the second URL is a version of the same article
    edited = store.save_article(*article(printed.url, "标题", TEXT + "\n补充一段。"), site="cas", run_id=None)
    assert (edited.status, edited.article_id, edited.version) == ("changed", main.article_id, 2)


def test_short_identical_texts_are_not_merged(store: Store) -> None:
    a = store.save_article(
        *article("https://www.example.cn/a.html", "通知", "暂无内容"), site="cas", run_id=None
    )
    b = store.save_article(
        *article("https://www.example.cn/b.html", "通知", "暂无内容"), site="cas", run_id=None
    )
    assert a.article_id != b.article_id and b.status == "new"


def test_http_https_and_www_twins_teach_an_alias(store: Store) -> None:
    first = store.save_article(
        *article("https://www.example.cn/xw/t1.html", "标题一", TEXT), site="cas", run_id=None
    )
    twin = store.save_article(
        *article("http://example.cn/xw/t1.html", "标题一", TEXT), site="cas", run_id=None
    )
    assert twin.article_id == first.article_id and twin.url_added
    assert store.db.execute("select alias, origin from host_aliases").fetchall() == [
        ("http://example.cn", "https://www.example.cn")
    ]
    # learned: another article on the alias origin is stored under the preferred origin ...
    other = store.save_article(
        *article("http://example.cn/xw/t2.html", "标题二", TEXT + "\n第二篇"), site="cas", run_id=None
    )
    assert store.article(other.article_id)["url"] == "https://www.example.cn/xw/t2.html"
    # ... and an edited page reached through either origin is a version of it, not a new article
    edited = store.save_article(
        *article("https://www.example.cn/xw/t2.html", "标题二", TEXT + "\n已修改"), site="cas", run_id=None
    )
    assert (edited.article_id, edited.version) == (other.article_id, 2)
    known = store.known_articles("cas")
    assert known["http://example.cn/xw/t2.html"].article_id == other.article_id
    assert known["https://www.example.cn/xw/t2.html"].article_id == other.article_id


def test_a_redirect_to_https_teaches_the_alias(store: Store) -> None:
    p = page(
        "http://example.cn/xw/t5.html", html_page("标题", TEXT), final_url="https://example.cn/xw/t5.html"
    )
    saved = store.save_article(p, record(p.final_url, "标题", TEXT), site="cas", run_id=None)
    assert store.db.execute("select alias, origin from host_aliases").fetchall() == [
        ("http://example.cn", "https://example.cn")
    ]
    assert store.article(saved.article_id)["url"] == "https://example.cn/xw/t5.html"
    # a later link written with http:// to another article lands under https://
    other = store.save_article(
        *article("http://example.cn/xw/t6.html", "标题六", TEXT + "\n六"), site="cas", run_id=None
    )
    assert store.article(other.article_id)["url"] == "https://example.cn/xw/t6.html"


def test_republished_copy_on_another_site_is_linked_not_merged(store: Store) -> None:
    original = store.save_article(
        *article("https://www.cas.cn/yw/t1.html", "标题", TEXT), site="cas", run_id=None
    )
    copy_text = "来源：中国科学院\n" + TEXT + "\n责任编辑：张三"
    copy = store.save_article(
        *article("https://www.most.gov.cn/kjbgz/t9.html", "转载标题", copy_text), site="most", run_id=None
    )
    unrelated = store.save_article(
        *article(
            "https://www.nsfc.gov.cn/n/t3.html",
            "无关",
            "国家自然科学基金委员会发布项目指南，申请人应当认真阅读。" * 6,
        ),
        site="nsfc",
        run_id=None,
    )
    assert len({original.article_id, copy.article_id, unrelated.article_id}) == 3
    pairs = store.db.execute(
        "select article_id, other_id, distance from near_duplicates order by 1"
    ).fetchall()
    assert [(a, b) for a, b, _ in pairs] == [
        (original.article_id, copy.article_id),
        (copy.article_id, original.article_id),
    ]
    assert pairs[0][2] <= sh.MAX_DISTANCE
    # a same-site near copy is not listed (same-site twins are merged by content instead)
    store.save_article(
        *article("https://www.cas.cn/yw/t2.html", "标题", TEXT + "\n。"), site="cas", run_id=None
    )
    same_site = store.db.execute(
        "select count(*) from near_duplicates n join articles a on a.id = n.article_id"
        " join articles b on b.id = n.other_id where a.site = b.site"
    ).fetchone()[0]
    assert same_site == 0
    assert (
        store.db.execute("select count(*) from near_duplicates").fetchone()[0] == 4
    )  # both cas pages ~ most


def test_simhash_distance_separates_copies_from_other_texts() -> None:
    base = sh.simhash(TEXT * 3)
    assert base is not None
    assert sh.distance(base, sh.simhash("来源：新华社\n" + TEXT * 3)) <= sh.MAX_DISTANCE
    other = sh.simhash("国家自然科学基金委员会发布项目指南，申请人应当认真阅读。" * 10)
    assert sh.distance(base, other) > 2 * sh.MAX_DISTANCE
    english = sh.simhash(
        " ".join(f"The institute announced programme number {i} for researchers" for i in range(10))
    )
    assert english is not None and sh.simhash("too short") is None
    assert sh.to_unsigned(sh.to_signed(base)) == base
    assert len(set(sh.bands(base))) == sh.BANDS


def test_banded_lookup_uses_an_index_with_many_articles(store: Store) -> None:
    for i in range(300):
        text = (
            f"第{i}号文件全文。" + "".join(PARAGRAPHS[(i + j) % 4][j:] for j in range(4)) + f"编号{i * 7919}"
        )
        store.save_article(
            *article(f"https://s{i % 3}.example.cn/a/{i}.html", f"标题{i}", text),
            site=f"s{i % 3}",
            run_id=None,
        )
    rows = store.db.execute("select count(*) from simhash_bands").fetchone()[0]
    plan = " ".join(
        str(r)
        for r in store.db.execute(
            "explain query plan select distinct article_id from simhash_bands"
            " where band in (1, 2) and site != 'x'"
        )
    )
    assert rows == 300 * sh.BANDS
    assert "USING PRIMARY KEY" in plan or "USING INDEX" in plan
    assert json.loads(store.versions(1)[0]["changed_fields"]) == []
