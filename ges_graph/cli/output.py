"""What the command hands back: exit codes, one outcome per file, JSON, messages on stderr.

Every subcommand follows the same contract (``docs/cli.md``): text for people on stdout, or with
``--json`` one JSON document and nothing else there; diagnostics on stderr; the exit code says
how it went. The texts shared by several subcommands are here too, one :class:`~ges_graph.i18n.Tr`
each; those of one subcommand live beside it.

Examples:
    >>> CANNOT_WRITE.format("en", file="out.svg", reason="Permission denied")
    'out.svg: cannot write: Permission denied'
    >>> outcome = error_outcome("g.yaml", "g.yaml: cannot read")
    >>> outcome.status, outcome.data["error"]
    (2, {'message': 'g.yaml: cannot read', 'location': None, 'line': None, 'column': None})
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ges_graph.errors import ErrorDetail
from ges_graph.i18n import Lang, Tr

__all__ = [
    "CANNOT_READ",
    "CANNOT_WRITE",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "UNKNOWN_OUTPUT",
    "WRITTEN",
    "Outcome",
    "check_output",
    "err",
    "error_outcome",
    "print_json",
]

EXIT_OK = 0
"""Success."""
EXIT_FAILED = 1
"""The input was read but fails what was asked (validation found an error)."""
EXIT_UNREADABLE = 2
"""The input could not be read, or the command line is wrong."""

CANNOT_READ = Tr("{file}: lecture impossible : {reason}", "{file}: cannot read: {reason}")
"""A file that cannot be read (fields ``file``, ``reason``)."""
CANNOT_WRITE = Tr("{file}: écriture impossible : {reason}", "{file}: cannot write: {reason}")
"""A file or folder that cannot be written (fields ``file``, ``reason``)."""
WRITTEN = Tr("écrit : {path}", "written: {path}")
"""A file written (field ``path``)."""
UNKNOWN_OUTPUT = Tr(
    "{file}: format de sortie inconnu {suffix!r} (attendu : {expected})",
    "{file}: unknown output format {suffix!r} (expected {expected})",
)
"""An output file whose suffix names no format (fields ``file``, ``suffix``, ``expected``)."""
OUTPUT_IS_INPUT = Tr(
    "{file}: la sortie est aussi une entrée ; elle l'écraserait (choisir un autre -o)",
    "{file}: the output is also an input; it would overwrite it (choose another -o)",
)
"""An output path that names one of the command's inputs (field ``file``)."""
OUTPUT_IS_SYMLINK = Tr(
    "{file}: la sortie est un lien symbolique ; écriture refusée (donner le chemin de la cible)",
    "{file}: the output is a symbolic link; not written (give the target's path)",
)
"""An output path that is a symbolic link, refused rather than followed (field ``file``)."""


@dataclass(frozen=True)
class Outcome:
    """What one file gave: the exit status, the text for people, the JSON form, notes for stderr.

    Attributes:
        file: the file's name as given (``<stdin>`` for standard input).
        status: its exit code (:data:`EXIT_OK`, :data:`EXIT_FAILED`, :data:`EXIT_UNREADABLE`).
        text: what ``--json`` leaves out: the result for people, printed on stdout.
        data: the JSON form of the result (printed with ``--json``).
        notes: lines for stderr (why the file could not be read).
    """

    file: str
    status: int
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def error_outcome(file: str, message: str, detail: ErrorDetail | None = None) -> Outcome:
    """The outcome of a file that could not be read, in the JSON form of ``docs/cli.md``.

    Args:
        file: the file's name as given.
        message: the whole message (it names the file, and the place when known).
        detail: where in the document, when the loader knows.
    """
    error = {
        "message": message,
        "location": (detail.path or None) if detail is not None else None,
        "line": detail.line if detail is not None else None,
        "column": detail.column if detail is not None else None,
    }
    return Outcome(file, EXIT_UNREADABLE, data={"file": file, "error": error}, notes=(message,))


def _same_file(a: str, b: str) -> bool:
    """Whether paths ``a`` and ``b`` name the same file (resolved, or the same inode)."""
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def check_output(output: str, inputs: Iterable[str], lang: Lang) -> str | None:
    """Why the command must not write ``output``, or ``None`` when it may.

    Refused: an output that is one of the inputs (it would be overwritten before or while being
    read), and a symbolic link (writing would replace a file elsewhere). ``-`` (standard
    output, or input) is never a file.

    Examples:
        >>> print(check_output("g.yaml", ["./g.yaml"], "en"))
        g.yaml: the output is also an input; it would overwrite it (choose another -o)
        >>> check_output("g.html", ["g.yaml", "-"], "en") is None
        True
    """
    if output == "-":
        return None
    if os.path.islink(output):
        return OUTPUT_IS_SYMLINK.format(lang, file=output)
    if any(name != "-" and _same_file(output, name) for name in inputs):
        return OUTPUT_IS_INPUT.format(lang, file=output)
    return None


def err(text: str) -> None:
    """Print a diagnostic on stderr."""
    print(text, file=sys.stderr)


def print_json(data: Any) -> None:
    """Print ``data`` as one JSON document on stdout (indented, non-ASCII kept as is).

    Examples:
        >>> print_json({"name": "Régie", "n": 2})
        {
          "name": "Régie",
          "n": 2
        }
    """
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
