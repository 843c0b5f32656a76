"""The soak's kill -9 trials: a real ``newsarchive crawl --group demo`` killed at a random moment, then rerun.

Data flow: the demo sites (``sitekit.demo.DemoServer``, stage 1, served from this process) are crawled once
to time a whole crawl; then each trial starts a crawl into a fresh archive, sends SIGKILL to its process
group at a moment drawn uniformly over that time (start-up, migrations, mid-crawl, closing all get hit),
checks the archive (``storage.audit``: integrity and foreign keys, the articles committed), reruns the crawl
to its end and checks that every committed article is still there with the same content, that no article or
version was duplicated, that the archive now holds every demo article exactly as the ground truth says
(``crawler.demo_run.verify_archive``), and that the killed run is marked interrupted.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.crawler.demo_run import verify_archive
from newsarchive.crawler.sites import format_site_table
from newsarchive.sitekit.demo import DemoServer, demo_sites
from newsarchive.storage.audit import article_states, integrity_problems, run_rows, versions_by_run

from .soak_crawl import ROOT, crawl_argv, crawl_env, run_crawl


@dataclass(slots=True)
class Trial:
    number: int
    kill_at: float  # seconds after the start
    corrupt: list[str] = field(default_factory=list)  # integrity problems after the kill or the rerun
    committed: int = 0  # articles in the archive right after the kill
    lost: list[str] = field(default_factory=list)  # committed articles gone or changed after the rerun
    duplicated: list[str] = field(default_factory=list)  # extra versions or articles after the rerun
    rerun_ok: bool = False  # the rerun finished and the archive matches the ground truth
    killed: bool = True  # False: the crawl ended before the kill (not a trial; drawn again)
    cut_runs: int = 0  # runs the kill left 'running'
    interrupted: int = 0  # of those, marked 'interrupted' after the rerun
    committing: int = 0  # of those, runs that had committed article versions
    counted: int = 0  # of those, whose row counts the versions they committed
    note: str = ""

    @property
    def ok(self) -> bool:
        return not (self.corrupt or self.lost or self.duplicated) and self.rerun_ok


def _crawl_until_killed(db: Path, sites: Path, log: Path, after: float) -> bool:
    """Start the crawl; SIGKILL its process group ``after`` seconds later. True if it was still running."""
    with log.open("w") as out:
        proc = subprocess.Popen(
            crawl_argv("--group", "demo", "--log-file", str(log)),
            env=crawl_env(db, sites),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=out,
            start_new_session=True,  # its own group: the kill reaches any worker it started
        )
        try:
            proc.wait(timeout=after)
            return False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True


def run_trial(number: int, kill_at: float, workdir: Path, sites: Path, base_url: str) -> Trial:
    trial = Trial(number, kill_at)
    db = workdir / f"trial-{number:02d}.db"
    trial.killed = _crawl_until_killed(db, sites, workdir / f"trial-{number:02d}-killed.log", kill_at)
    if not trial.killed:
        trial.note = "finished before the kill: not a trial"
    before, cut = {}, set()
    if db.exists():
        trial.corrupt += integrity_problems(db)
        if not trial.corrupt:
            before = article_states(db)
            cut = {r["id"] for r in run_rows(db) if r["status"] == "running"}
    trial.committed, trial.cut_runs = len(before), len(cut)
    rerun = run_crawl("--group", "demo", db=db, sites=sites, log=workdir / f"trial-{number:02d}-rerun.log")
    trial.corrupt += [f"after rerun: {p}" for p in integrity_problems(db)]
    after = article_states(db)
    trial.lost = [
        url
        for url, state in before.items()
        if url not in after or after[url].content_hash != state.content_hash
    ]
    trial.duplicated = [
        url for url, s in after.items() if s.version_count != 1 or s.versions != 1 or s.distinct_hashes != 1
    ]
    check = verify_archive(db, base_url, stage=1)
    trial.duplicated += (
        [f"{check.found} articles for {check.expected}"] if check.found > check.expected else []
    )
    trial.rerun_ok = rerun.returncode == 0 and not check.mismatches and check.found == check.expected
    if not trial.rerun_ok:
        trial.note += f" rerun exit {rerun.returncode}; {len(check.mismatches)} mismatches"
    committed = versions_by_run(db)
    for row in run_rows(db):
        if row["id"] in cut:
            trial.interrupted += row["status"] == "interrupted"
            if committed.get(row["id"]):
                trial.committing += 1
                trial.counted += row["new"] + row["changed"] == committed[row["id"]]
    return trial


def kill_trials(
    workdir: Path, *, trials: int = 20, seed: int = 12, report: Callable[[Trial], None] = lambda t: None
) -> tuple[list[Trial], float]:
    """``trials`` kill -9 trials on the demo, each passed to ``report`` when done (a crawl that ends before
    its kill is reported and drawn again, up to ``trials`` more times); also returns how long one whole
    crawl took."""
    workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    with DemoServer(port=0, stage=1) as server:
        sites = workdir / "sites.toml"
        tables = demo_sites(server.base_url)
        sites.write_text("".join(format_site_table(n, t) + "\n" for n, t in tables.items()), encoding="utf-8")
        started = time.monotonic()
        whole = run_crawl("--group", "demo", db=workdir / "whole.db", sites=sites, log=workdir / "whole.log")
        duration = time.monotonic() - started
        if whole.returncode != 0:
            raise RuntimeError(f"the demo crawl failed (exit {whole.returncode}): {whole.stderr[-2000:]}")
        results: list[Trial] = []
        for number in range(1, 2 * trials + 1):
            if sum(t.killed for t in results) == trials:
                break
            trial = run_trial(number, rng.uniform(0.2, 0.9 * duration), workdir, sites, server.base_url)
            results.append(trial)
            report(trial)
    return results, duration
