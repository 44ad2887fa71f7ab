r"""The text of a document, read safely: size limit, UTF-8, positions; what the readers share.

A document larger than the size limit is refused before it is read whole; the bytes must be UTF-8
(a byte-order mark is tolerated; the error gives the line, the column and the byte offset). The
readers of each syntax (:mod:`ges_graph.io.json_reader`, :mod:`ges_graph.io.yaml_reader`) share
the limits, the marks (where each value is) and the messages defined here.

Examples:
    >>> _decode(b"\xef\xbb\xbfname: G", "g.yaml", MAX_SIZE)
    'name: G'
    >>> _decode("name: G", "g.yaml", 3)
    Traceback (most recent call last):
    ...
    ges_graph.errors.LoadError: g.yaml: the document is larger than the size limit (7 bytes) ...
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from ges_graph.errors import LISTED_ERRORS, ErrorDetail, LoadError
from ges_graph.graph import gc_paused
from ges_graph.model import MAX_DEPTH

__all__ = ["MAX_SIZE", "Syntax"]

Syntax = Literal["yaml", "json"]
MAX_SIZE = 16 * 1024 * 1024
"""Default size limit of a document, in bytes (16 MiB)."""

_GC_PAUSE_SIZE = 1 << 20
"""Documents of at least this many bytes (or characters) are read with the cyclic GC paused."""
_GC_PAUSE_ITEMS = 5000
"""Graphs of at least this many entities and relations are built with the cyclic GC paused."""

_MAX_ERRORS = LISTED_ERRORS
"""At most this many errors are kept for one file (the first in document order); the rest are
counted, and the message says how many (« … et 4 900 autres erreurs »)."""

_Marks = dict[str, tuple[int, int]]
"""Document path -> (line, column) of the value at that path; ``path + "\\0key"`` for the key."""

# Messages of both readers, as (English, French).
_DEEP = (f"nesting deeper than {MAX_DEPTH} levels", f"imbrication de plus de {MAX_DEPTH} niveaux")
_DEEP_EXPECTED = (f"at most {MAX_DEPTH} levels", f"au plus {MAX_DEPTH} niveaux")
_SURROGATE_MESSAGE = (
    "the string is not valid Unicode (a lone surrogate)",
    "la chaîne n'est pas de l'Unicode valide (un demi-codet d'indirection isolé)",
)
_UNICODE_TEXT = ("Unicode text", "du texte Unicode")
_FINITE = ("a finite number", "un nombre fini")
_KEY_ONCE = ("each key once per mapping", "chaque clé une seule fois par dictionnaire")


class _Stop(Exception):
    """Internal: stop reading, the errors gathered so far are reported."""


_MAX_COUNTED = 10 * _MAX_ERRORS
"""A reader stops after counting this many errors: the message then says « au moins »."""


class _Errors(list[ErrorDetail]):
    """The errors of one reading: the first :data:`_MAX_ERRORS` kept, the others only counted.

    A reader stops once it has counted :data:`_MAX_COUNTED` (:attr:`full`): reading on through a
    document made of errors would cost time for a count nobody needs exactly.

    Attributes:
        more: how many errors were found beyond those kept.
        stopped: whether reading ended before the end of the text (at a syntax error, an alias,
            the count reached): there may be more errors than were counted.

    Examples:
        >>> errors = _Errors()
        >>> for i in range(_MAX_ERRORS + 5):
        ...     errors.append(ErrorDetail(f"entities[{i}]", "wrong"))
        >>> len(errors), errors.more, errors.full
        (100, 5, False)
    """

    more: int = 0
    stopped: bool = False

    def append(self, detail: ErrorDetail) -> None:
        """Keep ``detail`` while there is room, else count it."""
        if len(self) < _MAX_ERRORS:
            super().append(detail)
        else:
            self.more += 1

    @property
    def full(self) -> bool:
        """Whether :data:`_MAX_COUNTED` errors were counted: the reader stops."""
        return len(self) + self.more >= _MAX_COUNTED


def _capped(
    file: str, errors: list[ErrorDetail], *, more: int = 0, stopped: bool = False
) -> LoadError:
    """The error of ``file``: the first :data:`_MAX_ERRORS` errors, the others counted.

    ``more`` errors were counted and not kept (besides those an :class:`_Errors` counted), and
    ``stopped`` says that reading ended early.

    Examples:
        >>> errors = [ErrorDetail(f"entities[{i}].form", "wrong") for i in range(250)]
        >>> err = _capped("g.yaml", errors)
        >>> len(err.details), err.unlisted, err.at_least
        (100, 150, False)
    """
    if isinstance(errors, _Errors):
        more, stopped = more + errors.more, stopped or errors.stopped
    omitted = max(len(errors) - _MAX_ERRORS, 0) + more
    return LoadError(file, errors[:_MAX_ERRORS], omitted=omitted, at_least=stopped)


def _raise_if(file: str, errors: list[ErrorDetail]) -> None:
    """Raise the error of ``file`` when there are errors (:func:`_capped`)."""
    if errors:
        raise _capped(file, errors)


@contextmanager
def _gc_paused(active: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are built (measured.md).

    Only for large documents (``benchmarks/bench_load.py``); what lives on afterwards goes to
    the oldest generation (:func:`ges_graph.graph.gc_paused`).
    """
    if not active:
        yield
        return
    with gc_paused():
        yield


