"""The house drawn from the code: which module may import which.

The modules of ``ges_graph`` are stacked in layers, from what knows nothing (languages, read-only
data) to what knows everything (the command line). A module imports only from layers below its
own, or from its own package; the import graph has no cycle; the core (every layer up to the
rules and the classification) imports nothing inside a function, so that what it depends on is
read at the top of each file. Rendering, the HTML report, the notebook display and the command
line sit above the core, which never reaches up to them.

The graph is read from the source with :mod:`ast` (imports under ``if TYPE_CHECKING:`` are for
the type checker only and do not count), and checked again at run time by importing the core with
rendering blocked.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ges_graph"

# Lower layers first. Every module of the package must be placed: a new module is a decision.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "ges_graph._error_root",
        "ges_graph.frozen",
        "ges_graph._data",
        "ges_graph._version",
        "ges_graph._lazy",
        "ges_graph._ids",
    ),
    ("ges_graph.i18n",),
    ("ges_graph.errors", "ges_graph.vocabulary", "ges_graph.identifiers"),
    ("ges_graph.model", "ges_graph.yaml_scalars", "ges_graph._files"),
    ("ges_graph.validation_messages", "ges_graph.control"),
    ("ges_graph.graph",),
    (
        "ges_graph.io",
        "ges_graph.schemas",
        "ges_graph.report",
        "ges_graph.flows",
        "ges_graph.registry",  # the company register: records to a document skeleton
        "ges_graph.classification_text",  # under classification: reads its type for typing only
    ),
    ("ges_graph.rules", "ges_graph.classification", "ges_graph.export"),
    ("ges_graph.diff", "ges_graph.render", "ges_graph.strategies", "ges_graph.generate"),
    ("ges_graph.html_report", "ges_graph.notebook", "ges_graph.planning"),
    ("ges_graph.cli", "ges_graph"),
    ("ges_graph.__main__",),
)
CORE_TOP = 7  # layers 0..7 are the core: no import inside a function there


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _unit(module: str) -> str:
    """The layered unit a module belongs to: itself, or the package of ``LAYERS`` holding it."""
    placed = {m for layer in LAYERS for m in layer}
    probe = module
    while probe not in placed and probe.count(".") > 1:
        probe = probe.rsplit(".", 1)[0]
    if probe not in placed:
        raise AssertionError(f"{module} is in no layer of tests/test_architecture.py: place it")
    return probe


def _layer(module: str) -> int:
    unit = _unit(module)
    for i, layer in enumerate(LAYERS):
        if unit in layer:
            return i
    raise AssertionError(f"{module} is in no layer of tests/test_architecture.py: place it")


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        if "." not in name:
            return None
        name = name.rsplit(".", 1)[0]
    return name or None


def _imports(module: str) -> list[tuple[str, bool, int]]:
    """(imported module, inside a function, line) for each import of a ges_graph module."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    return _imports_in(path.read_text(encoding="utf-8"), module, package)


def _imports_in(source: str, module: str, package: str) -> list[tuple[str, bool, int]]:
    tree = ast.parse(source)
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(n) for n in ast.walk(node))
    nested: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            nested.update(id(n) for n in ast.walk(node) if n is not node)
    found: list[tuple[str, bool, int]] = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            # ``from pkg import sub`` imports the submodule; ``from mod import name`` the module
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        for target in targets:
            resolved = _resolve(target) if target.startswith("ges_graph") else None
            if resolved is not None and resolved != module:
                found.append((resolved, id(node) in nested, node.lineno))
    return found


def _graph() -> nx.DiGraph[str]:
    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_nodes_from(MODULES)
    for module in MODULES:
        for target, inside, _line in _imports(module):
            if not inside:
                g.add_edge(module, target)
    return g


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        _layer(module)


def test_the_import_graph_has_no_cycle() -> None:
    cycles = list(nx.simple_cycles(_graph()))
    assert not cycles, f"import cycles: {cycles}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    """Each import goes to a lower layer, or stays inside the module's own package."""
    mine = _layer(module)
    wrong = [
        f"line {line}: {target} (layer {_layer(target)} > {mine})"
        for target, _inside, line in _imports(module)
        if _unit(target) != _unit(module) and _layer(target) >= mine
    ]
    assert not wrong, f"{module} (layer {mine}) imports upward or sideways: {wrong}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) <= CORE_TOP))
def test_the_core_imports_nothing_inside_functions(module: str) -> None:
    lazy = [f"line {line}: {t}" for t, inside, line in _imports(module) if inside]
    assert not lazy, f"{module} imports inside a function: {lazy}"


def test_the_reading_sees_lazy_upward_and_relative_imports() -> None:
    """The checks above are not vacuous: the reading finds what they must refuse."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import model\n"
        "if TYPE_CHECKING:\n"
        "    from ges_graph.cli import main\n"
        "def f():\n"
        "    from ges_graph.render import mimebundle\n"
    )
    found = _imports_in(source, "ges_graph.graph", "ges_graph")
    assert found == [("ges_graph.model", False, 2), ("ges_graph.render", True, 6)]
    assert _layer("ges_graph.render") > _layer("ges_graph.graph")


BLOCKED = ("ges_graph.render", "ges_graph.html_report", "ges_graph.cli", "matplotlib", "graphviz")


def test_the_core_works_with_rendering_and_the_command_line_blocked() -> None:
    code = (
        "import sys\n"
        + "".join(f"sys.modules[{m!r}] = None\n" for m in BLOCKED)
        + "import ges_graph\n"
        "from ges_graph._data import example_path\n"
        "ges = ges_graph.load(example_path('tremplin.yaml'))\n"
        "print(ges_graph.validate(ges).conforms is not None, ges_graph.classify(ges).schema)\n"
        "import ges_graph.flows, ges_graph.export, ges_graph.diff, ges_graph.strategies\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", "S5"]
