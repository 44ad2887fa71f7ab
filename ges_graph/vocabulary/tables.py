"""The vocabularies of a document as Markdown tables: codes, labels and accepted spellings.

``docs/format.md`` carries :func:`vocabulary_tables` (``en``) between two markers, and a test
(``tests/test_vocabulary.py``) fails when it drifts, saying how to regenerate it.

Examples:
    >>> tables = vocabulary_tables("fr").splitlines()
    >>> tables[2]
    '### Forme (`form`)'
    >>> print(tables[-1])
    | `unknown` | non précisée | not given | inconnu, inconnue, non précisé |
    >>> print(next(line for line in tables if line.startswith("| `sarl`")))
    | `sarl` | société à responsabilité limitée | limited liability company (SARL) | — |
"""

from __future__ import annotations

from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.vocabulary._core import _Vocabulary
from ges_graph.vocabulary.entities import AccountKind, Convention, PublicKind, Sector
from ges_graph.vocabulary.flows import Basis, FlowKind
from ges_graph.vocabulary.forms import Form
from ges_graph.vocabulary.relations import Category, OfficeRole, RelationType

__all__ = ["KEYS", "vocabulary_tables"]

KEYS: dict[type[_Vocabulary], str] = {
    Form: "form",
    Convention: "conventions",
    Sector: "sector",
    PublicKind: "public_kind",
    AccountKind: "accounts[].kind",
    RelationType: "type",
    OfficeRole: "office",
    Category: "category",
    FlowKind: "kind",
    Basis: "basis",
}
"""Each vocabulary a document's values are read from, and the key that holds them."""

_INTRO = Tr(
    "Chaque valeur s'écrit par son code, son libellé français ou anglais, ou une des autres "
    "écritures acceptées, en majuscules ou minuscules, avec ou sans accents, espaces, apostrophes "
    "et traits d'union : le document garde et enregistre le code.",
    "Each value may be written as its code, its French or English label or one of the other "
    "accepted spellings, in any case, with or without accents, spaces, apostrophes and hyphens: "
    "the document holds and saves the code.",
)
_HEADER = Tr(
    "| code | libellé français | libellé anglais | autres écritures acceptées |",
    "| code | French label | English label | also accepted |",
)


def vocabulary_tables(lang: Lang = "fr") -> str:
    """One table per vocabulary of a document: each member's code, labels and synonyms.

    Args:
        lang: the language of the headings and column titles (both labels are always given).

    Raises:
        UnknownLanguageError: ``lang`` is not ``fr`` or ``en``.
    """
    check_lang(lang)
    parts = [_INTRO.render(lang)]
    for vocabulary, key in KEYS.items():
        noun = vocabulary.noun()
        assert noun is not None, vocabulary
        title = noun.text.render(lang)
        rows = [_HEADER.render(lang), "|---|---|---|---|"]
        for member in vocabulary:
            also = ", ".join(member.synonyms) or "—"
            rows.append(f"| `{member.value}` | {member.text.fr} | {member.text.en} | {also} |")
        parts += [f"### {title[0].upper()}{title[1:]} (`{key}`)", "\n".join(rows)]
    return "\n\n".join(parts)
