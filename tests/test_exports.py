"""The public API: ``__all__`` is exact, ``import ges_graph`` stays light, modules do not leak."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import types

import pytest

import ges_graph

PUBLIC = {
    "GES",
    "GESBuilder",
    "Document",
    "Entity",
    "load",
    "loads",
    "save",
    "dumps",
    "validate",
    "plan",
    "classify",
    "GESError",
    "LoadError",
    "DocumentError",
    "__version__",
}

HEAVY = ("matplotlib", "graphviz", "hypothesis", "IPython", "nbclient")


def _public_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(ges_graph.__path__, "ges_graph."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts) or parts[-1] == "examples":
            continue
        names.append(info.name)
    return sorted(names)


MODULES = _public_modules()


def test_all_is_the_agreed_public_api() -> None:
    assert set(ges_graph.__all__) == PUBLIC
    assert len(ges_graph.__all__) == len(set(ges_graph.__all__))


def test_every_name_of_all_is_there_and_documented() -> None:
    for name in ges_graph.__all__:
        obj = getattr(ges_graph, name)
        if name != "__version__":
            assert obj.__doc__, f"ges_graph.{name} has no docstring"


def test_nothing_public_is_left_out_of_all() -> None:
    stray = {
        name
        for name, value in vars(ges_graph).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in ges_graph.__all__
    }
    assert stray == set()


def test_version_comes_from_the_installed_metadata() -> None:
    from importlib.metadata import version

    assert ges_graph.__version__ == version("ges-graph")


@pytest.mark.parametrize("heavy", HEAVY)
def test_import_ges_graph_does_not_import_heavy_dependencies(heavy: str) -> None:
    code = (
        "import sys, ges_graph\n"
        "ges_graph.classification, ges_graph.validate\n"
        f"sys.exit(1 if {heavy!r} in sys.modules else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, f"import ges_graph imported {heavy}\n{run.stderr}"


def test_the_core_does_not_import_rendering_or_the_command_line() -> None:
    core = ["ges_graph.classification", "ges_graph.rules", "ges_graph.report", "ges_graph.flows"]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in core)
        + "bad = [m for m in ('ges_graph.render', 'ges_graph.cli', 'ges_graph.html_report') "
        "if m in sys.modules]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_there_are_public_modules_to_check() -> None:
    assert {"ges_graph.io", "ges_graph.model", "ges_graph.cli"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_public_modules_declare_what_they_export(name: str) -> None:
    """Each public module lists its API in ``__all__``, and every listed name exists and is its own.

    A name in ``__all__`` that the module merely imported from elsewhere is a leak: users would
    come to rely on the wrong home of the name.
    """
    module = importlib.import_module(name)
    if name == "ges_graph.__main__":
        return
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    for attr in exported:
        assert hasattr(module, attr), f"{name}.__all__ lists {attr!r}, which is not there"
        obj = getattr(module, attr)
        home = getattr(obj, "__module__", None)
        if isinstance(obj, types.ModuleType) or home is None:
            continue
        if name.count(".") >= 1 and isinstance(obj, type | types.FunctionType):
            assert home == name or home.startswith(name + "."), (
                f"{name}.__all__ re-exports {attr!r} from {home}"
            )


def test_the_command_line_exports_only_its_entry_point_and_exit_codes() -> None:
    from ges_graph import cli

    assert set(cli.__all__) == {"main", "EXIT_OK", "EXIT_FAILED", "EXIT_UNREADABLE"}
    assert (cli.EXIT_OK, cli.EXIT_FAILED, cli.EXIT_UNREADABLE) == (0, 1, 2)
