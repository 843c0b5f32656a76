"""The search rules of storage/search.py on their own; tests/test_datasette.py runs them in Datasette."""

from __future__ import annotations

import sqlite3

from newsarchive.storage.search import fts_query, matches, parse_query, register_functions, snippet

EN = "The ministry said again that the AI lab opens. Quantum sensors were shown."
ZH = "我所研制出高性能钙钛矿太阳能电池，AI技术助力材料设计。"


def test_terms_are_split_on_spaces_and_quotes_group() -> None:
    assert [t.text for t in parse_query(" 钙钛矿\u3000太阳能  AI ")] == ["钙钛矿", "太阳能", "AI"]
    assert [t.text for t in parse_query('"AI lab" opens')] == ["AI lab", "opens"]
    assert [t.text for t in parse_query('" " - ""')] == []  # nothing searchable: no terms
    assert [(t.text, t.prefix) for t in parse_query("quant*")] == [("quant", True)]


def test_all_terms_must_appear() -> None:
    assert matches("钙钛矿 太阳能", None, ZH)
    assert not matches("钙钛矿 风能", None, ZH)
    assert matches("钙钛矿", ZH, None)  # the title counts too
    assert not matches("", "x", ZH)


def test_short_latin_terms_match_whole_words_only() -> None:
    assert matches("AI", None, EN)
    assert not matches("AI", None, "He said it again.")  # inside "said" and "again"
    assert matches("ai", None, ZH)  # beside Chinese characters is a word boundary
    assert not matches("sens", None, EN)
    assert matches("sens*", None, EN)
    assert matches('"AI lab"', None, EN)
    assert not matches('"lab AI"', None, EN)


def test_one_and_two_character_chinese_terms_match_anywhere() -> None:
    assert matches("钙", None, ZH)
    assert matches("电池 材料", None, ZH)
    assert not matches("风", None, ZH)


def test_fts_query_uses_only_terms_the_trigram_index_can_find() -> None:
    assert fts_query("钙钛矿 太阳能 AI") == '"钙钛矿" AND "太阳能"'
    assert fts_query("AI 电池") is None  # no term of 3+ characters: every article is a candidate
    assert fts_query('a"bc') == '"a""bc"'


def test_snippet_marks_hits_and_escapes_the_rest() -> None:
    text = "前言。" * 60 + "钙钛矿<b>太阳能</b>电池" + "。" * 200
    html = snippet("钙钛矿 太阳能", None, text)
    assert "<mark>钙钛矿</mark>&lt;b&gt;<mark>太阳能</mark>&lt;/b&gt;" in html
    assert html.startswith("…") and html.endswith("…") and len(html) < 400
    assert snippet("AI", None, "said AI said") == "said <mark>AI</mark> said"
    assert snippet("quant*", None, "Quantum dots") == "<mark>Quantum</mark> dots"


def test_sql_functions_on_a_real_fts_table() -> None:
    conn = sqlite3.connect(":memory:")
    register_functions(conn)
    conn.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, title TEXT, text TEXT)")
    conn.execute(
        "CREATE VIRTUAL TABLE f USING fts5(title, text, content='a', content_rowid='id', tokenize='trigram')"
    )
    conn.executemany("INSERT INTO a VALUES (?, ?, ?)", [(1, "t", ZH), (2, "t", EN), (3, "t", "he said")])
    conn.execute("INSERT INTO f (f) VALUES ('rebuild')")
    sql = (
        "SELECT a.id FROM a WHERE search_match(:q, a.title, a.text) AND (search_fts(:q) IS NULL OR"
        " a.id IN (SELECT rowid FROM f WHERE f MATCH search_fts(:q))) ORDER BY a.id"
    )
    assert conn.execute(sql, {"q": "钙钛矿 AI"}).fetchall() == [(1,)]
    assert conn.execute(sql, {"q": "AI"}).fetchall() == [(1,), (2,)]
