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
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ges_graph.errors import ErrorDetail, os_reason
from ges_graph.i18n import Lang, Tr, check_lang

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
    "document_text",
    "err",
    "error_outcome",
    "json_text",
    "note_arguments",
    "one_line",
    "print_json",
    "say",
    "terminal_safe",
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
    "{file}: format de sortie inconnu « {suffix} » (attendu : {expected})",
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


def error_outcome(
    file: str,
    message: str,
    detail: ErrorDetail | None = None,
    *,
    omitted: int = 0,
    at_least: bool = False,
) -> Outcome:
    """The outcome of a file that could not be read, in the JSON form of ``docs/cli.md``.

    Args:
        file: the file's name as given.
        message: the whole message (it names the file, and the place when known).
        detail: where in the document, when the loader knows.
        omitted: how many errors the message does not list (it says so on its last line); the
            JSON then has ``"omitted": {"count": ..., "at_least": ...}``.
        at_least: whether counting stopped (reading ended early): ``omitted`` is a minimum.

    Examples:
        >>> error_outcome("g.yaml", "...", omitted=4900).data["error"]["omitted"]
        {'count': 4900, 'at_least': False}
    """
    error: dict[str, Any] = {
        "message": message,
        "location": (detail.path or None) if detail is not None else None,
        "line": detail.line if detail is not None else None,
        "column": detail.column if detail is not None else None,
    }
    if omitted:
        error["omitted"] = {"count": omitted, "at_least": at_least}
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
    check_lang(lang)
    if output == "-":
        return None
    if os.path.islink(output):
        return OUTPUT_IS_SYMLINK.format(lang, file=output)
    if any(name != "-" and _same_file(output, name) for name in inputs):
        return OUTPUT_IS_INPUT.format(lang, file=output)
    return None


_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_CONTROLS}]")
"""What a terminal acts on rather than shows: C0 (but line feed and tab), DEL, C1, the Unicode
line separators and the bidirectional controls (which reorder what is shown)."""
_CONTROL_OR_LINE = re.compile(f"[{_CONTROLS}\n\t]")
_UNESCAPED = (
    *map(chr, range(0x7F, 0xA0)), "\u061c", "\u200e", "\u200f", "\u2028", "\u2029",
    *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)),
)  # fmt: skip
"""The characters of :data:`_CONTROL` that a JSON encoder leaves as they are (all but C0)."""


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    r"""``text`` with every control character escaped (``\x1b``, ``\u202e``...), lines kept.

    Examples:
        >>> print(terminal_safe("A\x1b]0;pwned\x07 B\rC\x00\u202e\nnext line"))
        A\x1b]0;pwned\x07 B\x0dC\x00\u202e
        next line
    """
    return _CONTROL.sub(_escaped, text)


def one_line(text: str) -> str:
    r"""``text`` on one line: every control character escaped, line feeds and tabs too.

    Examples:
        >>> print(one_line("Régie\nOK: forged\x1b[2J"))
        Régie\x0aOK: forged\x1b[2J
    """
    return _CONTROL_OR_LINE.sub(_escaped, text)


def _strings(data: Any, found: set[str]) -> None:
    """Add to ``found`` the strings (values and keys) of ``data`` that hold a control or a line."""
    if isinstance(data, str):
        if _CONTROL_OR_LINE.search(data):
            found.add(data)
    elif isinstance(data, dict):
        for key, value in data.items():
            _strings(key, found)
            _strings(value, found)
    elif isinstance(data, list | tuple):
        for value in data:
            _strings(value, found)


def _escape_whole(text: str, found: set[str]) -> str:
    """``text`` with each string of ``found`` in it escaped whole, line feeds and tabs too."""
    if not found:
        return text
    pattern = re.compile("|".join(map(re.escape, sorted(found, key=len, reverse=True))))
    return pattern.sub(lambda m: _CONTROL_OR_LINE.sub(_escaped, m.group()), text)


_ARGUMENTS: set[str] = set()
"""The command-line arguments holding a line feed or a control (a file name), set by ``main``."""


def note_arguments(argv: Iterable[str]) -> None:
    r"""Remember the arguments that hold a line feed or a control, to escape them whole.

    A file name such as ``"x\nFORGED"`` then cannot forge a line of a message that names it.
    """
    _ARGUMENTS.clear()
    _strings(list(argv), _ARGUMENTS)


