"""Inline diffs mark exactly what changed: characters in Chinese, words elsewhere; unchanged text folds."""

from __future__ import annotations

from newsarchive.storage.inline_diff import DELETE, EQUAL, INSERT, inline, text_diff, to_html, tokens


def test_tokens_are_cjk_characters_and_latin_words() -> None:
    assert tokens("我所AI lab，2025年") == ["我", "所", "AI", " ", "lab", "，", "2025", "年"]


def test_a_chinese_edit_marks_only_the_changed_characters() -> None:
    assert inline("会议总结了全年工作。", "会议全面总结了全年工作。") == (
        (EQUAL, "会议"),
        (INSERT, "全面"),
        (EQUAL, "总结了全年工作。"),
    )


def test_an_english_edit_marks_whole_words() -> None:
    assert inline("The ministry opened a lab.", "The ministry closed a lab.") == (
        (EQUAL, "The ministry "),
        (DELETE, "opened"),
        (INSERT, "closed"),
        (EQUAL, " a lab."),
    )


def test_unchanged_paragraphs_fold_around_a_change() -> None:
    old = "\n".join(f"第{i}段。" for i in range(10))
    new = old.replace("第5段。", "第五段。") + "\n新增一段。"
    html = to_html(text_diff(old, new))
    assert html.count("na-changed") == 2
    assert "… 4 unchanged paragraphs …" in html and "… 2 unchanged paragraphs …" in html
    assert '第<del class="na-del">5</del><ins class="na-ins">五</ins>段。' in html
    assert '<ins class="na-ins">新增一段。</ins>' in html
    assert "第0段" not in html  # folded away


def test_html_in_the_text_is_escaped() -> None:
    html = to_html(text_diff("a <b>", "a <script>x</script>"))
    assert "<script" not in html and "x&lt;/script&gt;" in html


def test_dates_change_whole_and_lists_item_by_item() -> None:
    from newsarchive.storage.history import version_changes

    old = {"modified": "2024-04-09T11:00:00+08:00", "attachments": '[{"url": "a.pdf", "text": "附件一"}]'}
    new = {"modified": "2024-06-20T12:55:00+08:00", "attachments": '[{"url": "a.pdf", "text": "附件二"}]'}
    modified, attachments = version_changes(old, new, ["attachments", "modified"])
    assert modified.field == "modified"  # shown in FIELD_ORDER, not in the order given
    assert modified.html == (
        '<del class="na-del">2024-04-09T11:00:00+08:00</del>'
        '<ins class="na-ins">2024-06-20T12:55:00+08:00</ins>'
    )
    assert '附件<del class="na-del">一</del><ins class="na-ins">二</ins>' in attachments.html
    assert version_changes(None, new, ["modified"]) == ()
