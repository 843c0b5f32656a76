"""Bad input: only an ArticleRecord or a clear ExtractionError may come out of extract_article, quickly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive.crawler.extract.article import extract_article
from newsarchive.crawler.extract.page import RawPage
from newsarchive.crawler.extract.record import ArticleRecord, ExtractionError
from tests.extract_cases import fixture_names, load_fixture

SAMPLE = load_fixture("trs-gov-metas-and-infoline").page
GBK_SAMPLE = load_fixture("gbk-no-declaration").page


def outcome(page: RawPage) -> ArticleRecord | ExtractionError:
    try:
        record = extract_article(page)
    except ExtractionError as exc:
        assert not exc.reason.startswith("extractor bug"), exc.reason
        return exc
    assert isinstance(record, ArticleRecord)
    record.to_dict()
    return record


def with_body(body: bytes, content_type: str | None = None) -> RawPage:
    return RawPage(
        url="http://example.cn/x/t20210105_1.html",
        body=body,
        headers=(("Content-Type", content_type),) if content_type else (),
    )


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   \n\t ",
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04" + bytes(100),
        bytes(range(256)) * 20,
    ],
)
def test_empty_and_binary_bodies_raise_a_clear_error(body: bytes) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_article(with_body(body))
    assert info.value.reason.startswith(("empty body", "not HTML", "no HTML"))


def test_non_html_content_type_is_refused() -> None:
    with pytest.raises(ExtractionError, match="not HTML"):
        extract_article(with_body(b"<html><body>x</body></html>", "application/pdf"))


def test_truncated_html_still_gives_the_record() -> None:
    record = extract_article(with_body(SAMPLE.body[: len(SAMPLE.body) * 2 // 3]))
    assert record.title == "广东省科学院领导到佛山产业技术研究院调研"
    assert str(record.published) == "2021-01-13 10:19:00+08:00"


def test_page_without_article_gives_warnings_or_error() -> None:
    nav = "".join(f'<li><a href="/c{i}/">栏目{i}</a></li>' for i in range(40))
    result = outcome(
        with_body(f"<html><head><title>首页</title></head><body><ul>{nav}</ul></body></html>".encode())
    )
    if isinstance(result, ArticleRecord):
        assert result.warnings


def test_ten_megabyte_page_gives_its_record() -> None:
    filler = "".join(
        f'<li><a href="/n/{i}.html">第{i}条相关新闻标题文字</a><span>2020-01-01</span></li>'
        for i in range(1000)
    )
    html = SAMPLE.body.decode("utf-8").replace("</body>", f"<ul class='list'>{filler * 115}</ul></body>")
    body = html.encode("utf-8")
    assert len(body) > 10_000_000
    record = extract_article(with_body(body))  # how long it takes is bench/bench_extract.py's business
    assert record.title == "广东省科学院领导到佛山产业技术研究院调研"


def test_exception_survives_pickling() -> None:
    import pickle

    exc = pickle.loads(pickle.dumps(ExtractionError("empty body", url="http://x/")))
    assert (exc.reason, exc.url) == ("empty body", "http://x/")


TAGS = [
    "<p>",
    "</p>",
    "<div class='info'>",
    "</div>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<h1>",
    "</h1>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<meta charset='gbk'>",
    "<br>",
    "<li>",
    "<title>",
    "</title>",
    "&nbsp;",
    "发布时间：2021-01-05",
    "来源：",
    "作者：",
    "<![CDATA[",
    "<?xml version='1.0' encoding='utf-16'?>",
    "\x00",
    "<img src=>",
]


@st.composite
def mangled_pages(draw: st.DrawFn) -> RawPage:
    base = draw(st.sampled_from([SAMPLE.body, GBK_SAMPLE.body]))
    data = bytearray(base[: draw(st.integers(0, len(base)))])
    for _ in range(draw(st.integers(0, 20))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    pieces = draw(st.lists(st.sampled_from(TAGS), max_size=30))
    encoding = draw(st.sampled_from(["utf-8", "gbk", "utf-16", "latin-1", "big5"]))
    extra = "".join(pieces).encode(encoding, errors="ignore")
    cut = draw(st.integers(0, len(data)))
    body = bytes(data[:cut]) + extra + bytes(data[cut:])
    content_type = draw(
        st.sampled_from(
            [
                None,
                "text/html",
                "text/html; charset=utf-8",
                "text/html; charset=gbk",
                "text/html; charset=bogus",
            ]
        )
    )
    return with_body(body, content_type)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled_pages())
def test_mangled_html_gives_record_or_extraction_error(page: RawPage) -> None:
    outcome(page)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([None, "text/html", "text/html; charset=gb2312"]))
def test_random_bytes_give_record_or_extraction_error(body: bytes, content_type: str | None) -> None:
    outcome(with_body(body, content_type))


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_gives_record_or_extraction_error(text: str) -> None:
    outcome(with_body(f"<html><body>{text}</body></html>".encode("utf-8", errors="surrogatepass")))


@pytest.mark.parametrize("name", fixture_names()[:5])
def test_every_byte_cut_of_a_page_start_is_handled(name: str) -> None:
    body = load_fixture(name).page.body
    for cut in range(0, 400, 37):
        outcome(with_body(body[:cut]))
