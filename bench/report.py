"""The crawl benchmark's report: medians over runs per stage, ratios to the plain spider, targets.

``bench/run.py`` collects one dict of figures per stage per run; ``summarize`` takes medians (ratios are
computed per run, then the median taken) and checks the targets of issue 4; ``print_report`` prints the
tables. The same summary goes to ``--json``.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from .measure import SAMPLE_INTERVAL_S

MIB = 2**20
MB = 10**6
STAGES = ("plain", "full", "recrawl", "mutated", "revalidate")
STAGE_TITLES = {
    "plain": "plain Scrapy + trafilatura, full crawl",
    "full": "ours: crawl --full",
    "recrawl": "ours: crawl (unchanged site)",
    "mutated": "ours: crawl (next day, after edits + new)",
    "revalidate": "ours: crawl --revalidate",
}
METRICS = (
    "wall_s",
    "cpu_s",
    "cpu_ms_per_page",
    "pages",
    "not_modified",
    "pages_per_s",
    "bytes_fetched",
    "max_rss",
    "tree_rss",
    "tree_pss",
    "processes",
    "raw_stored_added",
    "raw_bytes_added",
    "server_cpu_s",
)
# issue 4's targets
RECRAWL_MAX_SHARE = 0.03  # unchanged re-crawl wall time / full crawl wall time
REVALIDATE_MAX_SHARE = 0.15  # --revalidate wall time / full crawl wall time
THROUGHPUT_MIN_RATIO = 1.5  # our full crawl pages/s / the plain spider's ...
INDEP_THROUGHPUT_MIN_RATIO = 2.0  # ... on the independent site (issue 13)
RAW_MAX_SHARE = 0.15  # raw archive bytes / raw bytes fetched, full crawl
RSS_MAX = 300 * MIB  # peak memory of our crawls

Run = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    value: float  # median over runs (or the worst run, for "every ..." targets)
    shown: str
    limit: str
    passed: bool | None  # None: a figure without a target
    per_run: list[float]


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


ARCHIVE_METRICS = {"archive_bytes": "file_bytes", "articles": "articles", "versions": "versions"}


def stages_of(runs: list[Run]) -> list[str]:
    """The stages every run has (a site that does not change has no "mutated" crawl)."""
    return [stage for stage in STAGES if all(stage in r["stages"] for r in runs)]


def summarize(runs: list[Run]) -> dict[str, Any]:
    """Per stage, the median of every figure over the runs; then the targets."""
    stages: dict[str, dict[str, float]] = {}
    for stage in stages_of(runs):
        figures = [r["stages"][stage] for r in runs]
        stages[stage] = {m: _median([f[m] for f in figures if m in f]) for m in METRICS}
        for name, key in ARCHIVE_METRICS.items():
            stages[stage][name] = _median([f["archive"][key] for f in figures if "archive" in f])
    return {"stages": stages, "targets": [asdict(t) for t in targets(runs)]}


def _ratio(runs: list[Run], value: Callable[[Run], float]) -> list[float]:
    return [value(r) for r in runs]


def _share(a: float, b: float) -> float:
    return a / b if b and a == a and b == b else float("nan")


def _every(runs: list[Run], stage: str, caught: str, total: str) -> tuple[float, str, list[float]]:
    """The worst run's caught/total of a mutation check, and how to show it."""
    pairs = [(r["stages"][stage][caught], r["stages"][stage][total]) for r in runs]
    shares = [_share(c, t) if t else 1.0 for c, t in pairs]
    worst = min(range(len(pairs)), key=lambda i: shares[i])
    c, t = pairs[worst]
    return shares[worst], f"{c}/{t}" + (" (worst run)" if len(runs) > 1 else ""), shares


