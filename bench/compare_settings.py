"""Compare trafilatura settings inside our extractor on a case folder: body P/R/F1, leak and time per setting.

Not part of the test run. Usage (from the repo root):
    .venv/bin/python -m bench.compare_settings [tests/fixtures/corpus/articles]
Prints a Markdown table; the chosen setting is ``TRAFILATURA_OPTIONS`` in crawler/extract/body.py. A case is
``<id>.html`` + ``<id>.json`` (the shared corpus layout); P/R/F1 are bag-of-token scores of the body, with
character bigrams for unspaced scripts (the body metric of the corpus scorer and the quality gate).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

from newsarchive.crawler.extract import body as body_module
from newsarchive.crawler.extract.article import extract_article
from newsarchive.crawler.extract.page import RawPage
from newsarchive.crawler.extract.record import ExtractionError

UNSPACED = {"zh", "ja", "th", "my", "lo", "km", "bo"}  # scored by character bigrams
_OFF = {"fast": False, "favor_precision": False, "favor_recall": False, "include_tables": True}
VARIANTS: dict[str, dict[str, object]] = {
    "balanced (trafilatura default)": {},
    "fast (chosen)": {"fast": True},
    "favor_precision": {"favor_precision": True},
    "favor_recall": {"favor_recall": True},
    "fast + favor_precision": {"fast": True, "favor_precision": True},
    "fast + favor_recall": {"fast": True, "favor_recall": True},
    "no tables": {"include_tables": False},
    "fast, no tables": {"fast": True, "include_tables": False},
    "fast, no links/formatting": {"fast": True, "include_links": False, "include_formatting": False},
}


def corpus_cases(folder: Path) -> list[tuple[RawPage, dict[str, Any]]]:
    cases = []
    for meta in sorted(folder.glob("*.json")):
        if meta.with_suffix(".html").exists():
            expected = json.loads(meta.read_text(encoding="utf-8"))
            url = expected.get("url") or f"http://corpus.invalid/{expected['id']}.html"
            cases.append((RawPage(url=url, body=meta.with_suffix(".html").read_bytes()), expected))
    return cases


def tokens(text: str, language: str | None) -> Counter[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    if (language or "").split("-")[0] not in UNSPACED:
        return Counter(re.findall(r"\w+", text))
    runs = re.findall(r"\w+", text)
    return Counter(t for run in runs for t in ([run] if len(run) == 1 else map("".join, pairwise(run))))


def prf(text: str, gold: str, language: str | None) -> tuple[float, float, float]:
    got, want = tokens(text, language), tokens(gold, language)
    common = sum((got & want).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def run(folder: Path, only: list[str] | None = None) -> None:
    cases = corpus_cases(folder)
    base = dict(body_module.TRAFILATURA_OPTIONS)
    print("| setting | P | R | F1 | s/page (median) | s/page (mean) |")
    print("|---|---|---|---|---|---|")
    for name, overrides in VARIANTS.items():
        if only and name not in only:
            continue
        body_module.TRAFILATURA_OPTIONS = {**base, **_OFF, **overrides}
        scores, times = [], []
        for page, expected in cases:
            t0 = time.perf_counter()
            try:
                text = extract_article(page).text
            except ExtractionError:
                text = ""
            times.append(time.perf_counter() - t0)
            if expected.get("text"):
                scores.append(prf(text, expected["text"], expected.get("language")))
        p, r, f = (statistics.mean(s[i] for s in scores) for i in range(3))
        print(
            f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {statistics.median(times):.4f} | "
            f"{statistics.mean(times):.4f} |"
        )
    body_module.TRAFILATURA_OPTIONS = base


if __name__ == "__main__":
    run(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/corpus/articles"), sys.argv[2:] or None)
