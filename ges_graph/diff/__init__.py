"""What changed between two states of a group: :func:`diff` and the :class:`Diff` it returns.

Entities are matched by id. Relations are matched by ``id`` when both states give them the same
one, and the others by their signature (``type``, ``from``, ``to``, ``kind``, ``category``),
in document order when several share a signature (``duplicate-relation``). A matched relation
whose fields differ is a change; the changes are sorted into *stakes* (a shareholding's ``share``
or ``votes``, a membership's ``votes``), *seats* (a board's ``seats`` or ``chair``), *flows* (any
change of a flow) and other relation changes, so that each change is reported once.

Beyond the document, the diff compares what the library derives from each state: control pairs
(``ges.control``: who controls whom, gained or lost), the classification (schema and head, from
:func:`ges_graph.classification.classify`), and the validation findings
(:func:`ges_graph.rules.validate`) that appeared or disappeared. A finding is the same in both
states when its rule and its subjects are, the old relation keys being read through the matching
(a relation that moved from ``relations[3]`` to ``relations[4]`` keeps its findings).

Examples:
    >>> from ges_graph.graph import GES
    >>> old = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "Association A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sarl"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 40}]})
    >>> new = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "Association A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sarl", "employees": 12}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 60}]})
    >>> d = diff(old, new)
    >>> [(c.field, c.old, c.new) for c in d.stakes_changed[0].changes]
    [('share', 40.0, 60.0)]
    >>> [(p.controller, p.controlled) for p in d.control_gained]
    [('a', 'b')]
    >>> print(d.to_text("en"))  # doctest: +ELLIPSIS
    Changes to G
    Entities changed (1)
      ~ B (b): employees — → 12
    Stakes (1)
      ~ Association A (a) → B (b), shareholding: share 40% → 60%
    Control gained (1)
      + Association A (a) controls B (b)
    ...
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ges_graph.classification import classify
from ges_graph.diff.moves import moves
from ges_graph.flows import flow_sentence
from ges_graph.graph import GES
from ges_graph.i18n import (
    Lang,
    Named,
    Tr,
    check_lang,
    format_date,
    format_number,
    format_percent_range,
    group_named,
)
from ges_graph.model import (
    Basis,
    Board,
    Category,
    Convention,
    Document,
    Flow,
    FlowKind,
    Form,
    Office,
    OfficeRole,
    PercentRange,
    PublicKind,
    Relation,
    RelationType,
    Sector,
    Shareholding,
)
from ges_graph.report import Finding, Severity
from ges_graph.rules import RULES, validate

__all__ = [
    "ControlPair",
    "Diff",
    "EntityChange",
    "EntityRef",
    "FieldChange",
    "FindingRef",
    "MoveRef",
    "RelationChange",
    "RelationRef",
    "ValueChange",
    "diff",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class FieldChange(_Frozen):
    """One field that differs: its name and the old and new values, as in the JSON document.

    ``None`` stands for an absent field; a percentage range is ``{"min": …, "max": …}``.
    """

    field: str
    old: Any = None
    new: Any = None


class ValueChange(_Frozen):
    """A single derived value that changed (the schema, the head): ``None`` is "none"."""

    old: str | None = None
    new: str | None = None


class EntityRef(_Frozen):
    """An entity added or removed."""

    id: str
    name: str
    form: str


class EntityChange(_Frozen):
    """An entity present in both states whose fields differ."""

    id: str
    name: str
    changes: tuple[FieldChange, ...]


class RelationRef(_Frozen):
    """A relation added or removed (``key`` is its key in its own state)."""

    key: str
    type: str
    from_: str = Field(alias="from")
    to: str
    relation: dict[str, Any] = Field(default_factory=dict)
    summary_fr: str = ""
    summary_en: str = ""

    def summary(self, lang: Lang = "fr") -> str:
        """A short description, ``shareholding 90 %`` (its type and main field), in ``lang``."""
        return self.summary_fr if check_lang(lang) == "fr" else self.summary_en

    def to_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        """Key, type, ends, the relation as in the document, and the summary in ``lang``."""
        check_lang(lang)
        return {
            "key": self.key,
            "type": self.type,
            "from": self.from_,
            "to": self.to,
            "summary": self.summary(lang),
            "relation": self.relation,
        }


class RelationChange(_Frozen):
    """A relation present in both states (matched) whose fields differ."""

    old_key: str
    new_key: str
    type: str
    from_: str = Field(alias="from")
    to: str
    changes: tuple[FieldChange, ...]

    @property
    def fields(self) -> frozenset[str]:
        """The names of the fields that changed."""
        return frozenset(c.field for c in self.changes)


class ControlPair(_Frozen):
    """``controller`` controls ``controlled`` (as ``ges.control.controls`` says)."""

    controller: str
    controlled: str


class FindingRef(_Frozen):
    """A validation finding that appeared or disappeared, with its messages in both languages."""

    rule: str
    severity: str
    subjects: tuple[str, ...]
    message_fr: str
    message_en: str

    def message(self, lang: Lang = "fr") -> str:
        """The message in ``lang``."""
        return self.message_fr if check_lang(lang) == "fr" else self.message_en


class MoveRef(_Frozen):
    """A change of structure said as a decision, as a plan says it (:mod:`ges_graph.diff.moves`).

    Attributes:
        kind: the kind of move (``create_entity``, ``transfer_shares``, ``change_form``…).
        edit: the move as plain JSON data.
        text_fr: the move in French.
        text_en: the move in English.
    """

    kind: str
    edit: dict[str, Any]
    text_fr: str
    text_en: str

    def text(self, lang: Lang = "fr") -> str:
        """The move in ``lang``."""
        return self.text_fr if check_lang(lang) == "fr" else self.text_en


_STAKE_FIELDS = {"shareholding": {"share", "votes"}, "membership": {"votes"}}
_SEAT_FIELDS = {"board": {"seats", "chair"}}


class Diff(_Frozen):
    """What changed from one state of a group (``old``) to another (``new``).

    Attributes:
        old_name: the old state's group name.
        new_name: the new state's group name.
        names: entity id → name (the new name, else the old one), for messages.
        moves: the changes of structure read as a plan's edits (an entity created with what
            ties it, shares transferred, a form changed…), in the words of a plan.
        document_changed: top-level fields that changed (``name``, ``as_of``, …).
        entities_added: entities only in ``new``.
        entities_removed: entities only in ``old``.
        entities_changed: entities in both whose fields differ.
        relations_added: relations only in ``new``.
        relations_removed: relations only in ``old``.
        relations_changed: every matched relation whose fields differ (stakes, seats and flows
            included; see :attr:`stakes_changed`, :attr:`seats_changed`, :attr:`flows_changed`
            and :attr:`other_relations_changed` for the disjoint groups).
        control_gained: control pairs only in ``new``.
        control_lost: control pairs only in ``old``.
        schema_changed: the schema (``S5``, ``S1 (1a)``) before and after, when it changed.
        schema_captions: the schema matched before and after as a person reads it (French,
            English), with how sure its reconstruction is; ``None`` where none matches.
        head_changed: the classification's head before and after, when it changed.
        findings_appeared: findings only in ``new``.
        findings_disappeared: findings only in ``old``.
    """

    old_name: str
    new_name: str
    names: Mapping[str, str] = Field(default_factory=dict, repr=False)
    moves: tuple[MoveRef, ...] = ()
    document_changed: tuple[FieldChange, ...] = ()
    entities_added: tuple[EntityRef, ...] = ()
    entities_removed: tuple[EntityRef, ...] = ()
    entities_changed: tuple[EntityChange, ...] = ()
    relations_added: tuple[RelationRef, ...] = ()
    relations_removed: tuple[RelationRef, ...] = ()
    relations_changed: tuple[RelationChange, ...] = ()
    control_gained: tuple[ControlPair, ...] = ()
    control_lost: tuple[ControlPair, ...] = ()
    schema_changed: ValueChange | None = None
    schema_captions: tuple[tuple[str, str] | None, tuple[str, str] | None] = Field(
        default=(None, None), repr=False
    )
    head_changed: ValueChange | None = None
    findings_appeared: tuple[FindingRef, ...] = ()
    findings_disappeared: tuple[FindingRef, ...] = ()

    # -- groups ---------------------------------------------------------------------------------

    @property
    def stakes_changed(self) -> tuple[RelationChange, ...]:
        """Shareholdings whose ``share`` or ``votes`` changed, memberships whose ``votes`` did."""
        return tuple(c for c in self.relations_changed if _group(c) == "stakes")

    @property
    def seats_changed(self) -> tuple[RelationChange, ...]:
        """Board relations whose ``seats`` or ``chair`` changed."""
        return tuple(c for c in self.relations_changed if _group(c) == "seats")

    @property
    def flows_changed(self) -> tuple[RelationChange, ...]:
        """Flows with any change (amount, basis, agreement…)."""
        return tuple(c for c in self.relations_changed if _group(c) == "flows")

    @property
    def other_relations_changed(self) -> tuple[RelationChange, ...]:
        """Matched relations whose changes are none of the above (dates, office, notes…)."""
        return tuple(c for c in self.relations_changed if _group(c) == "relations")

    @property
    def changed(self) -> bool:
        """True when anything at all differs."""
        return any(
            (
                self.document_changed,
                self.entities_added,
                self.entities_removed,
                self.entities_changed,
                self.relations_added,
                self.relations_removed,
                self.relations_changed,
                self.control_gained,
                self.control_lost,
                self.schema_changed,
                self.head_changed,
                self.findings_appeared,
                self.findings_disappeared,
            )
        )

    def __bool__(self) -> bool:
        return self.changed

    # -- forms ----------------------------------------------------------------------------------

    def to_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        """The diff as plain JSON data (what ``ges-graph diff --json`` prints).

        Keys: ``old``, ``new``, ``changed``, ``document``, ``entities`` (``added``, ``removed``,
        ``changed``), ``stakes``, ``seats``, ``flows``, ``relations`` (``added``, ``removed``,
        ``changed``: the other changes), ``control`` (``gained``, ``lost``), ``schema`` and
        ``head`` (``{"old", "new"}`` or ``null``), ``findings`` (``appeared``,
        ``disappeared``, messages in ``lang``).
        """
        check_lang(lang)

        def rel(c: RelationChange) -> dict[str, Any]:
            return c.model_dump(mode="json", by_alias=True)

        def finding(f: FindingRef) -> dict[str, Any]:
            return {
                "rule": f.rule,
                "severity": f.severity,
                "subjects": list(f.subjects),
                "message": f.message(lang),
            }

        def pairs(ps: Iterable[ControlPair]) -> list[dict[str, str]]:
            return [p.model_dump(mode="json") for p in ps]

        return {
            "old": self.old_name,
            "new": self.new_name,
            "changed": self.changed,
            "moves": [{"kind": m.kind, "text": m.text(lang), "edit": m.edit} for m in self.moves],
            "document": [c.model_dump(mode="json") for c in self.document_changed],
            "entities": {
                "added": [e.model_dump(mode="json") for e in self.entities_added],
                "removed": [e.model_dump(mode="json") for e in self.entities_removed],
                "changed": [e.model_dump(mode="json") for e in self.entities_changed],
            },
            "stakes": [rel(c) for c in self.stakes_changed],
            "seats": [rel(c) for c in self.seats_changed],
            "flows": [rel(c) for c in self.flows_changed],
            "relations": {
                "added": [r.to_dict(lang) for r in self.relations_added],
                "removed": [r.to_dict(lang) for r in self.relations_removed],
                "changed": [rel(c) for c in self.other_relations_changed],
            },
            "control": {"gained": pairs(self.control_gained), "lost": pairs(self.control_lost)},
            "schema": _opt(self.schema_changed),
            "head": _opt(self.head_changed),
            "findings": {
                "appeared": [finding(f) for f in self.findings_appeared],
                "disappeared": [finding(f) for f in self.findings_disappeared],
            },
        }

    def to_json(self, lang: Lang = "fr", *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept as they are)."""
        check_lang(lang)
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)

    def _title(self, lang: Lang) -> str:
        """« Changements du Groupe Tremplin », or « … du groupe « A » au groupe « B » »."""
        old, new = group_named(self.old_name), group_named(self.new_name)
        if self.old_name == self.new_name:
            return _T["title_same"].format(lang, old=old)
        return _T["title"].format(lang, old=old, new=new)

    def to_text(self, lang: Lang = "fr") -> str:
        """The diff for people, in French or English: one section per kind of change.

        Sections with nothing in them are left out; with no change at all, one line says so.
        """
        t = _in(_T, lang)
        out = [self._title(lang)]
        for key, title, lines in self._sections(lang):
            if key in ("schema", "head"):
                out.append(f"{title}{t['sep']}{lines[0]}")
            else:
                out.append(f"{title} ({len(lines)})")
                out.extend(f"  {line}" for line in lines)
        if not self.changed:
            out.append(t["nothing"])
        return "\n".join(out)

    def _repr_html_(self) -> str:
        """A small HTML table for notebooks: one row per section, its lines below each other."""
        t = _in(_T, "fr")
        esc = html.escape
        rows = "".join(
            f'<tr><th scope="row">{esc(title)}</th><td>'
            + "<br>".join(esc(line) for line in lines)
            + "</td></tr>"
            for _, title, lines in self._sections("fr")
        )
        title = esc(self._title("fr"))
        if not rows:
            return f"<div><strong>{title}</strong> — {esc(t['nothing'])}</div>"
        return f"<table><caption>{title}</caption><tbody>{rows}</tbody></table>"

    def _sections(self, lang: Lang) -> list[tuple[str, str, list[str]]]:
        """(key, title, lines) of each kind of change that has some, in reading order."""
        t = _in(_T, lang)
        out: list[tuple[str, str, list[str]]] = []

        def section(key: str, lines: list[str]) -> None:
            if lines:
                out.append((key, t[key], lines))

        name = self._name
        section("moves", [f"* {m.text(lang)}" for m in self.moves])
        section(
            "document",
            [f"~ {_changes(self.document_changed, lang)}"] if self.document_changed else [],
        )
        section(
            "ent_added", [f"+ {e.name} ({e.id}), {_form(e, lang)}" for e in self.entities_added]
        )
        section(
            "ent_removed", [f"- {e.name} ({e.id}), {_form(e, lang)}" for e in self.entities_removed]
        )
        section(
            "ent_changed",
            [
                f"~ {e.name} ({e.id}){t['sep']}{_changes(e.changes, lang)}"
                for e in self.entities_changed
            ],
        )
        for key, group in (
            ("stakes", self.stakes_changed),
            ("seats", self.seats_changed),
            ("flows", self.flows_changed),
            ("rel_changed", self.other_relations_changed),
        ):
            section(
                key,
                [
                    f"~ {name(c.from_)} → {name(c.to)}, {_type(c.type, lang)}{t['sep']}"
                    f"{_changes(c.changes, lang)}"
                    for c in group
                ],
            )
        section(
            "rel_added",
            [f"+ {_line(r, name, lang)}" for r in self.relations_added],
        )
        section(
            "rel_removed",
            [f"- {_line(r, name, lang)}" for r in self.relations_removed],
        )
        controls = t["controls"]

        def control(p: ControlPair) -> str:  # « la SAS X (x) contrôle l'Association Y (y) »
            return controls.format(a=Named(name(p.controller)), b=Named(name(p.controlled)))

        section("ctl_gained", [f"+ {control(p)}" for p in self.control_gained])
        section("ctl_lost", [f"- {control(p)}" for p in self.control_lost])
        for key, change in (("schema", self.schema_changed), ("head", self.head_changed)):
            if change is not None:
                none = t["none_f"] if key == "head" else t["none"]
                old = none if change.old is None else change.old
                new = none if change.new is None else change.new
                if key == "head":
                    old = old if change.old is None else name(change.old)
                    new = new if change.new is None else name(change.new)
                else:  # the schema named with how sure its reconstruction is, as classify does
                    i = 0 if lang == "fr" else 1
                    was, now = self.schema_captions
                    old = old if was is None else was[i]
                    new = new if now is None else now[i]
                out.append((key, t[key], [f"{old} → {new}"]))
        section(
            "appeared",
            [f"+ {_finding_line(f, lang)}" for f in self.findings_appeared],
        )
        section(
            "disappeared",
            [f"- {_finding_line(f, lang)}" for f in self.findings_disappeared],
        )
        return out

    def _name(self, entity_id: str) -> str:
        name = self.names.get(entity_id)
        return f"{name} ({entity_id})" if name is not None else entity_id

    def __str__(self) -> str:
        return self.to_text()


