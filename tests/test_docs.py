"""The README stays true: its two commands, every CLI command, the schema it documents, and CI's command."""

from __future__ import annotations

import importlib
import re
import sqlite3
from pathlib import Path

from click import Group

from newsarchive.crawler.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = README[:1500]
    assert "make demo" in head and "make test" in head


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line.strip() for line in ci.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    assert "make test" in commands


def test_every_command_has_help_and_is_in_the_readme() -> None:
    assert isinstance(main, Group)
    for name, command in main.commands.items():
        assert (command.help or "").strip(), f"newsarchive {name} has no help text"
        assert f"newsarchive {name}" in README, f"README does not mention `newsarchive {name}`"


def test_readme_schema_matches_the_real_one(tmp_path: Path) -> None:
    """Every table and column the README's schema section lists exists in a fresh archive, and every table
    of the archive is listed."""
    from newsarchive.storage import Store

    Store(tmp_path / "a.db").close()
    conn = sqlite3.connect(tmp_path / "a.db")
    real = {
        row[0]: {c[1] for c in conn.execute(f"pragma table_info('{row[0]}')")}
        for row in conn.execute(
            "select name from sqlite_master where type in ('table', 'view') "
            "and name not like 'sqlite_%' and name not like '%_fts%' "
            "and name not like '\\_%' escape '\\'"
        )
    }
    conn.close()
    section = README.split("## Schema", 1)[1].split("\n## ", 1)[0]
    documented = dict(re.findall(r"^\| `(\w+)` \| (.+?) \|$", section, flags=re.M))
    assert documented, "no schema table in the README"
    for table, columns in documented.items():
        assert table in real, f"README documents a table {table} that does not exist"
        for column in re.findall(r"`(\w+)`", columns):
            assert column in real[table], f"README documents {table}.{column}, which does not exist"
    assert set(real) <= set(documented), f"undocumented tables: {sorted(set(real) - set(documented))}"


def test_readme_settings_table_matches_the_settings_module() -> None:
    """Every NEWSARCHIVE_* setting is in the README's table with its real default, and every row is real."""
    import newsarchive.crawler.settings as settings

    section = README.split("### Settings and environment", 1)[1].split("\n\n", 2)[1]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| `")]
    table = {cells[0].strip().strip("`"): cells[2].strip() for cells in rows}
    ours = {name for name in vars(settings) if name.startswith("NEWSARCHIVE_")}
    internal = {"NEWSARCHIVE_DEFAULT_USER_AGENT", "NEWSARCHIVE_USER_AGENT"}  # the USER_AGENT row says them
    assert ours - internal <= set(table), (
        f"settings missing from the README: {sorted(ours - internal - set(table))}"
    )
    for name, default in table.items():
        assert hasattr(settings, name), f"README documents a setting that does not exist: {name}"
        if default.startswith("`"):
            assert default.strip("`") == str(getattr(settings, name)), f"{name}: README says {default}"


CMS_PATTERNS = ROOT / "docs" / "cms-patterns.md"
CITES_OUTSIDE = re.compile(r"CMS-PATTERNS|\.\./shared/")
CITATION = re.compile(r"cms-patterns\.md\s*§\s*(\d+)")
TEXT_SUFFIXES = {".py", ".md", ".toml", ".json", ".txt", ".cfg", ".sh", ".html", ".js", ".css", ".sql"}


def _project_texts(*tops: str) -> dict[Path, str]:
    """Text files under the given top-level folders (or the files themselves), keyed by path."""
    out = {}
    for top in tops:
        base = ROOT / top
        paths = [base] if base.is_file() else sorted(base.rglob("*"))
        for path in paths:
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts:
                out[path] = path.read_text(encoding="utf-8", errors="replace")
    return out


def test_code_cites_only_documents_in_the_repository() -> None:
    """No code or README cites the team's shared notes (they are not in the repository); every
    ``docs/cms-patterns.md §N`` citation, there or in tests, names a section the document has."""
    doc = CMS_PATTERNS.read_text(encoding="utf-8")
    sections = set(re.findall(r"^## (\d+)\. ", doc, flags=re.M))
    assert sections, "docs/cms-patterns.md has no numbered sections"
    outside = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path, text in _project_texts("crawler", "storage", "sitekit", "bench", "README.md").items()
        for m in CITES_OUTSIDE.finditer(text)
    ]
    assert not outside, f"citations of documents outside the repository: {outside}"
    cited = {
        (str(path.relative_to(ROOT)), number)
        for path, text in _project_texts(
            "crawler", "storage", "sitekit", "bench", "tests", "README.md", "docs"
        ).items()
        for number in CITATION.findall(text)
    }
    assert cited, "nothing cites docs/cms-patterns.md"
    cited |= {("docs/cms-patterns.md", n) for n in re.findall(r"§(\d+)", doc)}
    missing = sorted(f"{where} cites §{n}" for where, n in cited if n not in sections)
    assert not missing, f"sections that docs/cms-patterns.md does not have: {missing}"


def test_cms_patterns_names_only_code_that_exists() -> None:
    """Every ``crawler.…``, ``storage.…`` or ``sitekit.…`` name in backticks in docs/cms-patterns.md is a
    module or an attribute of one: the document cannot go on describing a function renamed or removed."""
    doc = CMS_PATTERNS.read_text(encoding="utf-8")
    names = set(re.findall(r"`((?:crawler|storage|sitekit)(?:\.\w+)+)`", doc))
    assert names, "docs/cms-patterns.md names no module or function"
    missing = []
    for name in sorted(names):
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                obj: object = importlib.import_module(".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for attr in parts[cut:]:
                obj = getattr(obj, attr, None)
            if obj is None:
                missing.append(name)
            break
        else:
            missing.append(name)
    assert not missing, f"docs/cms-patterns.md names code that does not exist: {missing}"
