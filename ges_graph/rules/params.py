r"""Rules' parameters: dated values, their units and what they mean, in French and in English.

A :class:`Param` is a threshold of a rule, with the dates from which each value applies, and what
it is in both languages. It names its unit by a code (``EUR``), the same in both languages and in
the JSON of ``validate --rules``; :data:`UNITS` gives each code its names, and writes a value
with it: « 0,01 point », « 10 % », « 153 000 euros », « 250 salariés ». :func:`typeset` gives the
French of the rule catalogue the spaces a French typographer keeps with « : ; ? ! % » and
guillemets.

Examples:
    >>> p = Param("turnover", "EUR", Tr("seuil de chiffre d'affaires", "turnover threshold"),
    ...           ((None, 48_000_000), (dt.date(2025, 1, 1), 60_000_000)))
    >>> p.at(dt.date(2024, 12, 31)), p.at(dt.date(2025, 1, 1)), p.at(None)
    (48000000, 60000000, 60000000)
    >>> p.values_in("fr").replace("\N{NO-BREAK SPACE}", "~")
    '60 000 000 euros à compter du 01/01/2025~; 48 000 000 euros avant le 01/01/2025'
    >>> UNITS["employees"].quantity(250, "fr"), UNITS["employees"].quantity(250, "en")
    ('250 salariés', '250 employees')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ges_graph.errors import ArgumentError
from ges_graph.i18n import Lang, Tr, check_lang, format_date, format_number

__all__ = ["EUROS", "PERCENT", "POINTS", "UNITS", "Param", "Unit", "typeset"]


@dataclass(frozen=True, slots=True)
class Unit:
    r"""The unit of a parameter, named in both languages.

    Attributes:
        code: the unit as data (``validate --rules --json``): ``%``, ``points``, ``EUR``…
        many: a quantity of two or more, ``{n}`` standing for the number: « {n} salariés ».
        one: a quantity of one: « {n} salarié »; ``many`` when None. In French a number below 2
            agrees in the singular too (« 0,01 point »); in English, only one does.

    Examples:
        >>> POINTS.quantity(0.01, "fr"), POINTS.quantity(0.01, "en"), POINTS.quantity(1, "en")
        ('0,01 point', '0.01 points', '1 point')
        >>> PERCENT.quantity(10, "fr") == "10\N{NO-BREAK SPACE}%", PERCENT.quantity(10, "en")
        (True, '10%')
        >>> EUROS.name("fr"), EUROS.name("en"), EUROS.quantity(153_000, "fr")
        ('euros', 'EUR', '153 000 euros')
    """

    code: str
    many: Tr
    one: Tr | None = None

    def name(self, lang: Lang = "fr") -> str:
        """The unit alone, as a table's column says it (« % », « euros », « salariés »)."""
        check_lang(lang)
        return self.many.format(lang, n="").strip()

    def quantity(self, value: float, lang: Lang = "fr") -> str:
        """``value`` written with the unit in ``lang``, the number as :func:`format_number` does."""
        check_lang(lang)
        template = self.many
        if self.one is not None and abs(value) < 2:
            # One is singular in both languages; a fraction below 2 only in French.
            template = self.one if abs(value) == 1 else Tr(self.one.fr, self.many.en)
        return template.format(lang, n=format_number(value, lang))


PERCENT = Unit("%", Tr("{n}\N{NO-BREAK SPACE}%", "{n}%"))
POINTS = Unit("points", Tr("{n} points", "{n} points"), Tr("{n} point", "{n} point"))
EUROS = Unit("EUR", Tr("{n} euros", "{n} EUR"), Tr("{n} euro", "{n} EUR"))
UNITS = {
    u.code: u
    for u in (
        PERCENT,
        POINTS,
        EUROS,
        Unit("employees", Tr("{n} salariés", "{n} employees"), Tr("{n} salarié", "{n} employee")),
        Unit("members", Tr("{n} membres", "{n} members"), Tr("{n} membre", "{n} member")),
        Unit(
            "categories",
            Tr("{n} catégories", "{n} categories"),
            Tr("{n} catégorie", "{n} category"),
        ),
        Unit(
            "shareholders",
            Tr("{n} actionnaires", "{n} shareholders"),
            Tr("{n} actionnaire", "{n} shareholder"),
        ),
    )
}
"""The units of parameters, by code: a parameter names its unit by code (``"EUR"``)."""


