"""The translation of pydantic validation errors into the format's words, in French and English.

The loader (:mod:`ges_graph.io`) and the builder (:class:`ges_graph.graph.GESBuilder`) both validate
documents with the models of :mod:`ges_graph.model`; both turn pydantic's ``ValidationError`` into
:class:`~ges_graph.errors.ErrorDetail` items with :func:`error_details`, so that the same bad
entity gets the same path and the same message whichever way it came in. Messages speak the
terms of the format (``unknown form``, ``missing required key 'name'``), suggest the closest
allowed value, and tell a value YAML 1.1 read as a boolean, number or date to be quoted (and a
quoted number to lose its quotes, with :func:`ges_graph.yaml_scalars.resolve_plain`).

This module depends on the models and nothing above them (not the loader, the graph or rendering).

Examples:
    >>> from ges_graph.model import Entity
    >>> try:
    ...     Entity.model_validate({"id": "a", "name": "A", "form": "asociation"})
    ... except ValidationError as exc:
    ...     detail = error_details(exc, ("entities", 2))[0]
    >>> detail.path
    'entities[2].form'
    >>> detail.message
    "unknown form; did you mean 'association'?"
    >>> detail.message_fr
    'forme inconnue ; vouliez-vous dire « association » (association loi 1901) ?'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ges_graph.errors import DocumentError, ErrorDetail
from ges_graph.i18n import LANGS, Lang, Tr, check_lang
from ges_graph.model import (
    FORMAT,
    RELATION_CLASSES,
    AccountKind,
    Basis,
    Category,
    Convention,
    Document,
    Entity,
    FlowKind,
    Form,
    OfficeRole,
    PercentRange,
    PublicKind,
    RelationType,
    Sector,
    format_loc,
)
from ges_graph.vocabulary import Vocabulary, closest, lookup
from ges_graph.yaml_scalars import TOO_LARGE_NUMBER, RefusedScalar, resolve_plain

V = TypeVar("V", bound=Vocabulary)

__all__ = [
    "ENTITY_ID",
    "KEY_NOT_STRING",
    "NO_ENTITY",
    "STRING_KEY",
    "describe_value",
    "error_details",
    "key_not_string",
    "parse_value",
    "read_as_hint",
]

# Messages shared with the readers, as (English, French).
STRING_KEY = ("a string key", "une clé chaîne de caractères")
KEY_NOT_STRING = ("a mapping key must be a string", "une clé de dictionnaire doit être une chaîne")

NO_ENTITY = ("no entity has this id", "aucune entité n'a cet id")
ENTITY_ID = ("the id of an entity of the document", "l'id d'une entité du document")

_VOCABULARY_OF_KEY = {
    "form": Form,
    "conventions": Convention,
    "sector": Sector,
    "kind": FlowKind,
    "basis": Basis,
    "office": OfficeRole,
    "category": Category,
    "public_kind": PublicKind,
}
"""Per key with a closed vocabulary: the vocabulary, whose noun names an unknown value."""

_PATTERNS = {
    "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$": Tr(
        "un id : une lettre ou un chiffre, puis jusqu'à 63 lettres, chiffres, '_', '.', ':' ou '-'",
        "an id: a letter or digit, then up to 63 letters, digits, '_', '.', ':' or '-'",
    ),
    "^[a-z0-9]+(-[a-z0-9]+)*$": Tr(
        "un identifiant court : lettres minuscules et chiffres, en mots reliés par '-'",
        "a slug: lower-case letters and digits, in words joined by '-'",
    ),
    "^[A-Z]{3}$": Tr(
        "trois lettres capitales (ISO 4217), par exemple EUR",
        "three capital letters (ISO 4217), e.g. EUR",
    ),
}

_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_from_float": "an integer",
    "int_parsing": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date YYYY-MM-DD",
}

_WORDS_FR = {
    "a string": "une chaîne de caractères",
    "an integer": "un entier",
    "a number": "un nombre",
    "true or false": "true ou false",
    "a list": "une liste",
    "a mapping": "un dictionnaire",
    "a date YYYY-MM-DD": "une date AAAA-MM-JJ",
}
"""The words of :data:`_TYPE_WORDS` in French."""


_BOUNDS = {
    "greater_than_equal": Tr("au moins", "at least"),
    "less_than_equal": Tr("au plus", "at most"),
    "greater_than": Tr("plus de", "above"),
    "less_than": Tr("moins de", "below"),
}

_CUSTOM_FR = {
    "blank_string": "doit contenir un caractère autre qu'une espace",
    "siren_format": "9 chiffres attendus (espaces permises entre les groupes)",
    "siren_checksum": "SIREN invalide (la clé de Luhn ne correspond pas)",
    "siret_format": "14 chiffres attendus (espaces permises entre les groupes)",
    "siret_checksum": "SIRET invalide (la clé de Luhn ne correspond pas)",
    "siret_siren": "le SIRET {siret} ne commence pas par le SIREN {siren}",
    "rna_format": "W suivi de 9 chiffres ou lettres capitales attendu",
    "too_deep": "imbrication de plus de {max} niveaux",
    "finite_number": "les nombres doivent être finis",
    "attrs_key": "les clés doivent être des chaînes de caractères",
    "attrs_value": (
        "attrs contient des chaînes, nombres, booléens, dates, listes et dictionnaires, "
        "rien d'autre"
    ),
    "range_order": "min ({min}) ne doit pas dépasser max ({max})",
    "duplicate_convention": "la convention « {convention} » figure deux fois",
    "insertion_above_employees": ("insertion_employees ({n}) dépasse employees ({m})"),
    "public_kind_form": (
        "public_kind ne s'applique qu'à une personne publique (public_body), pas à la forme "
        "« {form} »"
    ),
    "self_relation": "une relation ne peut pas relier « {id} » à elle-même",
    "dates_order": "end ({end}) est antérieure à start ({start})",
    "share_zero": "la part doit être supérieure à 0",
    "too_short": "au moins une entité est requise",
    "duplicate_year": "les comptes de {value} figurent deux fois avec la même nature",
    "forecast_before_actual": (
        "un prévisionnel pour {value} précède les comptes réalisés de {last}, ou tombe la même "
        "année : un exercice clos remplace son prévisionnel"
    ),
    "budget_accounts": (
        "budget ({value}) n'est pas le montant des ressources du dernier exercice réalisé, "
        "{year} ({figure})"
    ),
    "employees_accounts": (
        "employees ({value}) n'est pas l'effectif du dernier exercice réalisé, {year} ({figure})"
    ),
}
"""French templates of the model's own errors (``PydanticCustomError``), by type; their context
fills them as it fills the English ones."""

_DUPLICATE_ID_FR = {
    "duplicate entity id": "id d'entité en double : « {id} »",
    "relation id": "l'id de relation « {id} » est déjà l'id d'une entité",
    "duplicate relation id": "id de relation en double : « {id} »",
}

_PYDANTIC_FR = {
    "bool_parsing": "pas un booléen",
    "bool_type": "pas un booléen",
    "date_from_datetime_inexact": "une date sans heure est attendue",
    "date_from_datetime_parsing": "pas une date valide",
    "date_parsing": "pas une date valide",
    "date_type": "pas une date",
    "datetime_type": "pas une date et heure",
    "dict_type": "pas un dictionnaire",
    "enum": "valeur hors du vocabulaire",
    "extra_forbidden": "clé inconnue",
    "finite_number": "nombre non fini",
    "float_parsing": "pas un nombre",
    "float_type": "pas un nombre",
    "frozen_instance": "valeur non modifiable",
    "greater_than": "valeur trop petite",
    "greater_than_equal": "valeur trop petite",
    "int_from_float": "pas un entier",
    "int_parsing": "pas un entier",
    "int_parsing_size": "entier trop grand",
    "int_type": "pas un entier",
    "invalid_key": "clé invalide",
    "is_instance_of": "type de valeur inattendu",
    "less_than": "valeur trop grande",
    "less_than_equal": "valeur trop grande",
    "list_type": "pas une liste",
    "literal_error": "valeur non autorisée",
    "missing": "clé obligatoire absente",
    "model_attributes_type": "pas un dictionnaire",
    "model_type": "pas un dictionnaire",
    "multiple_of": "pas un multiple de la valeur attendue",
    "none_required": "la valeur doit être vide",
    "string_pattern_mismatch": "valeur invalide",
    "string_too_long": "chaîne trop longue",
    "string_too_short": "chaîne trop courte",
    "string_type": "pas une chaîne de caractères",
    "string_unicode": "chaîne Unicode invalide",
    "too_long": "trop d'éléments",
    "too_short": "pas assez d'éléments",
    "tuple_type": "pas une liste",
    "union_tag_invalid": "type de relation inconnu",
    "union_tag_not_found": "clé obligatoire absente : « type »",
    "value_error": "valeur invalide",
    "assertion_error": "valeur invalide",
}
"""French for pydantic's own error types (stable across versions), where no better message is
written: the last resort before ``valeur invalide``."""


# -- Words for values ------------------------------------------------------------------------


def describe_value(value: Any, lang: Lang = "en") -> str:
    """What a value was read as, in words: ``a boolean (false)``, ``a list``.

    Examples:
        >>> describe_value(False), describe_value(False, "fr"), describe_value([], "fr")
        ('a boolean (false)', 'un booléen (false)', 'une liste')
    """
    check_lang(lang)
    if value is None:
        return _NULL.render(lang)
    if isinstance(value, bool):
        return f"{_A_BOOLEAN.render(lang)} ({str(value).lower()})"
    if isinstance(value, int):
        word = _AN_INTEGER.render(lang)
        return f"{word} ({value})" if abs(value) < 10**20 else word
    if isinstance(value, float):
        return f"{_A_NUMBER.render(lang)} ({value})"
    if isinstance(value, dt.datetime):
        return f"{_A_DATE_TIME.render(lang)} ({value.isoformat()})"
    if isinstance(value, dt.date):
        return f"{_A_DATE.render(lang)} ({value.isoformat()})"
    if isinstance(value, str):
        return _A_STRING.render(lang)
    if isinstance(value, dict):
        return _A_MAPPING.render(lang)
    if isinstance(value, list | tuple):
        return _A_LIST.render(lang)
    return f"{_A_VALUE.render(lang)} {type(value).__name__}"


_NULL = Tr("null (vide)", "null (empty)")
_A_BOOLEAN = Tr("un booléen", "a boolean")
_AN_INTEGER = Tr("un entier", "an integer")
_A_NUMBER = Tr("un nombre", "a number")
_A_DATE_TIME = Tr("une date et heure", "a date and time")
_A_DATE = Tr("une date", "a date")
_A_STRING = Tr("une chaîne de caractères", "a string")
_A_MAPPING = Tr("un dictionnaire", "a mapping")
_A_LIST = Tr("une liste", "a list")
_A_VALUE = Tr("une valeur", "a")
"""The words of :func:`describe_value`."""

_READ_AS = Tr(
    " : valeur lue comme {what} ; écrivez-la entre guillemets",
    ": read as {what}; write it in quotes",
)
_DID_YOU_MEAN = Tr(" ; vouliez-vous dire « {choice} » ?", "; did you mean '{choice}'?")
_DID_YOU_MEAN_MEMBER = Tr(
    " ; vouliez-vous dire « {choice} » ({label}) ?", "; did you mean '{choice}'?"
)


_PERCENT_KEYS = frozenset({"share", "votes"})
"""The keys whose numbers are percentages (a range's ``min`` and ``max`` below them)."""


def read_as_hint(value: Any, lang: Lang = "en") -> str:
    """``: read as a boolean (false); write it in quotes`` for YAML 1.1 surprises, else ``''``.

    Examples:
        >>> read_as_hint(True), read_as_hint("yes")
        (': read as a boolean (true); write it in quotes', '')
    """
    check_lang(lang)
    if isinstance(value, bool | int | float | dt.date) or value is None:
        return _READ_AS.format(lang, what=describe_value(value, lang))
    return ""


def _unquoted(text: str, want: str) -> bool:
    """True when ``text``, written without quotes, would be read as ``want`` (a number, …)."""
    if want not in ("an integer", "a number", "true or false"):
        return False
    try:
        value = resolve_plain(text.strip())
    except RefusedScalar:
        return False
    if want == "true or false":
        return isinstance(value, bool)
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fill(template: str, ctx: dict[str, Any]) -> str:
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return template


def _french_fallback(kind: str, message: str, ctx: dict[str, Any]) -> str:
    """French for an error no step of :func:`error_details` words: by its type."""
    if kind == "duplicate_id":
        for start, template in sorted(_DUPLICATE_ID_FR.items(), key=lambda x: -len(x[0])):
            if message.startswith(start):
                return _fill(template, ctx)
    if kind in _CUSTOM_FR:
        return _fill(_CUSTOM_FR[kind], ctx)
    return _PYDANTIC_FR.get(kind, f"valeur invalide (erreur « {kind} »)")


def _choices(ctx_expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", ctx_expected)


def _did_you_mean(value: Any, choices: list[str], lang: Lang = "en") -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.7)
    if not close:
        return ""
    return _DID_YOU_MEAN.format(lang, choice=close[0])


def _one_of(choices: list[str]) -> Tr:
    listed = ", ".join(choices)
    return Tr("une des valeurs : " + listed, "one of: " + listed)


def _shared(pair: tuple[str, str]) -> Tr:
    """A text shared with the readers, written there as (English, French)."""
    english, french = pair
    return Tr(french, english)


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel]:
    """The model whose keys are checked at ``loc`` (the location of an extra key)."""
    if "range" in loc[:-1]:
        return PercentRange
    if loc[0] == "relations" and len(loc) > 3 and loc[2] in RelationType.__members__.values():
        return RELATION_CLASSES[RelationType(str(loc[2]))]
    if loc[0] == "entities" and len(loc) > 2:
        return Entity
    return Document


