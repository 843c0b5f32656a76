"""Time newsarchive's extract_article against plain trafilatura.bare_extraction, in-process.

Not part of the test run. Usage (from the repo root):
    .venv/bin/python -m bench.bench_extract [CASE_DIR ...] [--runs 5]   (default: both DEV sets)
Each run times every page once per system (after one warm-up pass); prints, per system, the median over runs
of the per-page median and of the per-page mean, and our/trafilatura ratios. trafilatura is called the way
the team's extraction scorer (``make score``) calls it (raw bytes, with metadata).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from pathlib import Path

from newsarchive.crawler.extract.article import extract_article
from newsarchive.crawler.extract.page import RawPage
from newsarchive.crawler.extract.record import ExtractionError

ZH, EN = Path("tests/fixtures/corpus/articles"), Path("tests/fixtures/corpus/articles_en")


def ours(page: RawPage) -> None:
    with contextlib.suppress(ExtractionError):
        extract_article(page)


def plain_trafilatura(page: RawPage) -> None:
    import trafilatura

    trafilatura.bare_extraction(page.body, url=page.url, with_metadata=True)


def load(folder: Path) -> list[RawPage]:
    return [
        RawPage(url=f"http://bench.invalid/{p.stem}.html", body=p.read_bytes())
        for p in sorted(folder.glob("*.html"))
    ]


def time_pages(fn, pages: list[RawPage]) -> list[float]:
    times = []
    for page in pages:
        start = time.perf_counter()
        fn(page)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*", type=Path, default=[ZH, EN])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    for folder in args.cases:
        print(f"## {folder}")
        report(load(folder), args.runs)


def report(pages: list[RawPage], runs: int) -> None:
    systems = {"newsarchive": ours, "trafilatura": plain_trafilatura}
    for fn in systems.values():  # warm-up: imports and caches
        time_pages(fn, pages[:5])
    medians: dict[str, list[float]] = {k: [] for k in systems}
    means: dict[str, list[float]] = {k: [] for k in systems}
    for _ in range(runs):
        for name, fn in systems.items():
            times = time_pages(fn, pages)
            medians[name].append(statistics.median(times))
            means[name].append(statistics.mean(times))
    print(f"{len(pages)} pages, {runs} runs (seconds per page)")
    print("| system | median of per-page medians | median of per-page means |")
    print("|---|---|---|")
    for name in systems:
        print(f"| {name} | {statistics.median(medians[name]):.4f} | {statistics.median(means[name]):.4f} |")
    ratio_median = statistics.median(medians["newsarchive"]) / statistics.median(medians["trafilatura"])
    ratio_mean = statistics.median(means["newsarchive"]) / statistics.median(means["trafilatura"])
    print(f"ratio newsarchive/trafilatura: median {ratio_median:.2f}x, mean {ratio_mean:.2f}x")


if __name__ == "__main__":
    main()
