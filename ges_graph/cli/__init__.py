"""The ``ges-graph`` command (see ``docs/cli.md``).

One console script with a subcommand per job. Output for people goes to stdout; ``--json`` prints
one JSON document on stdout and nothing else there; diagnostics go to stderr, never a traceback
for bad input. Exit codes, for every subcommand: ``0`` success (:data:`EXIT_OK`), ``1`` the input
was read but fails what was asked (:data:`EXIT_FAILED`: validation found an error), ``2`` the
input could not be read or the command line is wrong (:data:`EXIT_UNREADABLE`).

The package, top of the house (it imports the library, nothing imports it):

- :mod:`~ges_graph.cli.parser`: the command line (argparse), one subparser per subcommand;
- :mod:`~ges_graph.cli.checking`: ``validate``, ``classify``, ``schemas``;
- :mod:`~ges_graph.cli.drawing`: ``render``, ``report``, ``demo``;
- :mod:`~ges_graph.cli.files`: ``convert``, ``diff``;
- :mod:`~ges_graph.cli.check`: ``check``, a whole registry of documents in one pass;
- :mod:`~ges_graph.cli.template`: ``template``, a workbook (or CSV folder) to fill in;
- :mod:`~ges_graph.cli.registry`: ``import-registry``, a skeleton from the company register;
- :mod:`~ges_graph.cli.inputs`: the documents and ``--schema`` files named on the command line;
- :mod:`~ges_graph.cli.batch`: several files in order, in worker processes, with a progress bar;
- :mod:`~ges_graph.cli.output`: exit codes, outcomes, JSON, the messages shared by subcommands.

Each subcommand NAME is one ``cmd_NAME(args) -> int`` function, reachable from here; its module
is imported when it runs (or when the name is first asked for), so that ``--help`` and
``--version`` import neither the library nor its dependencies. Pieces that live in other modules
(rules, classification, rendering, the report page, exports, diff) are imported inside the
function that uses them, so that the command starts fast and ``import ges_graph`` never pulls in
rendering libraries.

Examples:
    >>> from ges_graph._data import example_path
    >>> main(["convert", "--to", "json", "-o", "-", str(example_path("tremplin.yaml"))])
    {
      "format": "ges-graph/1",
      "name": "Groupe Tremplin",
    ...
    0
    >>> main(["validate", "--json", "no-such-file.yaml"])  # the diagnostic goes to stderr
    {
      "file": "no-such-file.yaml",
      "error": {
        "message": "no-such-file.yaml: ...",
        "location": null,
        "line": null,
        "column": null
      }
    }
    2
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from ges_graph.cli.parser import parse_command_line
from ges_graph.i18n import Tr

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: the command starts without typing
    from typing import Any

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_UNREADABLE", "main"]

_INTERRUPTED = Tr("interrompu", "interrupted")
_FROM_OUTPUT = ("EXIT_FAILED", "EXIT_OK", "EXIT_UNREADABLE")
"""The exit codes, defined in :mod:`ges_graph.cli.output` (imported only when a subcommand runs,
or when one of them is asked for here)."""

_HOMES = {
    "validate": "checking",
    "classify": "checking",
    "schemas": "checking",
    "check": "check",
    "render": "drawing",
    "report": "drawing",
    "demo": "drawing",
    "convert": "files",
    "diff": "files",
    "template": "template",
    "import-registry": "registry",
    "budget": "budget",
    "plan": "plan",
}
"""The module of this package that holds each subcommand's ``cmd_NAME``, imported when it runs
(``--help`` and ``--version`` import none of them)."""


def __getattr__(name: str) -> Any:
    """``cmd_NAME``, from the module that holds it, or an exit code (imported on first use)."""
    if name in _FROM_OUTPUT:
        return getattr(importlib.import_module(f"{__name__}.output"), name)
    command = name.removeprefix("cmd_").replace("_", "-")
    home = _HOMES.get(command) if name.startswith("cmd_") else None
    if home is None:
        raise AttributeError(f"module 'ges_graph.cli' has no attribute {name!r}")
    handler: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(f"{__name__}.{home}"), name
    )
    globals()[name] = handler
    return handler


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs subcommand ``name``: ``cmd_<name>`` of this package.

    Looked up here at each run rather than bound by the parser: this namespace is the one table
    of the subcommands, and what a test replaces in it is what runs. The module that holds it is
    imported then (:data:`_HOMES`), so that ``--help`` imports none.
    """
    attribute = f"cmd_{name.replace('-', '_')}"
    handler: Callable[[argparse.Namespace], int] | None = globals().get(attribute)
    return handler if handler is not None else __getattr__(attribute)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Args:
        argv: the arguments, without the program name.

    Examples:
        >>> main(["demo", "--lang", "xx"])  # the usage line and the error go to stderr
        2
    """
    try:
        args = parse_command_line(argv)
    except SystemExit as exc:  # --help, --version, or a wrong command line (already printed)
        return exc.code if isinstance(exc.code, int) else 2  # EXIT_UNREADABLE: a wrong line
    # What a subcommand needs, and --help and --version do not:
    from ges_graph.cli.inputs import given_schemas  # noqa: PLC0415
    from ges_graph.cli.output import (  # noqa: PLC0415
        EXIT_FAILED,
        EXIT_UNREADABLE,
        err,
        note_arguments,
    )
    from ges_graph.errors import DocumentError, GESError  # noqa: PLC0415

    note_arguments(sys.argv[1:] if argv is None else argv)  # escaped whole in what is printed
    given_schemas.cache_clear()  # a schema file may have changed since an earlier call
    try:
        return int(_command(args.command)(args))
    except GESError as exc:  # bad input that a subcommand did not catch itself
        if isinstance(exc, DocumentError):
            err(exc.to_text(args.lang))
        else:
            err(str(exc))
        return EXIT_UNREADABLE
    except BrokenPipeError:  # stdout closed early (``| head``): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except KeyboardInterrupt:
        err(_INTERRUPTED.render(args.lang))
        return 130
