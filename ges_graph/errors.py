"""The exceptions of ges-graph: one root, each subclassing the builtin a user would catch.

Bad *data* is reported with a path into the document (``entities[3].form``), the value and what
was expected, like pydantic's error details; a file adds its name, line and column.

Every detail speaks French and English: ``message``/``expected`` are English (the Python
convention, and what ``str()`` of the exceptions shows), ``message_fr``/``expected_fr`` French;
``text(lang)`` and ``to_text(lang)`` (French by default, like every message of the library and the
command line) pick one. Paths, values and file names are never translated.

Examples:
    >>> err = DocumentError([ErrorDetail(path="entities[1].form", message="unknown form",
    ...                                  value="associaton", expected="association, sarl",
    ...                                  message_fr="forme inconnue")])
    >>> print(err)
    entities[1].form: unknown form (got 'associaton'; expected association, sarl)
    >>> print(err.to_text())
    entities[1].form : forme inconnue (lu « associaton » ; attendu association, sarl)
    >>> isinstance(err, ValueError), isinstance(err, GESError)
    (True, True)

Misuse of a function (an argument of the wrong kind or value, an id that names nothing, a
language other than ``fr`` and ``en``) raises one of the small subclasses below, each also the
builtin that code written against the builtins catches:

- :class:`ArgumentError` (a ``ValueError``): an argument out of its choices;
- :class:`ArgumentTypeError` (a ``TypeError``): an argument of the wrong type;
- :class:`UnknownLanguageError` (a ``ValueError``): a ``lang`` other than ``fr`` or ``en``,
  refused the same way by every function that takes one;
- :class:`UnknownEntityError` (a ``KeyError``): an entity id that names no entity;
- :class:`UnknownSchemaError` (a ``KeyError``): a schema id that names no schema;
- :class:`ReadOnlyError` (an ``AttributeError``): an attempt to change an immutable object.

Every one of them pickles (so a process pool gives back the exception its worker raised):

    >>> import pickle
    >>> copy = pickle.loads(pickle.dumps(err))
    >>> type(copy) is DocumentError, copy.details == err.details, str(copy) == str(err)
    (True, True, True)
"""

from __future__ import annotations

import datetime as dt
import errno
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ges_graph._error_root import GESError, UnknownLanguageError
from ges_graph.i18n import Lang, Tr, check_lang, format_number

__all__ = [
    "LISTED_ERRORS",
    "ArgumentError",
    "ArgumentTypeError",
    "DocumentError",
    "ErrorDetail",
    "GESError",
    "LoadError",
    "MissingDependencyError",
    "ReadOnlyError",
    "RenderError",
    "SchemaFileError",
    "UnknownEntityError",
    "UnknownLanguageError",
    "UnknownSchemaError",
    "ValidationFailed",
    "os_reason",
    "shown_value",
]

_QUOTED = Tr("« {text} »", "'{text}'")

_OS_REASONS = {
    errno.ENOENT: Tr("fichier ou dossier introuvable", "no such file or directory"),
    errno.EACCES: Tr("accès refusé", "permission denied"),
    errno.EPERM: Tr("opération non permise", "operation not permitted"),
    errno.EISDIR: Tr("c'est un dossier", "is a directory"),
    errno.ENOTDIR: Tr("un élément du chemin n'est pas un dossier", "not a directory"),
    errno.ENOSPC: Tr("plus de place sur le disque", "no space left on device"),
    errno.EROFS: Tr("système de fichiers en lecture seule", "read-only file system"),
    errno.ENAMETOOLONG: Tr("nom de fichier trop long", "file name too long"),
    errno.EEXIST: Tr("le fichier existe déjà", "file exists"),
}


def os_reason(exc: OSError, lang: Lang = "fr") -> str:
    """Why the system refused a file, in ``lang``: the usual causes said, the others as given.

    The system's own words (``exc.strerror``) are in the system's language, English here:
    « lecture impossible : No such file or directory » in a French message.

    Examples:
        >>> os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
        'fichier ou dossier introuvable'
        >>> os_reason(PermissionError(errno.EACCES, "Permission denied"), "en")
        'permission denied'
        >>> os_reason(OSError(errno.EIO, "Input/output error"))
        'Input/output error'
    """
    check_lang(lang)
    said = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if said is not None:
        return said.render(lang)
    return exc.strerror or str(exc)


