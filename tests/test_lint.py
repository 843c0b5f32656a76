"""Style and types are part of the suite: ruff (lint and format) everywhere, mypy --strict on the pure layers
(crawler/extract, storage) and the site kit (sitekit). Configuration: pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CODE = ["crawler", "storage", "sitekit", "tests", "bench"]


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_check() -> None:
    proc = run(str(BIN / "ruff"), "check", *CODE)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_ruff_format() -> None:
    proc = run(str(BIN / "ruff"), "format", "--check", *CODE)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_mypy_strict_on_extraction_and_storage() -> None:
    proc = run(str(BIN / "mypy"))
    assert proc.returncode == 0, proc.stdout[-4000:]
