"""``newsarchive demo``: crawl the bundled demo sites twice and show what the archive kept.

Starts the demo server on loopback, writes a sites file for it, runs ``newsarchive crawl --group demo`` as a
subprocess (exactly what cron runs), moves the sites a week ahead (edits and new articles), crawls again,
then checks the archive against the demo's ground truth and prints a summary with the next steps.
``verify_archive`` is shared with the end-to-end tests. ``serve_demo`` is ``newsarchive demo-server``: the
demo sites in the foreground, announced with their URLs and the sites.toml tables for the port they got.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsarchive.storage.queries import archive_summary, articles_by_url, crawled_sites
from newsarchive.storage.urls import canonical_url

from .sites import format_site_table

# Our own loopback server: no need to wait between requests.
DEMO_CRAWL_SETTINGS = ("AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS_PER_DOMAIN=8")


class DemoError(RuntimeError):
    """The demo cannot run (port taken, archive holds other data); the message says what to do."""


class DemoRefused(DemoError):
    """The demo refuses the archive it was given (it holds other data): nothing was done."""


@dataclass(slots=True)
class Verification:
    expected: int = 0
    found: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.found == self.expected and not self.mismatches


@dataclass(slots=True)
class DemoReport:
    crawl_exit_codes: list[int]
    verification: Verification

    @property
    def ok(self) -> bool:
        return all(code == 0 for code in self.crawl_exit_codes) and self.verification.ok


def _same_published(stored: str | None, expected: str) -> bool:
    """The archive keeps what the page states: the same day, and the same time when the page gives one."""
    if not stored:
        return False
    if len(expected) <= 10:
        return stored[:10] == expected
    return stored[:16].replace(" ", "T") == expected[:16].replace(" ", "T")


def verify_archive(db: str | Path, base_url: str, stage: int) -> Verification:
    """Compare the archive with the demo's ground truth at ``stage``: every article present with the right
    title, publish date and source; at stage 2, edited articles with two versions, all others with one."""
    from newsarchive.sitekit.demo import ground_truth

    result = Verification()
    truths = {canonical_url(base_url + truth.path): truth for truth in ground_truth(stage)}
    rows = articles_by_url(db, list(truths))
    for url, truth in truths.items():
        result.expected += 1
        row = rows.get(url)
        if row is None:
            result.mismatches.append(f"missing: {url}")
            continue
        result.found += 1
        problems = []
        if row["title"] != truth.title:
            problems.append(f"title {row['title']!r} != {truth.title!r}")
        if not _same_published(row["published"], truth.published):
            problems.append(f"published {row['published']!r} != {truth.published!r}")
        if row["source"] != truth.source:
            problems.append(f"source {row['source']!r} != {truth.source!r}")
        versions = 2 if stage == 2 and truth.edited_in_stage2 else 1
        if row["version_count"] != versions:
            problems.append(f"{row['version_count']} versions, expected {versions}")
        if problems:
            result.mismatches.append(f"{url}: " + "; ".join(problems))
    return result


def _reset(db: Path, demo_names: set[str]) -> None:
    if not db.exists():
        return
    sites = crawled_sites(db)
    if sites is None or not sites <= demo_names:
        raise DemoRefused(
            f"{db} holds more than the demo's data; not touching it. Use --db for a separate "
            "demo archive, or --keep to crawl the demo into it anyway."
        )
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _crawl(db: Path, sites_file: Path, log_file: Path, echo: Callable[[str], Any], *extra: str) -> int:
    cmd = [
        sys.executable,
        "-m",
        "newsarchive.crawler.cli",
        "crawl",
        "--group",
        "demo",
        "--db",
        str(db),
        "--sites",
        str(sites_file),
        "--log-file",
        str(log_file),
        *extra,
    ]
    for setting in DEMO_CRAWL_SETTINGS:
        cmd += ["-s", setting]
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        echo("  " + line)
    if proc.returncode:
        echo(proc.stderr[-2000:])
    echo(f"  ({time.monotonic() - started:.0f} s; log: {log_file})")
    return proc.returncode


def run_demo(
    db: str | Path, *, port: int = 8765, keep: bool = False, echo: Callable[[str], Any] = print
) -> DemoReport:
    from newsarchive.sitekit.demo import DemoServer, demo_sites

    db = Path(db)
    try:
        server = DemoServer(port=port, stage=1)
    except OSError as exc:
        raise DemoError(
            f"cannot start the demo server on port {port}: {exc}. Is `newsarchive demo-server` "
            "already running? Stop it, or use --port."
        ) from None
    tables = demo_sites(server.base_url)
    if not keep:
        _reset(db, set(tables))
    db.parent.mkdir(parents=True, exist_ok=True)
    log_dir = db.parent / "logs"
    log_dir.mkdir(exist_ok=True)
    codes = []
    with server, tempfile.TemporaryDirectory() as tmp:
        sites_file = Path(tmp) / "demo-sites.toml"
        sites_file.write_text(
            "".join(format_site_table(name, table) + "\n" for name, table in tables.items()), encoding="utf-8"
        )
        echo(f"Demo sites on {server.base_url}: {', '.join(tables)}")
        echo("Crawl 1: the sites as they are today")
        codes.append(_crawl(db, sites_file, log_dir / "demo-crawl-1.log", echo))
        server.stage = 2
        echo("Crawl 2: a week later (some articles edited, new ones published). A daily incremental crawl")
        echo(
            "  fetches only new articles; this is the weekly --revalidate run that also re-checks known ones"
        )
        echo("  with conditional GETs (unchanged pages answer 304 Not Modified).")
        codes.append(_crawl(db, sites_file, log_dir / "demo-crawl-2.log", echo, "--revalidate"))
        verification = verify_archive(db, server.base_url, stage=2)
    _print_summary(db, verification, echo)
    return DemoReport(codes, verification)


def _print_summary(db: Path, verification: Verification, echo: Callable[[str], Any]) -> None:
    summary = archive_summary(db)
    echo("")
    echo(
        f"Archived {summary['articles']} articles ({summary['versions']} versions; "
        f"{summary['edited']} edited articles kept both versions), {summary['raw_pages']} distinct raw "
        f"pages, in {db}"
    )
    if verification.ok:
        echo(
            f"Checked against the demo's ground truth: all {verification.expected} articles present with "
            "the right title, publish date and source; every edit kept as a second version."
        )
    else:
        echo(
            f"Ground-truth check FAILED: {verification.found}/{verification.expected} articles found, "
            f"{len(verification.mismatches)} problems:"
        )
        for line in verification.mismatches[:20]:
            echo(f"  {line}")
    echo("")
    echo(
        "Next: browse it with Datasette:  make serve   (or .venv/bin/newsarchive serve --db " + str(db) + ")"
    )
    echo("      then open http://127.0.0.1:8001/ (canned queries: latest articles, recent changes, search)")


def demo_banner(base_url: str, stage: int) -> list[str]:
    """What ``newsarchive demo-server`` prints: each site's start URL and the tables that crawl it there."""
    from newsarchive.sitekit.demo import demo_sites

    tables = demo_sites(base_url)
    lines = [f"Demo sites (stage {stage}) on {base_url} (Ctrl-C stops them):"]
    lines += [f"  {name:<12} {' '.join(table['start_urls'])}" for name, table in tables.items()]
    lines += [
        f"  {'robots.txt':<12} {base_url}/robots.txt",
        "To crawl them, save the tables below as demo-sites.toml and run",
        "  newsarchive crawl --group demo --sites demo-sites.toml",
        "(the project's sites.toml holds the same tables for port 8765)",
        "",
    ]
    lines += [format_site_table(name, table) for name, table in tables.items()]
    return lines


def serve_demo(*, host: str, port: int, stage: int, echo: Callable[[str], Any] = print) -> None:
    """Serve the demo sites in the foreground until Ctrl-C, after announcing them (``demo_banner``).
    Raises OSError when the address cannot be listened on."""
    from newsarchive.sitekit.demo import DemoServer

    server = DemoServer(stage, host, port)
    for line in demo_banner(server.base_url, stage):
        echo(line)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        echo("demo server stopped")
    finally:
        server.stop()
