"""The distribution installs its code under its own name, so other distributions' packages cannot collide.

The project keeps its top-level folders (crawler/, storage/, sitekit/) but installs them as
``newsarchive.crawler``, ``newsarchive.storage`` and ``newsarchive.sitekit`` (pyproject.toml
``[tool.setuptools] package-dir``). These tests run the installed command from outside the checkout, where
only what the install provides is importable.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("crawler", "storage", "sitekit")


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=300
    )


def test_every_package_folder_is_installed_under_the_distribution_name() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {
        "newsarchive." + ".".join(init.parent.relative_to(ROOT).parts)
        for top in FOLDERS
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert set(config["packages"]) == folders
    assert config["package-dir"] == {f"newsarchive.{top}": top for top in FOLDERS}


def test_no_generic_top_level_name_is_installed(tmp_path: Path) -> None:
    """Outside the checkout, ``crawler`` and ``storage`` are not ours: nothing of ours shadows them."""
    code = (
        "import importlib.util as u, newsarchive.crawler.cli as c;"
        "print(c.__name__, [n for n in ('crawler', 'storage', 'sitekit') if u.find_spec(n)])"
    )
    proc = run([sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": ""})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["newsarchive.crawler.cli", "[]"]


def test_another_distributions_crawler_and_storage_do_not_shadow_ours(tmp_path: Path) -> None:
    """Packages named ``crawler`` and ``storage`` first on the path (as another install would put them) leave
    the command working: its help, and ``extract`` of a saved page."""
    for name in FOLDERS:
        (tmp_path / "other" / name).mkdir(parents=True)
        (tmp_path / "other" / name / "__init__.py").write_text(f"raise ImportError('the other {name}')\n")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Shadow test</title></head><body><article><h1>Shadow test</h1>"
        + "<p>A paragraph of the article body long enough to be kept by the extractor.</p>" * 5
        + "</article></body></html>",
        encoding="utf-8",
    )
    env = {"PYTHONPATH": str(tmp_path / "other")}
    newsarchive = Path(sys.executable).with_name("newsarchive")
    assert run([str(newsarchive), "--help"], tmp_path, env).returncode == 0
    proc = run([str(newsarchive), "extract", str(page), "--url", "https://example.org/a.html"], tmp_path, env)
    assert proc.returncode == 0, proc.stderr
    assert "Shadow test" in proc.stdout


def test_code_imports_the_installed_names() -> None:
    """No module, test or benchmark imports a bare folder name (from the checkout it would load a second copy
    of the code beside the installed one)."""
    bare = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        if path.relative_to(ROOT).parts[0] in {".venv", "build", ".mypy_cache"} or "fixtures" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            bare += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in FOLDERS]
    assert not bare, bare
