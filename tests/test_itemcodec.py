"""The item codec (crawler/itemcodec.py): items leave a crawl worker as JSON and come back exact.

Records come from extracting the real fixture pages, so every field shape the extractor makes (dates and
aware datetimes, images, attachments, warnings) goes through the round trip; the store's content hash is
computed from ``record.to_dict()``, so that is what must come back unchanged.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsarchive.crawler.extract.article import extract_article
from newsarchive.crawler.extract.page import RawPage
from newsarchive.crawler.extract.record import ArticleRecord, ExtractionError
from newsarchive.crawler.itemcodec import item_from_dict, item_to_dict, record_from_dict
from newsarchive.crawler.items import ArticleItem, DocumentItem, FailureItem, ListingItem, PageItem, SeenItem

from .extract_cases import fixture_names, load_fixture

PAGE = RawPage(
    url="http://127.0.0.1:1/list/",
    body="<html>列表 \x00\xff</html>".encode("gb18030"),
    status=200,
    headers=(("Content-Type", "text/html; charset=gbk"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")),
    final_url="http://127.0.0.1:1/list/index.html",
    fetched_at="2026-11-23T10:00:00Z",
    method="POST",
    request_headers=(("If-None-Match", '"x"'),),
    request_body=b"page=2",
)


def _records() -> list[ArticleRecord]:
    out = []
    for name in fixture_names():
        case = load_fixture(name)
        try:
            out.append(extract_article(case.page))
        except ExtractionError:
            continue
    return out


def test_every_fixture_record_round_trips() -> None:
    records = _records()
    assert len(records) >= 30
    shapes = {type(r.published) for r in records}
    assert {dt.date, dt.datetime} <= shapes, "the fixtures no longer hold both a date and a datetime"
    assert any(r.images for r in records) and any(r.warnings for r in records)
    for record in records:
        data = json.loads(json.dumps(record.to_dict()))
        again = record_from_dict(data)
        assert again == record, record.url
        assert again.to_dict() == record.to_dict()


@pytest.mark.parametrize(
    "item",
    [
        ArticleItem(
            "s", PAGE, ArticleRecord(PAGE.url, title="标题", published=dt.date(2026, 1, 2)), "l", "d"
        ),
        PageItem("s", PAGE, "feed"),
        DocumentItem("s", PAGE, "文件", "2026-01-02", "http://127.0.0.1:1/list/"),
        FailureItem("s", PAGE.url, "HTTP 500", PAGE, kind="listing"),
        FailureItem("s", PAGE.url, "timeout", None),
        SeenItem("s", PAGE.url, 304, "2026-11-23T10:00:00Z"),
        ListingItem("s", PAGE.url, 12, "2026-11-23T10:00:00Z"),
    ],
    ids=lambda item: item.item,
)
def test_every_item_kind_round_trips_through_json(item: object) -> None:
    data = json.loads(json.dumps(item_to_dict(item)))  # type: ignore[arg-type]
    assert item_from_dict(data) == item


def test_a_message_that_is_no_item_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="not an item: 'item' is 'bogus'"):
        item_from_dict({"item": "bogus"})
    with pytest.raises(ValueError, match="not a seen item"):
        item_from_dict({"item": "seen", "site": "s"})
