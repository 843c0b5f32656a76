"""Compare trafilatura settings inside our extractor on a case folder: body P/R/F1, leak and time per setting.

Not part of the test run. Usage (from the repo root):
    .venv/bin/python bench/compare_settings.py [tests/fixtures/corpus/articles]
Prints a Markdown table; the chosen setting is ``TRAFILATURA_OPTIONS`` in crawler/extract/body.py.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.extract import body as body_module
from crawler.extract.article import extract_article
from crawler.extract.record import ExtractionError
from tests.extract_cases import corpus_cases, prf

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
        for case in cases:
            t0 = time.perf_counter()
            try:
                text = extract_article(case.page).text
            except ExtractionError:
                text = ""
            times.append(time.perf_counter() - t0)
            if case.expected.get("text"):
                scores.append(prf(text, case.expected["text"], case.expected.get("language")))
        p, r, f = (statistics.mean(s[i] for s in scores) for i in range(3))
        print(
            f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {statistics.median(times):.4f} | "
            f"{statistics.mean(times):.4f} |"
        )
    body_module.TRAFILATURA_OPTIONS = base


if __name__ == "__main__":
    run(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/corpus/articles"), sys.argv[2:] or None)
