"""The soak's fault part: crawl the fault server and say, fault by fault, how the archive recorded it.

Data flow: ``crawl_faults`` starts ``sitekit.faults.FaultServer`` (and an ``OutboundTrap`` standing in for
the internet), runs ``newsarchive crawl faults`` and, beside it, ``newsarchive crawl faults-big`` (the
100,000-link listing, its own archive), then a week later (stage 2) ``newsarchive crawl faults
--revalidate``. ``recorded`` reads one fault's fetches back from the archive (``storage.audit``) in the
vocabulary of ``sitekit.faults``: new, document, missing, blocked, failed (with the failure's kind),
not-fetched, or "new version" when a non-article became a version of an article. ``fault_table`` prints
the two side by side. tests/test_faults.py asserts on the same crawl; ``python -m bench.soak`` prints it.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsarchive.crawler.errors import MESSAGES
from newsarchive.crawler.sites import format_site_table
from newsarchive.sitekit.faults import (
    BLOCKED,
    DOCUMENT,
    FAILED,
    FAULTS,
    MISSING,
    NEW,
    NOT_FETCHED,
    Fault,
    FaultServer,
    OutboundTrap,
    stage_fault,
)
from newsarchive.sitekit.server import LoggedRequest
from newsarchive.storage.audit import FetchRecord, fetch_records, run_rows

from .soak_crawl import Crawl, run_crawl

CHANGED = "new version"  # a non-article saved as a new version of an article: pollution
# timeouts well past what a busy machine needs for a loopback answer, well short of the slow page's wait;
# AutoThrottle on, as in production, so that the slot a Retry-After slowed down is eased back (without it
# every later request of the site would wait the 2 s out)
FAULT_SETTINGS = {
    "DOWNLOAD_TIMEOUT": "10",
    "RETRY_TIMES": "1",
    "AUTOTHROTTLE_ENABLED": "True",
    "AUTOTHROTTLE_START_DELAY": "0",
    "AUTOTHROTTLE_TARGET_CONCURRENCY": "8",
}
REASONS = {f.reason for f in FAULTS if f.reason}
# a 2xx page that is no article is logged with its verdict's code as the error; failures carry sentences
_CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(slots=True)
class FaultCrawl:
    """What crawling the fault server left: archives, outcomes, logs and the server's request logs."""

    workdir: Path
    urls: dict[str, str]  # fault name -> the URL the listing gives
    base_url: str
    stage1: Crawl
    stage2: Crawl
    big: Crawl
    requests: dict[int, list[LoggedRequest]] = field(default_factory=dict)  # stage -> requests answered
    outbound: list[str] = field(default_factory=list)  # connections the crawls tried to open elsewhere

    @property
    def db(self) -> Path:
        return self.workdir / "faults.db"

    @property
    def big_db(self) -> Path:
        return self.workdir / "faults-big.db"

    def hits(self, stage: int, path: str) -> list[LoggedRequest]:
        return [r for r in self.requests[stage] if r.path == path]


def crawl_faults(
    workdir: Path, *, settings: dict[str, str] | None = None, big_articles: int = 5
) -> FaultCrawl:
    """Crawl the fault server at stage 1 (and its big listing, at the same time), then at stage 2."""
    workdir.mkdir(parents=True, exist_ok=True)
    settings = {**FAULT_SETTINGS, **(settings or {})}
    with OutboundTrap() as trap, FaultServer() as server:
        sites = workdir / "sites.toml"
        tables = server.sites(max_articles=big_articles)
        sites.write_text("".join(format_site_table(n, t) + "\n" for n, t in tables.items()), encoding="utf-8")
        # a fresh tldextract cache: whatever a crawl would download is asked for, and shows in the trap
        env = {**trap.env(), "TLDEXTRACT_CACHE": str(workdir / "tldextract")}

        def crawl(*args: str, db: str, log: str) -> Crawl:
            return run_crawl(
                *args, db=workdir / db, sites=sites, log=workdir / log, settings=settings, env=env
            )

        big: list[Crawl] = []
        beside = threading.Thread(
            target=lambda: big.append(crawl("faults-big", db="faults-big.db", log="big.log"))
        )
        beside.start()  # its own process and archive: its listing's parse cannot stall the faults' timeouts
        stage1 = crawl("faults", db="faults.db", log="stage1.log")
        beside.join()
        requests1 = server.requests
        server.server.clear_log()
        server.stage = 2
        stage2 = crawl("faults", "--revalidate", db="faults.db", log="stage2.log")
        urls = {f.name: server.url(f) for f in FAULTS}
        return FaultCrawl(
            workdir,
            urls,
            server.base_url,
            stage1,
            stage2,
            big[0],
            {1: requests1, 2: server.requests},
            list(trap.attempts),
        )


