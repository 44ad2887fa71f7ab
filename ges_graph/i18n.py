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

import functools
import math
import os
import re
import sys

from ges_graph._error_root import UnknownLanguageError

TYPE_CHECKING = False
if TYPE_CHECKING:  # only for the annotations: ``ges-graph --help`` starts without these modules
    import datetime as dt
    from collections.abc import Callable, Mapping, Sequence
    from decimal import Decimal
    from typing import Literal, Protocol

    from typing_extensions import TypeIs

    class Bounds(Protocol):
        """Anything with a least and a most percentage (a ``PercentRange``, a total of them)."""

        @property
        def min(self) -> float: ...
        @property
        def max(self) -> float: ...

    Lang = Literal["fr", "en"]
    """A language of messages (made on first use at run time: see :func:`__getattr__`)."""

__all__ = [
    "LANGS",
    "LANG_VARIABLE",
    "Counted",
    "Lang",
    "Named",
    "Tr",
    "and_list",
    "and_others",
    "at_least",
    "check_lang",
    "counted",
    "default_lang",
    "format_amount",
    "format_date",
    "format_money",
    "format_number",
    "format_percent",
    "format_percent_range",
    "format_percent_span",
    "fr_a",
    "fr_de",
    "fr_gender",
    "fr_que",
    "fr_the",
    "group_named",
    "named_list",
    "reference_text",
    "sentence_start",
    "with_form",
]

LANGS: tuple[Lang, ...] = ("fr", "en")
"""The languages of messages; French is the default everywhere."""


def __getattr__(name: str) -> object:
    """``Lang``, made on first use (PEP 562).

    ``typing``, which it needs, is a tenth of the time ``ges-graph --help`` takes to start, and
    the command's modules name ``Lang`` only in their annotations.

    Examples:
        >>> from ges_graph.i18n import Lang
        >>> Lang.__args__
        ('fr', 'en')
    """
    if name == "Lang":
        from typing import Literal  # noqa: PLC0415 (the reason of this function)

        made = globals()["Lang"] = Literal["fr", "en"]
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        if lang == "fr":  # check_lang, inline: a registry's messages render a million of them
            return self.fr
        if lang == "en":
            return self.en
        raise UnknownLanguageError(lang)

    def format(self, lang: Lang, /, **fields: object) -> str:
        """The text in ``lang``, its ``{name}`` fields filled from ``fields``."""
        return (self.fr if check_lang(lang) == "fr" else self.en).format(**fields)


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


@functools.lru_cache(maxsize=4096)  # a registry's messages write the same amounts again and again
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


def counted(n: int, one: Tr, many: Tr, lang: Lang = "fr") -> str:
    """``n`` and a noun in the number it takes: no « constat(s) » in a sentence.

    French puts the singular below two (« 0 constat », « 1 constat », « 2 constats »), English
    only for one ("0 findings", "1 finding").

    Args:
        n: how many.
        one: the noun in the singular, in both languages.
        many: the noun in the plural.
        lang: the language.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.

    Examples:
        >>> finding, findings = Tr("constat", "finding"), Tr("constats", "findings")
        >>> [counted(n, finding, findings) for n in (0, 1, 2, 1500)]
        ['0 constat', '1 constat', '2 constats', '1 500 constats']
        >>> [counted(n, finding, findings, "en") for n in (0, 1, 2)]
        ['0 findings', '1 finding', '2 findings']
    """
    language = check_lang(lang)
    singular = abs(n) < 2 if language == "fr" else abs(n) == 1  # the grammar, not a text choice
    return f"{format_number(n, language, decimals=0)} {(one if singular else many).render(lang)}"


_AND_WORD = Tr("et", "and")
_OTHER, _OTHERS = Tr("autre", "other"), Tr("autres", "others")


_REFERENCES = {
    "COORACE definition of GES": Tr("COORACE, définition du GES", "COORACE definition of a GES"),
    "—": Tr("aucune (cohérence du document)", "none (consistency of the document)"),
}
"""References whose words are not a text's citation, said in each language."""


