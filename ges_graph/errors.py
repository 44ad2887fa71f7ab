"""The exceptions of ges-graph: one root, each subclassing the builtin a user would catch.

Bad *data* is reported with a path into the document (``entities[3].form``), the value and what
was expected, like pydantic's error details; a file adds its name, line and column.

Examples:
    >>> err = DocumentError([ErrorDetail(path="entities[1].form", message="unknown form",
    ...                                  value="associaton", expected="association, sarl")])
    >>> print(err)
    entities[1].form: unknown form (got 'associaton'; expected association, sarl)
    >>> isinstance(err, ValueError)
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "DocumentError",
    "ErrorDetail",
    "GESError",
    "LoadError",
    "MissingDependencyError",
    "RenderError",
    "SchemaFileError",
    "ValidationFailed",
]


class GESError(Exception):
    """Root of every exception raised on purpose by ges-graph."""


@dataclass(frozen=True)
class ErrorDetail:
    """One thing wrong with a document, and where.

    Attributes:
        path: where in the document, ``entities[1].form`` (empty when there is no path, as for a
            broken syntax or encoding).
        message: what is wrong.
        value: the offending value, as read (``None`` when there is none).
        expected: what was expected (for a closed vocabulary, the allowed values).
        line: line number (from 1) in the file, where known.
        column: column number (from 1) in the file, where known.
        type: a stable code for the kind of error (``missing``, ``unknown_entity``, …).
    """

    path: str
    message: str
    value: Any = None
    expected: str | None = None
    line: int | None = None
    column: int | None = None
    type: str = "invalid"

    @property
    def location(self) -> str:
        """``path`` with line and column when known: ``entities[1].form (line 5, column 3)``."""
        where = self.path
        if self.line is not None:
            pos = f"line {self.line}" + (
                f", column {self.column}" if self.column is not None else ""
            )
            where = f"{where} ({pos})" if where else pos
        return where

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}" if self.path else self.message
        extra = []
        if self.value is not None:
            extra.append(f"got {self.value!r}")
        if self.expected:
            extra.append(f"expected {self.expected}")
        return f"{text} ({'; '.join(extra)})" if extra else text


class DocumentError(GESError, ValueError):
    """A document (or a piece of one given to a builder) breaks the format.

    Attributes:
        details: every error found, in document order; the first is always there.
    """

    def __init__(self, details: Iterable[ErrorDetail]) -> None:
        self.details: tuple[ErrorDetail, ...] = tuple(details)
        if not self.details:
            raise ValueError("a DocumentError needs at least one detail")
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [str(d) for d in self.details]
        return lines[0] if len(lines) == 1 else "\n".join(lines)

    @property
    def first(self) -> ErrorDetail:
        """The first error in document order."""
        return self.details[0]


class LoadError(DocumentError):
    """A file could not be loaded as a GES document; names the file and the place.

    Examples:
        >>> err = LoadError("g.yaml", [ErrorDetail(path="relatons", message="unknown key",
        ...                                        line=6, column=1)])
        >>> print(err)
        g.yaml:6:1: relatons: unknown key
    """

    def __init__(self, file: str, details: Iterable[ErrorDetail]) -> None:
        self.file = file
        super().__init__(details)

    def __str__(self) -> str:
        out = []
        for d in self.details:
            pos = ""
            if d.line is not None:
                pos = f":{d.line}" + (f":{d.column}" if d.column is not None else "")
            out.append(f"{self.file}{pos}: {d}")
        return "\n".join(out)


class SchemaFileError(GESError, ValueError):
    """A schema file (reference or custom) is malformed; names the file and the place."""

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file = file
        self.path = path
        self.message = message
        super().__init__(f"{file}: {path}: {message}" if path else f"{file}: {message}")


class ValidationFailed(GESError, ValueError):
    """Validation found errors, raised on request by ``Report.raise_for_errors()``.

    Not conforming is a result (a :class:`~ges_graph.report.Report`); this exception exists
    for callers who prefer to stop at the first non-conforming document.

    Attributes:
        report: the validation report, whose errors the message lists.
    """

    def __init__(self, report: Any, message: str) -> None:
        self.report = report
        super().__init__(message)


class RenderError(GESError, RuntimeError):
    """A diagram could not be rendered (``dot`` failed or ran out of time)."""


class MissingDependencyError(GESError, ImportError):
    """An optional dependency is missing; the message says how to install it."""