@dataclass(frozen=True, slots=True)
class Recorded:
    """How the archive recorded one fault's URL in one run."""

    outcome: str  # NEW, DOCUMENT, MISSING, BLOCKED, FAILED, NOT_FETCHED, CHANGED, "not-modified", "unchanged"
    reason: str  # the reason or failure kind ("" when none applies)
    detail: str  # the fetch's status and error, for a person


def failure_kind(error: str) -> str:
    """The kind of a recorded fetch error, in crawler.errors' words."""
    if error.startswith("HTTP "):
        return "http-" + error.split()[1]
    if error.startswith("extraction failed"):
        return "extraction"
    for kind, message in MESSAGES.values():
        if error.startswith(message):
            return kind
    for words, kind in (
        ("off-site", "off-site"),
        ("redirect loop", "redirect-loop"),
        ("robots.txt", "robots"),
        ("Ignored response", "ignored"),
    ):
        if words in error:
            return kind
    return "other"


def _reason_in(texts: list[str], url: str) -> str:
    """The reason code that run warnings or reasons give for ``url`` (the first known one), if any."""
    for text in texts:
        if url in text:
            said = text.replace(url, " ")  # the URL's own words (/f/soft-404-zh.html) are no reason
            for code in sorted(REASONS, key=len, reverse=True):
                if code in said:
                    return code
    return ""


def run_texts(run: dict[str, Any]) -> list[str]:
    """The run's warnings and its reasons' entries (when the archive has the column), as text."""
    texts = [str(w) for w in run.get("warnings") or []]
    reasons = run.get("reasons")
    if isinstance(reasons, dict):
        texts += [str(entry) for entry in reasons.get("first") or []]
    return texts


def recorded(url: str, fetches: list[FetchRecord], run: dict[str, Any]) -> Recorded:
    """How ``url`` was recorded in ``run`` (its fetches; a refused redirect is logged under its target and
    named in the error)."""
    mine = [
        f
        for f in fetches
        if f.run_id == run["id"] and (url in (f.url, f.final_url) or url in (f.error or ""))
    ]
    texts = run_texts(run)
    if not mine:
        return Recorded(NOT_FETCHED, _reason_in(texts, url) or ("robots" if _robots(texts, url) else ""), "")
    last = mine[-1]
    detail = f"HTTP {last.status}" if last.status else "no answer"
    if last.error and last.status and 200 <= last.status < 300 and _CODE.fullmatch(last.error):
        return Recorded(MISSING, last.error, detail)  # no article (a soft 404, an empty shell): its reason
    if last.error:
        return Recorded(FAILED, failure_kind(last.error), last.error[:90])
    if last.kind == "blocked":
        return Recorded(BLOCKED, _reason_in(texts, url), detail)
    if last.kind == "document":
        return Recorded(DOCUMENT, "", detail)
    if last.status in (404, 410):
        return Recorded(MISSING, f"http-{last.status}", detail)
    if last.article_id is not None:
        if last.version is None:
            return Recorded("not-modified" if last.status == 304 else "unchanged", "", detail)
        if last.version > 1:
            return Recorded(CHANGED, "", f"{detail}; version {last.version}")
        return Recorded(NEW, "", detail)
    return Recorded(MISSING, _reason_in(texts, url), f"{detail}; fetch kind {last.kind}")


def _robots(texts: list[str], url: str) -> bool:
    return any(t.startswith("robots:") and url in t for t in texts)


@dataclass(frozen=True, slots=True)
class Row:
    fault: Fault
    stage: int
    expect: str
    reason: str
    got: Recorded
    requests: int

    @property
    def ok(self) -> bool:
        return (self.got.outcome, self.got.reason) == (self.expect, self.reason)


def fault_rows(crawl: FaultCrawl) -> list[Row]:
    """Every fault at stage 1, and the pollution URLs at stage 2: expected against recorded."""
    fetches = fetch_records(crawl.db, site="faults")
    runs = [r for r in run_rows(crawl.db) if r["site"] == "faults"]
    rows = []
    for stage, run in zip((1, 2), runs, strict=True):
        for fault in FAULTS:
            if stage == 2 and not fault.later:
                continue
            now = stage_fault(fault, stage)
            url = crawl.urls[fault.name]
            path = url.removeprefix(crawl.base_url)
            got = recorded(url, fetches, run)
            rows.append(Row(fault, stage, now.expect, now.reason, got, len(crawl.hits(stage, path))))
    return rows


def fault_table(rows: list[Row]) -> str:
    lines = [f"{'stage':<5} {'fault':<26} {'expected':<26} {'recorded':<26} {'reqs':>4}  detail"]
    for row in rows:
        expect = f"{row.expect} {row.reason}".strip()
        got = f"{row.got.outcome} {row.got.reason}".strip()
        mark = "" if row.ok else "  <-- WRONG"
        lines.append(
            f"{row.stage:<5} {row.fault.name:<26} {expect:<26} {got:<26} {row.requests:>4}  "
            f"{row.got.detail[:60]}{mark}"
        )
    return "\n".join(lines)
