"""The layout of a group in a spreadsheet: its sheets, their columns, what each column holds.

A workbook (or a folder of CSV files, one per sheet) has five sheets: *Groupe* (one field a row:
the group's name, territory, date…), *Entités* (one entity a row), *Relations* (governance and
capital: one relation a row), *Flux* (one flow a row) and *Comptes* (a member's accounts, one
year a row). Each column is a key of the format
(``format.md``); its header is a French or English word, and a reader accepts either, or the
format's key itself, in any case.

Examples:
    >>> [s.name.render("fr") for s in SHEETS]
    ['Groupe', 'Entités', 'Relations', 'Flux', 'Comptes']
    >>> ENTITIES.columns[2].header.render("fr"), ENTITIES.columns[2].key
    ('forme', 'form')
    >>> ENTITIES.column_of("FORME").key, ENTITIES.column_of("form").key
    ('form', 'form')
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from ges_graph.i18n import Tr
from ges_graph.vocabulary import (
    AccountKind,
    Basis,
    Category,
    Convention,
    FlowKind,
    Form,
    OfficeRole,
    PublicKind,
    RelationType,
    Sector,
)

__all__ = [
    "ACCOUNTS",
    "ENTITIES",
    "FLOWS",
    "GROUP",
    "LISTS",
    "RELATIONS",
    "SHEETS",
    "Column",
    "Sheet",
]

Kind = Literal[
    "text",
    "int",
    "number",
    "percent",
    "bool",
    "date",
    "vocab",
    "vocabs",
    "list",
    "json",
    "order",
]
"""How a column's cells are read and written (see :mod:`ges_graph.io.spreadsheet.cells`)."""

Vocab: TypeAlias = (
    type[Form]
    | type[Convention]
    | type[Sector]
    | type[PublicKind]
    | type[RelationType]
    | type[OfficeRole]
    | type[Category]
    | type[FlowKind]
    | type[Basis]
    | type[AccountKind]
)
"""A closed vocabulary that a column reads from."""


