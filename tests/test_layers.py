"""The house's layering, checked on the source: who may import whom, where SQL may live, no import cycles.

- ``crawler/spiders/`` imports nothing from ``storage`` (spiders read the archive through a SiteView);
- ``storage/`` imports nothing from ``crawler`` (nor Scrapy); ``crawler/extract/`` imports no Scrapy;
- no SQL statement in a string outside ``storage/`` (tests aside);
- no import cycle among the project's modules (top-level imports; lazy imports inside functions are how a
  cycle is broken on purpose, and are left out).
"""

from __future__ import annotations

import ast
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawler", "storage", "sitekit", "bench")
# installed under the distribution's name (pyproject.toml [tool.setuptools])
INSTALLED = ("crawler", "storage", "sitekit")
SQL = re.compile(
    r"(?is)\b(select\s[^\n]{0,200}?\sfrom\s+\w|insert\s+(or\s+\w+\s+)?into\s+\w|update\s+\w+\s+set\s"
    r"|delete\s+from\s+\w|create\s+(virtual\s+)?(table|view|index|trigger)\s)"
)


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            if package in INSTALLED:
                name = f"newsarchive.{name}"
            out[name] = path
    return out


def imports(name: str, path: Path, *, top_level_only: bool) -> set[str]:
    """Absolute names of the modules ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If) and top_level_only:  # `if TYPE_CHECKING:` blocks import types only
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def _imports_of(prefix: str, *, top_level_only: bool = False) -> dict[str, set[str]]:
    return {
        name: imports(name, path, top_level_only=top_level_only)
        for name, path in modules().items()
        if name == prefix or name.startswith(prefix + ".")
    }


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("newsarchive.crawler.spiders", ("newsarchive.storage",)),
        ("newsarchive.storage", ("newsarchive.crawler", "scrapy", "newsarchive.sitekit")),
        ("newsarchive.crawler.extract", ("scrapy", "twisted")),
    ],
)
def test_layer_imports(layer: str, forbidden: tuple[str, ...]) -> None:
    bad = [
        f"{module} imports {target}"
        for module, targets in _imports_of(layer).items()
        for target in targets
        if any(target == f or target.startswith(f + ".") for f in forbidden)
    ]
    assert not bad, bad


def test_no_sql_outside_storage() -> None:
    found = []
    for name, path in modules().items():
        if name.startswith("newsarchive.storage"):
            continue
        with open(path, encoding="utf-8") as f:
            for token in tokenize.generate_tokens(f.readline):
                if token.type == tokenize.STRING and SQL.search(token.string):
                    found.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {token.string[:80]}")
    assert not found, found


def test_no_import_cycles() -> None:
    known = modules()
    graph = {
        name: {t for t in imports(name, path, top_level_only=True) if t in known and t != name}
        for name, path in known.items()
    }
    # a package's __init__ importing its own submodules is not a cycle through them
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not t.startswith(name + ".")}
    cycles, state = [], dict.fromkeys(graph, 0)

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state[target] == 1:
                cycles.append(" -> ".join([*stack[stack.index(target) :], target]))
            elif state[target] == 0:
                visit(target, [*stack, target])
        state[node] = 2

    for node in sorted(graph):
        if state[node] == 0:
            visit(node, [node])
    assert not cycles, cycles


def test_the_checks_can_fail() -> None:
    """The detectors find what they look for (so a green run means something)."""
    assert SQL.search("SELECT id FROM articles WHERE url = ?")
    assert SQL.search("insert or ignore into article_urls (url) values (?)")
    assert not SQL.search('"script", "style", "select", "iframe"')
    here = imports("tests.test_layers", Path(__file__), top_level_only=True)
    assert "pytest" in here and "ast" in here


def test_the_record_field_list_is_written_once() -> None:
    """storage.fields.RECORD_FIELDS is the one list: the extractor's record, its JSON, the archive's columns
    and the content hash all follow it."""
    import dataclasses
    import tempfile

    from newsarchive.crawler.extract.record import ArticleRecord
    from newsarchive.storage import Store
    from newsarchive.storage.fields import CONTENT_FIELDS, RECORD_FIELD_NAMES, STORED_FIELDS
    from newsarchive.storage.hashing import content_fields
    from newsarchive.storage.schema import RECORD_TABLES

    assert tuple(f.name for f in dataclasses.fields(ArticleRecord)) == RECORD_FIELD_NAMES
    assert tuple(ArticleRecord(url="http://x.cn/a.html").to_dict()) == RECORD_FIELD_NAMES
    assert tuple(content_fields({})) == tuple(f.name for f in CONTENT_FIELDS)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "a.db") as archive:
        for table in RECORD_TABLES:
            assert set(STORED_FIELDS) <= set(archive.db[table].columns_dict), table
