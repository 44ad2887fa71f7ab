"""Languages and numbers for people: the one place that knows how French and English write them.

Messages, reports, pages and diagrams are written in French (the default everywhere) or English.
This module holds the list of languages and the way each writes numbers, percentages and amounts,
so that a percentage reads the same in a finding, a control explanation, a classification and a
diagram:

========  ===============  ==========  ===========  ================
language  number           percent     range        money
========  ===============  ==========  ===========  ================
``fr``    ``1 234 567,5``  ``50,5 %``  ``25–50 %``  ``1 250,50 EUR``
``en``    ``1,234,567.5``  ``50.5%``   ``25–50%``   ``1,250.50 EUR``
========  ===============  ==========  ===========  ================

The French articles and elision before a name (:func:`fr_de`, :func:`fr_a`, :func:`fr_the`,
:func:`with_form`, :class:`Named`) are given from here too; they are written in
:mod:`ges_graph._french`. The language of a person who asked for none is :func:`default_lang`.

French groups thousands with a space and writes a space before ``%``; English groups with commas
and writes ``%`` right after the number. The spaces are ordinary spaces; a diagram that must not
break a label there swaps them for non-breaking ones (``ges_graph.render.style``).

Examples:
    >>> format_percent(50.5), format_percent(50.5, "en")
    ('50,5 %', '50.5%')
    >>> format_money(1250.5, "EUR"), format_money(1250.5, "EUR", "en")
    ('1 250,50 EUR', '1,250.50 EUR')
"""

from __future__ import annotations

import math
import os
import sys

from ges_graph._error_root import UnknownLanguageError
from ges_graph._french import Named, fr_a, fr_de, fr_the, with_form

TYPE_CHECKING = False
if TYPE_CHECKING:  # only for the annotations: ``ges-graph --help`` starts without these modules
    import datetime as dt
    from collections.abc import Mapping
    from decimal import Decimal
    from typing import Literal

    from typing_extensions import TypeIs

    from ges_graph.model import PercentRange

__all__ = [
    "LANGS",
    "LANG_VARIABLE",
    "Lang",
    "Named",
    "Tr",
    "check_lang",
    "default_lang",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_percent_range",
    "fr_a",
    "fr_de",
    "fr_the",
    "with_form",
]

if TYPE_CHECKING:
    Lang = Literal["fr", "en"]
else:  # a plain ``str`` at run time: ``typing`` costs the command a third of its start-up
    Lang = str
"""A language of messages: ``"fr"`` or ``"en"`` (a ``Literal`` for type checkers)."""

LANGS: tuple[Lang, ...] = ("fr", "en")
"""The languages of messages; French is the default everywhere."""


