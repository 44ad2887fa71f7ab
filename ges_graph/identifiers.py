"""The public identifiers of a French entity: SIREN, SIRET and RNA numbers, checked.

- **SIREN**: 9 digits, the Luhn key (the INSEE's number of a legal unit).
- **SIRET**: 14 digits, the SIREN followed by the 5-digit number of an establishment (NIC), with
  the Luhn key over all 14; La Poste's establishments (SIREN 356 000 000) are the exception,
  whose digits must add up to a multiple of 5.
- **RNA**: the number of the *Répertoire national des associations*, ``W`` followed by 9 digits
  or capital letters (the first three name the prefecture: ``W2A…`` in Corse-du-Sud).

The checksums are computed here, as python-stdnum computes them (:mod:`stdnum.fr.siren`,
:mod:`stdnum.fr.siret`: ``tests/test_identifiers.py`` holds them equal on random numbers), whose
import costs the command a fiftieth of a second (it loads ``ssl`` and ``pydoc``) for ten lines of
arithmetic. Only ASCII digits count (not the full-width or Arabic-Indic ones), and
spaces are allowed between groups of digits (``732 829 320``): a number is kept as written, and
compared or exported by its digits (:func:`digits`). Each check is a pydantic validator raising
a :class:`~pydantic_core.PydanticCustomError` whose type the loader words in French and English.

Examples:
    >>> check_siren("732 829 320"), check_siret("73282932000074"), check_rna("W751004076")
    ('732 829 320', '73282932000074', 'W751004076')
    >>> check_siret("35600000000048"), check_siret("35600000049837")  # La Poste
    ('35600000000048', '35600000049837')
    >>> check_siren("７３２８２９３２０")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: expected 9 digits (spaces between groups ...
"""

from __future__ import annotations

import re

from pydantic_core import PydanticCustomError

__all__ = ["check_rna", "check_siren", "check_siret", "digits", "luhn_ok", "siret_ok"]

_GROUPED_DIGITS = re.compile("[0-9]+([ \u00a0\u202f][0-9]+)*")
"""ASCII digits, with single spaces between groups (``[0-9]``, not the Unicode digits: issue 15);
a no-break or narrow no-break space too, as a French spreadsheet writes « 732 829 320 »."""

_RNA = re.compile(r"W[0-9A-Z]{9}")


def digits(number: str) -> str:
    """The number's digits, without the spaces between groups.

    Examples:
        >>> digits("732 829 320 00074"), digits("732\u00a0829\u202f320")
        ('73282932000074', '732829320')
    """
    return number.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")


def luhn_ok(number: str) -> bool:
    """Whether the Luhn key of ``number`` (ASCII digits, key last) is right.

    Examples:
        >>> luhn_ok("732829320"), luhn_ok("732829321")
        (True, False)
    """
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_LA_POSTE = "356000000"
"""La Poste's SIREN: its establishments' SIRET do not follow the Luhn key."""
_LA_POSTE_HEAD_OFFICE = "35600000000048"
"""La Poste's head office, whose SIRET follows the Luhn key."""


def siret_ok(number: str) -> bool:
    """Whether a SIRET's keys are right (14 ASCII digits): Luhn over all, and over its SIREN.

    La Poste's establishments are the exception: their digits add up to a multiple of 5.

    Examples:
        >>> siret_ok("73282932000074"), siret_ok("35600000049837"), siret_ok("73282932000075")
        (True, True, False)
    """
    if number.startswith(_LA_POSTE) and number != _LA_POSTE_HEAD_OFFICE:
        keyed = sum(ord(ch) - 48 for ch in number) % 5 == 0
    else:
        keyed = luhn_ok(number)
    return keyed and luhn_ok(number[:9])


def _grouped(value: str, length: int) -> bool:
    return bool(_GROUPED_DIGITS.fullmatch(value)) and len(digits(value)) == length


def check_siren(value: str) -> str:
    """``value`` when it is a SIREN: 9 ASCII digits (spaces between groups allowed), Luhn key."""
    if not _grouped(value, 9):
        raise PydanticCustomError(
            "siren_format", "expected 9 digits (spaces between groups allowed)"
        )
    if not luhn_ok(digits(value)):
        raise PydanticCustomError("siren_checksum", "not a valid SIREN (Luhn checksum fails)")
    return value


def check_siret(value: str) -> str:
    """``value`` when it is a SIRET: 14 ASCII digits, Luhn key (La Poste's exception aside).

    Examples:
        >>> check_siret("732 829 320 00075")
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.PydanticCustomError: not a valid SIRET (Luhn checksum fails)
    """
    if not _grouped(value, 14):
        raise PydanticCustomError(
            "siret_format", "expected 14 digits (spaces between groups allowed)"
        )
    if not siret_ok(digits(value)):
        raise PydanticCustomError("siret_checksum", "not a valid SIRET (Luhn checksum fails)")
    return value


def check_rna(value: str) -> str:
    """``value`` when it is an RNA number: ``W`` then 9 ASCII digits or capital letters.

    Examples:
        >>> check_rna("W2A1000123")
        'W2A1000123'
        >>> check_rna("751004076")
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.PydanticCustomError: expected W followed by 9 digits or ...
    """
    if not _RNA.fullmatch(value):
        raise PydanticCustomError(
            "rna_format", "expected W followed by 9 digits or capital letters"
        )
    return value
