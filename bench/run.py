"""The crawl benchmark (issue 4): our incremental crawler against a plain Scrapy + trafilatura spider on a
large generated institute site served on 127.0.0.1. Not part of ``make test``.

    .venv/bin/python -m bench.run                  # 5,000 articles, 3 runs (make bench)
    .venv/bin/python -m bench.run --quick          # ~600 articles, 1 run: a smoke check (make bench-quick)
    .venv/bin/python -m bench.run --articles 8000 --runs 2 --workers 2 --json out.json
    .venv/bin/python -m bench.run --site indep --articles 1000   # the independent site (issue 13)

Each run starts the site's server (``bench/serve.py``, its own process) and then, each crawl a subprocess
measured by ``bench/measure.py``, with a fresh temporary archive: (1) the plain spider's full crawl,
(2) ``newsarchive crawl bench --full``, (3) ``newsarchive crawl bench`` on the unchanged site, (4) the site
edits 5 % of its articles and publishes 20 new ones, (5) ``newsarchive crawl bench`` as the next day's run
(``NEWSARCHIVE_RECHECK_YOUNG_HOURS=0``: everything young is due), (6) ``newsarchive crawl bench
--revalidate``. ``bench/report.py`` prints the medians and the targets. See bench/README.md. With ``--site
indep`` the site is ``bench/indep_site.py`` (real pages behind listings of its own markup), which does not
change: steps (4) and (5) are left out.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .archive_figures import changed_articles, read_figures, version_counts
from .measure import Usage, become_subreaper, cpu_seconds, run_measured
from .report import print_report, summarize
from .serve import ServerProcess

ROOT = Path(__file__).resolve().parent.parent

SITE = "bench"
SEED = "newsarchive-bench"
DEFAULT_ARTICLES = 5000
DEFAULT_RUNS = 3
QUICK_ARTICLES = 600
EDIT_FRACTION = 0.05  # share of the articles the site edits between crawls ...
NEW_ARTICLES = 20  # ... and how many it publishes
LOG_TAIL_LINES = 30  # of a failed crawl's log, printed
# Both crawlers: no delays, no AutoThrottle, the same concurrency; robots.txt stays on (both defaults)
CRAWL_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "INFO",
}
DESCRIPTIONS = {
    "bench": "benchmark institute site: TRS columns (GBK) and a Drupal newsroom",
    "indep": "independent benchmark site: real saved article pages behind listings of its own markup",
}
NEXT_DAY = {"NEWSARCHIVE_RECHECK_YOUNG_HOURS": "0"}  # right after a crawl nothing young is due yet
SPARE_LISTING_PAGES = 2  # over the longest listing: 20 new articles may add a page to it


@dataclass(frozen=True, slots=True)
class Options:
    site: str  # "bench" (bench/site.py) or "indep" (bench/indep_site.py)
    articles: int
    runs: int
    workers: int | None
    keep: bool
    json_out: Path | None


@dataclass(slots=True)
class RunContext:
    """One run: its folder, the site's server, our archive and the extra settings for our crawls."""

    workdir: Path
    server: ServerProcess
    ours_settings: dict[str, str]
    site: str = "bench"

    @property
    def db(self) -> Path:
        return self.workdir / "archive.db"

    @property
    def sites_file(self) -> Path:
        return self.workdir / "sites.toml"


# --------------------------------------------------------------------------- one run