_TIGHT = re.compile(r" ([:;?!%»])|(«) ")


def typeset(text: str) -> str:
    r"""French ``text`` with a non-breaking space before « : ; ? ! % » and inside guillemets.

    The rules' French is written with ordinary spaces, easier to read in the code; the registry
    sets the spaces a French typographer keeps with the sign once, when a rule is registered.

    Examples:
        >>> typeset("« le seuil » : 10 %") == "«\xa0le seuil\xa0»\xa0: 10\xa0%"
        True
    """
    return _TIGHT.sub(lambda m: f"\xa0{m[1]}" if m[1] else f"{m[2]}\xa0", text)


@dataclass(frozen=True, slots=True)
class Param:
    """A rule's parameter (a threshold), with the dates from which each value applies.

    Attributes:
        name: the key the rule reads it by.
        unit: the code of its unit, a key of :data:`UNITS`: ``%``, ``points``, ``EUR``,
            ``employees``…
        description: what it is, in French and in English.
        values: ``(since, value)`` pairs in date order; ``since`` is ``None`` for the first.

    Raises:
        ArgumentError: the unit is not one of :data:`UNITS`.
    """

    name: str
    unit: str
    description: Tr
    values: tuple[tuple[dt.date | None, float], ...]

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ArgumentError(
                f"unknown unit {self.unit!r} for the parameter {self.name!r} "
                f"(must be one of {sorted(UNITS)})"
            )
        french = typeset(self.description.fr)
        object.__setattr__(self, "description", Tr(french, self.description.en))

    def at(self, as_of: dt.date | None) -> float:
        """The value in force at ``as_of``; the latest known value when ``as_of`` is None."""
        if as_of is None:
            return self.values[-1][1]
        value = self.values[0][1]
        for since, v in self.values:
            if since is None or since <= as_of:
                value = v
        return value

    @property
    def dated(self) -> bool:
        """True when the value changes with time."""
        return len(self.values) > 1

    def unit_in(self, lang: Lang = "fr") -> str:
        """The unit's name in ``lang`` (« % », « points », « euros », « salariés »)."""
        check_lang(lang)
        return UNITS[self.unit].name(lang)

    def description_in(self, lang: Lang = "fr") -> str:
        """What the parameter is, in ``lang``."""
        check_lang(lang)
        return self.description.render(lang)

    def values_in(self, lang: Lang = "fr", *, unit: bool = True) -> str:
        """The values and the dates from which they apply, the latest first, in ``lang``.

        Args:
            lang: the language.
            unit: write each value with its unit (« 10 % »), or the number alone.

        Examples:
            >>> p = Param("turnover", "EUR", Tr("seuil", "threshold"),
            ...           ((None, 48_000_000), (dt.date(2025, 1, 1), 60_000_000)))
            >>> p.values_in("en")
            '60,000,000 EUR from 2025-01-01; 48,000,000 EUR before 2025-01-01'
            >>> p.values_in("en", unit=False)
            '60,000,000 from 2025-01-01; 48,000,000 before 2025-01-01'
        """
        check_lang(lang)
        u = UNITS[self.unit]

        def number(value: float) -> str:
            return u.quantity(value, lang) if unit else format_number(value, lang)

        if not self.dated:
            return number(self.values[0][1])
        parts = []
        for i, (since, value) in enumerate(self.values):
            if since is not None:
                parts.append(_FROM.format(lang, v=number(value), d=format_date(since, lang)))
            elif i + 1 < len(self.values) and (following := self.values[i + 1][0]) is not None:
                parts.append(_BEFORE.format(lang, v=number(value), d=format_date(following, lang)))
            else:
                parts.append(number(value))
        return _LATER_FIRST.render(lang).join(reversed(parts))


_FROM = Tr("{v} à compter du {d}", "{v} from {d}")
_BEFORE = Tr("{v} avant le {d}", "{v} before {d}")
_LATER_FIRST = Tr("\N{NO-BREAK SPACE}; ", "; ")