def fold(text: str) -> str:
    """A header or a label as compared: NFC, case folded, white space collapsed.

    Examples:
        >>> fold("  Entite\u0301s ") == fold("entités")
        True
    """
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class Column:
    """One column: the format's key, its header, how its cells read, and what it expects.

    Attributes:
        key: the format's key (``form``, ``from``).
        header: the header, in French and English.
        kind: how the cells are read and written.
        help: what the column holds, shown as the header's comment.
        vocabulary: the closed vocabulary of a ``vocab`` or ``vocabs`` column.
        width: the column's width, in characters.
        aliases: former headers still read (a workbook filled in from an older template).
    """

    key: str
    header: Tr
    kind: Kind
    help: Tr
    vocabulary: Vocab | None = None
    width: int = 14
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, and its columns (for *Groupe*, its rows) in order.

    Attributes:
        key: ``group``, ``entities``, ``relations`` or ``flows``.
        name: the sheet's name, in French and English (a CSV file is named after it).
        columns: the columns, in order (for *Groupe*, one field a row).
    """

    key: str
    name: Tr
    columns: tuple[Column, ...]
    _by_header: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table: dict[str, Column] = {}
        for column in self.columns:
            for name in (column.key, column.header.fr, column.header.en, *column.aliases):
                table.setdefault(fold(name), column)
        object.__setattr__(self, "_by_header", table)

    def column_of(self, header: str) -> Column | None:
        """The column a header names (French, English or the format's key, in any case)."""
        return self._by_header.get(fold(header))

    def names(self) -> tuple[str, str]:
        """The sheet's names, French then English."""
        return self.name.fr, self.name.en


_ID = Tr(
    "Une lettre ou un chiffre, puis lettres, chiffres, « _ », « . », « : » ou « - » ; unique "
    "dans le document. Les relations désignent les entités par cet identifiant.",
    "A letter or digit, then letters, digits, '_', '.', ':' or '-'; unique in the document. "
    "Relations name entities by this id.",
)
_RELATION_ID = Tr(
    "Facultatif : un identifiant propre à la relation (mêmes caractères que pour les entités).",
    "Optional: an id of the relation (same characters as entity ids).",
)
_FROM = Tr(
    "L'identifiant de l'entité qui détient le pouvoir (l'associé, le membre, le dirigeant).",
    "The id of the entity that holds the power (shareholder, member, officer).",
)
_TO = Tr(
    "L'identifiant de l'entité sur laquelle le pouvoir s'exerce.",
    "The id of the entity the power is held over.",
)
_START = Tr(
    "Facultatif : date à laquelle la relation commence (une date du tableur, ou AAAA-MM-JJ).",
    "Optional: the date the relation starts (a spreadsheet date, or YYYY-MM-DD).",
)
_END = Tr(
    "Facultatif : date à laquelle la relation prend fin (une date du tableur, ou AAAA-MM-JJ).",
    "Optional: the date the relation ends (a spreadsheet date, or YYYY-MM-DD).",
)
_SOURCE = Tr("Facultatif : d'où vient l'information.", "Optional: where the fact comes from.")
_NOTE = Tr("Facultatif : une remarque libre.", "Optional: a free remark.")
_ATTRS = Tr(
    'Facultatif : des données libres, en JSON, par exemple {"code": "A12"} ; conservées telles '
    "quelles.",
    'Optional: free data, as JSON, e.g. {"code": "A12"}; kept as they are.',
)
_ORDER = Tr(
    "Facultatif : le rang de la relation dans le document. Les relations numérotées viennent "
    "d'abord, dans l'ordre de leur rang, puis les autres : celles de la feuille Relations, puis "
    "celles de la feuille Flux.",
    "Optional: the relation's rank in the document. Numbered relations come first, by rank, "
    "then the others: those of the Relations sheet, then those of the Flows sheet.",
)
_PERCENT = Tr(
    "un pourcentage de 0 à 100 (51 pour 51 %), ou une fourchette « 25–50 » quand seules les "
    "bornes sont connues",
    "a percentage from 0 to 100 (51 for 51%), or a range '25–50' when only the bounds are known",
)
_YES_NO = Tr("« oui » ou « non » (vide : non)", "'yes' or 'no' (empty: no)")
_LIST = Tr(
    "Choisir dans la liste, ou saisir le code du format.",
    "Pick from the list, or type the format's code.",
)


def _attrs() -> Column:
    return Column("attrs", Tr("données libres (JSON)", "attrs"), "json", _ATTRS, width=24)


def _vocab(key: str, header: Tr, help_text: Tr, vocabulary: Vocab, width: int = 22) -> Column:
    help_full = Tr(f"{help_text.fr} {_LIST.fr}", f"{help_text.en} {_LIST.en}")
    return Column(key, header, "vocab", help_full, vocabulary, width)


def _bool(key: str, header: Tr, help_text: Tr) -> Column:
    full = Tr(f"{help_text.fr} : {_YES_NO.fr}.", f"{help_text.en}: {_YES_NO.en}.")
    return Column(key, header, "bool", full, width=12)


def _percent(key: str, header: Tr, help_text: Tr) -> Column:
    full = Tr(f"{help_text.fr} : {_PERCENT.fr}.", f"{help_text.en}: {_PERCENT.en}.")
    return Column(key, header, "percent", full, width=12)


GROUP = Sheet(
    "group",
    Tr("Groupe", "Group"),
    (
        Column(
            "format",
            Tr("format", "format"),
            "text",
            Tr("La version du format : ges-graph/1.", "The format's version: ges-graph/1."),
        ),
        Column("name", Tr("nom", "name"), "text", Tr("Le nom du groupe.", "The group's name.")),
        Column(
            "id",
            Tr("identifiant", "id"),
            "text",
            Tr(
                "Facultatif : un identifiant court, en minuscules et chiffres reliés par « - ».",
                "Optional: a short id, lower-case letters and digits joined by '-'.",
            ),
        ),
        Column(
            "description",
            Tr("description", "description"),
            "text",
            Tr("Facultatif : un texte libre.", "Optional: free text."),
        ),
        Column(
            "territory",
            Tr("territoire", "territory"),
            "text",
            Tr(
                "Facultatif : où le groupe agit, par exemple « Nord (59) ».",
                "Optional: where the group works, e.g. 'Nord (59)'.",
            ),
        ),
        Column(
            "as_of",
            Tr("date de référence", "as_of"),
            "date",
            Tr(
                "Facultatif : la date à laquelle la structure est décrite ; les relations qui "
                "commencent après elle ou finissent avant ne sont pas en vigueur.",
                "Optional: the date the structure describes; relations that start after it or "
                "end before it are not in force.",
            ),
        ),
        Column(
            "currency",
            Tr("devise", "currency"),
            "text",
            Tr(
                "Facultatif : la devise des montants, trois lettres capitales (EUR par défaut).",
                "Optional: the currency of amounts, three capital letters (EUR by default).",
            ),
        ),
        Column(
            "sources",
            Tr("sources", "sources"),
            "list",
            Tr(
                "Facultatif : d'où viennent les informations, séparées par des virgules (ou une "
                'liste JSON, ["…", "…"], quand une source contient une virgule).',
                "Optional: where the facts come from, separated by commas (or a JSON list, "
                '["…", "…"], when a source holds a comma).',
            ),
        ),
        _attrs(),
    ),
)

ENTITIES = Sheet(
    "entities",
    Tr("Entités", "Entities"),
    (
        Column("id", Tr("identifiant", "id"), "text", _ID, width=16),
        Column(
            "name",
            Tr("nom", "name"),
            "text",
            Tr("La dénomination de l'entité.", "The entity's name."),
            width=30,
        ),
        _vocab("form", Tr("forme", "form"), Tr("La forme juridique.", "The legal form."), Form),
        Column(
            "conventions",
            Tr("conventions", "conventions"),
            "vocabs",
            Tr(
                "Facultatif : les conventionnements de l'État détenus (IAE, entreprise adaptée), "
                "séparés par des virgules. Choisir dans la liste ou saisir les codes du format.",
                "Optional: the State agreements held (IAE, adapted enterprise), separated by "
                "commas. Pick from the list or type the format's codes.",
            ),
            Convention,
            width=24,
        ),
        _bool(
            "external",
            Tr("externe", "external"),
            Tr(
                "Un partenaire extérieur au groupe (banque, investisseur, collectivité)",
                "A partner outside the group (bank, investor, local authority)",
            ),
        ),
        _vocab(
            "sector",
            Tr("secteur", "sector"),
            Tr(
                "Facultatif : vide, il se déduit de la forme et des conventions.",
                "Optional: when empty, it follows from the form and the conventions.",
            ),
            Sector,
            width=14,
        ),
        Column(
            "siren",
            Tr("SIREN", "siren"),
            "text",
            Tr(
                "Facultatif : le numéro SIREN, neuf chiffres (espaces permis entre les groupes).",
                "Optional: the SIREN number, nine digits (spaces allowed between groups).",
            ),
        ),
        _vocab(
            "public_kind",
            Tr("nature publique", "public_kind"),
            Tr(
                "Seulement pour une collectivité ou un établissement public.",
                "Only for a public body.",
            ),
            PublicKind,
        ),
        Column(
            "employees",
            Tr("effectif", "employees"),
            "int",
            Tr("Facultatif : le nombre de salariés.", "Optional: the headcount."),
            width=10,
        ),
        Column(
            "insertion_employees",
            Tr("salariés en insertion", "insertion_employees"),
            "int",
            Tr(
                "Facultatif : les salariés en contrat d'insertion (au plus l'effectif).",
                "Optional: employees on an insertion contract (at most the headcount).",
            ),
            width=12,
        ),
        Column(
            "budget",
            Tr("budget", "budget"),
            "number",
            Tr(
                "Facultatif : les ressources ou le chiffre d'affaires annuels, dans la devise.",
                "Optional: the annual resources or turnover, in the currency.",
            ),
        ),
        Column(
            "board_size",
            Tr("sièges au conseil", "board_size"),
            "int",
            Tr(
                "Facultatif : le nombre de sièges de l'organe de gouvernance (au moins 1).",
                "Optional: the number of seats on the governing body (at least 1).",
            ),
            width=10,
        ),
        Column(
            "tags",
            Tr("étiquettes", "tags"),
            "list",
            Tr(
                "Facultatif : des étiquettes libres séparées par des virgules (holding, esus…).",
                "Optional: free labels separated by commas (holding, esus…).",
            ),
        ),
        _attrs(),
    ),
)

_COMMON_HEAD = (
    Column("order", Tr("ordre", "order"), "order", _ORDER, width=8),
    Column("id", Tr("identifiant", "id"), "text", _RELATION_ID),
)
_COMMON_TAIL = (
    Column("start", Tr("début", "start"), "date", _START, width=12),
    Column("end", Tr("fin", "end"), "date", _END, width=12),
    Column("source", Tr("source", "source"), "text", _SOURCE, width=20),
    Column("note", Tr("note", "note"), "text", _NOTE, width=20),
    _attrs(),
)

RELATIONS = Sheet(
    "relations",
    Tr("Relations", "Relations"),
    (
        *_COMMON_HEAD,
        _vocab(
            "type",
            Tr("type", "type"),
            Tr(
                "La nature de la relation (les flux financiers vont dans la feuille Flux).",
                "The kind of relation (financial flows go in the Flows sheet).",
            ),
            RelationType,
        ),
        Column("from", Tr("de", "from"), "text", _FROM),
        Column("to", Tr("vers", "to"), "text", _TO),
        _percent(
            "share",
            Tr("part du capital (%)", "share"),
            Tr("Participation au capital seulement", "Shareholding only"),
        ),
        _percent(
            "votes",
            Tr("droits de vote (%)", "votes"),
            Tr("Facultatif, adhésion ou participation", "Optional, membership or shareholding"),
        ),
        _vocab(
            "category",
            Tr("catégorie", "category"),
            Tr(
                "Facultatif, adhésion ou participation : le collège de l'associé.",
                "Optional, membership or shareholding: the associate's college.",
            ),
            Category,
            width=18,
        ),
        _bool(
            "ex_officio",
            Tr("membre de droit", "ex_officio"),
            Tr("Adhésion seulement : membre de droit", "Membership only: ex officio member"),
        ),
        Column(
            "seats",
            Tr("sièges", "seats"),
            "int",
            Tr(
                "Sièges au conseil seulement : le nombre de sièges détenus (au moins 1).",
                "Board seats only: the number of seats held (at least 1).",
            ),
            width=10,
        ),
        _bool(
            "chair",
            Tr("présidence du conseil", "chair"),
            Tr("Sièges au conseil seulement : préside le conseil", "Board seats only: chairs it"),
        ),
        _vocab(
            "office",
            Tr("fonction", "office"),
            Tr(
                "Mandat de direction seulement : la fonction exercée.",
                "Executive office only: the office held.",
            ),
            OfficeRole,
            width=18,
        ),
        *_COMMON_TAIL,
    ),
)

FLOWS = Sheet(
    "flows",
    Tr("Flux", "Flows"),
    (
        *_COMMON_HEAD,
        Column(
            "from",
            Tr("payeur", "from"),
            "text",
            Tr(
                "L'identifiant de l'entité qui paie (ou paierait, pour un flux gratuit).",
                "The id of the entity that pays (or would pay, for a free flow).",
            ),
        ),
        Column(
            "to",
            Tr("destinataire", "to"),
            "text",
            Tr(
                "L'identifiant de l'entité qui reçoit l'argent (le prestataire payé, le "
                "bénéficiaire d'une subvention ou d'un prêt).",
                "The id of the entity that receives the money (the provider paid, the "
                "recipient of a subsidy or a loan).",
            ),
            # The templates before 0.2 said « bénéficiaire », which is the payer for a service.
            aliases=("bénéficiaire",),
        ),
        _vocab(
            "kind", Tr("nature", "kind"), Tr("La nature du flux.", "The kind of flow."), FlowKind
        ),
        Column(
            "amount",
            Tr("montant annuel", "amount"),
            "number",
            Tr(
                "Facultatif : le montant par an, dans la devise du groupe.",
                "Optional: the amount per year, in the group's currency.",
            ),
        ),
        _vocab(
            "basis",
            Tr("base", "basis"),
            Tr(
                "Facultatif : comment le montant est fixé (vide : non précisée).",
                "Optional: how the amount is set (empty: not given).",
            ),
            Basis,
            width=16,
        ),
        _bool(
            "agreement",
            Tr("convention écrite", "agreement"),
            Tr("Une convention écrite couvre le flux", "A written agreement covers the flow"),
        ),
        _bool(
            "authorised",
            Tr("reversement autorisé", "authorised"),
            Tr(
                "Subvention : le financeur autorise son reversement",
                "Subsidy: the grantor allows passing it on",
            ),
        ),
        Column(
            "label",
            Tr("libellé", "label"),
            "text",
            Tr("Facultatif : un libellé libre.", "Optional: a free label."),
            width=20,
        ),
        *_COMMON_TAIL,
        Column(
            "year",
            Tr("exercice", "year"),
            "int",
            Tr(
                "Facultatif : l'année du flux seul (vide : chaque année où il est en vigueur).",
                "Optional: the only year of the flow (empty: every year it is in force).",
            ),
            width=10,
        ),
    ),
)

ACCOUNTS = Sheet(
    "accounts",
    Tr("Comptes", "Accounts"),
    (
        Column(
            "entity",
            Tr("entité", "entity"),
            "text",
            Tr(
                "L'identifiant du membre dont ce sont les comptes (une ligne par exercice).",
                "The id of the member these accounts are of (one row a year).",
            ),
        ),
        Column(
            "year",
            Tr("exercice", "year"),
            "int",
            Tr("L'année de l'exercice (2025).", "The year of the accounts (2025)."),
            width=10,
        ),
        _vocab(
            "kind",
            Tr("nature", "kind"),
            Tr(
                "Réalisé (comptes clos) ou prévisionnel (budget).",
                "Actual (closed accounts) or forecast (a budget).",
            ),
            AccountKind,
            width=16,
        ),
        Column(
            "resources",
            Tr("ressources", "resources"),
            "number",
            Tr(
                "Facultatif : les ressources de l'exercice (produits), dans la devise du groupe.",
                "Optional: the year's resources (income), in the group's currency.",
            ),
        ),
        Column(
            "charges",
            Tr("charges", "charges"),
            "number",
            Tr(
                "Facultatif : les charges de l'exercice, dans la devise du groupe.",
                "Optional: the year's charges (expenses), in the group's currency.",
            ),
        ),
        Column(
            "employees",
            Tr("effectif", "employees"),
            "int",
            Tr(
                "Facultatif : l'effectif de l'exercice. Le budget et l'effectif d'une entité "
                "sont ceux de son dernier exercice réalisé.",
                "Optional: the year's headcount. An entity's budget and headcount are those of "
                "its latest actual year.",
            ),
            width=10,
        ),
    ),
)
"""A member's accounts, one year a row (``Entity.accounts``): read into its entity by id."""

SHEETS = (GROUP, ENTITIES, RELATIONS, FLOWS, ACCOUNTS)
"""The sheets of a workbook, in order."""

LISTS = Tr("Listes", "Lists")
"""The hidden sheet that holds the drop-down lists of a workbook (never read)."""

GROUP_HEADERS = (Tr("champ", "field"), Tr("valeur", "value"), Tr("explication", "explanation"))
"""The header row of the *Groupe* sheet, which holds one field a row."""