def run_once(number: int, options: Options) -> dict[str, Any]:
    """One run on a fresh site and a fresh archive: every crawl of the benchmark, in order."""
    workdir = Path(tempfile.mkdtemp(prefix=f"newsarchive-bench-{number}-"))
    server = ServerProcess(
        sys.executable,
        ROOT,
        articles=options.articles,
        seed=SEED,
        log=workdir / "server.log",
        site=options.site,
    )
    try:
        ctx = RunContext(workdir, server, _our_settings(options, server.info), options.site)
        _write_inputs(ctx)
        info = server.info
        _progress(
            number,
            f"site ready: {info['articles']} articles, {info['rendered_pages']} pages "
            f"(median {info['page_bytes']['median'] / 1024:.0f} KB), {info['base_url']}",
        )
        stages, mutation = crawl_stages(ctx, number, mutate=options.site == "bench")
        return {
            "run": number,
            "kind": options.site,
            "site": {k: v for k, v in info.items() if k != "listing_urls"},
            "mutation": mutation
            and {
                "edits": len(mutation["edits"]),
                "young_edits": sum(e["young"] for e in mutation["edits"]),
                "new": len(mutation["new"]),
            },
            "stages": stages,
            "workdir": str(workdir),
        }
    finally:
        server.stop()
        if not options.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def crawl_stages(
    ctx: RunContext, number: int, *, mutate: bool = True
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The five crawls and the mutation between them; (figures per stage, what the site changed). Without
    ``mutate``: the plain, full, unchanged and --revalidate crawls of a site that does not change."""
    stages: dict[str, Any] = {}

    def record(name: str, figures: dict[str, Any]) -> None:
        stages[name] = figures
        _progress(number, _line(name, figures))

    record("plain", plain_crawl(ctx))
    record("full", our_crawl(ctx, "full", ["--full"]))
    record("recrawl", our_crawl(ctx, "recrawl", []))
    if not mutate:
        record("revalidate", our_crawl(ctx, "revalidate", ["--revalidate"]))
        return stages, None
    mutation = ctx.server.ask(cmd="mutate", edit=EDIT_FRACTION, publish=NEW_ARTICLES)
    record("mutated", our_crawl(ctx, "mutated", [], NEXT_DAY) | mutation_caught(ctx.db, mutation))
    record("revalidate", our_crawl(ctx, "revalidate", ["--revalidate"]) | mutation_caught(ctx.db, mutation))
    return stages, mutation


def _our_settings(options: Options, info: dict[str, Any]) -> dict[str, str]:
    settings = dict(CRAWL_SETTINGS)
    settings["NEWSARCHIVE_MAX_LISTING_PAGES"] = str(_listing_cap(info))
    if options.workers is not None:
        settings["NEWSARCHIVE_EXTRACT_WORKERS"] = str(options.workers)
    return settings


def _listing_cap(info: dict[str, Any]) -> int:
    """Listing pages per start URL that --full must be allowed to walk."""
    return int(info["max_listing_pages"]) + SPARE_LISTING_PAGES


def _write_inputs(ctx: RunContext) -> None:
    info = ctx.server.info
    start_urls = ", ".join(json.dumps(u) for u in info["start_urls"])
    ctx.sites_file.write_text(
        "# generated by bench/run.py: the benchmark site on this run's server\n"
        f"[sites.{SITE}]\n"
        f"description = {json.dumps(DESCRIPTIONS[ctx.site])}\n"
        f"start_urls = [{start_urls}]\n"
        'allowed_domains = ["127.0.0.1"]\n'
        f"max_pages = {_listing_cap(info)}\n"
        "delay = 0.0\n"
        f"concurrency = {CRAWL_SETTINGS['CONCURRENT_REQUESTS_PER_DOMAIN']}\n",
        encoding="utf-8",
    )
    (ctx.workdir / "listings.txt").write_text("\n".join(info["listing_urls"]) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- the crawls


def plain_crawl(ctx: RunContext) -> dict[str, Any]:
    out = ctx.workdir / "plain.jsonl"
    cmd = [
        sys.executable,
        str(ROOT / "bench" / "plain_spider.py"),
        "--listings",
        str(ctx.workdir / "listings.txt"),
        "--out",
        str(out),
        *set_args(CRAWL_SETTINGS),
    ]
    if "article_links_css" in ctx.server.info:  # a site with listing markup of its own
        cmd += ["--links", ctx.server.info["article_links_css"]]
    usage, server_cpu = _measure(ctx, "plain", cmd)
    figures = _figures(usage, ctx.server.ask(cmd="stats"), server_cpu)
    with out.open(encoding="utf-8") as lines:
        figures["articles_extracted"] = sum(1 for _ in lines)
    return figures


def our_crawl(
    ctx: RunContext, name: str, flags: list[str], extra: dict[str, str] | None = None
) -> dict[str, Any]:
    before = read_figures(ctx.db) if ctx.db.exists() else None
    cmd = [
        newsarchive_command(),
        "crawl",
        SITE,
        "--db",
        str(ctx.db),
        "--sites",
        str(ctx.sites_file),
        "--log-file",
        str(ctx.workdir / f"{name}.log"),
        "--json",
        *flags,
        *set_args({**ctx.ours_settings, **(extra or {})}),
    ]
    usage, server_cpu = _measure(ctx, name, cmd)
    figures = _figures(usage, ctx.server.ask(cmd="stats"), server_cpu)
    after = read_figures(ctx.db)
    figures["archive"] = asdict(after)
    figures["raw_stored_added"] = after.raw_stored - (before.raw_stored if before else 0)
    figures["raw_bytes_added"] = after.raw_bytes - (before.raw_bytes if before else 0)
    figures["outcome"] = _outcome(ctx.workdir / f"{name}.out")
    return figures


def _measure(ctx: RunContext, name: str, cmd: list[str]) -> tuple[Usage, float]:
    """Run one crawl; its usage, and the CPU seconds the web server spent meanwhile."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSARCHIVE_DB", "NEWSARCHIVE_SITES")}
    stderr = ctx.workdir / f"{name}.err"
    served_before = cpu_seconds(ctx.server.pid)
    usage = run_measured(
        cmd,
        cwd=ctx.workdir,
        env=env,
        stdout=ctx.workdir / f"{name}.out",
        stderr=stderr,
        keep=frozenset({ctx.server.pid}),
    )
    server_cpu = cpu_seconds(ctx.server.pid) - served_before
    if usage.exit_code != 0:
        log = ctx.workdir / f"{name}.log"
        tail = (log if log.exists() else stderr).read_text(encoding="utf-8", errors="replace").splitlines()
        print(f"  {name}: exit status {usage.exit_code}; last lines of its log:", file=sys.stderr)
        for line in tail[-LOG_TAIL_LINES:]:
            print(f"    {line}", file=sys.stderr)
    return usage, server_cpu


