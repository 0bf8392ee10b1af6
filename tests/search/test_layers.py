"""The search app's layers depend one way: indexing (search.indexing, search.signals) uses the
engines, and no engine imports the indexing layer, so an engine can be loaded, tested or replaced
on its own."""

import ast
from pathlib import Path

import search.engines

INDEXING_LAYER = {"search.indexing", "search.signals"}


def imported_modules(path):
    package = "search.engines"
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def test_no_engine_imports_the_indexing_layer():
    engines = sorted(Path(search.engines.__file__).parent.glob("**/*.py"))
    assert engines
    for path in engines:
        assert not INDEXING_LAYER & set(imported_modules(path)), path