# -- One pydantic error, worded ---------------------------------------------------------------


@dataclasses.dataclass
class _Words:
    """One error being worded: as pydantic gives it, then reworded by one step below."""

    loc: tuple[str | int, ...]
    kind: str
    message: str
    value: Any
    ctx: dict[str, Any]
    path: str
    last: str
    """The last key of the path (``form`` for ``entities[2].form``)."""
    fr: str | None = None
    expected: str | None = None
    expected_fr: str | None = None

    def says(self, message: str, fr: str) -> None:
        self.message, self.fr = message, fr

    def expects(self, text: Tr) -> None:
        self.expected, self.expected_fr = text.en, text.fr


def key_not_string(value: Any, *, in_attrs: bool, text: bool = True) -> tuple[str, str]:
    """What is said (English, French) of a mapping key that is not a string.

    Outside ``attrs`` no key of the format is a number: in a YAML text (``text``), an integer
    key is most likely the rest of a number cut at its comma, as YAML reads ``{share: 60,5}``
    (a share of 60 and a key 5), and the message says that rather than to quote it. In plain
    data (``GES.from_data``), it says only that the key must be a string.

    Examples:
        >>> print(key_not_string(5, in_attrs=False)[1])
        une clé de dictionnaire doit être une chaîne ; s'il s'agit de la suite d'un nombre coupé à \
sa virgule (décimales ou milliers) : entre accolades, la virgule sépare deux clés ; écrivez 60.5 \
et non 60,5, 1250 et non 1,250
        >>> key_not_string(2024, in_attrs=True)[0]
        'a mapping key must be a string: read as an integer (2024); write it in quotes'
        >>> key_not_string(5, in_attrs=False, text=False)[0]
        'a mapping key must be a string'
    """
    if not text:
        return KEY_NOT_STRING
    if type(value) is int and not in_attrs:
        return (
            f"{KEY_NOT_STRING[0]}; if it is the rest of a number cut at its comma (decimals or "
            f"thousands): {_DECIMAL_COMMA[0]}",
            f"{KEY_NOT_STRING[1]} ; s'il s'agit de la suite d'un nombre coupé à sa virgule "
            f"(décimales ou milliers) : {_DECIMAL_COMMA[1]}",
        )
    en, fr = KEY_NOT_STRING[0] + read_as_hint(value), KEY_NOT_STRING[1] + read_as_hint(value, "fr")
    return en, fr


