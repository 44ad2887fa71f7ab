r"""What a diagram shows, independent of the engine that draws it.

:func:`build_scene` turns a :class:`~ges_graph.graph.GES` (and optionally a validation report)
into a :class:`Scene`: nodes and edges sorted by content (so that the order of entities and
relations in the document never changes the drawing), with their label lines in the chosen
language, their styles, the findings that concern them, and a rank for each node: holders above
what they hold, the head of group on top. Both engines draw a scene; neither looks at the
document again.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "b", "name": "Tremplin Nettoyage", "form": "sarl", "conventions": ["ei"]},
    ...     {"id": "a", "name": "Association Tremplin", "form": "association"}],
    ...     "relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 90}]})
    >>> scene = build_scene(ges)
    >>> for n in scene.nodes:
    ...     print(n.id, n.rank, n.lines)
    a 0 ('Association Tremplin', 'association loi 1901', '★ tête de groupe')
    b 1 ('Tremplin Nettoyage', 'SARL · EI')
    >>> scene.edges[0].label
    '90\xa0%'
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from ges_graph.errors import ArgumentError
from ges_graph.flows import is_free
from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr, check_lang, format_date
from ges_graph.model import (
    Board,
    Entity,
    Flow,
    Layer,
    Membership,
    Office,
    Relation,
    RelationType,
    Sector,
    Shareholding,
)
from ges_graph.render.style import EDGE_STYLES, format_amount, format_percent, text
from ges_graph.vocabulary import SchemaRole, Severity

__all__ = [
    "FindingLike",
    "ReportLike",
    "Scene",
    "SceneEdge",
    "SceneFinding",
    "SceneNode",
    "build_scene",
    "check_layers",
    "shorten",
]

WRAP = 24
"""Names are wrapped at this many characters."""
LABEL_MAX = 300
"""A name is cut at this many characters, with « … », in a drawing's labels (issue 15: a name of
a million characters drew for minutes, or not at all); tooltips and the report's tables keep it
whole."""
LONG_WORD = 2 * WRAP
"""A word longer than this is broken every :data:`WRAP` characters in a label."""
LABEL_LINES = 16
"""A name takes at most this many lines of a label, the last ending with « … » when cut."""


def _severity_order(severity: str) -> int:
    """Errors first, then warnings, then information (the vocabulary's ranks), then the rest."""
    known = _SEVERITIES.get(severity)
    return -known.rank if known is not None else 1


_SEVERITIES = {s.value: s for s in Severity}

# Edges, and the lines of a shared label, in this order: stakes first.
_TYPE_ORDER: dict[str, int] = {
    t.value: i
    for i, t in enumerate(
        [
            RelationType.SHAREHOLDING,
            RelationType.STATUTORY_CONTROL,
            RelationType.BOARD,
            RelationType.MEMBERSHIP,
            RelationType.OFFICE,
            RelationType.FLOW,
        ]
    )
}
_RANKING_TYPES = frozenset(t.value for t in RelationType if t.layer is not Layer.FLOWS)
_LAYER_OF: dict[str, Layer] = {t.value: t.layer for t in RelationType}
_TYPES: dict[str, RelationType] = {t.value: t for t in RelationType}
_CONSTRAINING = frozenset(t.value for t, st in EDGE_STYLES.items() if st.constraint)


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
    """

    number: int
    severity: str
    rule: str


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
    """

    id: str
    entity: Entity
    lines: tuple[str, ...]
    rank: int
    head: bool
    marks: tuple[int, ...]
    severity: str | None
    tooltip: str

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
        constraint: True when the edge ranks the layout (source drawn above target).
        marks: numbers of the findings that concern it.
        severity: the highest severity among them.
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
        more_findings: how many findings concern nothing drawn (not numbered).
        currency: the document's currency.
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

    @property
    def depth(self) -> int:
        """The number of ranks."""
        return 1 + max((n.rank for n in self.nodes), default=0)


def check_layers(layers: Iterable[Layer | str] | None) -> frozenset[Layer]:
    """The layers to draw: all three when ``None``.

    Raises:
        ValueError: an unknown layer name, or none at all.

    Examples:
        >>> sorted(check_layers(["capital", "flows"]))
        [<Layer.CAPITAL: 'capital'>, <Layer.FLOWS: 'flows'>]
        >>> check_layers(["money"])
        Traceback (most recent call last):
        ...
        ges_graph.errors.ArgumentError: unknown layer: 'money' (must be one of governance, ...)
    """
    if layers is None:
        return frozenset(Layer)
    if isinstance(layers, str):
        layers = [part.strip() for part in layers.split(",") if part.strip()]
    out = set()
    for layer in layers:
        try:
            out.add(Layer(layer))
        except ValueError:
            choices = ", ".join(x.value for x in Layer)
            raise ArgumentError(f"unknown layer: {layer!r} (must be one of {choices})") from None
    if not out:
        raise ArgumentError("no layer to draw (choose among governance, capital, flows)")
    return frozenset(out)


def head_of(ges: GES) -> str | None:
    """The head of group from the GES's derived control notions, or None when there is none.

    Control (``ges.control``) comes from :mod:`ges_graph.control`; a GES without it gives None.
    """
    control = getattr(ges, "control", None)
    head = getattr(control, "head", None) if control is not None else None
    return head if isinstance(head, str) and head in ges else None


def build_scene(
    ges: GES,
    *,
    layers: Iterable[Layer | str] | None = None,
    lang: Lang = "fr",
    report: ReportLike | None = None,
) -> Scene:
    """The scene of a GES: sorted nodes and edges with labels, ranks and findings.

    Args:
        ges: the group to draw (never changed).
        layers: ``governance``, ``capital``, ``flows`` (any of them, or a comma-separated
            string); all when None.
        lang: ``fr`` or ``en``, for every text on the diagram.
        report: a validation report whose findings are marked on what they concern.

    Raises:
        ValueError: an unknown layer or language.
    """
    language = check_lang(lang)
    wanted = check_layers(layers)
    doc = ges.document
    head = head_of(ges)

    keyed = _sorted_relations(ges)
    rank_pairs = _rank_pairs(ges, keyed, head)
    ranks = _ranks(sorted(ges.entities), rank_pairs, head)
    numbered, entity_marks, relation_marks = _number_findings(ges, report)

    nodes = _scene_nodes(ges, head, ranks, numbered, entity_marks, language)
    ranking = set(rank_pairs)
    edges = _scene_edges(ges, keyed, wanted, ranking, numbered, relation_marks, language)
    return Scene(
        title=_title(doc.name, doc.as_of, language),
        lang=language,
        layers=wanted,
        nodes=nodes,
        edges=edges,
        rank_pairs=tuple(sorted(ranking)),
        head=head,
        findings=numbered,
        currency=doc.currency,
    )


def _scene_nodes(
    ges: GES,
    head: str | None,
    ranks: Mapping[str, int],
    numbered: tuple[SceneFinding, ...],
    entity_marks: Mapping[str, tuple[int, ...]],
    lang: Lang,
) -> tuple[SceneNode, ...]:
    """The nodes of the scene, one per entity, sorted by id."""
    return tuple(
        SceneNode(
            id=eid,
            entity=e,
            lines=_node_lines(e, eid == head, entity_marks.get(eid, ()), lang),
            rank=ranks[eid],
            head=eid == head,
            marks=entity_marks.get(eid, ()),
            severity=_worst(numbered, entity_marks.get(eid, ())),
            tooltip=_tooltip(e, lang),
        )
        for eid, e in sorted(ges.entities.items())
    )


def _scene_edges(
    ges: GES,
    keyed: list[tuple[str, Relation]],
    wanted: frozenset[Layer],
    ranking: set[tuple[str, str]],
    numbered: tuple[SceneFinding, ...],
    relation_marks: Mapping[str, tuple[int, ...]],
    lang: Lang,
) -> tuple[SceneEdge, ...]:
    """The edges of the relations of the wanted layers, in ``keyed`` order, labelled."""
    doc = ges.document
    # Several relations the same way between two entities share one label (on the first, by
    # type order), a line each: separate labels on parallel edges overlap in Graphviz.
    labels: dict[tuple[str, str], list[str]] = {}
    drawn: list[tuple[str, Relation, bool, tuple[int, ...]]] = []
    for key, r in keyed:
        if _LAYER_OF[r.type] not in wanted:
            continue
        in_force = r.in_force(doc.as_of)
        marks = relation_marks.get(key, ())
        labels.setdefault((r.from_, r.to), []).append(
            _edge_label(r, ges, in_force, marks, lang, doc.currency)
        )
        drawn.append((key, r, in_force, marks))
    edges: list[SceneEdge] = []
    for _, r, in_force, marks in drawn:
        pair = (r.from_, r.to)
        texts = labels.pop(pair, None)
        edges.append(
            SceneEdge(
                source=r.from_,
                target=r.to,
                relation=r,
                type=_TYPES[r.type],
                label="\n".join(texts) if texts else "",
                in_force=in_force,
                constraint=r.type in _CONSTRAINING and pair in ranking,
                marks=marks,
                severity=_worst(numbered, marks) if marks else None,
            )
        )
    return tuple(edges)


def _title(name: str, as_of: dt.date | None, lang: Lang) -> str:
    """The group's name, with the date the structure describes when the document gives it.

    Examples:
        >>> _title("G", dt.date(2025, 12, 31), "fr"), _title("G", dt.date(2025, 12, 31), "en")
        ('G (au 31/12/2025)', 'G (as of 2025-12-31)')
    """
    name = " ".join(_clean(part) for part in shorten(name).splitlines()).strip() or "·"
    if as_of is None:
        return name
    return _AS_OF.format(lang, name=name, date=format_date(as_of, lang))


_AS_OF = Tr("{name} (au {date})", "{name} (as of {date})")


def _canon(r: Relation) -> str:
    return r.model_dump_json(by_alias=True)


def _sorted_relations(ges: GES) -> list[tuple[str, Relation]]:
    """(key, relation) pairs sorted by type, ends, then whole content: never by document order.

    The content (a JSON dump) is only computed to break ties between relations of one type
    joining the same two entities.
    """
    groups: dict[tuple[int, str, str], list[tuple[str, Relation]]] = {}
    for key, r in ges.relations.items():
        groups.setdefault((_TYPE_ORDER[r.type], r.from_, r.to), []).append((key, r))
    out: list[tuple[str, Relation]] = []
    for k in sorted(groups):
        group = groups[k]
        if len(group) > 1:
            group.sort(key=lambda kv: _canon(kv[1]))
        out.extend(group)
    return out


# -- ranks ---------------------------------------------------------------------------------------


def _rank_pairs(
    ges: GES, keyed: Sequence[tuple[str, Relation]], head: str | None
) -> list[tuple[str, str]]:
    """The (holder, held) pairs that rank the layout: a DAG, with nothing above the head.

    Governance and capital relations in force rank; flows never do. Edges into the head are
    dropped (its owners sit beside it, not above), then cycles are broken by a depth-first search
    started from the head, then from every entity in id order: the edges that close a cycle are
    drawn but do not rank.
    """
    as_of = ges.document.as_of
    succ: dict[str, set[str]] = {}
    for _, r in keyed:
        if r.type in _RANKING_TYPES and r.in_force(as_of) and r.to != head:
            succ.setdefault(r.from_, set()).add(r.to)
    order = sorted(ges.entities)
    if head is not None:
        order.remove(head)
        order.insert(0, head)
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    kept: list[tuple[str, str]] = []
    for root in order:
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[str, list[str]]] = [(root, sorted(succ.get(root, ())))]
        while stack:
            node, todo = stack[-1]
            if not todo:
                state[node] = 2
                stack.pop()
                continue
            nxt = todo.pop(0)
            seen = state.get(nxt)
            if seen == 1:
                continue  # closes a cycle: drawn, not ranked
            kept.append((node, nxt))
            if seen is None:
                state[nxt] = 1
                stack.append((nxt, sorted(succ.get(nxt, ()))))
    return kept