def document_text(text: str, document: Any, json_text: bytes | None = None) -> str:
    r"""``text`` about ``document``, made safe to print.

    The document's strings that hold a line feed, a tab or a control character (a name, an id,
    a key) are escaped whole, so that a name cannot forge an output line; then every control
    character left (:func:`terminal_safe`).

    Args:
        text: what the command prints about the document.
        document: the document (a pydantic model), or its data.
        json_text: the JSON text the document was read from, if it was: when it writes no line
            feed and no tab (JSON escapes both), no string of the document holds one, and the
            document is not looked at (other controls are escaped alike, whole or not).

    Examples:
        >>> print(document_text("Entité « X\nOK: all good » : erreur", {"name": "X\nOK: all good"}))
        Entité « X\x0aOK: all good » : erreur
    """
    found: set[str] = set()
    if not hasattr(document, "model_dump"):
        _strings(document, found)
    elif json_text is not None and _OBJECT.match(json_text) and not _JSON_LINE.search(json_text):
        pass  # no string of the document holds a line feed or a tab
    elif _DUMPED_LINE.search(document.model_dump_json()):  # one scan before any walk
        _strings(document.model_dump(mode="json"), found)
    return terminal_safe(_escape_whole(text, found))


_OBJECT = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*\{")
"""The start of a JSON document (an object: a BODS array is read into new strings)."""
_LINE_ESCAPE = r"\\(?:[nt]|u000[9aA])"
"""How JSON writes a line feed or a tab in a string (or, rarely, a backslash written before
``n`` or ``t``: then the document's strings are looked at one by one). JSON escapes every C0
control: a JSON text without one of these holds no string with a line feed or a tab."""
_JSON_LINE = re.compile(_LINE_ESCAPE.encode())
_DUMPED_LINE = re.compile(_LINE_ESCAPE)


def say(text: str) -> None:
    """Print ``text`` for people on stdout, control characters escaped (:func:`terminal_safe`)."""
    print(terminal_safe(_escape_whole(text, _ARGUMENTS)))


def err(text: str) -> None:
    """Print a diagnostic on stderr, control characters escaped (:func:`terminal_safe`)."""
    print(terminal_safe(_escape_whole(text, _ARGUMENTS)), file=sys.stderr)


def json_text(data: Any) -> str:
    r"""``data`` as one line of JSON: compact, non-ASCII kept as is, controls escaped.

    The C encoder writes it (an indented dump would take Python's, three times slower on a long
    run); C1, DEL and the bidirectional controls, which JSON leaves as they are, are escaped as
    JSON escapes C0, so that the line stays JSON yet is inert on a terminal.

    Examples:
        >>> print(json_text({"name": "Régie\x9b2J", "n": [1, 2]}))
        {"name":"Régie\u009b2J","n":[1,2]}
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    # The encoder has escaped C0; the others are looked for one by one, each a fast substring
    # search, three times faster than the pattern over a registry's long lines.
    if any(c in text for c in _UNESCAPED):
        return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def write_text(output: str, text: str, lang: Lang) -> int:
    r"""Write a document's ``text`` to the file ``output`` (atomically) or, for ``-``, to stdout.

    Says what was written on stderr; returns the exit code (:data:`EXIT_UNREADABLE` when the
    file cannot be written, with the reason).

    Examples:
        >>> write_text("-", "name: G\n", "en")
        name: G
        0
    """
    check_lang(lang)
    if output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    from ges_graph._files import write_atomic  # noqa: PLC0415 - --help needs none of it

    try:
        write_atomic(output, text)
    except OSError as exc:
        err(CANNOT_WRITE.format(lang, file=output, reason=os_reason(exc, lang)))
        return EXIT_UNREADABLE
    err(WRITTEN.format(lang, path=output))
    return EXIT_OK


def print_json(data: Any) -> None:
    r"""Print ``data`` as one JSON document on stdout.

    One result (an object) is indented for people; a list of them, one per file of a long run,
    has one compact object per line, which the C encoder writes (:func:`json_text`) three times
    faster than an indented dump.

    Examples:
        >>> print_json({"name": "Régie\x9b2J", "n": 2})  # C1, DEL, bidi: escaped as JSON does C0
        {
          "name": "Régie\u009b2J",
          "n": 2
        }
        >>> print_json([{"file": "a.yaml"}, {"file": "b.yaml"}])
        [
        {"file":"a.yaml"},
        {"file":"b.yaml"}
        ]
    """
    if isinstance(data, list) and data:
        print("[\n" + ",\n".join(map(json_text, data)) + "\n]")
        return
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    print(_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text))  # still JSON, yet inert