_T: dict[str, Tr] = {
    "title": Tr("Changements {old.de} {new.a}", "Changes from {old} to {new}"),
    "title_same": Tr("Changements {old.de}", "Changes to {old}"),
    "moves": Tr("En clair", "In plain words"),
    "document": Tr("Document", "Document"),
    "ent_added": Tr("Entités ajoutées", "Entities added"),
    "ent_removed": Tr("Entités retirées", "Entities removed"),
    "ent_changed": Tr("Entités modifiées", "Entities changed"),
    "stakes": Tr("Participations et voix", "Stakes"),
    "seats": Tr("Sièges", "Seats"),
    "flows": Tr("Flux", "Flows"),
    "rel_changed": Tr("Autres relations modifiées", "Other relations changed"),
    "rel_added": Tr("Relations ajoutées", "Relations added"),
    "rel_removed": Tr("Relations retirées", "Relations removed"),
    "ctl_gained": Tr("Contrôle acquis", "Control gained"),
    "ctl_lost": Tr("Contrôle perdu", "Control lost"),
    "controls": Tr("{a.the} contrôle {b.the}", "{a} controls {b}"),
    "schema": Tr("Schéma", "Schema"),
    "head": Tr("Tête de groupe", "Head of group"),
    "none": Tr("aucun", "none"),
    "none_f": Tr("aucune", "none"),
    "sep": Tr(" : ", ": "),
    "appeared": Tr("Constats apparus", "Findings appeared"),
    "disappeared": Tr("Constats disparus", "Findings disappeared"),
    "nothing": Tr("Aucun changement.", "No change."),
    "yes": Tr("oui", "yes"),
    "no": Tr("non", "no"),
}