def _ranks(
    ids: Sequence[str], pairs: Sequence[tuple[str, str]], head: str | None
) -> dict[str, int]:
    """Longest-path layering of the DAG, then owners pulled down to just above what they hold."""
    preds: dict[str, list[str]] = {i: [] for i in ids}
    succs: dict[str, list[str]] = {i: [] for i in ids}
    for u, v in pairs:
        preds[v].append(u)
        succs[u].append(v)
    rank: dict[str, int] = {}
    indegree = {i: len(preds[i]) for i in ids}
    ready = [i for i in ids if indegree[i] == 0]
    while ready:
        node = ready.pop()
        rank[node] = max((rank[p] + 1 for p in preds[node]), default=0)
        for s in succs[node]:
            indegree[s] -= 1
            if indegree[s] == 0:
                ready.append(s)
    # A source that is not the head (a minority owner, an external investor) sits just above
    # the highest entity it holds, rather than on the top row beside the head.
    for node in ids:
        if not preds[node] and succs[node] and node != head:
            rank[node] = max(rank[node], min(rank[s] for s in succs[node]) - 1)
    return rank


# -- findings ------------------------------------------------------------------------------------


def _severity(finding: FindingLike) -> str:
    sev = finding.severity
    return str(getattr(sev, "value", sev))