def reference_text(reference: str, lang: Lang) -> str:
    """A rule's reference as said to a reader in ``lang``.

    The catalogue's references are data, the same in both languages (the law is French):
    French puts a space before « ; » and « : », English quotes with “ ”; a reference that is
    words rather than a citation is translated, and « — » (a rule of the document's
    consistency, resting on no text) is said.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.

    Examples:
        >>> reference_text("CGI art. 261 B, 256 C; BOI-TVA-CHAMP-30-10-40", "fr")
        'CGI art. 261 B, 256 C ; BOI-TVA-CHAMP-30-10-40'
        >>> reference_text("COORACE: « une gouvernance unifiée »", "fr")
        'COORACE : « une gouvernance unifiée »'
        >>> reference_text("COORACE: « une gouvernance unifiée »", "en")
        'COORACE: “une gouvernance unifiée”'
        >>> reference_text("COORACE definition of GES", "fr"), reference_text("—", "en")
        ('COORACE, définition du GES', 'none (consistency of the document)')
    """
    check_lang(lang)
    said = _REFERENCES.get(reference)
    if said is not None:
        return said.render(lang)
    if lang == "fr":
        return re.sub(r"(?<=\S)([;:])(?=\s)", r" \1", reference)
    return re.sub(r"«\s*(.*?)\s*»", r"“\1”", reference)


def and_list(items: Sequence[str], lang: Lang) -> str:
    """``items`` joined as the language joins a list: « A, B et C », "A, B and C".

    Examples:
        >>> and_list(["A", "B", "C"], "fr"), and_list(["A", "B"], "en"), and_list([], "fr")
        ('A, B et C', 'A and B', '')
    """
    check_lang(lang)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_AND_WORD.render(lang)} {items[-1]}"


def and_others(n: int, lang: Lang) -> str:
    """« et 1 autre », « et 2 autres »: how many more there are than a sentence names.

    Examples:
        >>> and_others(1, "fr"), and_others(1500, "fr")
        ('et 1 autre', 'et 1 500 autres')
        >>> and_others(1, "en"), and_others(2, "en")
        ('and 1 other', 'and 2 others')
    """
    return f"{_AND_WORD.render(check_lang(lang))} {counted(n, _OTHER, _OTHERS, lang)}"


def named_list(names: Sequence[str], lang: Lang, more: int = 0) -> Named:
    """``names`` joined as :func:`and_list` joins them, then how many ``more`` there are.

    Each name keeps its own article or preposition in a French template (``{x.the}``,
    ``{x.de}``), « et N autres » none.

    Examples:
        >>> print(named_list(["Association Tremplin", "Evolio"], "fr").the)
        l'Association Tremplin et Evolio
        >>> print(named_list(["GIE Horizon", "Evolio"], "fr", more=2).de)
        du GIE Horizon, d'Evolio et de 2 autres
        >>> named_list(["A", "B"], "en", more=1)
        'A, B and 1 other'
    """
    check_lang(lang)
    items = list(names)
    if more > 0:
        items.append(counted(more, _OTHER, _OTHERS, lang))
    return Named.listing(items, f" {_AND_WORD.render(lang)} ")


class Counted:
    """A number and its noun as a message argument: :func:`counted` when rendered.

    Examples:
        >>> c = Counted(3, Tr("membre", "member"), Tr("membres", "members"))
        >>> c.render("fr"), c.render("en"), Counted(1, *c.forms).render("fr")
        ('3 membres', '3 members', '1 membre')
    """

    __slots__ = ("forms", "n")

    def __init__(self, n: int, one: Tr, many: Tr) -> None:
        self.n = n
        self.forms = (one, many)

    def render(self, lang: Lang) -> str:
        """The number and its noun in ``lang``."""
        check_lang(lang)
        return counted(self.n, *self.forms, lang)

    def __repr__(self) -> str:
        return f"Counted({self.n!r}, {self.forms[0]!r}, {self.forms[1]!r})"


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


def at_least(text: str, lang: Lang = "fr") -> str:
    """``text`` (a figure already written) as a least: « au moins 55 % », "at least 55%".

    For a range read at its minimum: the figure is what is certain, not what is held.

    Examples:
        >>> at_least("55 %"), at_least("55%", "en")
        ('au moins 55 %', 'at least 55%')
    """
    return _AT_LEAST.format(check_lang(lang), value=text)


_AT_LEAST = Tr("au moins {value}", "at least {value}")


def format_percent_span(low: float, high: float, lang: Lang = "fr") -> str:
    """Two bounds of a percentage in prose: « de 110 à 120 % », "110–120%".

    Unlike :func:`format_percent_range`, the bounds may pass 100 (a total of ranges).

    Examples:
        >>> format_percent_span(110, 120), format_percent_span(10, 20, "en")
        ('de 110 à 120 %', '10–20%')
    """
    check_lang(lang)
    low_text, high_text = format_number(low, lang), format_percent(high, lang)
    return _FROM_TO.format(lang, low=low_text, high=high_text)


