"""What every closed vocabulary shares: labels, synonyms, and reading a value leniently.

A vocabulary is a :class:`~enum.StrEnum` whose members are the codes a document saves
(``sarl``, ``management_fee``). Each member has a label in French and English (:attr:`text`) and
may have synonyms: the other ways people write it (« SARL », « Association loi 1901 »,
« frais de siège »). :func:`lookup` reads any of them, in any case, with or without accents,
whatever the spaces, apostrophes and hyphens; :func:`closest` suggests members for a value it
cannot read. The tables themselves live with each vocabulary, in the modules of this package.

Examples:
    >>> from ges_graph.vocabulary import Form, OfficeRole
    >>> normalise("  Société  à responsabilité-limitée ")
    'societe a responsabilite limitee'
    >>> lookup(Form, "S.A.R.L."), lookup(OfficeRole, "Président"), lookup(Form, "sarlx")
    (<Form.SARL: 'sarl'>, <OfficeRole.PRESIDENT: 'president'>, None)
    >>> closest(Form, "asociation loi 1901")
    [<Form.ASSOCIATION: 'association'>]
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any, TypeVar

from ges_graph.i18n import Lang, Tr, check_lang

__all__ = ["closest", "lookup", "normalise", "spellings"]


class _Vocabulary(StrEnum):
    """A closed vocabulary: every member has a label in French and English (its :attr:`text`).

    A vocabulary reads leniently: calling it with a label, a synonym or its code in another case
    gives the member (:meth:`_missing_`), and so does the model, whose fields read a value by
    calling the vocabulary when it is not a code (pydantic does so, at its own speed for codes).

    Examples:
        >>> from ges_graph.vocabulary import FlowKind, Form
        >>> Form("Société à responsabilité limitée"), FlowKind("frais de siège")
        (<Form.SARL: 'sarl'>, <FlowKind.MANAGEMENT_FEE: 'management_fee'>)
        >>> Form("sarlx")
        Traceback (most recent call last):
        ...
        ValueError: 'sarlx' is not a valid Form
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        """The member a string other than a code names (a label, a synonym), else ``None``.

        Values other than strings are never read as a member: the caller refuses them.
        """
        return _lookup_written(cls, value) if isinstance(value, str) else None

    @property
    def text(self) -> Tr:
        """The member's label, in French and English."""
        return _TEXTS[type(self)][self]

    def label_in(self, lang: Lang) -> str:
        """The member's label in ``lang`` (``fr`` or ``en``).

        Raises:
            ValueError: ``lang`` is not a supported language.
        """
        check_lang(lang)
        return self.text.render(lang)

    @property
    def label_fr(self) -> str:
        """The member's label in French."""
        return self.text.fr

    @property
    def label_en(self) -> str:
        """The member's label in English."""
        return self.text.en

    @property
    def synonyms(self) -> tuple[str, ...]:
        """Other ways people write the member, read on load as its code (« SARL », « gérant »).

        Examples:
            >>> from ges_graph.vocabulary import Convention
            >>> Convention.ACI.synonyms
            ("atelier chantier d'insertion", "chantier d'insertion")
        """
        return _SYNONYMS.get(type(self), {}).get(self, ())

    @classmethod
    def noun(cls) -> Noun | None:
        """How a message names the vocabulary itself (« forme » / "form"), when it does.

        Examples:
            >>> from ges_graph.vocabulary import Form, Sector
            >>> Form.noun().unknown.render("fr"), Sector.noun().unknown.render("en")
            ('forme inconnue', 'unknown sector')
        """
        return _NOUNS.get(cls)


@dataclass(frozen=True, slots=True)
class Noun:
    """The noun naming a vocabulary in a message, with the gender French agrees it in.

    Attributes:
        text: the noun (« forme », "form").
        feminine: whether the French noun is feminine (« forme inconnue », « secteur inconnu »).
    """

    text: Tr
    feminine: bool

    @property
    def unknown(self) -> Tr:
        """« forme inconnue » / "unknown form": what a value outside the vocabulary is."""
        ending = "e" if self.feminine else ""
        return Tr(f"{self.text.fr} inconnu{ending}", f"unknown {self.text.en}")


_TEXTS: dict[type[_Vocabulary], Mapping[Any, Tr]] = {}
"""Every vocabulary's labels, filled below by :func:`_labels`."""


def _labels(vocabulary: type[_Vocabulary], texts: Mapping[Any, Tr]) -> None:
    """Register the labels of ``vocabulary``; every member must have one."""
    missing = [m for m in vocabulary if m not in texts]
    assert not missing, f"{vocabulary.__name__} has no label for {missing}"
    _TEXTS[vocabulary] = texts


_SYNONYMS: dict[type[_Vocabulary], Mapping[Any, tuple[str, ...]]] = {}
"""The synonyms of each vocabulary's members, registered by :func:`_synonyms`."""

_NOUNS: dict[type[_Vocabulary], Noun] = {}
"""The nouns of the vocabularies a document's values are read from (see ``noun()``)."""


def _synonyms(vocabulary: type[_Vocabulary], synonyms: Mapping[Any, tuple[str, ...]]) -> None:
    """Register the synonyms of some members of ``vocabulary`` (the others have none)."""
    assert all(isinstance(m, vocabulary) for m in synonyms), vocabulary
    _SYNONYMS[vocabulary] = synonyms


