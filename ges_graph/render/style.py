r"""The visual grammar of ges-graph diagrams, shared by both engines.

One table says how each field of a document is drawn (``docs/diagrams.md`` prints it): the node
shape and fill by family, the line style by relation type, and the fixed texts in French and
English (the names of families, relation types, flow kinds, offices and severities are the
vocabulary's: :mod:`ges_graph.vocabulary`).
Fills come from Paul Tol's *light* scheme, designed for black text on colour and readable by
colour-blind readers; every family also has its own shape, and every edge says its type in its
label, so a greyscale print loses nothing.

Examples:
    >>> NODE_STYLES[Family.COMPANY].shape, NODE_STYLES[Family.ASSOCIATIVE].shape
    ('box', 'ellipse')
    >>> format_percent(33.333, "fr"), format_percent(51, "en")
    ('33,3\xa0%', '51%')
    >>> format_amount(42000, "fr"), format_amount(1_800_000, "en"), format_amount(2500, "fr")
    ('42\xa0k€', '1,800 k€', '2,5\xa0k€')
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from ges_graph import i18n
from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.model import Family, FlowKind, Form, OfficeRole, PercentRange, RelationType
from ges_graph.vocabulary import Severity

__all__ = [
    "EDGE_STYLES",
    "FINDING_COLOURS",
    "FLOW_WIDTHS",
    "HEAD_PENWIDTH",
    "NODE_STYLES",
    "EdgeStyle",
    "NodeStyle",
    "family_legend",
    "flow_kind_label",
    "format_amount",
    "format_percent",
    "office_label",
    "severity_label",
    "text",
]

NBSP = "\xa0"
"""Spaces in numbers become non-breaking in diagrams: Graphviz must not break ``51 %``."""


@dataclass(frozen=True)
class NodeStyle:
    """How the entities of one family are drawn.

    Attributes:
        shape: the Graphviz shape name; the matplotlib engine draws the same outline.
        fill: fill colour (hex).
        rounded: rounded corners (a box for natural persons, to tell it from a company).
    """

    shape: str
    fill: str
    rounded: bool = False


# Paul Tol's "light" scheme: distinct for colour-blind readers, black text readable on each.
NODE_STYLES: dict[Family, NodeStyle] = {
    Family.ASSOCIATIVE: NodeStyle("ellipse", "#EEDD88"),
    Family.COMPANY: NodeStyle("box", "#77AADD"),
    Family.COOPERATIVE: NodeStyle("hexagon", "#44BB99"),
    Family.GROUPING: NodeStyle("octagon", "#FFAABB"),
    Family.PUBLIC: NodeStyle("house", "#99DDFF"),
    Family.NATURAL: NodeStyle("box", "#DDDDDD", rounded=True),
    Family.OTHER: NodeStyle("note", "#BBCC33"),
}
"""Shape and fill by family: every family in :class:`~ges_graph.model.Family` has one."""

HEAD_PENWIDTH = 3.0
"""Border width of the head of group (others: 1)."""


@dataclass(frozen=True)
class EdgeStyle:
    """How the relations of one type are drawn.

    Attributes:
        line: ``solid``, ``dashed`` or ``dotted``.
        colour: line colour (hex); dark, so that it reads in greyscale.
        width: line width in points.
        arrowhead: Graphviz arrowhead name (the matplotlib engine uses a close match).
        constraint: whether the relation ranks the layout (holders above what they hold).
    """

    line: Literal["solid", "dashed", "dotted"]
    colour: str
    width: float
    arrowhead: str
    constraint: bool = True


EDGE_STYLES: dict[RelationType, EdgeStyle] = {
    RelationType.SHAREHOLDING: EdgeStyle("solid", "#000000", 1.6, "normal"),
    RelationType.STATUTORY_CONTROL: EdgeStyle("solid", "#004488", 3.0, "normal"),
    RelationType.BOARD: EdgeStyle("dashed", "#004488", 1.4, "empty"),
    RelationType.MEMBERSHIP: EdgeStyle("dashed", "#555555", 1.0, "odot"),
    RelationType.OFFICE: EdgeStyle("dashed", "#555555", 1.0, "diamond"),
    RelationType.FLOW: EdgeStyle("dotted", "#994455", 1.4, "vee", constraint=False),
}
"""Line style by relation type. Flows never rank the layout (``constraint=false``)."""

FLOW_WIDTHS = (1.0, 5.0)
"""The thinnest and thickest line of a flows edge, in points: the width grows with the square
root of the amount, the largest amount of the diagram drawn thickest."""

FINDING_COLOURS: dict[str, str] = {
    Severity.ERROR: "#CC3311",
    Severity.WARNING: "#EE7733",
    Severity.INFO: "#0077BB",
}
"""Border colour of what a finding concerns, by severity (Paul Tol's vibrant scheme)."""

OUT_OF_FORCE_COLOUR = "#999999"

_TEXT: dict[str, Tr] = {
    "legend": Tr("Légende", "Legend"),
    "external": Tr("externe (bordure tiretée)", "external (dashed border)"),
    "out_of_force": Tr("hors vigueur", "not in force"),
    "seats": Tr("sièges", "seats"),
    "seat": Tr("siège", "seat"),
    "chair": Tr("présidence", "chair"),
    "votes": Tr("voix", "votes"),
    "member": Tr("membre", "member"),
    "ex_officio": Tr("membre de droit", "ex officio member"),
    "findings": Tr("Constats", "Findings"),
    "more_findings": Tr("… et {n} autres", "… and {n} more"),
    "finding_mark": Tr("⚠ [n] : concerné par le constat n", "⚠ [n]: concerned by finding n"),
    "layers": Tr("couches", "layers"),
    "natural_or_collective": Tr("personne physique ou collectif", "natural person or collective"),
}
"""The fixed texts of the diagrams that name no vocabulary member (those are in the vocabulary:
families, sectors, relation types, flow kinds, offices, severities, the head of group)."""


def text(key: str, lang: Lang) -> str:
    """A fixed text of the diagrams in ``lang``.

    Examples:
        >>> text("legend", "fr"), text("legend", "en")
        ('Légende', 'Legend')
    """
    check_lang(lang)
    return _TEXT[key].render(lang)


def family_legend(family: Family, forms: Collection[Form], lang: Lang) -> str:
    """A family's name in a legend: natural persons' says collectives too, when one is drawn.

    Examples:
        >>> family_legend(Family.NATURAL, {Form.PERSON}, "fr")
        'personne physique'
        >>> family_legend(Family.NATURAL, {Form.PERSON, Form.COLLECTIVE}, "fr")
        'personne physique ou collectif'
    """
    check_lang(lang)
    if family is Family.NATURAL and Form.COLLECTIVE in forms:
        return text("natural_or_collective", lang)
    return family.label_in(lang)


def severity_label(severity: str, lang: Lang) -> str:
    """A finding's severity as the vocabulary names it; an unknown one is shown as it is.

    Examples:
        >>> severity_label("warning", "fr"), severity_label("fatal", "en")
        ('avertissement', 'fatal')
    """
    check_lang(lang)
    known = {s.value for s in Severity}
    return Severity(severity).label_in(lang) if severity in known else severity


def flow_kind_label(kind: FlowKind, lang: Lang) -> str:
    """The short name of a flow kind: ``kind.label_in(lang)``, from the vocabulary.

    Examples:
        >>> flow_kind_label(FlowKind.MANAGEMENT_FEE, "fr")
        'frais de siège'
    """
    check_lang(lang)
    return kind.label_in(lang)


def office_label(office: OfficeRole, lang: Lang) -> str:
    """The name of an executive office: ``office.label_in(lang)``, from the vocabulary."""
    check_lang(lang)
    return office.label_in(lang)


def _nbsp(text: str) -> str:
    return text.replace(" ", NBSP)


def _decimals(value: float) -> int:
    """One decimal, or as many as it takes (four at most) for a small non-zero value to show."""
    decimals = 1
    while decimals < 4 and value != 0 and round(value, decimals) == 0:
        decimals += 1
    return decimals


@functools.lru_cache(maxsize=4096)
def format_percent(value: float | PercentRange, lang: Lang) -> str:
    r"""A percentage or a range, as :func:`ges_graph.i18n.format_percent_range` writes it.

    A diagram shows one decimal at most, more only for a small value that would read ``0``
    otherwise, and its spaces are non-breaking.

    Examples:
        >>> format_percent(0.04, "fr"), format_percent(100, "fr")
        ('0,04\xa0%', '100\xa0%')
        >>> format_percent(PercentRange(min=25, max=33.333), "fr")
        '25–33,3\xa0%'
        >>> format_percent(PercentRange(min=0.004, max=5), "en")
        '0.004–5%'
    """
    if isinstance(value, PercentRange):
        decimals = max(_decimals(value.min), _decimals(value.max))
    else:
        decimals = _decimals(value)
    return _nbsp(i18n.format_percent_range(value, lang, decimals=decimals))


@functools.lru_cache(maxsize=4096)
def format_amount(value: float, lang: Lang, currency: str = "EUR") -> str:
    r"""An amount in thousands (``42 k€``); ``€`` for EUR, else the currency code.

    Examples:
        >>> format_amount(350, "fr"), format_amount(0, "en"), format_amount(12500, "en", "CHF")
        ('0,35\xa0k€', '0 k€', '12.5 kCHF')
    """
    thousands = value / 1000
    decimals = 1 if thousands >= 1 or thousands == 0 else 2
    digits = _nbsp(i18n.format_number(thousands, lang, decimals=decimals))
    unit = "k€" if currency == "EUR" else f"k{currency}"
    return _AMOUNT.format(lang, digits=digits, unit=unit)


_AMOUNT = Tr(f"{{digits}}{NBSP}{{unit}}", "{digits} {unit}")
