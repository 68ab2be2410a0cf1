"""The package's shape: layers import downwards only, no cycles, modules stay small.

Each subpackage of `docgen/` is one stage of the pipeline. A module may import from
its own subpackage and from any layer below its own, never from a layer above or
from a sibling beside it. Imports are read with `ast`, wherever they stand: at the
top, inside a function (the lazy imports that keep start-up fast) or under
`TYPE_CHECKING`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "docgen"

FOUNDATION = {"docgen", "docgen.errors", "docgen.files", "docgen.refdata"}
"""Errors, reading files, reference data and the version: what every stage may use."""

LAYERS: list[set[str]] = [
    {"docgen"},  # the foundation (FOUNDATION)
    {"docgen.cluster"},  # read, check and model one cluster file
    {"docgen.funding"},  # the figures, pure, from the model and reference data
    {"docgen.documents"},  # the model in words, rendered into DOCX bytes
    {"docgen.build", "docgen.changes", "docgen.tables"},  # build; compare; import tables
    {"docgen.lint"},  # templates against the contexts docgen gives them
    {"docgen.report"},  # every result as text, JSON, GitHub, SARIF or JUnit
    {"docgen.serve"},  # the cluster file in a browser: the web app over the library
    {"docgen.cli"},  # parse options, call the library, report
    {"docgen.__main__"},  # `python -m docgen`
]
"""Lowest first. Entries in one set are siblings: neither may import the other."""

MAX_LINES = 300
MAX_COMMAND_LINES = 80
MAX_TOP_LEVEL_MODULES = 8


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def unit(module: str) -> str:
    """The layer entry a module belongs to: the foundation, its subpackage, or itself."""
    if module in FOUNDATION:
        return "docgen"
    return ".".join(module.split(".")[:2])


def rank(module: str) -> int:
    entry = unit(module)
    for index, layer in enumerate(LAYERS):
        if entry in layer:
            return index
    raise AssertionError(f"{module} is in no layer: add {entry} to LAYERS")


def imported(module: str) -> set[str]:
    """The docgen modules `module` imports, at any depth of its code."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: imported(module) for module in MODULES}


def test_every_module_imports_only_from_its_own_layer_entry_or_below() -> None:
    wrong = [f"{module} imports {target}"
             for module, targets in GRAPH.items() for target in sorted(targets)
             if unit(target) != unit(module) and rank(target) >= rank(module)]
    assert not wrong, "imports from a layer above or beside:\n" + "\n".join(wrong)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_size(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    limit = MAX_COMMAND_LINES if unit(module) == "docgen.cli" else MAX_LINES
    assert lines <= limit, f"{module} has {lines} lines; split it by stage (at most {limit})"


def test_few_modules_at_the_top_level() -> None:
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_every_layer_entry_exists() -> None:
    missing = [entry for layer in LAYERS for entry in layer if entry not in MODULES]
    missing += sorted(FOUNDATION - set(MODULES))
    assert not missing
