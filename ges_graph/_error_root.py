"""The root of ges-graph's exceptions and the unknown-language error, below everything else.

:mod:`ges_graph.i18n` refuses an unknown language and :mod:`ges_graph.errors` imports
:mod:`ges_graph.i18n`, so the two classes both need live here, in a module that imports
nothing of ges-graph. Users import them from :mod:`ges_graph.errors` (their ``__module__``
says so, which is also where pickle looks them up).

Every :class:`GESError` pickles, whatever its ``__init__`` takes: it is rebuilt from its
``args`` without calling ``__init__`` again, then given back its attributes. A process pool
therefore hands the parent the very exception its worker raised, details and all.

Examples:
    >>> import pickle
    >>> err = UnknownLanguageError("de")
    >>> print(err)
    unknown language 'de' (must be one of 'fr', 'en')
    >>> copy = pickle.loads(pickle.dumps(err))
    >>> type(copy).__name__, copy.lang, str(copy) == str(err), isinstance(copy, ValueError)
    ('UnknownLanguageError', 'de', True, True)
"""

from __future__ import annotations

TYPE_CHECKING = False  # not ``typing``'s: ``ges-graph --help`` starts without importing it
if TYPE_CHECKING:
    from typing import Any

__all__ = ["GESError", "UnknownLanguageError"]

_LANGS = ("fr", "en")  # the same tuple as ges_graph.i18n.LANGS, which a test compares


class GESError(Exception):
    """Root of every exception raised on purpose by ges-graph.

    Each subclass also subclasses the builtin a user would catch (``ValueError`` for a bad
    value, ``TypeError`` for a bad type, ``KeyError`` for an unknown id, …), so code written
    against the builtins keeps working.
    """

    __module__ = "ges_graph.errors"

    def __reduce__(self) -> tuple[Any, ...]:
        # The default rebuilds with ``cls(*self.args)``, which fails for every subclass whose
        # __init__ takes other arguments than its message (LoadError(file, details), …).
        return (_rebuild, (type(self), self.args), self.__dict__ or None)


def _rebuild(cls: type[GESError], args: tuple[Any, ...]) -> GESError:
    """An exception of class ``cls`` with ``args``, without running ``cls.__init__``."""
    exc = cls.__new__(cls, *args)
    builtin = next(base for base in cls.__mro__ if base.__module__ == "builtins")
    builtin.__init__(exc, *args)  # type: ignore[misc]  # sets args (and ImportError's msg) as the builtin would
    return exc


class UnknownLanguageError(GESError, ValueError):
    """A language other than French (``fr``) or English (``en``) was asked for.

    Every function and method that takes ``lang`` raises it at its entry, with the same
    message, rather than answering in another language.

    Attributes:
        lang: the language asked for, as given.
    """

    __module__ = "ges_graph.errors"

    def __init__(self, lang: object) -> None:
        self.lang = lang
        choices = ", ".join(repr(code) for code in _LANGS)
        super().__init__(f"unknown language {lang!r} (must be one of {choices})")
