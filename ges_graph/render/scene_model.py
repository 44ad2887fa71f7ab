"""The scene's records: what a diagram shows, as both engines read it.

:func:`ges_graph.render.scene.build_scene` makes them (and :mod:`ges_graph.render.flowgroups`,
for the flows of a big group); :mod:`ges_graph.render.scene` re-exports them, their usual
import path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from ges_graph.i18n import Lang
from ges_graph.model import Entity, Layer, Relation, RelationType, Sector
from ges_graph.vocabulary import Severity

__all__ = [
    "FindingLike",
    "ReportLike",
    "Scene",
    "SceneEdge",
    "SceneFinding",
    "SceneNode",
    "severity_order",
    "worst",
]


class FindingLike(Protocol):
    """What the diagram needs of a validation finding (see :mod:`ges_graph.report`)."""

    @property
    def rule(self) -> str:
        """The rule's stable id."""

    @property
    def severity(self) -> Any:
        """``error``, ``warning`` or ``info`` (a string or a string enum)."""

    @property
    def subjects(self) -> Sequence[str]:
        """Entity ids and relation keys concerned."""


class ReportLike(Protocol):
    """What the diagram needs of a validation report: its findings."""

    @property
    def findings(self) -> Sequence[FindingLike]:
        """The findings, in any order."""


@dataclass(frozen=True)
class SceneFinding:
    """A finding as numbered on the diagram.

    Attributes:
        number: its number on the diagram, from 1.
        severity: ``error``, ``warning`` or ``info``.
        rule: the rule's id.
        title: the rule's title in the diagram's language (its id for a rule the catalogue
            does not know), as the legend says it.
        about: what it concerns, as the legend says it: the first entity it names (short), or
            « tout le groupe » when it names none; empty when unknown.
    """

    number: int
    severity: str
    rule: str
    title: str = ""
    about: str = ""

    @property
    def label(self) -> str:
        """How the legend names the finding: its rule's title (else its id), then what it is about.

        Examples:
            >>> SceneFinding(1, "warning", "r", "Membre isolé", "Tremplin").label
            'Membre isolé — Tremplin'
        """
        name = self.title or self.rule
        return f"{name} — {self.about}" if self.about else name


class SceneNode(NamedTuple):
    """An entity as drawn (a named tuple: immutable, and cheap to make by the thousand).

    Attributes:
        id: the entity id.
        entity: the entity.
        lines: the label, line by line: the name (wrapped), the form and IAE badges, then the
            head mark and the finding numbers when there are any.
        rank: the layer, from 0 at the top.
        head: True for the head of group.
        marks: numbers of the findings that concern it.
        severity: the highest severity among them.
        tooltip: what the label leaves out, for a pointer: the form's full name (and a public
            body's kind), the conventions by name, whether it is outside the group.
        members: for a node standing for a family of members (the flows view of a big group,
            :mod:`ges_graph.render.flowgroups`), their ids; empty for an entity. ``entity`` is
            then the first member's, renamed: it gives the family's shape and fill.
        within: for such a node, the amount of the flows between its members (drawn on it,
            not as an edge); None for an entity.
    """

    id: str
    entity: Entity
    lines: tuple[str, ...]
    rank: int
    head: bool
    marks: tuple[int, ...]
    severity: str | None
    tooltip: str
    members: tuple[str, ...] = ()
    within: float | None = None

    @property
    def sector(self) -> Sector:
        """The entity's effective sector (for clusters)."""
        return self.entity.effective_sector


class SceneEdge(NamedTuple):
    """A relation as drawn (a named tuple: immutable, and cheap to make by the thousand).

    Attributes:
        source: the ``from`` entity id.
        target: the ``to`` entity id.
        relation: the relation.
        type: the relation's type.
        label: its text (percentages, seats, kind and amount…); when several relations join
            the same two entities the same way, the first carries all their texts, a line
            each, and the others none.
        in_force: False when the relation is not in force at the document's ``as_of``.
        constraint: True when the edge ranks the layout (its upper end drawn above the other).
        marks: numbers of the findings that concern it.
        severity: the highest severity among them.
        drawn: False when another edge between the same two entities, the same way and of the
            same kind (governance and capital, or flows), is drawn for it and carries its text:
            parallel relations are one line with one label (« 100 % · présidence »).
        upward: True when ``target`` is drawn above ``source`` (a union above its members).
        amount: for a flows edge, the yearly amount of every flow it stands for (free ones and
            those of unknown amount count nothing); None for the other edges.
        tooltip: for a flows edge, each flow in full (kind, provider, amount), a line each.
    """

    source: str
    target: str
    relation: Relation
    type: RelationType
    label: str
    in_force: bool
    constraint: bool
    marks: tuple[int, ...]
    severity: str | None
    drawn: bool = True
    upward: bool = False
    amount: float | None = None
    tooltip: str = ""


@dataclass(frozen=True)
class Scene:
    """Everything a diagram shows, sorted, in one language.

    Attributes:
        title: the group's name, with ``as_of`` when the document gives it.
        lang: ``fr`` or ``en``.
        layers: the layers drawn.
        nodes: entities, sorted by id.
        edges: relations of the drawn layers, sorted by type, ends and content.
        rank_pairs: (holder, held) pairs that rank the layout, including those of layers not
            drawn, so that a flows-only diagram keeps the same places.
        head: the head of group's id, when known.
        findings: the findings drawn, numbered.
        currency: the document's currency.
        view: ``structure``, ``flows`` or ``all`` (see :data:`VIEWS`); ``custom`` when the
            layers were chosen one by one.
        direction: ``TB``, ``LR``, ``BT`` or ``RL``: the way ranks go.
        paper: ``a4``, ``a3`` or None: the paper the layout is made for.
        grouped: True when the flows view draws families of members rather than each member
            (a group whose flows are too many to draw one by one; the title says so and where
            the detail is: the flows matrix).
        direction_given: False when ``direction`` is the view's default (none was asked for):
            an engine that lays out on its own may then draw the other way where its layout
            prints larger (the matplotlib engine: a structure of stacked fans, top down or left
            to right).
    """

    title: str
    lang: Lang
    layers: frozenset[Layer]
    nodes: tuple[SceneNode, ...]
    edges: tuple[SceneEdge, ...]
    rank_pairs: tuple[tuple[str, str], ...]
    head: str | None
    findings: tuple[SceneFinding, ...]
    currency: str
    view: str = "structure"
    direction: str = "TB"
    paper: str | None = None
    grouped: bool = False
    direction_given: bool = True

    @property
    def depth(self) -> int:
        """The number of ranks."""
        return 1 + max((n.rank for n in self.nodes), default=0)


def severity_order(severity: str) -> int:
    """Errors first, then warnings, then information (the vocabulary's ranks), then the rest."""
    known = _SEVERITIES.get(severity)
    return -known.rank if known is not None else 1


_SEVERITIES = {s.value: s for s in Severity}


def worst(findings: Sequence[SceneFinding], marks: Sequence[int]) -> str | None:
    """The highest severity among the findings numbered ``marks`` (None without any).

    Examples:
        >>> found = (SceneFinding(1, "info", "a"), SceneFinding(2, "error", "b"))
        >>> worst(found, [1, 2]), worst(found, [1]), worst(found, [])
        ('error', 'info', None)
    """
    if not marks:
        return None
    return min((findings[m - 1].severity for m in marks), key=severity_order)
