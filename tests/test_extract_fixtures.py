"""The fixture suite: one test per saved page in tests/fixtures/pages/, compared field by field.

A failure names the field, the expected value (written by hand in expected.json) and what the code produced.
Review a case with ``python -m tests.extract_cases show CASE``.
"""

from __future__ import annotations

import pytest

from newsarchive.crawler.extract.article import extract_article
from tests.extract_cases import compare_fixture, fixture_names, load_fixture

CASES = fixture_names()


def test_suite_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", CASES)
def test_fixture_case(name: str) -> None:
    case = load_fixture(name)
    for required in ("title", "published", "source"):
        assert required in case.expected, f"{name}: expected.json must state {required} (null when absent)"
    record = extract_article(case.page).to_dict()
    wrong = compare_fixture(record, case.expected)
    assert not wrong, "\n".join(f"{field}: expected {want!r}, got {got!r}" for field, want, got in wrong)
