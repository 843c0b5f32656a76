"""SiteRules overrides win over every heuristic: title, published, source, author and body selectors."""

from __future__ import annotations

import datetime as dt

from newsarchive.crawler.extract.article import extract_article
from newsarchive.crawler.extract.rules import SiteRules
from tests.extract_cases import load_fixture

CASE = load_fixture("trs-gov-metas-and-infoline")


def test_selectors_override_structured_data_and_info_line() -> None:
    rules = SiteRules(
        title="xpath://div[@class='crumbs']/a[2]",
        published="div.left li span",
        source="div.left h3",
        author="div.crumbs",
        body="div.TRS_Editor p:nth-of-type(2)",
    )
    record = extract_article(CASE.page, rules)
    assert record.title == "院所动态"
    assert record.published == dt.date(2020, 12, 28)  # the side box's first date, as the rule says
    assert record.source == "热点新闻"
    assert record.author and record.author.startswith("当前位置")
    assert record.text.startswith("调研组先后参观了研究院的精密加工实验室")
    assert "座谈会上" not in record.text


def test_selector_matching_nothing_falls_back_with_a_warning() -> None:
    record = extract_article(CASE.page, SiteRules(title="h6.nothing", body="div.nothing"))
    assert record.title == "广东省科学院领导到佛山产业技术研究院调研"
    assert "rules:title-matched-nothing" in record.warnings
    assert "body:selector-matched-nothing" in record.warnings
    assert "院长充分肯定了研究院近年来取得的成绩" in record.text


def test_charset_hint_is_used_for_an_undeclared_page() -> None:
    page = load_fixture("gbk-no-declaration").page
    record = extract_article(page, SiteRules(charset="gbk"))
    assert record.encoding == "gb18030"
    assert "encoding:from-site-hint" in record.warnings
    assert record.title == "研究所召开青年科技人员学术交流会"
