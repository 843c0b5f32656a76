"""The scale benchmark (issue 13): N small institute sites, each on its own loopback address, crawled with the
default polite settings: the first full crawl and the next day's incremental run. Not part of ``make test``.

    .venv/bin/python -m bench.scale                       # 1,000 sites, 3 runs (make bench-scale)
    .venv/bin/python -m bench.scale --quick               # 50 sites, 1 run: a smoke check
    .venv/bin/python -m bench.scale --sites 200 --runs 1 --json out.json --keep
    .venv/bin/python -m bench.scale --distributed 1,2     # enqueue + 1, then 2 workers + a writer on Redis

Each run starts the many-sites servers (``sitekit.manyhosts`` in SERVER_PROCESSES processes, see
``bench/scale_hosts.py``) and writes a sites.toml that gives each site only its start URL, host, language
and charset, so every politeness default holds (robots.txt, AutoThrottle, the 1 s delay, 2 requests per
host). Then, measured by ``bench/measure.py``: (1) ``newsarchive crawl --all`` into a fresh archive; (2) the
stage switch (every site publishes 2 articles, every 10th corrects its newest one); (3) ``newsarchive crawl
--all`` as the next day's cron run (``NEWSARCHIVE_RECHECK_YOUNG_HOURS=0``: a day has passed, so the young
articles are due a re-check). After each crawl: the servers' side (requests, 304s, the highest number of
requests any host was answering at once, against the configured per-host concurrency), the archive
against the sites' truth through ``storage.queries`` (articles missed, new ones missed, corrections caught)
and the CRITICAL and ERROR lines of the crawl's log. ``--distributed`` runs the same stages through
``newsarchive enqueue``/``worker``/``writer`` (``bench/scale_distributed.py``). ``bench/scale_report.py``
prints the medians over the runs and the issue's targets.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsarchive.crawler.settings import CONCURRENT_REQUESTS_PER_DOMAIN

from .archive_figures import changed_articles, version_counts
from .measure import become_subreaper, run_measured
from .run import newsarchive_command, set_args
from .scale_hosts import HostsProcesses, served
from .scale_report import print_report, summarize

ROOT = Path(__file__).resolve().parent.parent
SEED = "newsarchive-scale"
DEFAULT_SITES, DEFAULT_RUNS = 1000, 3
QUICK_SITES = 50
SERVER_PROCESSES = 2  # the sites are split over this many server processes
LATENCY_MS = 20.0  # each answer takes this long, as a near server's would (and overlaps become visible)
NEXT_DAY = {"NEWSARCHIVE_RECHECK_YOUNG_HOURS": "0"}  # a day after the first crawl, young articles are due
GROUP = "scale"
LOG_TAIL_LINES = 15  # of a failed crawl's error output, printed
# Scrapy's log format: "2024-06-14 18:00:00 [logger] LEVEL: message"; traceback lines do not match
LOG_LINE = re.compile(rb"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[([^\]]*)\] ([A-Z]+): ")

Crawl = Callable[["ScaleRun", str, dict[str, str]], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Options:
    sites: int
    runs: int
    workers: tuple[int, ...]  # --distributed: worker counts to measure, in turn; () = one process
    keep: bool
    json_out: Path | None
    latency_ms: float
    server_processes: int

    def modes(self) -> list[str]:
        return [f"workers-{w}" for w in self.workers] or ["single"]


@dataclass(slots=True)
class ScaleRun:
    """One run of one mode: its folder, the sites' servers and (distributed) the Redis URL."""

    workdir: Path
    hosts: HostsProcesses
    redis_url: str | None = None

    @property
    def db(self) -> Path:
        return self.workdir / "archive.db"

    @property
    def sites_file(self) -> Path:
        return self.workdir / "sites.toml"


# --------------------------------------------------------------------------- one run