class Tr:
    """A text given in both languages: the one way bilingual text is written in ges-graph.

    Every fixed text that a person reads (a label, a heading, a phrase of a message) is a ``Tr``,
    and is put in a language by :meth:`render` at the last moment; the vocabularies' labels are
    ``Tr`` too (:mod:`ges_graph.vocabulary`). A template with ``{name}`` fields is filled by
    :meth:`format`.

    Examples:
        >>> head = Tr("tête de groupe", "head of group")
        >>> head.render("fr"), head.render("en")
        ('tête de groupe', 'head of group')
        >>> Tr("{n} membres", "{n} members").format("en", n=3)
        '3 members'
    """

    __slots__ = ("en", "fr")

    fr: str
    """The French text."""
    en: str
    """The English text."""

    def __init__(self, fr: str, en: str) -> None:
        # Written by hand rather than by ``dataclasses``, whose import (``inspect`` and more)
        # would double the time ``ges-graph --help`` takes to start.
        object.__setattr__(self, "fr", fr)
        object.__setattr__(self, "en", en)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Tr is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Tr is immutable")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Tr)
        return (self.fr, self.en) == (other.fr, other.en)

    def __hash__(self) -> int:
        return hash((self.fr, self.en))

    def __repr__(self) -> str:
        return f"Tr(fr={self.fr!r}, en={self.en!r})"

    def __reduce__(self) -> tuple[type[Tr], tuple[str, str]]:
        return (Tr, (self.fr, self.en))

    def render(self, lang: Lang) -> str:
        """The text in ``lang`` (``fr`` or ``en``).

        Raises:
            UnknownLanguageError: ``lang`` is not a supported language.
        """
        return self.fr if check_lang(lang) == "fr" else self.en

    def format(self, lang: Lang, /, **fields: object) -> str:
        """The text in ``lang``, its ``{name}`` fields filled from ``fields``."""
        check_lang(lang)
        return self.render(lang).format(**fields)


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if it is a supported language.

    Args:
        lang: a language code from a caller (an argument, a command-line option).

    Returns:
        The same code, typed as a :data:`Lang`.

    Raises:
        UnknownLanguageError: ``lang`` is not one of :data:`LANGS`; the message shows it and
            the choices. It is a :class:`~ges_graph.errors.GESError` and a ``ValueError``, and
            every function of ges-graph that takes ``lang`` raises it (by calling this one
            first).

    Examples:
        >>> check_lang("en")
        'en'
        >>> check_lang("de")
        Traceback (most recent call last):
        ...
        ges_graph.errors.UnknownLanguageError: unknown language 'de' (must be one of 'fr', 'en')
    """
    if lang == "fr":
        return "fr"
    if lang == "en":
        return "en"
    raise UnknownLanguageError(lang)


LANG_VARIABLE = "GES_GRAPH_LANG"
"""The environment variable that sets the command's language (``fr`` or ``en``)."""

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The locale's variables, strongest first, as POSIX reads them for the language of messages."""


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The language of a person who asked for none: the command's, when ``--lang`` is not given.

    :data:`LANG_VARIABLE` (``GES_GRAPH_LANG``) when it names a language; else the locale, the
    first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set: English when it names English
    (``en``, ``en_GB.UTF-8``), French otherwise (``fr_FR.UTF-8``, ``C``, ``de_DE``); else French.

    Args:
        environ: the environment variables (default: ``os.environ``).

    Examples:
        >>> default_lang({}), default_lang({"LANG": "en_US.UTF-8"}), default_lang({"LANG": "C"})
        ('fr', 'en', 'fr')
        >>> default_lang({"GES_GRAPH_LANG": "fr", "LC_ALL": "en_US.UTF-8"})
        'fr'
        >>> default_lang({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"})  # LC_ALL first
        'fr'
        >>> default_lang({"GES_GRAPH_LANG": "de", "LC_MESSAGES": "en_GB"})  # not a language
        'en'
    """
    env = os.environ if environ is None else environ
    chosen = env.get(LANG_VARIABLE, "").strip().lower()
    if chosen in LANGS:
        return check_lang(chosen)
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


def format_number(value: float | Decimal, lang: Lang = "fr", *, decimals: int = 2) -> str:
    """A number as a reader of ``lang`` writes it, rounded to at most ``decimals`` decimals.

    Trailing zeros are dropped (``50`` rather than ``50,00``), and a value that rounds to zero is
    written ``0``, never ``-0``.

    Args:
        value: the number.
        lang: ``fr`` (decimal comma, thousands grouped by spaces) or ``en`` (decimal point,
            thousands grouped by commas).
        decimals: the most decimals shown.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.

    Examples:
        >>> format_number(1234567.5), format_number(1234567.5, "en"), format_number(50.0)
        ('1 234 567,5', '1,234,567.5', '50')
        >>> format_number(2 / 3, "fr"), format_number(2 / 3, "en", decimals=1)
        ('0,67', '0.7')
        >>> from decimal import Decimal
        >>> format_number(Decimal("-0.001")), format_number(99.999)
        ('0', '100')
    """
    language = check_lang(lang)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # 'inf', 'nan': documents never hold them, but say what it is
    text = f"{value:,.{max(decimals, 0)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    if language == "fr":
        return text.replace(",", " ").replace(".", ",")
    return text


def format_percent(value: float | Decimal, lang: Lang = "fr", *, decimals: int = 2) -> str:
    """A percentage (``value`` is in percent: ``50.5`` for 50.5 %).

    Args:
        value: the percentage, on a 0–100 scale.
        lang: ``fr`` writes ``50,5 %``, ``en`` writes ``50.5%``.
        decimals: the most decimals shown.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.

    Examples:
        >>> format_percent(50.5), format_percent(50.5, "en")
        ('50,5 %', '50.5%')
        >>> format_percent(100 * 2 / 3, "fr", decimals=0), format_percent(12.345, "en")
        ('67 %', '12.35%')
    """
    return _with_sign(format_number(value, lang, decimals=decimals), lang)


def format_percent_range(
    value: float | Decimal | PercentRange, lang: Lang = "fr", *, decimals: int = 2
) -> str:
    """A percentage, or a range of percentages written with one sign (``25–50 %``).

    Args:
        value: a percentage, or a :class:`~ges_graph.model.PercentRange` (anything with ``min``
            and ``max`` percentages).
        lang: ``fr`` or ``en``, as for :func:`format_percent`.
        decimals: the most decimals shown, for each bound.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.

    Examples:
        >>> from ges_graph.model import PercentRange
        >>> share = PercentRange(min=25, max=50)
        >>> format_percent_range(share), format_percent_range(share, "en")
        ('25–50 %', '25–50%')
        >>> format_percent_range(33.5, "fr")
        '33,5 %'
    """
    check_lang(lang)
    if _is_number(value):
        return format_percent(value, lang, decimals=decimals)
    low = format_number(value.min, lang, decimals=decimals)
    high = format_number(value.max, lang, decimals=decimals)
    return _with_sign(f"{low}–{high}", lang)


def _is_number(value: object) -> TypeIs[float | Decimal]:
    """Whether ``value`` is a number (an ``int``, a ``float`` or a ``Decimal``) and not a range.

    A ``Decimal`` can only exist once :mod:`decimal` is imported, so this module need not import
    it (``ges-graph --help`` does without it).

    Examples:
        >>> from decimal import Decimal
        >>> _is_number(1), _is_number(Decimal("2.5")), _is_number("3")
        (True, True, False)
    """
    decimal = sys.modules.get("decimal")
    return isinstance(value, int | float) or (
        decimal is not None and isinstance(value, decimal.Decimal)
    )


def format_money(value: float | Decimal, currency: str, lang: Lang = "fr") -> str:
    """An amount and its currency code, to the cent when it has cents.

    Args:
        value: the amount.
        currency: the ISO 4217 code written after it (``EUR``).
        lang: ``fr`` or ``en``, as for :func:`format_number`.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.

    Examples:
        >>> format_money(48_000_000, "EUR"), format_money(1250.5, "EUR", "en")
        ('48 000 000 EUR', '1,250.50 EUR')
        >>> from decimal import Decimal
        >>> format_money(Decimal("-0.10"), "EUR")
        '-0,10 EUR'
    """
    sep = "," if check_lang(lang) == "fr" else "."
    number = format_number(value, lang)
    if sep in number and len(number.rsplit(sep, 1)[1]) == 1:
        number += "0"
    return f"{number} {currency}"


def format_date(value: dt.date, lang: Lang = "fr") -> str:
    """A date as every page writes it: ``31/12/2025`` in French, ``2025-12-31`` in English.

    The report's header and footer and the diagram's title write it the same way.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.

    Examples:
        >>> import datetime as dt
        >>> format_date(dt.date(2025, 12, 31)), format_date(dt.date(2025, 12, 31), "en")
        ('31/12/2025', '2025-12-31')
    """
    return f"{value:%d/%m/%Y}" if check_lang(lang) == "fr" else value.isoformat()


def _with_sign(number: str, lang: Lang) -> str:
    return f"{number} %" if lang == "fr" else f"{number}%"
