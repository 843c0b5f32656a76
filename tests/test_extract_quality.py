"""Quality gate: per-field scores over the corpus and the fixture suite must not drop below the pinned floors.

Metrics are those of shared/tools/score_extraction.py (reimplemented in tests/extract_cases.py so this runs
on a
clean clone). Floors live in tests/quality_floors.json: measured scores rounded down a little. Raising a floor
is welcome; lowering one is a visible, explained change.
"""

from __future__ import annotations

import json
import statistics
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from crawler.extract.article import extract_article
from crawler.extract.record import ExtractionError
from tests.extract_cases import CORPUS, corpus_cases, fixture_names, load_fixture, score_case

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


def _run(cases) -> dict[str, Any]:
    rows, errors = [], 0
    for case in cases:
        try:
            out = extract_article(case.page).to_dict()
        except ExtractionError:
            out, errors = {}, errors + 1
        rows.append(score_case(case.expected, out))
    metrics = {m for r in rows for m in r}
    scores: dict[str, Any] = {m: statistics.mean(r[m] for r in rows if m in r) for m in metrics}
    scores["errors"] = errors
    return scores


@cache
def corpus_scores() -> dict[str, Any]:
    return _run(corpus_cases(CORPUS))


@cache
def fixture_scores() -> dict[str, Any]:
    return _run([load_fixture(name) for name in fixture_names()])


def test_corpus_copy_is_complete() -> None:
    assert len(corpus_cases(CORPUS)) == 90
    assert (CORPUS / "README.md").exists()


@pytest.mark.parametrize("metric", sorted(k for k in FLOORS["corpus"] if not k.startswith("_")))
def test_corpus_floor(metric: str) -> None:
    floor = FLOORS["corpus"][metric]
    score = corpus_scores().get(metric)
    if metric == "errors":
        assert score <= floor, f"corpus: {score} pages failed, at most {floor} allowed"
    else:
        assert score is not None and score >= floor, f"corpus {metric}: {score:.3f} < floor {floor}"


@pytest.mark.parametrize("metric", sorted(FLOORS["fixtures"]))
def test_fixture_floor(metric: str) -> None:
    floor = FLOORS["fixtures"][metric]
    score = fixture_scores().get(metric)
    if metric in ("errors", "leak"):
        assert score <= floor, f"fixtures {metric}: {score} > ceiling {floor}"
    else:
        assert score is not None and score >= floor, f"fixtures {metric}: {score:.3f} < floor {floor}"