def run_once(number: int, mode: str, options: Options) -> dict[str, Any]:
    """Servers up, sites.toml written, the first crawl, the stage switch, the daily run."""
    workdir = Path(tempfile.mkdtemp(prefix=f"newsarchive-scale-{number}-{mode}-"))
    started = time.perf_counter()
    hosts = HostsProcesses(
        sys.executable,
        ROOT,
        sites=options.sites,
        blocks=options.server_processes,
        seed=SEED,
        latency_ms=options.latency_ms,
        logs=workdir,
    )
    try:
        run = ScaleRun(workdir, hosts)
        truth = hosts.truth()
        write_sites(run.sites_file, truth)
        _progress(
            number,
            mode,
            f"{len(truth)} sites up ({hosts.pages} pages, {options.server_processes} server processes) in "
            f"{time.perf_counter() - started:.0f} s",
        )
        stages = run_stages(run, number, mode)
        return {"run": number, "mode": mode, "sites": len(truth), "pages": hosts.pages, "stages": stages}
    finally:
        hosts.stop()
        if options.keep:
            print(f"  kept {workdir}", flush=True)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run_stages(run: ScaleRun, number: int, mode: str) -> dict[str, Any]:
    if mode == "single":
        return _stages(run, number, mode, single_crawl)
    from .scale_distributed import RedisServer, distributed_crawl

    workers = int(mode.removeprefix("workers-"))
    with RedisServer(run.workdir) as redis:
        run.redis_url = redis.url
        return _stages(run, number, mode, distributed_crawl(workers))


def _stages(run: ScaleRun, number: int, mode: str, crawl: Crawl) -> dict[str, Any]:
    stages = {"full": measure_stage(run, "full", crawl, {})}
    _progress(number, mode, _line("full", stages["full"]))
    run.hosts.next_day()
    stages["daily"] = measure_stage(run, "daily", crawl, NEXT_DAY)
    _progress(number, mode, _line("daily", stages["daily"]))
    return stages


def measure_stage(run: ScaleRun, name: str, crawl: Crawl, settings: dict[str, str]) -> dict[str, Any]:
    """One crawl of every site, measured; then what the servers saw and what the archive holds."""
    run.hosts.reset()
    server_cpu = run.hosts.cpu_seconds()
    figures = crawl(run, name, settings)
    figures["server_cpu_s"] = run.hosts.cpu_seconds() - server_cpu
    figures |= served(run.hosts.stats())
    figures["configured_per_host"] = CONCURRENT_REQUESTS_PER_DOMAIN
    truth = run.hosts.truth()
    figures["sites"] = len(truth)
    figures |= archive_check(run.db, truth)
    if figures["exit_code"] != 0:
        _show_failure(run.workdir, name)
    return figures


def _show_failure(workdir: Path, stage: str) -> None:
    """The last lines of a failed stage's error output (every process of it)."""
    for path in sorted(workdir.glob(f"{stage}*.err")):
        tail = path.read_text(encoding="utf-8", errors="replace").splitlines()[-LOG_TAIL_LINES:]
        print(f"  {path.name}: last lines", file=sys.stderr)
        for line in tail:
            print(f"    {line}", file=sys.stderr)