def _too_large(size: int, max_size: int) -> ErrorDetail:
    return ErrorDetail(
        "",
        f"the document is larger than the size limit ({size} bytes)",
        expected=f"at most {max_size} bytes",
        type="too_large",
        message_fr=f"le document dépasse la taille maximale ({size} octets)",
        expected_fr=f"au plus {max_size} octets",
    )


def _decode(text: str | bytes, file: str, max_size: int) -> str:
    """The text of a document, checked for size and encoding, without a byte-order mark."""
    if isinstance(text, str):
        # One encoding tells both the size in bytes and whether the text is valid Unicode.
        invalid: UnicodeEncodeError | None = None
        if text.isascii():
            size = len(text)
        else:
            try:
                size = len(text.encode("utf-8"))
            except UnicodeEncodeError as exc:
                invalid = exc
                size = len(text.encode("utf-8", "replace"))
        if size > max_size:
            raise LoadError(file, [_too_large(size, max_size)])
        if invalid is not None:
            line = text.count("\n", 0, invalid.start) + 1
            column = invalid.start - text.rfind("\n", 0, invalid.start)
            raise LoadError(
                file,
                [
                    ErrorDetail(
                        "",
                        f"the text is not valid Unicode at character {invalid.start}",
                        ascii(text[invalid.start : invalid.end]),
                        "Unicode text",
                        line,
                        column,
                        type="encoding",
                        message_fr="le texte n'est pas de l'Unicode valide au caractère "
                        f"{invalid.start}",
                        expected_fr="du texte Unicode",
                    )
                ],
            ) from None
        return text[1:] if text.startswith("\ufeff") else text
    if len(text) > max_size:
        raise LoadError(file, [_too_large(len(text), max_size)])
    skip = len(codecs.BOM_UTF8) if text.startswith(codecs.BOM_UTF8) else 0
    try:
        return text[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        line, column = _byte_position(text, offset)
        bad = text[offset : offset + min(exc.end - exc.start, 4)]
        raise LoadError(
            file,
            [
                ErrorDetail(
                    "",
                    f"the file is not UTF-8: invalid byte at offset {offset}",
                    bad.hex(" "),
                    "UTF-8 text",
                    line,
                    column,
                    type="encoding",
                    message_fr="le fichier n'est pas en UTF-8 : octet invalide à la position "
                    f"{offset}",
                    expected_fr="du texte UTF-8",
                )
            ],
        ) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a byte offset; the column counts characters."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