_FROM_TO = Tr("de {low} à {high}", "{low}–{high}")


def format_percent_range(
    value: float | Decimal | Bounds, lang: Lang = "fr", *, decimals: int = 2
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
    return f"{format_amount(value, lang)} {currency}"


def format_amount(value: float | Decimal, lang: Lang = "fr") -> str:
    """An amount without its currency, to the cent when it has cents (as in a table's cell).

    Examples:
        >>> format_amount(1750000.5), format_amount(-50000, "en")
        ('1 750 000,50', '-50,000')
    """
    sep = "," if check_lang(lang) == "fr" else "."
    number = format_number(value, lang)
    if sep in number and len(number.rsplit(sep, 1)[1]) == 1:
        number += "0"
    return number


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


# --------------------------------------------------------------------------------------------
# Articles and elision before a name (French)
# --------------------------------------------------------------------------------------------
#
# A name is written after « de » or « à » the way a French jurist writes it: elided before a
# vowel or a mute h (« d'Evolio », « d'Horizon »), with the article of a common noun that opens it
# (« de l'Union Sud Loire », « du GIE Horizon Moyens », « de la SCIC Vallée Solidaire »), and
# contracted with an article that is part of it (« Le Relais » → « du Relais », « Les Jardins » →
# « aux Jardins »). An acronym is read by its letters: elided only when it begins with a vowel.
# Digits are read as numbers and never elided before (« de 1001 Pattes »).

_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæ")
"""The letters a French word can begin with and be elided before (``y`` is left out: « de
Yaourt », and an ``h`` is decided by :data:`_H_ASPIRE`)."""

_H_ASPIRE = (
    "hache", "haie", "hall", "halle", "hameau", "hamac", "hanche", "handicap", "hangar",
    "harpe", "hasard", "hausse", "haut", "hâte", "havre", "hérisson", "héros", "hêtre", "hibou",
    "hockey", "holding", "hollande", "homard", "hongrie", "honte", "hors", "houille", "hub",
    "huit", "hutte",
)  # fmt: skip
"""Words (and their derivatives: « Hauts-de-France ») whose h is aspirated: no elision."""

_FEMININE_LEADS = (
    "association", "union", "fédération", "fondation", "coopérative", "société", "mutuelle",
    "régie", "entreprise", "communauté", "commune", "ville", "métropole", "région", "mairie",
    "maison", "ressourcerie", "recyclerie", "agence", "caisse", "banque", "chambre", "structure",
    "plateforme", "école", "collectivité", "scic", "scop", "sas", "sasu", "sarl", "sa", "sci",
    "eurl", "holding",
)  # fmt: skip
_MASCULINE_LEADS = (
    "gie", "groupement", "département", "centre", "comité", "collectif", "fonds", "atelier",
    "chantier", "syndicat", "conseil", "institut", "office", "établissement", "réseau", "pôle",
    "groupe", "cabinet", "club",
)  # fmt: skip
_LEAD_NOUNS: dict[str, str] = {
    **dict.fromkeys(_FEMININE_LEADS, "f"),
    **dict.fromkeys(_MASCULINE_LEADS, "m"),
}
"""Common nouns (and form acronyms) that open a name and take an article (« l'Association
Tremplin », « le GIE Horizon Moyens », « la SCIC Vallée Solidaire »), with their gender."""

_FIRST_WORD = re.compile(r"[^\s'’-]+")
_OWN_ARTICLE = re.compile(r"(?i)(les|le|la)\s+(?=\S)|(l['’])(?=\S)")
_NAMES_CACHED = 16_384
"""How many names :func:`fr_the`, :func:`fr_de` and :func:`fr_a` remember (pure functions of a
name, called for every message that names an entity)."""


def _fold(word: str) -> str:
    return word.casefold()


def _elides(word: str) -> bool:
    """True when « de », « le », « la » elide before ``word`` (a vowel or a mute h)."""
    if not word:
        return False
    first = _fold(word[0])
    if first in _VOWELS:
        return True
    if first != "h":
        return False
    folded = _fold(word)
    return not any(folded.startswith(h) for h in _H_ASPIRE)


def _split_article(name: str) -> tuple[str, str]:
    """The article that opens ``name`` (``le``, ``la``, ``les``, ``l'``, or ``""``) and the rest."""
    match = _OWN_ARTICLE.match(name)
    if match is None:
        return "", name
    return _fold(match.group(1) or "l'").replace("’", "'"), name[match.end() :]


def _lead_article(name: str) -> str:
    """The article a name opening with a common noun takes (``l'``, ``la``, ``le``), or ``""``."""
    match = _FIRST_WORD.match(name)
    if match is None:
        return ""
    gender = _LEAD_NOUNS.get(_fold(match.group()))
    if gender is None:
        return ""
    if _elides(name):
        return "l'"
    return "la" if gender == "f" else "le"


def fr_gender(name: str) -> Literal["f", "m"] | None:
    """The gender French gives ``name`` when it opens with a common noun, else ``None``.

    « le Centre Social Horizon » is masculine whatever its legal form; « Evolio » says nothing.

    Examples:
        >>> fr_gender("Centre Horizon"), fr_gender("Association Tremplin"), fr_gender("Evolio")
        ('m', 'f', None)
    """
    match = _FIRST_WORD.match(name)
    if match is None:
        return None
    gender = _LEAD_NOUNS.get(_fold(match.group()))
    return "f" if gender == "f" else "m" if gender == "m" else None


def fr_que(name: str) -> str:
    """« que » before ``name``, elided before a vowel or a mute h: « qu'Evolio », « que Jean ».

    Examples:
        >>> fr_que("Evolio"), fr_que("Jean Dupont"), fr_que("Hôtel Social")
        ("qu'Evolio", 'que Jean Dupont', "qu'Hôtel Social")
    """
    return "qu'" + name if _elides(name) else "que " + name


@functools.lru_cache(maxsize=_NAMES_CACHED)
def fr_the(name: str) -> str:
    """``name`` with the article French puts before it in a sentence, if any.

    Examples:
        >>> fr_the("Association Tremplin"), fr_the("GIE Horizon Moyens"), fr_the("Evolio")
        ("l'Association Tremplin", 'le GIE Horizon Moyens', 'Evolio')
        >>> fr_the("SCIC Vallée Solidaire"), fr_the("Le Relais")
        ('la SCIC Vallée Solidaire', 'Le Relais')
    """
    if _split_article(name)[0]:
        return name
    article = _lead_article(name)
    if article == "l'":
        return article + name
    return f"{article} {name}" if article else name


def sentence_start(text: str) -> str:
    """``text`` with the article :func:`fr_the` put at its start capitalised.

    A message is a sentence, and its first word may be a name's article (« L'Association
    Tremplin détient… »); a name's own article and every other first word are left as they are.

    Examples:
        >>> sentence_start(fr_the("Association Tremplin") + " détient 60 %")
        "L'Association Tremplin détient 60 %"
        >>> sentence_start("la SCIC Vallée Solidaire"), sentence_start("Evolio"), sentence_start("")
        ('La SCIC Vallée Solidaire', 'Evolio', '')
    """
    if text.startswith(("l'", "la ", "le ")):
        return "L" + text[1:]
    return text


@functools.lru_cache(maxsize=_NAMES_CACHED)
def _with_preposition(name: str, prep: str) -> str:
    """« de » or « à » (``prep``) before ``name``, elided or contracted as French does.

    Cached: a registry's findings name the same entities thousands of times.
    """
    contracted = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
    own, rest = _split_article(name)
    if own in ("le", "les"):
        return f"{contracted[prep, own]} {rest}"
    if own:
        return f"{prep} {name}"
    article = _lead_article(name)
    if article == "le":
        return f"{contracted[prep, 'le']} {name}"
    if article:
        return f"{prep} {fr_the(name)}"
    if prep == "de" and _elides(name):
        return "d'" + name
    return f"{prep} {name}"


def fr_de(name: str) -> str:
    """« de » before ``name``: « d'Evolio », « de l'Union Sud Loire », « du Relais ».

    Examples:
        >>> fr_de("Ardenne Patrimoine"), fr_de("Horizon"), fr_de("Hauts-de-France Emploi")
        ("d'Ardenne Patrimoine", "d'Horizon", 'de Hauts-de-France Emploi')
        >>> fr_de("Union Sud Loire"), fr_de("GIE Horizon Moyens"), fr_de("Région Grand Est")
        ("de l'Union Sud Loire", 'du GIE Horizon Moyens', 'de la Région Grand Est')
        >>> fr_de("Le Relais"), fr_de("Les Jardins"), fr_de("La Ressourcerie"), fr_de("1001 Pattes")
        ('du Relais', 'des Jardins', 'de La Ressourcerie', 'de 1001 Pattes')
        >>> fr_de("Holding Tremplin"), fr_de("Habitat Solidaire")  # « la holding » : h aspiré
        ('de la Holding Tremplin', "d'Habitat Solidaire")
    """
    return _with_preposition(name, "de")


def fr_a(name: str) -> str:
    """« à » before ``name``: « à Evolio », « à l'Association Tremplin », « au Relais ».

    Examples:
        >>> fr_a("Association Tremplin"), fr_a("GIE Horizon Moyens"), fr_a("Les Jardins")
        ("à l'Association Tremplin", 'au GIE Horizon Moyens', 'aux Jardins')
        >>> fr_a("Evolio"), fr_a("SCIC Vallée Solidaire")
        ('à Evolio', 'à la SCIC Vallée Solidaire')
    """
    return _with_preposition(name, "à")


def with_form(form: str, name: str) -> str:
    """The form's name then the entity's, the form not repeated when the name opens with it.

    Args:
        form: how the form is called (« SCIC », « société anonyme »), or several ways separated
            by ``|`` (« société anonyme|SA »): the first is written, any of them is recognised.
        name: the entity's name.

    Examples:
        >>> with_form("SCIC", "SCIC Vallée Solidaire"), with_form("SCIC", "Vallée Solidaire")
        ('SCIC Vallée Solidaire', 'SCIC Vallée Solidaire')
        >>> with_form("société anonyme|SA", "SA Réseau"), with_form("société anonyme|SA", "Réseau")
        ('SA Réseau', 'société anonyme Réseau')
    """
    ways = form.split("|")
    folded = _fold(name)
    for way in ways:
        if folded == _fold(way) or folded.startswith(_fold(way) + " "):
            return name
    return f"{ways[0]} {name}"


class Named(str):
    """A name (or a list of names) that a French template can put after « de » or « à ».

    A template writes ``{x.de}``, ``{x.a}`` or ``{x.the}`` where French needs the preposition or
    the article, and ``{x}`` elsewhere (English templates just write ``{x}``). A list keeps its
    items so that each one gets its own preposition (« de A, de B et de C »).

    Examples:
        >>> Tr("autour {x.de}", "around {x}").format("fr", x=Named("Union Sud Loire"))
        "autour de l'Union Sud Loire"
        >>> Tr("à {x.a}", "to {x}").format("en", x=Named("Union Sud Loire"))
        'to Union Sud Loire'
        >>> Named.listing(["Evolio", "Le Relais"], " et ").de
        "d'Evolio et du Relais"
    """

    parts: tuple[str, ...] = ()
    sep: str = ""
    last: str = ""

    @classmethod
    def listing(cls, parts: Sequence[str], last: str, sep: str = ", ") -> Named:
        """The names joined by ``sep``, the last two by ``last`` (`` et ``)."""
        items = list(parts)
        text = last.join([sep.join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)
        named = cls(text)
        named.parts = tuple(items)
        named.sep = sep
        named.last = last
        return named

    def _each(self, word: Callable[[str], str]) -> str:
        if len(self.parts) <= 1:
            return word(str(self))
        items = [word(p) for p in self.parts]
        return self.last.join([self.sep.join(items[:-1]), items[-1]])

    @property
    def de(self) -> str:
        """« de » before the name (see :func:`fr_de`)."""
        return self._each(fr_de)

    @property
    def a(self) -> str:
        """« à » before the name (see :func:`fr_a`)."""
        return self._each(fr_a)

    @property
    def the(self) -> str:
        """The name with its article (see :func:`fr_the`)."""
        return self._each(fr_the)


class _QuotedGroup(Named):
    """A group's name that French says as « le groupe « X » » (see :func:`group_named`)."""

    @property
    def de(self) -> str:
        return f"du groupe « {self} »"

    @property
    def a(self) -> str:
        return f"au groupe « {self} »"

    @property
    def the(self) -> str:
        return f"le groupe « {self} »"


def group_named(name: str) -> Named:
    """A group's name for a title: ``{x.de}`` « du Groupe Tremplin », « du groupe « Deux … » ».

    A name that opens with a common noun or an article takes its own article (« du Relais des
    Vallées », « de l'Union Sud Loire »); any other is quoted after « groupe », where « de Deux
    associations sans gouvernance commune » would read as a sentence of its own. English writes
    the name as it is.

    Examples:
        >>> group_named("Groupe Tremplin").de, group_named("Le Relais").de
        ('du Groupe Tremplin', 'du Relais')
        >>> g = group_named("Deux associations")
        >>> g.de, g.a, str(g)
        ('du groupe « Deux associations »', 'au groupe « Deux associations »', 'Deux associations')
    """
    if fr_gender(name) is not None or _split_article(name)[0]:
        return Named(name)
    return _QuotedGroup(name)
