"""The shape of the package: stages in order, data flowing one way, small modules and functions.

These are the promises of the README's "Layout" section, checked on the source itself (ast), so that a
change that breaks them fails here rather than in a reviewer's reading.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from uncac_needs.plumbing import config

PACKAGE = config.PACKAGE_DIR
#: the stages in the order data flows; a stage may import only earlier stages (and the shared parts)
STAGES = ("ingest", "clean", "statistics", "figures", "report")
#: shared by the stages: the vocabularies, the plumbing, and a session's parameters (the report's masthead)
SHARED = ("plumbing", "vocabulary", "session")
#: on top of the stages: they may import everything
ON_TOP = ("pipeline", "cli", "__main__", "__init__")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60

MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__") or "__init__"


def _imports(path: Path) -> set[str]:
    """The uncac_needs modules a file imports, at any depth of the file (late imports included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("uncac_needs"):
            base = node.module.split(".")[1:]
            if not base:                                  # from uncac_needs import x
                found |= {alias.name for alias in node.names}
            else:
                found.add(".".join(base))
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".", 1)[1] for a in node.names if a.name.startswith("uncac_needs.")}
    return found


def _top(name: str) -> str:
    return name.split(".")[0]


def test_the_tree_names_the_stages():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert set(STAGES) | {"plumbing", "vocabulary", "pipeline"} == folders


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_data_flows_one_way(path):
    """A stage imports only earlier stages and the shared parts; the shared parts import no stage."""
    here = _top(_name(path))
    if here in ON_TOP:
        return
    for imported in _imports(path):
        there = _top(imported)
        if there == here or there in SHARED and here in STAGES:
            continue
        if here in SHARED:
            assert there in SHARED, f"{_name(path)} (shared) imports the stage {imported}"
            continue
        assert there in STAGES, f"{_name(path)} imports {imported}, which is on top of the stages"
        assert STAGES.index(there) < STAGES.index(here), f"{_name(path)} imports the later stage {imported}"


def test_no_import_cycle_between_subpackages():
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        graph.setdefault(_top(_name(path)), set()).update(_top(i) for i in _imports(path))
    for start in graph:
        seen, todo = set(), [d for d in graph[start] if d != start]
        while todo:
            node = todo.pop()
            assert node != start, f"an import cycle through {start}"
            if node not in seen:
                seen.add(node)
                todo += [d for d in graph.get(node, ()) if d != node]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_modules_are_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_functions_are_short(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{_name(path)}: {', '.join(long)}"


def test_the_sample_generator_is_not_installed():
    assert not list(PACKAGE.rglob("sample*.py"))
    assert (config.PROJ_ROOT / "scripts" / "sample" / "make_sample.py").exists()