def write_sites(path: Path, truth: list[dict[str, Any]]) -> None:
    """A sites.toml naming every site with nothing but its start URL, host, language and charset: every
    politeness setting keeps the project's default."""
    lines = [
        "# generated by bench/scale.py: the many-sites simulation (sitekit.manysites), default politeness"
    ]
    for site in truth:
        lines += [
            f"[sites.{site['name']}]",
            f"start_urls = [{json.dumps(site['start_url'])}]",
            f"allowed_domains = [{json.dumps(site['host'])}]",
            'language = "zh"',
            'charset = "gbk"',
            f'group = "{GROUP}"',
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------- one process


def single_crawl(run: ScaleRun, name: str, settings: dict[str, str]) -> dict[str, Any]:
    """``newsarchive crawl --all`` in one process, measured with its descendants."""
    log = run.workdir / f"{name}.log"
    cmd = [newsarchive_command(), "crawl", "--all", "--db", str(run.db), "--sites", str(run.sites_file)]
    cmd += ["--log-file", str(log), "--json", *set_args(settings)]
    usage = run_measured(
        cmd,
        cwd=run.workdir,
        env=clean_env(),
        stdout=run.workdir / f"{name}.out",
        stderr=run.workdir / f"{name}.err",
        keep=run.hosts.pids,
    )
    figures = asdict(usage)
    figures["outcomes"] = outcome_statuses(run.workdir / f"{name}.out")
    figures["log"] = log_counts([log, run.workdir / f"{name}.err"])
    return figures


def clean_env() -> dict[str, str]:
    """Our environment without the archive and sites overrides (the benchmark names its own)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVE_")}


def outcome_statuses(path: Path) -> dict[str, int]:
    """Sites per run status, from ``crawl --json``."""
    try:
        outcomes = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(Counter(o["status"] for o in outcomes))


def log_counts(paths: Iterable[Path]) -> dict[str, int]:
    """Log lines per level (and Scrapy's periodic LogStats lines, and Twisted's AlreadyCalledError)."""
    counts: Counter[str] = Counter()
    for path in paths:
        if not path.exists():
            continue
        with path.open("rb") as lines:
            for line in lines:
                match = LOG_LINE.match(line)
                if match:
                    counts[match.group(2).decode().lower()] += 1
                    counts["logstats"] += match.group(1) == b"scrapy.extensions.logstats"
                counts["already_called"] += b"AlreadyCalledError" in line
    return {
        key: counts[key] for key in ("critical", "error", "warning", "info", "logstats", "already_called")
    }


# --------------------------------------------------------------------------- the archive against the truth


def archive_check(db: Path, truth: list[dict[str, Any]]) -> dict[str, Any]:
    """Which of the sites' articles the archive holds, new ones included, and which corrections it caught."""
    urls = [u for s in truth for u in s["articles"]]
    counts = version_counts(db, urls) if db.exists() else dict.fromkeys(urls, 0)
    missed = [u for u in urls if counts[u] == 0]
    new = [u for s in truth for u in s["new"]]
    edited = [u for s in truth for u in s["edited"]]
    caught = sum(1 for u in edited if counts[u] > 1)
    return {
        "articles_total": len(urls),
        "articles_missed": len(missed),
        "missed_examples": missed[:5],
        "new_total": len(new),
        "new_missed": sum(1 for u in new if counts[u] == 0),
        "edits_total": len(edited),
        "edits_caught": caught,
        "false_changes": changed_articles(db) - caught if db.exists() else 0,
    }


# --------------------------------------------------------------------------- entry point


def _progress(number: int, mode: str, message: str) -> None:
    print(f"[run {number}, {mode}] {message}", flush=True)


def _line(name: str, f: dict[str, Any]) -> str:
    log = f.get("log", {})
    return (
        f"{name}: {f['wall_s']:.1f} s, CPU {f['cpu_s']:.1f} s, peak RSS {f['max_rss'] / 2**20:.0f} MiB, "
        f"{f['requests']} requests ({f['not_modified']} x 304), host peak {f['host_peak']}/"
        f"{f['configured_per_host']}, missed {f['articles_missed']}/{f['articles_total']}, "
        f"CRITICAL {log.get('critical', 0)}, ERROR {log.get('error', 0)}, exit {f['exit_code']}"
    )


def _workers(value: str) -> tuple[int, ...]:
    try:
        workers = tuple(int(w) for w in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected worker counts such as 2 or 1,2, got {value!r}") from None
    if not workers or min(workers) < 1:
        raise argparse.ArgumentTypeError(f"worker counts must be 1 or more, got {value!r}")
    return workers


def parse_args(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, help=f"sites to simulate (default {DEFAULT_SITES})")
    parser.add_argument("--runs", type=int, help=f"runs to take medians over (default {DEFAULT_RUNS})")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SITES} sites, 1 run: a smoke check")
    parser.add_argument(
        "--distributed",
        type=_workers,
        default=(),
        metavar="WORKERS",
        help="crawl through Redis: enqueue + WORKERS worker processes + a writer (e.g. 2, or 1,2 for both)",
    )
    parser.add_argument("--latency-ms", type=float, default=LATENCY_MS, help="server answer time")
    parser.add_argument(
        "--server-processes", type=int, default=SERVER_PROCESSES, help="processes serving the sites"
    )
    parser.add_argument("--keep", action="store_true", help="keep each run's folder (archive, logs)")
    parser.add_argument("--json", dest="json_out", type=Path, help="write every figure to this JSON file")
    args = parser.parse_args(argv)
    sites = args.sites or (QUICK_SITES if args.quick else DEFAULT_SITES)
    runs = args.runs or (1 if args.quick else DEFAULT_RUNS)
    return Options(
        sites, runs, args.distributed, args.keep, args.json_out, args.latency_ms, args.server_processes
    )


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if not become_subreaper():
        print(
            "warning: cannot adopt orphaned processes; CPU of extraction workers may be missed",
            file=sys.stderr,
        )
    started = time.perf_counter()
    runs = [run_once(i + 1, mode, options) for i in range(options.runs) for mode in options.modes()]
    summary = summarize(runs)
    config = {
        "sites": options.sites,
        "runs": options.runs,
        "modes": options.modes(),
        "latency_ms": options.latency_ms,
        "server_processes": options.server_processes,
        "configured_per_host": CONCURRENT_REQUESTS_PER_DOMAIN,
        "cpus": os.cpu_count(),
        "total_s": time.perf_counter() - started,
    }
    print_report(config, summary)
    if options.json_out:
        options.json_out.write_text(
            json.dumps({"config": config, "runs": runs, "summary": summary}, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