def targets(runs: list[Run]) -> list[Target]:
    s = lambda r, stage: r["stages"][stage]  # noqa: E731
    out = []
    recrawl = _ratio(runs, lambda r: _share(s(r, "recrawl")["wall_s"], s(r, "full")["wall_s"]))
    out.append(
        Target(
            "unchanged re-crawl wall / full crawl wall",
            _median(recrawl),
            f"{_median(recrawl):.1%}",
            f"<= {RECRAWL_MAX_SHARE:.0%}",
            _median(recrawl) <= RECRAWL_MAX_SHARE,
            recrawl,
        )
    )
    if "mutated" in stages_of(runs):
        out += _mutation_targets(runs)
    reval = _ratio(runs, lambda r: _share(s(r, "revalidate")["wall_s"], s(r, "full")["wall_s"]))
    out.append(
        Target(
            "--revalidate wall / full crawl wall",
            _median(reval),
            f"{_median(reval):.1%}",
            f"<= {REVALIDATE_MAX_SHARE:.0%}",
            _median(reval) <= REVALIDATE_MAX_SHARE,
            reval,
        )
    )
    speed = _ratio(runs, lambda r: _share(s(r, "full")["pages_per_s"], s(r, "plain")["pages_per_s"]))
    least = INDEP_THROUGHPUT_MIN_RATIO if runs[0].get("kind") == "indep" else THROUGHPUT_MIN_RATIO
    out.append(
        Target(
            "full crawl pages/s / plain spider pages/s",
            _median(speed),
            f"{_median(speed):.2f}x",
            f">= {least}x",
            _median(speed) >= least,
            speed,
        )
    )
    raw = _ratio(runs, lambda r: _share(s(r, "full")["raw_stored_added"], s(r, "full")["bytes_fetched"]))
    out.append(
        Target(
            "raw archive / raw bytes fetched (full crawl)",
            _median(raw),
            f"{_median(raw):.1%}",
            f"<= {RAW_MAX_SHARE:.0%}",
            _median(raw) <= RAW_MAX_SHARE,
            raw,
        )
    )
    ours = [st for st in stages_of(runs) if st != "plain"]
    for key, name in (
        ("max_rss", "peak RSS, largest single process"),
        ("tree_pss", "peak memory of the process tree (PSS)"),
    ):
        peak = _ratio(runs, lambda r, key=key: max(s(r, st)[key] for st in ours))
        out.append(
            Target(
                f"our crawls: {name}",
                _median(peak),
                f"{_median(peak) / MIB:.0f} MiB",
                f"<= {RSS_MAX // MIB} MiB",
                _median(peak) <= RSS_MAX,
                peak,
            )
        )
    return out + _info(runs)


def _mutation_targets(runs: list[Run]) -> list[Target]:
    out = []
    for caught, total, name in (
        ("new_archived", "new_total", "next-day crawl: new articles archived"),
        ("young_caught", "young_edits", "next-day crawl: edits inside the window caught"),
    ):
        value, shown, per_run = _every(runs, "mutated", caught, total)
        out.append(Target(name, value, shown, "all", value == 1.0, per_run))
    value, shown, per_run = _every(runs, "mutated", "old_caught", "old_edits")
    out.append(Target("next-day crawl: older edits caught (not its job)", value, shown, "-", None, per_run))
    value, shown, per_run = _every(runs, "revalidate", "edits_caught", "edits_total")
    out.append(Target("--revalidate: edits caught (all ages)", value, shown, "all", value == 1.0, per_run))
    return out


def _info(runs: list[Run]) -> list[Target]:
    """Figures without a target: how the full crawl compares with the plain spider, archive size, noise."""
    s = lambda r, stage: r["stages"][stage]  # noqa: E731
    per_article = _ratio(
        runs, lambda r: _share(s(r, "full")["archive"]["file_bytes"], s(r, "full")["archive"]["articles"])
    )
    cpu = _ratio(runs, lambda r: _share(s(r, "full")["cpu_ms_per_page"], s(r, "plain")["cpu_ms_per_page"]))
    wall = _ratio(runs, lambda r: _share(s(r, "full")["wall_s"], s(r, "plain")["wall_s"]))
    rss = _ratio(runs, lambda r: _share(s(r, "full")["max_rss"], s(r, "plain")["max_rss"]))
    out = [
        Target(
            "archive bytes per article (db + WAL, full crawl)",
            _median(per_article),
            f"{_median(per_article) / 1024:.1f} KiB",
            "-",
            None,
            per_article,
        ),
        Target(
            "full crawl CPU per page / plain spider's", _median(cpu), f"{_median(cpu):.2f}x", "-", None, cpu
        ),
        Target("full crawl wall / plain spider's", _median(wall), f"{_median(wall):.2f}x", "-", None, wall),
        Target("full crawl peak RSS / plain spider's", _median(rss), f"{_median(rss):.2f}x", "-", None, rss),
    ]
    if "mutated" in stages_of(runs):
        false = _ratio(
            runs, lambda r: max(s(r, "mutated")["false_changes"], s(r, "revalidate")["false_changes"])
        )
        out.append(
            Target(
                "unedited articles given a new version",
                max(false),
                f"{max(false):.0f}",
                "0",
                max(false) == 0,
                false,
            )
        )
    return out