def _in(table: Mapping[str, Tr], lang: Lang) -> dict[str, str]:
    """Every text of ``table`` rendered in ``lang``."""
    return {key: text.render(lang) for key, text in table.items()}


_PERCENT_FIELDS = frozenset({"share", "votes"})
_MONEY_FIELDS = frozenset({"amount", "budget"})
_DATE_FIELDS = frozenset({"as_of", "start", "end"})


def _value(field: str, value: Any, lang: Lang) -> str:
    """A field's value for the text form (``—`` when absent)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _T["yes" if value else "no"].render(lang)
    if field in _PERCENT_FIELDS:
        if isinstance(value, dict):
            value = PercentRange(min=value["min"], max=value["max"])
        return format_percent_range(value, lang)
    if field in _MONEY_FIELDS and isinstance(value, int | float):
        return format_number(value, lang)
    if field in _DATE_FIELDS and isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value), lang)  # « 31/12/2025 »
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(_label(field, v, lang) for v in value) or "—"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return _label(field, value, lang)


def _form(e: EntityRef, lang: Lang) -> str:
    """The entity's form by its label (« association loi 1901 »)."""
    return Form(e.form).label_in(lang)


def _type(relation_type: str, lang: Lang) -> str:
    """A relation type by its label (« participation au capital »)."""
    return RelationType(relation_type).label_in(lang)


