"""The scale benchmark's report: medians per mode and stage, per-process figures, issue 13's targets.

``bench/scale.py`` collects one dict of figures per stage per run and mode ("single", or "workers-W" in
distributed mode); ``summarize`` takes the medians (ratios per run, then their median; "every" targets show
the worst run), ``print_report`` prints the tables. The same summary goes to ``--json``.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from .report import Target, target_table

MIB, GIB = 2**20, 2**30
STAGES = {"full": "first full crawl", "daily": "next day (2 new per site)"}
METRICS = (
    "wall_s",
    "cpu_s",
    "max_rss",
    "tree_pss",
    "processes",
    "requests",
    "not_modified",
    "host_peak",
    "articles_missed",
    "new_missed",
    "edits_caught",
    "edits_total",
    "false_changes",
    "server_cpu_s",
    "articles_per_s",
)
LOG_METRICS = ("critical", "error", "logstats", "already_called")
# issue 13's targets, for 1,000 sites on one machine with default politeness
FULL_MAX_S = 8 * 60
DAILY_MAX_S = 2 * 60
RSS_MAX = 1 * GIB
WORKERS_MIN_RATIO = 1.6  # articles/s of 2 workers over 1 worker

Run = dict[str, Any]


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _articles_per_s(stage: str, f: dict[str, Any]) -> float:
    """Articles the crawl had to archive per second: all of them at first, the new ones the next day."""
    done = f.get("articles_total", 0) if stage == "full" else f.get("new_total", 0)
    return done / f["wall_s"] if f.get("wall_s") else 0.0


def summarize(runs: list[Run]) -> dict[str, Any]:
    """Per mode and stage, the median of every figure over the runs; per process too; then the targets."""
    modes: dict[str, dict[str, Any]] = {}
    for mode in dict.fromkeys(r["mode"] for r in runs):
        mine = [r for r in runs if r["mode"] == mode]
        modes[mode] = {}
        for stage in STAGES:
            figures = [
                r["stages"][stage] | {"articles_per_s": _articles_per_s(stage, r["stages"][stage])}
                for r in mine
            ]
            medians = {m: _median([f[m] for f in figures if m in f]) for m in METRICS}
            medians |= {f"log_{m}": _median([f["log"].get(m, 0) for f in figures]) for m in LOG_METRICS}
            medians["per_process"] = _per_process(figures)
            modes[mode][stage] = medians
    return {"modes": modes, "targets": [asdict(t) for t in targets(runs)]}


def _per_process(figures: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Distributed mode: medians of each process's wall, CPU and peak RSS (enqueue, worker-N, writer)."""
    names = dict.fromkeys(n for f in figures for n in f.get("per_process", {}))
    return {
        name: {
            key: _median([f["per_process"][name][key] for f in figures if name in f.get("per_process", {})])
            for key in ("wall_s", "cpu_s", "max_rss", "tree_pss")
        }
        for name in names
    }


def targets(runs: list[Run]) -> list[Target]:
    out = []
    for mode in dict.fromkeys(r["mode"] for r in runs):
        mine = [r for r in runs if r["mode"] == mode]
        out += _mode_targets(mode, mine)
    w1 = [r for r in runs if r["mode"] == "workers-1"]
    w2 = [r for r in runs if r["mode"] == "workers-2"]
    if w1 and w2:
        ratios = [
            _articles_per_s("full", b["stages"]["full"]) / _articles_per_s("full", a["stages"]["full"])
            for a, b in zip(w1, w2, strict=False)
            if _articles_per_s("full", a["stages"]["full"])
        ]
        value = _median(ratios)
        out.append(
            Target(
                "2 workers / 1 worker, articles/s (first crawl)",
                value,
                f"{value:.2f}x",
                f">= {WORKERS_MIN_RATIO}x",
                value >= WORKERS_MIN_RATIO,
                ratios,
            )
        )
    return out