def _figures(usage: Usage, served: dict[str, Any], server_cpu_s: float) -> dict[str, Any]:
    pages = int(served["requests"])
    return {
        **asdict(usage),
        "server_cpu_s": server_cpu_s,
        "pages": pages,
        "pages_per_s": pages / usage.wall_s if usage.wall_s else 0.0,
        "cpu_ms_per_page": 1000 * usage.cpu_s / pages if pages else 0.0,
        "not_modified": int(served["status"].get("304", 0)),
        "conditional": int(served["conditional"]),
        "status": served["status"],
        "bytes_fetched": int(served["bytes"]),
    }


def _outcome(path: Path) -> dict[str, Any]:
    """The crawl's --json summary (counts per outcome, status, warnings) for our one site."""
    try:
        outcomes = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return outcomes[0] if outcomes else {}


def mutation_caught(db: Path, mutation: dict[str, Any]) -> dict[str, Any]:
    """How many of the site's edits and new articles the archive holds now (cumulative)."""
    edits = mutation["edits"]
    counts = version_counts(db, [e["url"] for e in edits])
    young = [e for e in edits if e["young"]]
    old = [e for e in edits if not e["young"]]
    caught = sum(1 for e in edits if counts[e["url"]] > 1)
    new = version_counts(db, mutation["new"])
    return {
        "new_total": len(new),
        "new_archived": sum(1 for c in new.values() if c > 0),
        "edits_total": len(edits),
        "edits_caught": caught,
        "young_edits": len(young),
        "young_caught": sum(1 for e in young if counts[e["url"]] > 1),
        "old_edits": len(old),
        "old_caught": sum(1 for e in old if counts[e["url"]] > 1),
        "false_changes": changed_articles(db) - caught,
    }


def newsarchive_command() -> str:
    script = Path(sys.executable).with_name("newsarchive")
    if not script.exists():
        raise SystemExit(f"no newsarchive command beside {sys.executable}: run `make install` first")
    return str(script)


def set_args(settings: dict[str, str]) -> list[str]:
    return [arg for key, value in settings.items() for arg in ("-s", f"{key}={value}")]


def _progress(number: int, message: str) -> None:
    print(f"[run {number}] {message}", flush=True)


def _line(name: str, figures: dict[str, Any]) -> str:
    return (
        f"{name}: {figures['wall_s']:.1f} s, {figures['pages']} pages ({figures['not_modified']} x 304), "
        f"{figures['pages_per_s']:.1f} pages/s, CPU {figures['cpu_s']:.1f} s, "
        f"peak RSS {figures['max_rss'] / 2**20:.0f} MiB, exit {figures['exit_code']}"
    )


# --------------------------------------------------------------------------- entry point


def parse_args(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--site",
        choices=("bench", "indep"),
        default="bench",
        help="bench: the generated site (site.py); indep: real pages, own listings (indep_site.py)",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_ARTICLES} articles, 1 run: a smoke check"
    )
    parser.add_argument("--articles", type=int, help=f"articles on the site (default {DEFAULT_ARTICLES})")
    parser.add_argument("--runs", type=int, help=f"runs to take medians over (default {DEFAULT_RUNS})")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="NEWSARCHIVE_EXTRACT_WORKERS for our crawls (default: the project's setting)",
    )
    parser.add_argument("--keep", action="store_true", help="keep each run's folder (archives, logs)")
    parser.add_argument("--json", dest="json_out", type=Path, help="write every figure to this JSON file")
    args = parser.parse_args(argv)
    articles = args.articles or (QUICK_ARTICLES if args.quick else DEFAULT_ARTICLES)
    runs = args.runs or (1 if args.quick else DEFAULT_RUNS)
    return Options(args.site, articles, runs, args.workers, args.keep, args.json_out)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if not become_subreaper():
        print(
            "warning: cannot adopt orphaned processes; CPU of extraction workers may be missed",
            file=sys.stderr,
        )
    started = time.perf_counter()
    runs = [run_once(i + 1, options) for i in range(options.runs)]
    summary = summarize(runs)
    config = {
        "site": options.site,
        "articles": options.articles,
        "runs": options.runs,
        "workers": options.workers,
        "settings": CRAWL_SETTINGS,
        "edit_fraction": EDIT_FRACTION,
        "new_articles": NEW_ARTICLES,
        "cpus": os.cpu_count(),
        "total_s": time.perf_counter() - started,
    }
    print_report(config, runs, summary)
    if options.json_out:
        options.json_out.write_text(
            json.dumps({"config": config, "runs": runs, "summary": summary}, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