def _key_not_string(w: _Words) -> None:
    """A mapping key that is not a string (its location ends with ``[key]``)."""
    w.path = format_loc(w.loc[:-2])
    w.kind = "key_type"
    en, fr = key_not_string(w.value, in_attrs="attrs" in w.loc)
    w.says(en, fr)
    w.expects(_shared(STRING_KEY))


def _invalid_key(w: _Words) -> None:
    """A key that is not a string in plain data (``GES.from_data``): pydantic puts it last."""
    key = w.loc[-1] if w.loc else w.value
    w.path = format_loc(w.loc[:-1])
    w.kind = "key_type"
    w.value = key
    w.says(*key_not_string(key, in_attrs="attrs" in w.loc[:-1], text=False))
    w.expects(_shared(STRING_KEY))


def _missing(w: _Words) -> None:
    w.kind = "missing"
    w.says(f"missing required key '{w.last}'", f"clé obligatoire absente : « {w.last} »")
    w.value = None


_DECIMAL_COMMA = (
    "between braces, a comma separates two keys; write 60.5, not 60,5, and 1250, not 1,250",
    "entre accolades, la virgule sépare deux clés ; écrivez 60.5 et non 60,5, 1250 et non 1,250",
)
_DECIMALS_AS_KEY = re.compile("[0-9]+[ \u00a0\u202f]?%?")
"""A key that is the decimals of a number cut at its comma (``{share: 60,5}`` in YAML)."""


