"""Info-line reading, names and dates: the small pure functions under extract_article."""

from __future__ import annotations

import datetime as dt

import pytest

from newsarchive.crawler.extract.dates import find_dates, has_date, parse_date_text
from newsarchive.crawler.extract.infoline import parse_info_line
from newsarchive.crawler.extract.names import clean_people, clean_source
from newsarchive.crawler.extract.title import strip_site_name


@pytest.mark.parametrize(
    ("text", "published", "source", "author", "editor"),
    [
        (
            "发布时间:2021年01月15日来源:广东省科学院佛山产业技术研究院",
            dt.date(2021, 1, 15),
            "广东省科学院佛山产业技术研究院",
            None,
            None,
        ),
        (
            "发布日期：2021-01-05 09:30　来源：本站　作者：张三　浏览次数：123 【字体：大 中 小】 打印本页",
            dt.datetime(2021, 1, 5, 9, 30),
            "本站",
            "张三",
            None,
        ),
        ("来源：广东省科学院 时间:2017-10-20", dt.date(2017, 10, 20), "广东省科学院", None, None),
        ("[ 黄宇 ] 来源：[ 国际金融报 ]", None, "国际金融报", None, None),
        ("来源：新闻晨报 编辑：山石", None, "新闻晨报", None, "山石"),
        ("信息来源: 科技处  发布时间: 2021/1/5  浏览次数: 77", dt.date(2021, 1, 5), "科技处", None, None),
        (
            "Source: Institute of Physics | Posted on January 5, 2021",
            dt.date(2021, 1, 5),
            "Institute of Physics",
            None,
            None,
        ),
        ("By John Smith and Jane Doe | 05.01.2021", dt.date(2021, 1, 5), None, "John Smith, Jane Doe", None),
        ("本报记者罗科苏盈发自北京", None, None, "罗科苏盈", None),
        ("新京报记者 彭冲 山东冠县报道", None, None, "彭冲", None),
    ],
)
def test_parse_info_line(text, published, source, author, editor) -> None:
    line = parse_info_line(text)
    assert line.date == published
    assert line.source == source
    assert line.author == author
    assert line.editor == editor


def test_update_and_written_dates_are_not_the_publish_date() -> None:
    line = parse_info_line("成文日期：2022年01月27日 发布日期：2022年01月28日 更新时间：2022-02-01")
    assert (line.published, line.written, line.modified) == (
        dt.date(2022, 1, 28),
        dt.date(2022, 1, 27),
        dt.date(2022, 2, 1),
    )


def test_compound_words_are_not_labels() -> None:
    line = parse_info_line("会议时间：2021年3月1日 资金来源：国家自然科学基金")
    assert line.published_weak is None and line.source is None


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("王建宏 张文攀 土豆，听名字就“土”得掉渣。", "王建宏、张文攀"),
        ("记者 吴刚 通讯员 邓丽", "吴刚、邓丽"),
        ("马俊峰/文受访者供图", "马俊峰"),
        ("张三，李四", "张三、李四"),
        ("从上海昆剧团获悉", None),
    ],
)
def test_clean_people(raw: str, names: str | None) -> None:
    assert clean_people(raw, surname=True) == names


def test_clean_source_drops_dates_and_brackets() -> None:
    assert clean_source("【人民日报】 2021-01-05") == "人民日报"
    assert clean_source("这是一个很长的句子。它不是来源") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2021年1月5日", dt.date(2021, 1, 5)),
        ("2021-01-05 09:30", dt.datetime(2021, 1, 5, 9, 30)),
        ("2021/1/5", dt.date(2021, 1, 5)),
        ("05.01.2021", dt.date(2021, 1, 5)),
        ("January 5, 2021", dt.date(2021, 1, 5)),
        ("15/01/2021", dt.date(2021, 1, 15)),
        ("二〇二一年一月五日", dt.date(2021, 1, 5)),
        (
            "2021-01-05T09:30:00+08:00",
            dt.datetime(2021, 1, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        ),
        ("06/02/2022", None),  # day and month cannot be told apart
    ],
)
def test_dates(text: str, value) -> None:
    assert parse_date_text(text) == value
    assert has_date(text) == (value is not None)


def test_find_dates_in_order() -> None:
    assert [d for _, d in find_dates("更新 2021-02-01，发布 2021-01-05")] == [
        dt.date(2021, 2, 1),
        dt.date(2021, 1, 5),
    ]


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("新闻标题 - 广东省科学院", (), "新闻标题"),
        ("新闻标题_院所动态_中国科学院", (), "新闻标题"),
        ("A long title about research | Institute", ("Institute",), "A long title about research"),
        (
            "广东省科学院 - 我院召开2021年度工作会议暨党风廉政建设会议",
            ("广东省科学院",),
            "我院召开2021年度工作会议暨党风廉政建设会议",
        ),
        ("COVID-19 research update", (), "COVID-19 research update"),
    ],
)
def test_strip_site_name(title: str, site: tuple[str, ...], expected: str) -> None:
    assert strip_site_name(title, site) == expected


def test_words_ending_in_a_label_are_not_labels() -> None:
    """科技工作者 holds 作者; 资金来源 holds 来源: neither is an info-line label."""
    from newsarchive.crawler.extract.clean import looks_like_info_line

    sentence = "日前，我所徐慧敏研究员荣获“广东省优秀科技工作者”称号，成为我所今年获此殊荣的唯一一人。"
    assert parse_info_line(sentence).author is None
    assert not looks_like_info_line(sentence)
    assert parse_info_line("作者：张三").author == "张三"