def _line(r: RelationRef, name: Callable[[str], str], lang: Lang) -> str:
    """An added or removed relation: a flow in words with both roles, else ``A → B, summary``."""
    if r.type == "flow":
        return r.summary(lang)
    return f"{name(r.from_)} → {name(r.to)}, {r.summary(lang)}"


def _finding_line(f: FindingRef, lang: Lang) -> str:
    """``[erreur] Titre de la règle (rule-id) : message`` (the severity by its label).

    The rule is named by its title, its id beside it, as ``validate`` names it; a rule that is
    not registered (a finding made by hand) by its id alone.
    """
    sep = _T["sep"].render(lang)
    known = RULES.get(f.rule)
    rule = f"{known.title(lang)} ({f.rule})" if known is not None else f.rule
    return f"[{Severity(f.severity).label_in(lang)}] {rule}{sep}{f.message(lang)}"


_VALUE_VOCABULARIES: Mapping[str, Any] = {  # field → its vocabulary (an enum of vocabulary.py)
    "form": Form,
    "sector": Sector,
    "kind": FlowKind,
    "basis": Basis,
    "office": OfficeRole,
    "category": Category,
    "public_kind": PublicKind,
    "conventions": Convention,
}
"""The fields whose values are codes of a vocabulary: a diff shows their labels."""