def _number_findings(
    ges: GES, report: ReportLike | None
) -> tuple[tuple[SceneFinding, ...], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """Number the findings in a stable order; map entity ids and relation keys to numbers."""
    if report is None:
        return (), {}, {}
    relations = ges.relations
    entities = ges.entities

    def subject_key(s: str) -> str:
        return _canon(relations[s]) if s in relations else s

    ordered = sorted(
        report.findings,
        key=lambda f: (
            _severity_order(_severity(f)),
            f.rule,
            sorted(subject_key(s) for s in f.subjects),
        ),
    )
    numbered: list[SceneFinding] = []
    ent: dict[str, list[int]] = {}
    rel: dict[str, list[int]] = {}
    for f in ordered:
        number = len(numbered) + 1
        numbered.append(SceneFinding(number, _severity(f), f.rule))
        for s in dict.fromkeys(f.subjects):
            if s in entities:
                ent.setdefault(s, []).append(number)
            elif s in relations:
                rel.setdefault(s, []).append(number)
    return (
        tuple(numbered),
        {k: tuple(v) for k, v in ent.items()},
        {k: tuple(v) for k, v in rel.items()},
    )


def _worst(findings: Sequence[SceneFinding], marks: Sequence[int]) -> str | None:
    if not marks:
        return None
    return min((findings[m - 1].severity for m in marks), key=_severity_order)


def _mark_text(marks: Sequence[int]) -> str:
    return "⚠ " + ", ".join(str(m) for m in marks)


# -- labels --------------------------------------------------------------------------------------


def _form_text(e: Entity, lang: Lang) -> str:
    """The form's acronym when it is called by one (SAS, SCIC, GIE…), else its name."""
    return e.form.short_in(lang)


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""Characters no drawing can show and XML 1.0 forbids (control characters, lone surrogates)."""


def _clean(text: str) -> str:
    r"""``text`` without the characters of :data:`_NOT_TEXT`.

    Examples:
        >>> _clean("A\x1bB\ud800C")
        'ABC'
    """
    return _NOT_TEXT.sub("", text)


def shorten(text: str, most: int = LABEL_MAX) -> str:
    """``text`` cut at ``most`` characters, the last one « … », when it is longer.

    Examples:
        >>> shorten("Tremplin"), shorten("Tremplin Nettoyage", 10)
        ('Tremplin', 'Tremplin…')
    """
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def _break_long_words(text: str) -> str:
    return _LONG_WORD.sub(
        lambda m: " ".join(m[0][i : i + WRAP] for i in range(0, len(m[0]), WRAP)), text
    )


def _wrap(name: str) -> list[str]:
    r"""A name as label lines, wrapped at :data:`WRAP` characters.

    The name's own line breaks are kept and its blank lines dropped. Words are not cut unless
    longer than :data:`LONG_WORD`; a name is cut at :data:`LABEL_MAX` characters and
    :data:`LABEL_LINES` lines, with « … ».

    Examples:
        >>> _wrap("Association pour le développement\n\nde l'insertion")
        ['Association pour le', 'développement', "de l'insertion"]
        >>> _wrap("x" * 60)
        ['xxxxxxxxxxxxxxxxxxxxxxxx', 'xxxxxxxxxxxxxxxxxxxxxxxx', 'xxxxxxxxxxxx']
    """
    lines: list[str] = []
    for raw in shorten(name).splitlines():
        lines.extend(
            textwrap.wrap(
                _break_long_words(_clean(raw)),
                WRAP,
                break_on_hyphens=False,
                break_long_words=False,
            )
        )
        if len(lines) > LABEL_LINES:
            lines[LABEL_LINES - 1 :] = [shorten(lines[LABEL_LINES - 1] + "…", WRAP)]
            break
    return lines or ["·"]


def _tooltip(e: Entity, lang: Lang) -> str:
    """The entity described in full, a line each: name, form (and kind), conventions, external.

    Examples:
        >>> print(_tooltip(Entity(id="c", name="CDC", form="public_body", public_kind="state",
        ...     external=True), "fr"))
        CDC
        collectivité ou établissement public : l'État ou un établissement public national
        externe au groupe
    """
    form = e.form.label_in(lang)
    kind = e.effective_public_kind
    if kind is not None:
        form = _NAMED.format(lang, term=form, meaning=kind.label_in(lang))
    lines = [_clean(e.name), form]
    lines.extend(
        _CONVENTION.format(lang, acronym=c.label, name=c.label_in(lang)) for c in e.conventions
    )
    if e.external:
        lines.append(_OUTSIDE.render(lang))
    return "\n".join(lines)


_PROVIDED_BY = Tr("(fournisseur : {name})", "(provider: {name})")
_FREE = Tr("gratuit", "free")
"""A flow's label names its provider (for the kinds that buy something, the one paid, ``to``)."""
_NAMED = Tr("{term} : {meaning}", "{term}: {meaning}")
_CONVENTION = Tr("{acronym} : {name}", "{acronym}")  # English readers get the acronym alone
_OUTSIDE = Tr("externe au groupe", "outside the group")


def _node_lines(e: Entity, head: bool, marks: Sequence[int], lang: Lang) -> tuple[str, ...]:
    lines: list[str] = []
    if len(e.name) <= WRAP and e.name.isprintable():
        lines.append(e.name)
    else:
        lines.extend(_wrap(e.name))
    badges = [c.label for c in e.conventions]
    form = " · ".join([_form_text(e, lang), *badges])
    if len(form) <= WRAP + 6:
        lines.append(form)
    else:  # the form's name, then the badges on a line of their own
        lines.extend(textwrap.wrap(_form_text(e, lang), WRAP + 4))
        if badges:
            lines.append(" · ".join(badges))
    if head:
        lines.append("★ " + SchemaRole.HEAD.label_in(lang))
    if marks:
        lines.append(_mark_text(marks))
    return tuple(lines)


def _edge_label(
    r: Relation, ges: GES, in_force: bool, marks: Sequence[int], lang: Lang, currency: str
) -> str:
    parts: list[str]
    if isinstance(r, Shareholding):
        parts = [format_percent(r.share, lang)]
        if r.votes is not None and r.votes != r.share:
            parts.append(f"{text('votes', lang)} {format_percent(r.votes, lang)}")
    elif isinstance(r, Board):
        size = ges.entity(r.to).board_size
        unit = text("seats" if r.seats > 1 else "seat", lang)
        parts = [f"{r.seats}/{size} {unit}" if size else f"{r.seats} {unit}"]
        if r.chair:
            parts.append(text("chair", lang))
    elif isinstance(r, Membership):
        parts = [text("ex_officio" if r.ex_officio else "member", lang)]
        if r.votes is not None:
            parts.append(f"{text('votes', lang)} {format_percent(r.votes, lang)}")
    elif isinstance(r, Office):
        parts = [r.office.label_in(lang)]
    elif isinstance(r, Flow):
        provider = _PROVIDED_BY.format(lang, name=_clean(shorten(ges.entity(r.provider).name)))
        parts = [f"{r.kind.label_in(lang)} {provider}"]
        if is_free(r):
            parts.append(_FREE.render(lang))
        elif r.amount is not None:
            parts.append(format_amount(r.amount, lang, currency))
    else:
        parts = [RelationType.STATUTORY_CONTROL.label_in(lang)]
    label = " · ".join(parts)
    if not in_force:
        label += f" ({text('out_of_force', lang)})"
    if marks:
        label += "\n" + _mark_text(marks)
    return label