def _mode_targets(mode: str, runs: list[Run]) -> list[Target]:
    def stage(name: str, key: Callable[[dict[str, Any]], float]) -> list[float]:
        return [float(key(r["stages"][name])) for r in runs]

    out = []
    for name, limit in (("full", FULL_MAX_S), ("daily", DAILY_MAX_S)):
        walls = stage(name, lambda f: f["wall_s"])
        value = _median(walls)
        failed = any(stage(name, lambda f: f["exit_code"] != 0))  # a failed crawl's wall proves nothing
        out.append(
            Target(
                f"{mode}: {STAGES[name]}, wall" + (" (a crawl failed)" if failed else ""),
                value,
                f"{value:.0f} s",
                f"<= {limit} s",
                value <= limit and not failed,
                walls,
            )
        )
    peaks = [max(r["stages"][s]["max_rss"] for s in STAGES) for r in runs]
    value = _median(peaks)
    out.append(
        Target(
            f"{mode}: peak RSS, largest process",
            value,
            f"{value / MIB:.0f} MiB",
            "<= 1 GiB",
            value <= RSS_MAX,
            peaks,
        )
    )
    worst: list[tuple[str, Callable[[dict[str, Any]], float], str]] = [
        ("crawls that did not exit 0", lambda f: f["exit_code"] != 0, "0"),
        (
            "sites whose run did not end ok",
            lambda f: f["sites"] - f["outcomes"].get("ok", 0),
            "0",
        ),
        ("articles missed", lambda f: f["articles_missed"], "0"),
        ("new articles missed (next day)", lambda f: f.get("new_missed", 0), "0"),
        (
            "corrections not caught (next day)",
            lambda f: f.get("edits_total", 0) - f.get("edits_caught", 0),
            "0",
        ),
        ("unedited articles given a new version", lambda f: f.get("false_changes", 0), "0"),
        ("CRITICAL + ERROR log lines", lambda f: f["log"]["critical"] + f["log"]["error"], "0"),
    ]
    configured = runs[0]["stages"]["full"]["configured_per_host"]
    peaks = [max(r["stages"][s]["host_peak"] for s in STAGES) for r in runs]
    out.append(
        Target(
            f"{mode}: highest per-host concurrency (server side)",
            max(peaks),
            f"{max(peaks):.0f} (worst)",
            f"<= {configured}",
            max(peaks) <= configured,
            peaks,
        )
    )
    for title, key, limit in worst:
        values = [max(key(r["stages"][s]) for s in STAGES) for r in runs]
        value = max(values)
        out.append(Target(f"{mode}: {title}", value, f"{value:.0f} (worst)", limit, value <= 0, values))
    return out


# --------------------------------------------------------------------------- printing


def print_report(config: dict[str, Any], summary: dict[str, Any]) -> None:
    print()
    print(
        f"newsarchive scale benchmark: {config['sites']} sites, each on its own 127.0.x.y, default politeness"
        " "
        f"({config['configured_per_host']} requests per host), answers take {config['latency_ms']:.0f} ms; "
        f"{config['runs']} run(s), {config['cpus']} CPUs, {config['server_processes']} server processes; "
        f"{config['total_s'] / 60:.1f} min in all (medians over runs)"
    )
    for mode, stages in summary["modes"].items():
        print()
        _mode_table(mode, stages)
    print()
    print("targets are issue 13's, for 1,000 sites (at fewer sites the walls are not comparable)")
    target_table([Target(**t) for t in summary["targets"]])


def _mode_table(mode: str, stages: dict[str, dict[str, Any]]) -> None:
    header = (
        f"{mode:<28} {'wall s':>7} {'CPU s':>7} {'RSS MiB':>7} {'tree PSS':>8} {'requests':>8} {'304s':>6} "
        f"{'host peak':>9} {'missed':>6} {'new missed':>10} {'edits':>7} {'CRIT':>5} {'ERROR':>5} "
        f"{'LogStats':>8} {'art/s':>6} {'server CPU':>10}"
    )
    print(header)
    print("-" * len(header))
    for stage, title in STAGES.items():
        f = stages[stage]
        print(
            f"{title:<28} {f['wall_s']:>7.1f} {f['cpu_s']:>7.1f} {f['max_rss'] / MIB:>7.0f} "
            f"{f['tree_pss'] / MIB:>8.0f} {f['requests']:>8.0f} {f['not_modified']:>6.0f} "
            f"{f['host_peak']:>9.0f} "
            f"{f['articles_missed']:>6.0f} {f['new_missed']:>10.0f} "
            f"{f['edits_caught']:>3.0f}/{f['edits_total']:<3.0f} "
            f"{f['log_critical']:>5.0f} {f['log_error']:>5.0f} "
            f"{f['log_logstats']:>8.0f} {f['articles_per_s']:>6.1f} {f['server_cpu_s']:>10.1f}"
        )
        for name, p in f["per_process"].items():
            print(
                f"  {name:<26} {p['wall_s']:>7.1f} {p['cpu_s']:>7.1f} {p['max_rss'] / MIB:>7.0f} "
                f"{p['tree_pss'] / MIB:>8.0f}"
            )
    print(
        "CPU: user + system of the crawl's processes and their descendants; RSS: the largest single process; "
        "tree PSS: the processes summed; host peak: the most requests one host was answering at once "
        "(server side); edits: corrections caught / made"
    )