def _unknown_key(w: _Words) -> None:
    allowed = [f.alias or name for name, f in _model_at(w.loc).model_fields.items()]
    if w.value is None and _DECIMALS_AS_KEY.fullmatch(w.last):
        # In a YAML mapping between braces a comma ends a value: ``share: 60,5`` is a share of
        # 60 and a key ``5`` without a value.
        w.says("unknown key: " + _DECIMAL_COMMA[0], "clé inconnue : " + _DECIMAL_COMMA[1])
    else:
        w.says(
            "unknown key" + _did_you_mean(w.last, allowed),
            "clé inconnue" + _did_you_mean(w.last, allowed, "fr"),
        )
    w.value = w.last
    w.expects(_one_of(allowed))


def _unknown_value(w: _Words) -> None:
    """A value outside a closed vocabulary (``enum``): named by the key's noun."""
    choices = _choices(str(w.ctx.get("expected", "")))
    vocabulary = _VOCABULARY_OF_KEY.get(w.last)
    if w.last == "kind" and "accounts" in w.loc:  # a year's accounts, not a flow
        vocabulary = AccountKind
    if vocabulary is not None:
        message, expected = _unknown_member(vocabulary, w.value)
    else:
        unknown = Tr(f"valeur inconnue pour {w.last}", f"unknown {w.last}")
        message = Tr(
            unknown.fr + _did_you_mean(w.value, choices, "fr") + read_as_hint(w.value, "fr"),
            unknown.en + _did_you_mean(w.value, choices) + read_as_hint(w.value),
        )
        expected = _one_of(choices)
    w.says(message.en, message.fr)
    w.expects(expected)