def _noun(vocabulary: type[_Vocabulary], noun: Noun) -> None:
    """Register the noun that names ``vocabulary`` in a message (« forme inconnue »)."""
    _NOUNS[vocabulary] = noun


# --------------------------------------------------------------------------------------------
# Reading a value leniently
# --------------------------------------------------------------------------------------------

V = TypeVar("V", bound=_Vocabulary)

_SEPARATORS = re.compile(r"[\s'\u2018\u2019\u02bc\u00b4`\-\u2010-\u2015_()/,;:«»\"]+")
"""What separates words, and nothing more: spaces, apostrophes, hyphens, dashes, underscores,
brackets, punctuation and quotation marks."""


def normalise(text: str) -> str:
    """``text`` as a lookup compares it: no accents, folded case, one space between words.

    Apostrophes (' and ’), hyphens, dashes, underscores and brackets separate words; dots vanish
    (« S.A.R.L. » is « sarl »); full-width and other compatibility characters become their plain
    forms (NFKD).

    Examples:
        >>> normalise("Atelier et chantier d’insertion"), normalise("NON_MARCHAND")
        ('atelier et chantier d insertion', 'non marchand')
        >>> normalise("  S.A.S.  "), normalise("Association loi 1901")
        ('sas', 'association loi 1901')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_SEPARATORS.sub(" ", plain.replace(".", "")).split())


def spellings(member: _Vocabulary) -> tuple[str, ...]:
    """Every way ``member`` is accepted: its code, its French and English labels, its synonyms.

    Examples:
        >>> from ges_graph.vocabulary import Form
        >>> spellings(Form.SARL)[:3]
        ('sarl', 'société à responsabilité limitée', 'limited liability company (SARL)')
    """
    out: list[str] = []
    for text in (member.value, member.text.fr, member.text.en, *member.synonyms):
        if text not in out:
            out.append(text)
    return tuple(out)


def ambiguities(vocabulary: type[_Vocabulary]) -> dict[str, list[_Vocabulary]]:
    """The normalised spellings that two members of ``vocabulary`` share (none, by a test).

    Examples:
        >>> from ges_graph.vocabulary import Form
        >>> ambiguities(Form)
        {}
    """
    owners: dict[str, list[_Vocabulary]] = {}
    for member in vocabulary:
        for key in {normalise(s) for s in spellings(member)}:
            owners.setdefault(key, []).append(member)
    return {key: members for key, members in owners.items() if len(members) > 1}


@cache
def _index(vocabulary: type[_Vocabulary]) -> dict[str, _Vocabulary]:
    """Every normalised spelling of ``vocabulary``, to its member (the first, if ambiguous)."""
    index: dict[str, _Vocabulary] = {}
    for member in vocabulary:
        for text in spellings(member):
            index.setdefault(normalise(text), member)
    return index


def lookup(vocabulary: type[V], text: str) -> V | None:
    """The member ``text`` names: by its code, a label or a synonym, in any case; else ``None``.

    Accents, case, spaces, apostrophes, hyphens and dots do not count (see :func:`normalise`).

    Examples:
        >>> from ges_graph.vocabulary import Convention, FlowKind, Form
        >>> lookup(Form, "association loi de 1901"), lookup(Convention, "ETTI")
        (<Form.ASSOCIATION: 'association'>, <Convention.ETTI: 'etti'>)
        >>> lookup(FlowKind, "Frais de siege")
        <FlowKind.MANAGEMENT_FEE: 'management_fee'>
    """
    exact = vocabulary._value2member_map_.get(text)
    if exact is not None:
        return exact  # type: ignore[return-value]
    return _lookup_written(vocabulary, text)  # type: ignore[return-value]


@lru_cache(maxsize=4096)
def _lookup_written(vocabulary: type[_Vocabulary], text: str) -> _Vocabulary | None:
    """:func:`lookup` of a value other than a code: a document repeats them, so they are cached."""
    return _index(vocabulary).get(normalise(text))


def closest(vocabulary: type[V], text: str, n: int = 1) -> list[V]:
    """Up to ``n`` members whose code, labels or synonyms are closest to ``text``, best first.

    Examples:
        >>> from ges_graph.vocabulary import FlowKind, Form
        >>> closest(Form, "societe a responsabilite limite"), closest(FlowKind, "tresorie")
        ([<Form.SARL: 'sarl'>], [<FlowKind.TREASURY: 'treasury'>])
        >>> closest(Form, "zzz")
        []
    """
    return list(_closest_all(vocabulary, normalise(text))[:n])  # type: ignore[arg-type]


@lru_cache(maxsize=4096)
def _closest_all(vocabulary: type[_Vocabulary], key: str) -> tuple[_Vocabulary, ...]:
    """Every member close to a normalised ``key``, best first, computed once per key.

    A document that repeats one wrong value (20,000 entities of form « asociation ») has it
    compared to every spelling once, not once per entity.
    """
    index = _index(vocabulary)
    out: list[_Vocabulary] = []
    for close in difflib.get_close_matches(key, list(index), n=len(index), cutoff=0.7):
        member = index[close]
        if member not in out:
            out.append(member)
    return tuple(out)
