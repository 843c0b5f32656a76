"""Arbitration, the body guard and time zones: the rules that decide between readings of a field."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from newsarchive.crawler.extract.arbiter import ORDER, decide
from newsarchive.crawler.extract.article import extract_article
from newsarchive.crawler.extract.body import Body
from newsarchive.crawler.extract.fields import settle_meta_date, with_time
from newsarchive.crawler.extract.guard import implausible
from newsarchive.crawler.extract.rules import SiteRules
from newsarchive.crawler.extract.zones import SHANGHAI, localize
from tests.extract_cases import load_fixture


def test_decide_takes_the_strongest_origin_and_never_computes_weaker_ones() -> None:
    asked: list[str] = []

    def offer(origin: str, value: str | None):
        def read() -> str | None:
            asked.append(origin)
            return value

        return read

    warnings: list[str] = []
    choice = decide(
        "author",
        {
            "editor": offer("editor", "E"),
            "info-line": offer("info-line", None),
            "trafilatura": offer("t", "T"),
        },
        warnings,
    )
    assert (choice.value, choice.origin) == ("T", "trafilatura")
    assert asked == ["info-line", "t"] and warnings == []
    choice = decide("author", {"editor": offer("editor", "E")}, warnings)
    assert choice.value == "E" and warnings == ["author:from-editor"]


def test_an_origin_outside_the_table_is_a_bug() -> None:
    with pytest.raises(ValueError, match="origins missing from ORDER"):
        decide("title", {"guess": lambda: "x"}, [])


def test_trafilatura_stands_below_our_labelled_evidence_and_above_our_guesses() -> None:
    published = ORDER["published"]
    assert published.index("info-line") < published.index("trafilatura") < published.index("url")
    author = ORDER["author"]
    assert author.index("info-line") < author.index("trafilatura") < author.index("meta-author")


def test_a_meta_date_years_after_the_labelled_date_is_a_regeneration_date() -> None:
    meta, line = dt.datetime(2023, 6, 18, 10, 22), dt.datetime(2021, 3, 5, 16, 40)
    assert settle_meta_date(meta, line) == (None, meta)
    assert settle_meta_date(line, meta) == (line, meta)  # the meta is earlier: it stays, the later is kept
    same_instant = dt.datetime(2021, 3, 4, 23, 0, tzinfo=dt.UTC)  # a day apart in two zones
    assert settle_meta_date(same_instant, dt.date(2021, 3, 5)) == (same_instant, None)


def test_a_reading_of_the_same_day_lends_its_time() -> None:
    day, timed = dt.date(2021, 1, 5), dt.datetime(2021, 1, 5, 9, 30, tzinfo=dt.UTC)
    assert with_time(day, None, timed) == timed
    assert with_time(day, dt.datetime(2021, 1, 6, 9, 30)) == day


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (Body("", None), "empty"),
        (Body("Home News Sport", None, paragraphs=("Home News Sport",), link_chars=14), "links"),
        (Body("\n".join(["Mo", "Tu", "We"] * 5), None, paragraphs=("Mo", "Tu", "We") * 5), "fragments"),
    ],
)
def test_implausible_bodies_are_named(body: Body, reason: str) -> None:
    assert implausible(body) == reason


def test_a_body_far_shorter_than_the_main_text_block_is_implausible() -> None:
    body = Body("A teaser of the article.", None, paragraphs=("A teaser of the article.",))
    assert implausible(body, main_block=2000) == "short"
    assert implausible(body, main_block=40) is None


def test_localize_gives_naive_times_the_zone_and_leaves_the_rest() -> None:
    naive, aware = dt.datetime(2024, 2, 28, 10, 35), dt.datetime(2024, 2, 28, 10, 35, tzinfo=dt.UTC)
    assert localize(naive, SHANGHAI).isoformat() == "2024-02-28T10:35:00+08:00"
    assert localize(aware, SHANGHAI) is aware
    assert localize(dt.date(2024, 2, 28), SHANGHAI) == dt.date(2024, 2, 28)


def test_the_site_timezone_wins_over_the_chinese_default() -> None:
    page = load_fixture("trs-gov-metas-and-infoline").page
    assumed = extract_article(page)
    assert assumed.published.isoformat().endswith("+08:00") and "timezone:assumed" in assumed.warnings
    told = extract_article(page, SiteRules(timezone="Asia/Tokyo"))
    assert told.published.isoformat().endswith("+09:00") and "timezone:assumed" not in told.warnings
    assert told.published.replace(tzinfo=None) == assumed.published.replace(tzinfo=None)


def test_pages_outside_the_chinese_families_keep_naive_times_without_a_site_zone() -> None:
    page = load_fixture("drupal-press-release-time-element").page
    naive = replace(page, body=page.body.replace(b"+01:00", b""))
    record = extract_article(naive)
    assert record.published == dt.datetime(2021, 1, 5, 9, 30) and "timezone:assumed" not in record.warnings
    berlin = extract_article(naive, SiteRules(timezone="Europe/Berlin")).published
    assert berlin.isoformat() == "2021-01-05T09:30:00+01:00"


@pytest.mark.parametrize(
    ("folder", "page"),
    [("articles_en", "rdb-webmd-2"), ("articles", "cwced-064b591b")],  # the two collapses of the DEV sets
)
def test_the_guard_replaces_a_collapsed_body_and_says_so(folder: str, page: str) -> None:
    from tests.extract_cases import FIXTURES, corpus_cases, prf

    case = next(c for c in corpus_cases(FIXTURES / "corpus" / folder) if c.name == page)
    record = extract_article(case.page)
    assert "body:fallback" in record.warnings
    _, recall, _ = prf(record.text, case.expected["text"], case.expected["language"])
    assert recall > 0.9


def test_a_page_that_is_only_a_list_is_not_suspect() -> None:
    record = extract_article(load_fixture("page-that-is-only-an-attachment-list").page)
    assert not {"body:fallback", "body:suspect"} & set(record.warnings)