def _unknown_relation_type(w: _Words) -> None:
    w.path += ".type"
    w.value = w.ctx.get("tag")
    message, expected = _unknown_member(RelationType, w.value)
    w.says(message.en, message.fr)
    w.expects(expected)


def _unknown_member(vocabulary: type[Any], value: Any) -> tuple[Tr, Tr]:
    """What is said of ``value``, outside ``vocabulary``, and what was expected instead.

    The suggestion is the member whose code, labels or synonyms are closest to the value
    (:func:`ges_graph.vocabulary.closest`); the expected values are the codes.
    """
    noun = vocabulary.noun()
    unknown = noun.unknown if noun is not None else Tr("valeur inconnue", "unknown value")
    close = closest(vocabulary, value) if isinstance(value, str) else []
    hint = {
        lang: _DID_YOU_MEAN_MEMBER.format(lang, choice=close[0].value, label=_label(close[0]))
        if close
        else ""
        for lang in LANGS
    }
    message = Tr(
        unknown.fr + hint["fr"] + read_as_hint(value, "fr"),
        unknown.en + hint["en"] + read_as_hint(value),
    )
    codes = ", ".join(m.value for m in vocabulary)
    named = ", ".join(f"{m.value} ({_label(m)})" for m in vocabulary)
    return message, Tr("une des valeurs : " + named, "one of: " + codes)


def _label(member: Any) -> str:
    """A member's French label, said beside its code in a French message.

    « sas (société par actions simplifiée) »: a French reader may write either.
    """
    label: str = member.label_in("fr")
    return label