def _label(field: str, value: Any, lang: Lang) -> str:
    vocabulary = _VALUE_VOCABULARIES.get(field)
    if vocabulary is None or not isinstance(value, str):
        return str(value)
    try:
        member = vocabulary(value)
    except ValueError:
        return value
    return str(member.label_in(lang))


_FIELDS: Mapping[str, Tr] = {
    "name": Tr("nom", "name"),
    "form": Tr("forme", "form"),
    "siren": Tr("SIREN", "SIREN"),
    "siret": Tr("SIRET", "SIRET"),
    "rna": Tr("numéro RNA", "RNA number"),
    "sector": Tr("secteur", "sector"),
    "conventions": Tr("conventionnements", "conventions"),
    "employees": Tr("salariés", "employees"),
    "budget": Tr("budget", "budget"),
    "board_size": Tr("taille du conseil", "board size"),
    "external": Tr("extérieure", "external"),
    "public_kind": Tr("nature de personne publique", "public body kind"),
    "tags": Tr("étiquettes", "tags"),
    "share": Tr("part du capital", "share"),
    "votes": Tr("voix", "votes"),
    "category": Tr("collège", "category"),
    "seats": Tr("sièges", "seats"),
    "chair": Tr("présidence du conseil", "chair"),
    "ex_officio": Tr("membre de droit", "ex officio"),
    "office": Tr("fonction", "office"),
    "kind": Tr("nature", "kind"),
    "amount": Tr("montant", "amount"),
    "basis": Tr("base", "basis"),
    "agreement": Tr("convention écrite", "written agreement"),
    "authorised": Tr("reversement autorisé", "passing on authorised"),
    "label": Tr("libellé", "label"),
    "start": Tr("début", "start"),
    "end": Tr("fin", "end"),
    "description": Tr("description", "description"),
    "territory": Tr("territoire", "territory"),
    "as_of": Tr("date de référence", "as of"),
    "currency": Tr("devise", "currency"),
}
"""The format's field names as a diff says them (a field not listed is shown as it is)."""


