"""The soak (issue 12's proof, kept in the repo): faults, kill -9 trials, Datasette reads during crawls.

    .venv/bin/python -m bench.soak                 # make soak: about 6 minutes on 2 cores
    .venv/bin/python -m bench.soak --trials 5 --keep

Not part of ``make test`` (its fast fault cases are: tests/test_faults.py). Three phases, each in its own
module, then a summary:

1. ``soak_faults``: the fault server (``sitekit/faults.py``) crawled by ``newsarchive crawl``; fault by fault,
   what the archive recorded against what it must record;
2. ``soak_kill``: 20 crawls of the demo killed with SIGKILL at random moments, each checked and rerun;
3. ``soak_reads``: a real Datasette read by four threads while three crawls write to the archive it serves.

Exit status 1 when a fault was recorded otherwise than ``sitekit.faults`` says, a crawl connected outside the
sites, a kill trial corrupted an archive, lost or duplicated a record, could not be rerun or left a cut run
without its counts, or a read failed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from .soak_faults import crawl_faults, fault_rows, fault_table
from .soak_kill import Trial, kill_trials
from .soak_reads import reads_during_crawls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=20, help="kill -9 trials (default 20)")
    parser.add_argument("--seed", type=int, default=12, help="seed of the kill moments")
    parser.add_argument(
        "--keep", action="store_true", help="keep the archives and logs (the folder is printed)"
    )
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="newsarchive-soak-"))
    started = time.monotonic()
    try:
        summary = _faults(workdir / "faults")
        summary += _kills(workdir / "kill", args.trials, args.seed)
        summary += _reads(workdir / "reads")
    finally:
        if args.keep:
            print(f"\nkept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print("\n== summary")
    for name, value, _ in summary:
        print(f"{name:<24} {value}")
    print(f"{'took':<24} {(time.monotonic() - started) / 60:.1f} min")
    return 1 if any(fatal for _, _, fatal in summary) else 0


Line = tuple[str, str, bool]  # name, value, whether it fails the soak


def _faults(workdir: Path) -> list[Line]:
    print("== faults: the fault server crawled at stage 1, the pollution URLs again at stage 2", flush=True)
    crawl = crawl_faults(workdir)
    rows = fault_rows(crawl)
    print(fault_table(rows))
    wrong = [f"{r.fault.name}@{r.stage}" for r in rows if not r.ok]
    stage1 = [r for r in rows if r.stage == 1]
    big = crawl.big.outcome("faults-big")
    big_requests = [
        r for r in crawl.requests[1] if r.path.startswith("/f/big/") and not r.path.endswith("index.html")
    ]
    return [
        (
            "faults served",
            f"{len(stage1)} links at stage 1, {len(rows) - len(stage1)} URLs turned at stage 2",
            False,
        ),
        (
            "recorded as expected",
            f"{len(rows) - len(wrong)} of {len(rows)}; wrong: {', '.join(wrong) or 'none'}",
            bool(wrong),
        ),
        ("outbound connections", f"{len(crawl.outbound)} {crawl.outbound}", bool(crawl.outbound)),
        (
            "100,000-link listing",
            f"run {big['status']}, {len(big_requests)} articles fetched ({big['counts'].get('new', 0)} new), "
            f"{sum('listing-truncated' in w for w in big['warnings'])} truncation warnings",
            big["status"] != "ok",
        ),
    ]


def _report(trial: Trial) -> None:
    state = "ok" if trial.ok else "PROBLEM"
    print(
        f"  trial {trial.number:2d}: killed at {trial.kill_at:5.1f} s, {trial.committed:3d} articles "
        f"committed, {trial.cut_runs} runs cut: {state} {trial.note}".rstrip(),
        flush=True,
    )


def _kills(workdir: Path, trials: int, seed: int) -> list[Line]:
    print(
        f"\n== kill -9 trials: {trials} crawls of the demo killed at random moments, then rerun", flush=True
    )
    everything, duration = kill_trials(workdir, trials=trials, seed=seed, report=_report)
    results = [t for t in everything if t.killed]
    corrupt = sum(bool(t.corrupt) for t in results)
    lost = sum(len(t.lost) for t in results)
    duplicated = sum(len(t.duplicated) for t in results)
    reran = sum(t.rerun_ok for t in results)
    cut = sum(t.cut_runs for t in results)
    for trial in results:
        for problem in trial.corrupt + trial.lost[:5] + trial.duplicated[:5]:
            print(f"  trial {trial.number}: {problem}")
    return [
        (
            "kill -9 trials",
            f"{len(results)} (a whole crawl takes {duration:.0f} s; "
            f"{len(everything) - len(results)} more ended before their kill)",
            len(results) < trials,
        ),
        ("  corrupt archives", str(corrupt), corrupt > 0),
        ("  lost records", str(lost), lost > 0),
        ("  duplicated records", str(duplicated), duplicated > 0),
        ("  reruns completed", f"{reran} of {len(results)}", reran < len(results)),
        (
            "  cut runs interrupted",
            f"{sum(t.interrupted for t in results)} of {cut}",
            sum(t.interrupted for t in results) < cut,
        ),
        (
            "  cut runs' counts",
            f"{sum(t.counted for t in results)} of {sum(t.committing for t in results)} runs that had "
            "committed articles count them",
            sum(t.counted for t in results) < sum(t.committing for t in results),
        ),
    ]


def _reads(workdir: Path) -> list[Line]:
    print("\n== Datasette reads during three crawls of the demo", flush=True)
    tally, crawls = reads_during_crawls(workdir)
    for error in tally.first_errors:
        print(f"  {error}")
    failed = [c.returncode for c in crawls if c.returncode != 0]
    return [
        (
            "Datasette reads",
            f"{tally.requests} during {len(crawls)} crawls (slowest {tally.slowest:.1f} s)",
            False,
        ),
        ("  errors", f"{tally.errors} (database is locked: {tally.locked})", tally.errors > 0),
        ("  other statuses", dict(tally.other).__repr__(), False),
        ("  crawls failed", str(len(failed)), bool(failed)),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