def parse_value(vocabulary: type[V], value: Any, *, path: str = "") -> V:
    """The member of ``vocabulary`` that ``value`` names, read as a document's values are.

    Its code in any case, its French or English label or one of its synonyms, with or without
    accents (:func:`ges_graph.vocabulary.lookup`). Other readers (a spreadsheet's cells) call it
    to read a cell as the loader reads a YAML value, with the same message when it cannot.

    Args:
        vocabulary: the enum of :mod:`ges_graph.vocabulary` (``Form``, ``FlowKind``, …).
        value: the value as read.
        path: where the value is, for the error (``Entités!C7 (forme)``, ``entities[2].form``).

    Raises:
        DocumentError: ``value`` names no member; its one detail (type ``enum``) suggests the
            closest member and lists the codes, in French and English.

    Examples:
        >>> from ges_graph.vocabulary import Form, OfficeRole
        >>> parse_value(Form, "S.A.R.L."), parse_value(OfficeRole, "Président")
        (<Form.SARL: 'sarl'>, <OfficeRole.PRESIDENT: 'president'>)
        >>> parse_value(Form, "asociation", path="Entités!C3 (forme)")
        Traceback (most recent call last):
        ...
        ges_graph.errors.DocumentError: Entités!C3 (forme): unknown form; did you mean 'associati...
    """
    member = lookup(vocabulary, value) if isinstance(value, str) else None
    if member is not None:
        return member
    message, expected = _unknown_member(vocabulary, value)
    shown = value if isinstance(value, str | int | float | bool) else describe_value(value)
    detail = ErrorDetail(
        path,
        message.en,
        shown,
        expected.en,
        type="enum",
        message_fr=message.fr,
        expected_fr=expected.fr,
    )
    raise DocumentError([detail])


def _missing_relation_type(w: _Words) -> None:
    w.path += ".type"
    w.kind = "missing"
    w.says("missing required key 'type'", "clé obligatoire absente : « type »")
    w.value = None
    w.expects(_one_of([t.value for t in RelationType]))


def _pattern_mismatch(w: _Words) -> None:
    w.says("invalid value", "valeur invalide")
    pattern = str(w.ctx.get("pattern"))
    w.expects(
        _PATTERNS.get(pattern, Tr(f"une valeur conforme à {pattern}", f"a match of {pattern}"))
    )


def _wrong_type(w: _Words) -> None:
    """A value of the wrong type, with a hint when quotes (or their absence) are the cause."""
    want = _TYPE_WORDS[w.kind]
    want_fr = _WORDS_FR[want]
    value = w.value
    if w.kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        w.says(*TOO_LARGE_NUMBER)
    elif (
        isinstance(value, str)
        and want == "a number"
        and _PERCENT_KEYS.intersection(k for k in w.loc if isinstance(k, str))
        and value.rstrip().endswith("%")
        and _unquoted(bare := value.rstrip()[:-1].rstrip(), want)
    ):
        w.says(
            f"not a number: a percentage is written without its % sign ({bare}, not “{value}”)",
            f"pas un nombre : un pourcentage s'écrit sans le signe % ({bare}, et non « {value} »)",
        )
    elif isinstance(value, str) and _unquoted(value, want):
        w.says(
            f"not {want}: read as a string; write it without quotes",
            f"pas {want_fr} : valeur lue comme une chaîne de caractères ; "
            "écrivez-la sans guillemets",
        )
    elif w.kind == "date_type":
        message = w.message[0].lower() + w.message[1:]
        w.says(
            message,
            "une date AAAA-MM-JJ est attendue, pas une date et heure"
            if "date and time" in message
            else "une date AAAA-MM-JJ est attendue",
        )
    elif want == "a string":
        w.says(f"not {want}" + read_as_hint(value), f"pas {want_fr}" + read_as_hint(value, "fr"))
    else:
        w.says(
            f"not {want}: read as {describe_value(value)}",
            f"pas {want_fr} : lu comme {describe_value(value, 'fr')}",
        )
    w.expects(Tr(want_fr, want))


def _out_of_range(w: _Words) -> None:
    bound = next(iter(w.ctx.values()), None)
    if isinstance(bound, float) and bound.is_integer():
        bound = int(bound)
    words = _BOUNDS[w.kind]
    w.expects(Tr(f"{words.fr} {bound}", f"{words.en} {bound}"))
    if w.last in ("share", "votes", "min", "max"):
        w.says("percentage outside 0–100", "pourcentage hors de 0–100")
    elif w.kind == "greater_than_equal" and bound == 0:
        w.says("must not be negative", "ne doit pas être négatif")
    else:
        w.says("out of range", "hors de l'intervalle permis")


def _unknown_format(w: _Words) -> None:
    w.expects(Tr(FORMAT, FORMAT))
    w.says(
        "unknown format: this library reads " + FORMAT,
        "format inconnu : cette bibliothèque lit " + FORMAT,
    )


def no_entity(close: str | None = None) -> tuple[str, str]:
    """« aucune entité n'a cet id », and the id meant when it is ``close`` (English, French).

    ``close``: the id the value is but for case, accents or spaces around it.

    Examples:
        >>> no_entity("tremplin")[1]
        "aucune entité n'a cet id ; vouliez-vous dire « tremplin » ?"
    """
    if close is None:
        return NO_ENTITY
    return (
        NO_ENTITY[0] + _DID_YOU_MEAN.format("en", choice=close),
        NO_ENTITY[1] + _DID_YOU_MEAN.format("fr", choice=close),
    )


