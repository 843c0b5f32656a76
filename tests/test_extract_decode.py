"""decode_page: BOM, header, meta (also malformed), declarations that lie, no declaration, the site hint."""

from __future__ import annotations

import pytest

from newsarchive.crawler.extract.page import RawPage, decode_page

TEXT = (
    "<html><head>{meta}<title>研究所召开科研工作会议</title></head><body>"
    "<p>发布时间：2021年1月5日 来源：科研处</p>"
    "<p>近日，研究所召开2021年度科研工作会议，全体科研人员参加了会议。会议总结了过去一年的工作。</p></body></html>"
)


def page(body: bytes, content_type: str | None = None) -> RawPage:
    return RawPage(
        url="http://example.cn/a.html",
        body=body,
        headers=(("Content-Type", content_type),) if content_type else (),
    )


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="gb2312">',
        '<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
        '<meta httpequiv="ContentType" content="text/html; charset=gbk">',
    ],
)
def test_declared_gbk_is_read_as_gb18030(meta: str) -> None:
    decoded = decode_page(page(TEXT.format(meta=meta).encode("gbk")))
    assert decoded.encoding == "gb18030"
    assert "研究所召开科研工作会议" in decoded.text
    assert decoded.warnings == ()


def test_gbk_without_any_declaration_is_detected() -> None:
    decoded = decode_page(page(TEXT.format(meta="").encode("gbk"), "text/html"))
    assert decoded.encoding == "gb18030"
    assert "科研处" in decoded.text
    assert "encoding:detected" in decoded.warnings


def test_meta_gbk_on_utf8_bytes_is_overridden() -> None:
    decoded = decode_page(page(TEXT.format(meta='<meta charset="gbk">').encode("utf-8")))
    assert decoded.encoding == "utf-8"
    assert "科研处" in decoded.text
    assert "encoding:declaration-overridden" in decoded.warnings


def test_header_utf8_on_gbk_bytes_is_overridden() -> None:
    decoded = decode_page(page(TEXT.format(meta="").encode("gbk"), "text/html; charset=utf-8"))
    assert decoded.encoding == "gb18030"
    assert "\ufffd" not in decoded.text
    assert "encoding:declaration-overridden" in decoded.warnings


def test_header_wins_over_meta_when_both_read_cleanly() -> None:
    body = TEXT.format(meta='<meta charset="big5">').encode("gbk")
    assert decode_page(page(body, "text/html; charset=gbk")).encoding == "gb18030"


def test_bom_wins() -> None:
    decoded = decode_page(page(b"\xef\xbb\xbf" + TEXT.format(meta='<meta charset="gbk">').encode("utf-8")))
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith("<html>")


def test_site_hint_used_when_nothing_is_declared() -> None:
    body = "<html><body><p>Ceci est une page écrite en français, déjà très simple.</p></body></html>".encode(
        "cp1252"
    )
    decoded = decode_page(page(body), hint="windows-1252")
    assert decoded.encoding == "cp1252"
    assert "français" in decoded.text
    assert "encoding:from-site-hint" in decoded.warnings


def test_ascii_page_uses_declared_encoding() -> None:
    assert (
        decode_page(page(b"<html><body>plain</body></html>", "text/html; charset=gbk")).encoding == "gb18030"
    )


def test_latin1_declaration_on_gbk_bytes_is_not_mojibake() -> None:
    decoded = decode_page(page(TEXT.format(meta="").encode("gbk"), "text/html; charset=iso-8859-1"))
    assert "研究所召开科研工作会议" in decoded.text
    assert decoded.encoding == "gb18030"
