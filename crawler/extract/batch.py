"""Batch extraction for ``newsarchive extract``: one file, or a JSONL manifest of files, to JSON records.

Pure glue over ``extract_article``: reads saved pages from disk, never from the network. A page that cannot
be read or extracted yields a line with an ``error`` key; the run goes on.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, TextIO

from .page import RawPage
from .record import ExtractionError
from .rules import SiteRules

logger = logging.getLogger(__name__)


def page_from_file(path: str | Path, url: str | None = None, content_type: str | None = None) -> RawPage:
    p = Path(path)
    headers = (("Content-Type", content_type),) if content_type else ()
    return RawPage(url=url or p.resolve().as_uri(), body=p.read_bytes(), headers=headers)


def extract_file(path: str | Path, url: str | None = None, *, rules: SiteRules | None = None) -> dict[str, Any]:
    """The record for one saved page, as a JSON-ready dict. Raises OSError or ExtractionError."""
    from .article import extract_article

    return extract_article(page_from_file(path, url), rules).to_dict()


def _case(line: str) -> dict[str, Any]:
    case = json.loads(line)
    if not isinstance(case, dict) or not case.get("path"):
        raise ValueError("manifest line needs a 'path'")
    return case


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


def run_manifest(manifest: str | Path, out: TextIO) -> tuple[int, int]:
    """Extract every case of a JSONL manifest, writing one JSON line each. Returns (cases, errors)."""
    cases = errors = 0
    with open(manifest, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                case = _case(line)
            except ValueError as exc:
                result: dict[str, Any] = {"error": f"manifest line {lineno}: {exc}"}
            else:
                result = extract_case(case)
            cases += 1
            errors += "error" in result
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return cases, errors