_CHANGES_SEP = Tr(" ; ", "; ")


def _changes(changes: Iterable[FieldChange], lang: Lang) -> str:
    return _CHANGES_SEP.render(lang).join(
        f"{_field(c.field, lang)} {_value(c.field, c.old, lang)} → {_value(c.field, c.new, lang)}"
        for c in changes
    )


def _field(name: str, lang: Lang) -> str:
    text = _FIELDS.get(name)
    return text.render(lang) if text is not None else name


def _group(c: RelationChange) -> str:
    if c.fields & _STAKE_FIELDS.get(c.type, set()):
        return "stakes"
    if c.fields & _SEAT_FIELDS.get(c.type, set()):
        return "seats"
    if c.type == "flow":
        return "flows"
    return "relations"


# --------------------------------------------------------------------------------------------
# Computing the diff
# --------------------------------------------------------------------------------------------


def _field_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """Fields that differ between two JSON dumps, in the order of the model's fields."""
    keys = list(old) + [k for k in new if k not in old]
    return tuple(
        FieldChange(field=k, old=old.get(k), new=new.get(k))
        for k in keys
        if old.get(k) != new.get(k)
    )


def _signature(r: Relation) -> tuple[str, str, str, str | None, str | None]:
    kind = getattr(r, "kind", None)
    category = getattr(r, "category", None)
    return (
        r.type,
        r.from_,
        r.to,
        kind.value if kind is not None else None,
        category.value if category is not None else None,
    )


