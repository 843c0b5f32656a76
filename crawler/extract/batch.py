"""Batch extraction for ``newsarchive extract``: one file, or a JSONL manifest of files, to JSON records.

Pure glue over ``extract_article``: reads saved pages from disk, never from the network. A page that cannot
be read or extracted, and a manifest line that cannot be read (not UTF-8, not JSON, no text ``path``),
yields a line with an ``error`` key; the run goes on. ``run_manifest`` spreads the cases
over the extraction pool (``pool.ExtractionPool``, one worker per core, the crawl's pool too), writes results
in manifest order, and survives a worker that dies (the case it held is reported as a crash, a new pool takes
the rest).
"""

from __future__ import annotations

import codecs
import json
import logging
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TextIO

from .page import RawPage
from .pool import ExtractionPool, cpu_count
from .record import ExtractionError
from .rules import SiteRules

logger = logging.getLogger(__name__)

INLINE_MAX_CASES = 3  # fewer cases than this are not worth starting workers for
WINDOW_PER_WORKER = 8  # cases in flight per worker (bounds memory on huge manifests)


def page_from_file(path: str | Path, url: str | None = None, content_type: str | None = None) -> RawPage:
    p = Path(path)
    headers = (("Content-Type", content_type),) if content_type else ()
    return RawPage(url=url or p.resolve().as_uri(), body=p.read_bytes(), headers=headers)


def extract_file(
    path: str | Path, url: str | None = None, *, rules: SiteRules | None = None
) -> dict[str, Any]:
    """The record for one saved page, as a JSON-ready dict. Raises OSError or ExtractionError."""
    from .article import extract_article

    return extract_article(page_from_file(path, url), rules).to_dict()


class ManifestLineError(ValueError):
    """A manifest line that names no readable case; ``case_id`` is its ``id`` when that could be read."""

    def __init__(self, problem: str, case_id: Any) -> None:
        super().__init__(problem)
        self.case_id = case_id


def _case(raw: bytes) -> dict[str, Any]:
    """One manifest line -> a case, or ManifestLineError saying what is wrong with it."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem = f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
        raise ManifestLineError(problem, _readable_id(raw.decode("utf-8", "replace"))) from None
    try:
        case = json.loads(line)
    except ValueError as exc:
        raise ManifestLineError(f"not JSON: {exc}", None) from None
    if not isinstance(case, dict):
        raise ManifestLineError(f"must be a JSON object, got {type(case).__name__}", None)
    if not isinstance(case.get("path"), str) or not case["path"]:
        raise ManifestLineError(
            f"'path' must be a file name (text), got {case.get('path')!r}", case.get("id")
        )
    if not isinstance(case.get("url"), str | None):
        raise ManifestLineError(f"'url' must be text, got {case['url']!r}", case.get("id"))
    return case


def _readable_id(line: str) -> Any:
    try:
        case = json.loads(line)
    except ValueError:
        return None
    return case.get("id") if isinstance(case, dict) else None


def extract_case(case: dict[str, Any]) -> dict[str, Any]:
    """One manifest case -> output line: the record plus ``id``, or ``error`` when it cannot be made."""
    out: dict[str, Any] = {"id": case.get("id"), "path": case.get("path"), "url": case.get("url")}
    try:
        out.update(extract_file(case["path"], case.get("url")))
    except (OSError, ExtractionError) as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # a bug must not end the whole run; say which page hit it
        logger.exception("extraction crashed on %s", case.get("path"))
        out["error"] = f"crash: {type(exc).__name__}: {exc}"
    out["id"] = case.get("id")
    return out


def _read_manifest(manifest: str | Path) -> Iterator[dict[str, Any]]:
    """Cases of the manifest, read line by line as bytes: a bad line (not UTF-8, not JSON, no text ``path``)
    becomes a ready-made error result (key ``_result``) and the lines after it are read as usual."""
    with open(manifest, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            raw = raw.removeprefix(codecs.BOM_UTF8) if lineno == 1 else raw
            if not raw.strip():
                continue
            try:
                yield _case(raw)
            except ManifestLineError as exc:
                yield {"_result": {"id": exc.case_id, "error": f"manifest line {lineno}: {exc}"}}


def _crash_result(case: dict[str, Any], exc: BaseException) -> dict[str, Any]:
    logger.error("extraction worker died on %s: %s", case.get("path"), exc)
    return {
        "id": case.get("id"),
        "path": case.get("path"),
        "url": case.get("url"),
        "error": f"crash: worker died ({type(exc).__name__})",
    }


def _pooled(cases: list[dict[str, Any]], workers: int) -> Iterator[dict[str, Any]]:
    """Results in input order; a dead worker costs the case it was running, then a new pool takes over."""
    queue = deque(cases)
    pending: deque[tuple[dict[str, Any], Future[dict[str, Any]] | None]] = deque()
    window = workers * WINDOW_PER_WORKER
    with ExtractionPool(workers) as pool:
        while queue or pending:
            while queue and len(pending) < window:
                case = queue.popleft()
                pending.append((case, None if "_result" in case else pool.submit(extract_case, case)))
            case, future = pending.popleft()
            if future is None:
                yield case["_result"]
                continue
            try:
                yield future.result()
            except BrokenProcessPool as exc:
                yield _crash_result(case, exc)
                pool.restart()  # everything still queued on the dead pool runs again on a fresh one
                queue.extendleft(reversed([c for c, _ in pending]))
                pending.clear()


def run_manifest(manifest: str | Path, out: TextIO) -> tuple[int, int]:
    """Extract every case of a JSONL manifest, writing one JSON line each. Returns (cases, errors)."""
    cases = list(_read_manifest(manifest))
    workers = min(cpu_count(), len(cases))
    if workers > 1 and len(cases) >= INLINE_MAX_CASES:
        results: Iterator[dict[str, Any]] = _pooled(cases, workers)
    else:
        results = (c["_result"] if "_result" in c else extract_case(c) for c in cases)
    count = errors = 0
    for result in results:
        count += 1
        errors += "error" in result
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return count, errors