def _unknown_entity(w: _Words) -> None:
    w.expects(_shared(ENTITY_ID))
    close = w.ctx.get("close")
    w.says(*no_entity(close if isinstance(close, str) else None))


def _lone_surrogate(w: _Words) -> None:
    """As the readers say it (``ges_graph.io.source``), for plain data given to the model."""
    w.says(
        "the string is not valid Unicode (a lone surrogate)",
        "la chaîne n'est pas de l'Unicode valide (un demi-codet d'indirection isolé)",
    )
    w.expects(Tr("du texte Unicode", "Unicode text"))


def _too_large_number(w: _Words) -> None:
    w.says(*TOO_LARGE_NUMBER)
    w.expects(Tr("un nombre fini", "a finite number"))


_STEPS: dict[str, Callable[[_Words], None]] = {
    "invalid_unicode": _lone_surrogate,
    "non_finite": _too_large_number,
    "extra_forbidden": _unknown_key,
    "enum": _unknown_value,
    "union_tag_invalid": _unknown_relation_type,
    "union_tag_not_found": _missing_relation_type,
    "string_pattern_mismatch": _pattern_mismatch,
    **dict.fromkeys(_TYPE_WORDS, _wrong_type),
    **dict.fromkeys(_BOUNDS, _out_of_range),
    "unknown_format": _unknown_format,
    "invalid_key": _invalid_key,
    "unknown_entity": _unknown_entity,
}
"""How each pydantic error type is worded; other types get :func:`_french_fallback`."""


def _word(w: _Words) -> None:
    """Word one error: the first step that applies, in this order."""
    if w.loc and w.loc[-1] == "[key]":
        _key_not_string(w)
    elif w.kind == "missing" or (w.kind == "string_type" and w.value is None):
        _missing(w)
    elif w.kind in _STEPS:
        _STEPS[w.kind](w)
    else:
        w.fr = _french_fallback(w.kind, w.message, w.ctx)


_SHOWN_CHARACTERS = 80
"""The most characters of a string value an error quotes (then « … »)."""


def error_details(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[ErrorDetail]:
    """Turn a pydantic ``ValidationError`` on a document into :class:`ErrorDetail` items.

    Messages say what is wrong in the terms of the format: ``unknown form`` with the allowed
    values, ``missing required key 'name'``, ``unknown key`` with the keys allowed there, and for a
    value YAML 1.1 read as a boolean, number or date where a string is expected, a hint to quote
    it. Paths have no union tags (``relations[0].share``). Every detail has its French
    (``message_fr``, ``expected_fr``): written here for the errors above, the model's own
    templates in French for its errors, and a French wording by pydantic error type otherwise.

    Args:
        exc: the error raised by validating a document or a part of one.
        prefix: the location of the validated part in the document (``("entities", 3)``).

    Examples:
        >>> try:
        ...     Document.model_validate({"format": "ges-graph/1", "name": "G", "entities": [
        ...         {"id": False, "name": "A", "form": "sas"}]})
        ... except ValidationError as exc:
        ...     details = error_details(exc)
        >>> print(details[0])
        entities[0].id: not a string: read as a boolean (false); write it in quotes (got false; ...
        >>> print(details[0].text("fr"))
        entities[0].id : pas une chaîne de caractères : valeur lue comme un booléen (false) ; ...
    """
    out = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(err["loc"])
        path = format_loc(loc)
        w = _Words(
            loc=loc,
            kind=err["type"],
            message=str(err["msg"]),
            value=err.get("input"),
            ctx=err.get("ctx") or {},
            path=path,
            last=str(re.sub(r"(\[\d+\])+$", "", path).rsplit(".", 1)[-1]),
        )
        _word(w)
        value = None if isinstance(w.value, dict | list | tuple | BaseModel) else w.value
        if isinstance(value, str) and len(value) > _SHOWN_CHARACTERS:
            value = value[:_SHOWN_CHARACTERS] + "…"  # a form of a megabyte is not printed whole
        out.append(
            ErrorDetail(
                w.path,
                w.message,
                value,
                w.expected,
                type=w.kind,
                message_fr=w.fr,
                expected_fr=w.expected_fr,
            )
        )
    return out