def os_reasons(exc: OSError) -> Tr:
    """Why the system refused a file, in both languages (:func:`os_reason`).

    Examples:
        >>> os_reasons(FileNotFoundError(errno.ENOENT, "No such file or directory")).en
        'no such file or directory'
    """
    return Tr(os_reason(exc, "fr"), os_reason(exc, "en"))


_SPACES = frozenset("\u00a0\u202f\u2009")
"""The no-break, narrow no-break and thin spaces: French writes « 42 000 € » with them, and a
message shows them as spaces, not as escapes."""


def shown_value(value: Any, lang: Lang = "fr") -> str:
    r"""A value read from a document, written as the document writes it, for a message.

    Text between quotes (« » in French), control characters escaped; a number without a
    needless ``.0``; booleans and null as YAML and JSON write them; a date as ``YYYY-MM-DD``;
    lists and mappings as JSON.

    Examples:
        >>> shown_value("oui"), shown_value("oui", "en"), shown_value("a\tb", "en")
        ('« oui »', "'oui'", "'a\\tb'")
        >>> shown_value(False), shown_value(None), shown_value(60.0), shown_value(2.5)
        ('false', 'null', '60', '2.5')
        >>> shown_value(["a", 1]), shown_value(dt.date(2026, 1, 31))
        ('["a", 1]', '2026-01-31')
        >>> shown_value("42\u202f000\xa0€") == "« 42\u202f000\xa0€ »"  # no « \\xa0 »
        True
    """
    check_lang(lang)
    if isinstance(value, str):
        text = repr(value)[1:-1]
        if "\\x" in text or "\\u" in text:  # the spaces of French numbers shown as spaces
            text = "".join(c if c in _SPACES else repr(c)[1:-1] for c in value)
        return _QUOTED.format(lang, text=text)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(value)


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
        message_fr: what is wrong, in French (``None``: ``message`` is used in both languages).
        expected_fr: ``expected`` in French (``None``: ``expected`` is used in both languages,
            as for a list of allowed values that needs no words).

    Examples:
        >>> d = ErrorDetail("entities[0].name", "missing required key 'name'", line=4, column=5,
        ...                 type="missing", message_fr="clé obligatoire absente : « name »")
        >>> print(d.text("en"))
        entities[0].name: missing required key 'name'
        >>> print(d.text("fr"))
        entities[0].name : clé obligatoire absente : « name »
        >>> d.location, d.location_text("fr")
        ('entities[0].name (line 4, column 5)', 'entities[0].name (ligne 4, colonne 5)')
    """

    path: str
    message: str
    value: Any = None
    expected: str | None = None
    line: int | None = None
    column: int | None = None
    type: str = "invalid"
    message_fr: str | None = None
    expected_fr: str | None = None

    def message_in(self, lang: Lang = "fr") -> str:
        """What is wrong, in ``lang`` (``"fr"`` or ``"en"``)."""
        check_lang(lang)
        return self.message_fr if lang == "fr" and self.message_fr is not None else self.message

    def expected_in(self, lang: Lang = "fr") -> str | None:
        """What was expected, in ``lang`` (``"fr"`` or ``"en"``)."""
        check_lang(lang)
        return self.expected_fr if lang == "fr" and self.expected_fr is not None else self.expected

    @property
    def location(self) -> str:
        """``path`` with line and column when known: ``entities[1].form (line 5, column 3)``."""
        return self.location_text("en")

    def location_text(self, lang: Lang = "fr") -> str:
        """:attr:`location` in ``lang``: ``entities[1].form (ligne 5, colonne 3)``."""
        check_lang(lang)
        line, column = ("ligne", "colonne") if lang == "fr" else ("line", "column")
        where = self.path
        if self.line is not None:
            pos = f"{line} {self.line}" + (
                f", {column} {self.column}" if self.column is not None else ""
            )
            where = f"{where} ({pos})" if where else pos
        return where

    def text(self, lang: Lang = "fr") -> str:
        """The detail in words, in ``lang``: ``path: message (got value; expected …)``.

        French puts a space before ``:`` and ``;`` and says ``lu``/``attendu``; the value is
        shown as the document writes it (:func:`shown_value`).
        """
        check_lang(lang)
        message, expected = self.message_in(lang), self.expected_in(lang)
        colon, semi, got, want = (
            (" :", " ;", "lu", "attendu") if lang == "fr" else (":", ";", "got", "expected")
        )
        text = f"{self.path}{colon} {message}" if self.path else message
        extra = []
        if self.value is not None:
            extra.append(f"{got} {shown_value(self.value, lang)}")
        if expected:
            extra.append(f"{want} {expected}")
        return f"{text} ({f'{semi} '.join(extra)})" if extra else text

    def __str__(self) -> str:
        return self.text("en")


LISTED_ERRORS = 100
"""The most errors the message of a :class:`DocumentError` lists; one line says how many more."""

_MORE_ERRORS = {
    (False, False): Tr("… et {count} autre erreur", "… and {count} more error"),
    (False, True): Tr("… et {count} autres erreurs", "… and {count} more errors"),
    (True, False): Tr("… et au moins {count} autre erreur", "… and at least {count} more error"),
    (True, True): Tr("… et au moins {count} autres erreurs", "… and at least {count} more errors"),
}
"""The line after the errors listed: (counting stopped, plural) -> text."""


class DocumentError(GESError, ValueError):
    """A document (or a piece of one given to a builder) breaks the format.

    The message lists the first :data:`LISTED_ERRORS` errors, then says how many more there are
    (« … et 4 900 autres erreurs »); :attr:`details` keeps every error kept, as data.

    Attributes:
        details: every error kept, in document order; the first is always there.
        omitted: errors found beyond :attr:`details`, counted but not kept (a reader keeps the
            first :data:`LISTED_ERRORS` of a file and counts the rest).
        at_least: whether counting stopped before the end (reading ended at a syntax error): there
            may be more errors than :attr:`unlisted` says.

    Examples:
        >>> many = [ErrorDetail(f"entities[{i}].form", "unknown form", message_fr="forme inconnue")
        ...         for i in range(LISTED_ERRORS + 4_900)]
        >>> err = DocumentError(many)
        >>> err.unlisted, len(err.details)
        (4900, 5000)
        >>> print(err.to_text("fr").splitlines()[-1])
        … et 4 900 autres erreurs
        >>> print(str(DocumentError(many[:1], omitted=1, at_least=True)).splitlines()[-1])
        … and at least 1 more error
    """

    def __init__(
        self, details: Iterable[ErrorDetail], *, omitted: int = 0, at_least: bool = False
    ) -> None:
        self.details: tuple[ErrorDetail, ...] = tuple(details)
        if not self.details:
            raise ArgumentError("a DocumentError needs at least one detail")
        self.omitted = omitted
        self.at_least = at_least and self.unlisted > 0
        super().__init__(str(self))

    def __str__(self) -> str:
        return self.to_text("en")

    @property
    def unlisted(self) -> int:
        """How many errors the message does not list: details past the first, and the omitted."""
        return max(len(self.details) - LISTED_ERRORS, 0) + self.omitted

    def more_text(self, lang: Lang = "fr") -> str | None:
        """The line that says how many errors are not listed (``None`` when all are).

        Examples:
            >>> err = DocumentError([ErrorDetail("name", "missing")], omitted=1)
            >>> err.more_text("fr"), err.more_text("en")
            ('… et 1 autre erreur', '… and 1 more error')
        """
        check_lang(lang)
        if self.unlisted == 0:
            return None
        count = format_number(self.unlisted, lang, decimals=0)
        return _MORE_ERRORS[self.at_least, self.unlisted > 1].format(lang, count=count)

    def to_text(self, lang: Lang = "fr") -> str:
        """The first errors, one a line, in ``lang`` (French by default; ``str()`` is English)."""
        check_lang(lang)
        lines = [d.text(lang) for d in self.details[:LISTED_ERRORS]]
        more = self.more_text(lang)
        return "\n".join([*lines, more] if more is not None else lines)

    @property
    def first(self) -> ErrorDetail:
        """The first error in document order."""
        return self.details[0]


class LoadError(DocumentError):
    """A file could not be loaded as a GES document; names the file and the place.

    Examples:
        >>> err = LoadError("g.yaml", [ErrorDetail(path="relatons", message="unknown key",
        ...                                        line=6, column=1, message_fr="clé inconnue")])
        >>> print(err)
        g.yaml:6:1: relatons: unknown key
        >>> print(err.to_text("fr"))
        g.yaml:6:1: relatons : clé inconnue
        >>> print(LoadError("g.yaml", err.details, omitted=250, at_least=True).to_text("fr"))
        g.yaml:6:1: relatons : clé inconnue
        g.yaml: … et au moins 250 autres erreurs
    """

    def __init__(
        self,
        file: str,
        details: Iterable[ErrorDetail],
        *,
        omitted: int = 0,
        at_least: bool = False,
    ) -> None:
        self.file = file
        super().__init__(details, omitted=omitted, at_least=at_least)

    def to_text(self, lang: Lang = "fr") -> str:
        """The first errors, one a line, after ``file:line:column:`` (French by default).

        The ``file:line:column:`` prefix is the compilers' convention, the same in both languages.
        """
        check_lang(lang)
        out = []
        for d in self.details[:LISTED_ERRORS]:
            pos = ""
            if d.line is not None:
                pos = f":{d.line}" + (f":{d.column}" if d.column is not None else "")
            out.append(f"{self.file}{pos}: {d.text(lang)}")
        more = self.more_text(lang)
        if more is not None:
            out.append(f"{self.file}: {more}")
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
    """A diagram could not be rendered (``dot`` missing, failed, or out of time).

    ``str(exc)`` is the English message; :meth:`message_in` gives it in either language, as
    the command and the report say it.

    Examples:
        >>> exc = RenderError("dot failed", message_fr="dot a échoué")
        >>> str(exc), exc.message_in("fr"), exc.message_in("en")
        ('dot failed', 'dot a échoué', 'dot failed')
    """

    def __init__(
        self, message: str, *, message_fr: str | None = None, message_en: str | None = None
    ) -> None:
        super().__init__(message)
        self.said = Tr(message_fr or message, message_en or message)

    def message_in(self, lang: Lang = "fr") -> str:
        """The message in ``lang``, for people: no Python argument in it.

        ``str(exc)`` may name a Python argument (``engine='matplotlib'``), which a reader of the
        command or of the report cannot use: ``message_en`` says the same without it.
        """
        check_lang(lang)
        said = getattr(self, "said", None)  # None once unpickled from its args alone
        return str(self) if said is None else said.render(lang)


class MissingDependencyError(GESError, ImportError):
    """An optional dependency is missing; the message says how to install it."""


class ArgumentError(GESError, ValueError):
    """An argument has a value the function does not take (an unknown format, engine, …).

    The message names the argument's value and the choices.

    Examples:
        >>> from ges_graph.io import dumps
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"}]})
        >>> dumps(ges, syntax="toml")
        Traceback (most recent call last):
        ...
        ges_graph.errors.ArgumentError: unknown syntax: 'toml' (must be one of ['yaml', 'json'])
    """


class ArgumentTypeError(GESError, TypeError):
    """An argument has a type the function does not take (a ``dict`` where a ``GES`` goes, …)."""


class UnknownEntityError(GESError, KeyError):
    """No entity has this id: a lookup (``ges.entity(id)``, a control query, …) failed.

    Attributes:
        entity_id: the id asked for (also ``args[0]``, as for any ``KeyError``).

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"}]})
        >>> ges.entity("b")
        Traceback (most recent call last):
        ...
        ges_graph.errors.UnknownEntityError: no entity has the id 'b'
    """

    def __init__(self, entity_id: str) -> None:
        self.entity_id = entity_id
        super().__init__(entity_id)

    def __str__(self) -> str:  # KeyError's would show only the quoted id
        return f"no entity has the id {self.entity_id!r}"


class UnknownSchemaError(GESError, KeyError):
    """No schema has this id (``Classification.candidate("S9")``).

    Attributes:
        schema_id: the id asked for (also ``args[0]``, as for any ``KeyError``).
    """

    def __init__(self, schema_id: str) -> None:
        self.schema_id = schema_id
        super().__init__(schema_id)

    def __str__(self) -> str:  # KeyError's would show only the quoted id
        return f"no schema has the id {self.schema_id!r}"


class ReadOnlyError(GESError, AttributeError):
    """An immutable object (a ``GES``, a ``Control``) was asked to change; build another one."""