def _match_relations(
    old: Document, new: Document
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(matched (old index, new index) pairs, old indices removed, new indices added)."""
    pairs: list[tuple[int, int]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    new_by_id = {r.id: j for j, r in enumerate(new.relations) if r.id is not None}
    for i, r in enumerate(old.relations):
        if r.id is not None and r.id in new_by_id:
            pairs.append((i, new_by_id[r.id]))
            used_old.add(i)
            used_new.add(new_by_id[r.id])
    waiting: dict[tuple[Any, ...], deque[int]] = defaultdict(deque)
    for j, r in enumerate(new.relations):
        if j not in used_new:
            waiting[_signature(r)].append(j)
    for i, r in enumerate(old.relations):
        if i in used_old:
            continue
        queue = waiting.get(_signature(r))
        if queue:
            j = queue.popleft()
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    removed = [i for i in range(len(old.relations)) if i not in used_old]
    added = [j for j in range(len(new.relations)) if j not in used_new]
    pairs.sort(key=lambda p: p[1])
    return pairs, removed, added


def _summary(r: Relation, doc: Document, lang: Lang) -> str:
    """A short description of a relation: its type and its main field, by their labels.

    « participation au capital 90 % », « sièges au conseil : 4 », « mandat de direction :
    présidence »; a flow is said in words with both roles (:func:`ges_graph.flows.flow_sentence`).
    """
    label = RelationType(r.type).label_in(lang)
    sep = _T["sep"].render(lang)
    if isinstance(r, Shareholding):
        return f"{label} {format_percent_range(r.share, lang)}"
    if isinstance(r, Board):
        return f"{label}{sep}{r.seats}"
    if isinstance(r, Office):
        return f"{label}{sep}{r.office.label_in(lang)}"
    if isinstance(r, Flow):
        names = {e.id: f"{e.name} ({e.id})" for e in doc.entities}
        return flow_sentence(r, names, doc.currency, lang)
    return label


def _opt(change: ValueChange | None) -> dict[str, Any] | None:
    return change.model_dump(mode="json") if change is not None else None


def _value_change(old: str | None, new: str | None) -> ValueChange | None:
    return ValueChange(old=old, new=new) if old != new else None


def _json(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def _control_pairs(ges: GES) -> set[tuple[str, str]]:
    control = ges.control
    return {(a, b) for a in ges.entities for b in control.controlled(a)}


def _classification(ges: GES) -> tuple[str | None, str | None, tuple[str, str] | None]:
    """(schema with its variant, head, the schema as a person reads it, fr and en)."""
    c = classify(ges)
    schema = c.schema
    if schema is None:
        return None, c.head, None
    caption = (c.schema_caption("fr") or schema, c.schema_caption("en") or schema)
    if c.variant is not None:
        schema = f"{schema} ({c.variant})"
    return schema, c.head, caption


def _findings(ges: GES) -> tuple[Finding, ...]:
    return validate(ges).findings


def _entity_changes(
    od: Document, nd: Document
) -> tuple[tuple[EntityRef, ...], tuple[EntityRef, ...], tuple[EntityChange, ...]]:
    """The entities added, removed and changed from ``od`` to ``nd``, in document order."""
    old_entities = {e.id: e for e in od.entities}
    new_entities = {e.id: e for e in nd.entities}
    added = tuple(
        EntityRef(id=e.id, name=e.name, form=e.form.value)
        for e in nd.entities
        if e.id not in old_entities
    )
    removed = tuple(
        EntityRef(id=e.id, name=e.name, form=e.form.value)
        for e in od.entities
        if e.id not in new_entities
    )
    changed = []
    for e in nd.entities:
        before = old_entities.get(e.id)
        if before is None or before == e:
            continue
        changes = _field_changes(
            before.model_dump(mode="json", exclude={"id"}),
            e.model_dump(mode="json", exclude={"id"}),
        )
        if changes:
            changed.append(EntityChange(id=e.id, name=e.name, changes=changes))
    return added, removed, tuple(changed)


def _relation_changes(
    od: Document, nd: Document, pairs: Iterable[tuple[int, int]]
) -> tuple[tuple[RelationChange, ...], dict[str, str]]:
    """The matched relations whose fields changed, and the map of old keys to new keys."""
    relation_changes = []
    key_map: dict[str, str] = {}
    for i, j in pairs:
        ro, rn = od.relations[i], nd.relations[j]
        key_map[od.relation_key(i)] = nd.relation_key(j)
        changes = _field_changes(
            ro.model_dump(mode="json", by_alias=True, exclude={"id"}),
            rn.model_dump(mode="json", by_alias=True, exclude={"id"}),
        )
        if changes:
            relation_changes.append(
                RelationChange(
                    old_key=od.relation_key(i),
                    new_key=nd.relation_key(j),
                    type=rn.type,
                    **{"from": rn.from_},
                    to=rn.to,
                    changes=changes,
                )
            )
    return tuple(relation_changes), key_map


def _relation_ref(doc: Document, i: int) -> RelationRef:
    """The relation ``i`` of ``doc`` as an added or removed relation of a diff."""
    r = doc.relations[i]
    return RelationRef(
        key=doc.relation_key(i),
        type=r.type,
        **{"from": r.from_},
        to=r.to,
        relation=r.model_dump(mode="json", by_alias=True, exclude_defaults=True),
        summary_fr=_summary(r, doc, "fr"),
        summary_en=_summary(r, doc, "en"),
    )


def _control_refs(ps: set[tuple[str, str]]) -> tuple[ControlPair, ...]:
    """The control pairs ``ps``, sorted."""
    return tuple(ControlPair(controller=a, controlled=b) for a, b in sorted(ps))


def _finding_key(f: Finding, keys: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """What identifies a finding across two states: its rule and its subjects."""
    # subjects in document order: compare them as a set, relation keys read through the match
    return f.rule, tuple(sorted(keys.get(s, s) for s in f.subjects))


def _finding_ref(f: Finding) -> FindingRef:
    """A finding as it appears or disappears in a diff."""
    return FindingRef(
        rule=f.rule,
        severity=f.severity.value,
        subjects=f.subjects,
        message_fr=f.message_fr,
        message_en=f.message_en,
    )


def _finding_changes(
    old: GES, new: GES, key_map: Mapping[str, str]
) -> tuple[tuple[FindingRef, ...], tuple[FindingRef, ...]]:
    """The findings that appeared and those that disappeared from ``old`` to ``new``."""
    old_findings, new_findings = _findings(old), _findings(new)
    before_keys = {_finding_key(f, key_map) for f in old_findings}
    after_keys = {_finding_key(f, {}) for f in new_findings}
    appeared = tuple(
        _finding_ref(f) for f in new_findings if _finding_key(f, {}) not in before_keys
    )
    disappeared = tuple(
        _finding_ref(f) for f in old_findings if _finding_key(f, key_map) not in after_keys
    )
    return appeared, disappeared


def diff(old: GES, new: GES) -> Diff:
    """What changed from ``old`` to ``new`` (two states of the same group).

    Neither group is changed. The derived parts (control, classification, findings) are
    computed on each state as it is, relations out of force at its ``as_of`` excluded.

    Args:
        old: the earlier state.
        new: the later state.

    Returns:
        A frozen :class:`Diff`; ``bool(d)`` is False when nothing differs.

    Examples:
        >>> from ges_graph.graph import GES
        >>> g = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"}]})
        >>> d = diff(g, g)
        >>> bool(d)
        False
        >>> print(d.to_text("fr"))
        Changements du groupe « G »
        Aucun changement.
    """
    od, nd = old.document, new.document
    names = {e.id: e.name for e in od.entities} | {e.id: e.name for e in nd.entities}
    top = {"entities", "relations"}
    document_changed = _field_changes(
        od.model_dump(mode="json", exclude=top),
        nd.model_dump(mode="json", exclude=top),
    )
    added, removed, changed = _entity_changes(od, nd)
    pairs, rel_removed, rel_added = _match_relations(od, nd)
    relation_changes, key_map = _relation_changes(od, nd, pairs)
    old_control, new_control = _control_pairs(old), _control_pairs(new)
    old_schema, old_head, old_caption = _classification(old)
    new_schema, new_head, new_caption = _classification(new)
    appeared, disappeared = _finding_changes(old, new, key_map)
    return Diff(
        old_name=od.name,
        new_name=nd.name,
        names=names,
        moves=tuple(
            MoveRef(
                kind=m.kind,
                edit=m.to_dict(),
                text_fr=m.sentence(names, "fr"),
                text_en=m.sentence(names, "en"),
            )
            for m in moves(od, nd, new_head)
        ),
        document_changed=document_changed,
        entities_added=added,
        entities_removed=removed,
        entities_changed=changed,
        relations_added=tuple(_relation_ref(nd, j) for j in rel_added),
        relations_removed=tuple(_relation_ref(od, i) for i in rel_removed),
        relations_changed=relation_changes,
        control_gained=_control_refs(new_control - old_control),
        control_lost=_control_refs(old_control - new_control),
        schema_changed=_value_change(old_schema, new_schema),
        schema_captions=(old_caption, new_caption),
        head_changed=_value_change(old_head, new_head),
        findings_appeared=appeared,
        findings_disappeared=disappeared,
    )
