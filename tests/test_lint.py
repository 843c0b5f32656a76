"""Style and types are part of the suite: ruff (lint and format) everywhere, mypy --strict on the pure layers
(crawler/extract, storage) and the site kit (sitekit). Configuration: pyproject.toml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CODE = ["crawler", "storage", "sitekit", "tests", "bench"]


def run(*cmd: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **env} if env else None
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)


def test_ruff_check() -> None:
    proc = run(str(BIN / "ruff"), "check", *CODE)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_ruff_format() -> None:
    proc = run(str(BIN / "ruff"), "format", "--check", *CODE)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_mypy_strict_on_extraction_and_storage() -> None:
    # The folders install as newsarchive.crawler, .storage and .sitekit, but mypy does not follow
    # setuptools' editable-install finder: it reads the installed names through links to the folders.
    links = ROOT / ".mypy_cache" / "links" / "newsarchive"
    links.mkdir(parents=True, exist_ok=True)
    for top in ("crawler", "storage", "sitekit"):
        if not (links / top).is_symlink():
            (links / top).symlink_to(ROOT / top)
    proc = run(str(BIN / "mypy"), env={"MYPYPATH": str(links.parent)})
    assert proc.returncode == 0, proc.stdout[-4000:]