# --------------------------------------------------------------------------- printing


def print_report(config: dict[str, Any], runs: list[Run], summary: dict[str, Any]) -> None:
    site, mutation = runs[0]["site"], runs[0]["mutation"]
    sizes = site["page_bytes"]
    print()
    print(
        f"newsarchive crawl benchmark ({config.get('site', 'bench')} site): {site['articles']} articles, "
        f"{site['rendered_pages']} pages (median {sizes['median'] / 1024:.0f} KB, "
        f"{sizes['min'] / 1024:.0f}-{sizes['max'] / 1024:.0f} KB), {config['runs']} run(s), "
        f"{config['cpus']} CPUs, extraction workers: "
        f"{'project default' if config['workers'] is None else config['workers']}; "
        f"{config['total_s'] / 60:.1f} min in all"
    )
    if mutation:
        print(
            f"mutation: {mutation['edits']} edits ({mutation['young_edits']} inside the re-check window), "
            f"{mutation['new']} new articles; medians over runs"
        )
    print()
    _stage_table(summary["stages"])
    print()
    target_table([Target(**t) for t in summary["targets"]])


def _stage_table(stages: dict[str, dict[str, float]]) -> None:
    header = (
        f"{'crawl':<42} {'wall s':>7} {'CPU s':>7} {'CPU ms/page':>11} {'pages':>6} {'304s':>5} "
        f"{'pages/s':>8} {'MB fetched':>10} {'server CPU s':>12}"
    )
    print(header)
    print("-" * len(header))
    for stage in stages:
        f = stages[stage]
        print(
            f"{STAGE_TITLES[stage]:<42} {f['wall_s']:>7.1f} {f['cpu_s']:>7.1f} {f['cpu_ms_per_page']:>11.1f} "
            f"{f['pages']:>6.0f} {f['not_modified']:>5.0f} {f['pages_per_s']:>8.1f} "
            f"{f['bytes_fetched'] / MB:>10.1f} {f['server_cpu_s']:>12.1f}"
        )
    print(
        "CPU: user + system of the crawl's process and all its descendants; "
        "pages: requests the server answered"
    )
    print()
    header = (
        f"{'memory and archive':<42} {'RSS MiB':>7} {'tree RSS':>8} {'tree PSS':>8} {'procs':>5} "
        f"{'archive MB':>10} {'articles':>8} {'versions':>8} {'raw kept':>8}"
    )
    print(header)
    print("-" * len(header))
    for stage in stages:
        f = stages[stage]
        kept = _share(f["raw_stored_added"], f["bytes_fetched"])
        print(
            f"{STAGE_TITLES[stage]:<42} {f['max_rss'] / MIB:>7.0f} {f['tree_rss'] / MIB:>8.0f} "
            f"{f['tree_pss'] / MIB:>8.0f} {f['processes']:>5.0f} {_num(f['archive_bytes'] / MB, 1):>10} "
            f"{_num(f['articles']):>8} {_num(f['versions']):>8} {_pct(kept):>8}"
        )
    print(
        "RSS: the largest single process; tree: the process and its workers summed (sampled every "
        f"{SAMPLE_INTERVAL_S} s); raw kept: compressed bytes added to raw_pages / body bytes fetched "
        "by that crawl"
    )


def _num(value: float, digits: int = 0) -> str:
    return "-" if value != value else f"{value:.{digits}f}"


def _pct(value: float) -> str:
    return "-" if value != value else f"{value:.1%}"


def target_table(rows: list[Target]) -> None:
    header = f"{'figure':<52} {'value':>22} {'target':>10}  verdict"
    print(header)
    print("-" * len(header))
    for t in rows:
        verdict = "" if t.passed is None else ("PASS" if t.passed else "FAIL")
        print(f"{t.name:<52} {t.shown:>22} {t.limit:>10}  {verdict}")
