"""Classify a GES against the reference schemas (or a user's own), with the explanation.

:func:`classify` evaluates every condition of every schema on the group's derived notions
(:attr:`GES.control <ges_graph.graph.GES.control>`), and returns a frozen
:class:`Classification`: the matching schema and its variant, the head and the roles found,
and, for each schema, each condition with its outcome and a sentence in French and English that
names the entities. When nothing matches, the *nearest* schema (``schemas.md``): the fewest failed
conditions among the schemas whose head condition holds (else among all), ties to the earlier
schema, then to the candidate whose id sorts first; a group with no head tries each head
candidate as if it were the head. Not matching is a result, never an exception.

The cost is that of the control fixed point (computed once per GES) plus, per schema and
condition, a pass over the members: no subgraph-isomorphism search.

Examples:
    >>> from ges_graph.schemas import reference_schemas
    >>> ges = reference_schemas()[4].example_ges()
    >>> result = classify(ges)
    >>> result.schema, result.head, result.roles["intermediate_holdings"]
    ('S5', 'tremplin', ('holding',))
    >>> print(result.candidate("S5").conditions[-2].message("fr"))
    l'Association Tremplin contrôle Tremplin Développement : participation au capital conférant
    100 % des droits de vote ; ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ges_graph import classification_text as _text
from ges_graph.classification_text import classification_html, classification_text
from ges_graph.control import Control
from ges_graph.errors import UnknownSchemaError
from ges_graph.graph import GES, gc_paused
from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.model import Family
from ges_graph.schemas import (
    Condition,
    Confidence,
    Context,
    Outcome,
    SchemaDef,
    check_schema_ids,
    reference_schemas,
    schema_caption,
)
from ges_graph.schemas.plan import Done, Plan, Run, SchemaPlan, compile_schemas
from ges_graph.vocabulary.findings import role_label as _role_label

__all__ = ["Classification", "ConditionResult", "SchemaResult", "classify"]

# The role labels live in ges_graph.classification_text (the table) and ges_graph.vocabulary
# (role_label, which the schemas' sentences use too); they stay importable from here
# (``from ges_graph.classification import role_label``), as they always were, though
# ``__all__`` names them at home only.
ROLE_LABELS = _text.ROLE_LABELS
role_label = _role_label


@dataclass(frozen=True)
class ConditionResult:
    """One condition of one schema, evaluated.

    Attributes:
        condition: the condition of the schema file.
        held: whether it holds.
        head_condition: whether it is the schema's head condition.
        outcome: the evaluated test, whose sentences are written when first read.
        common: whether every schema tried states an equal test (same predicate and
            arguments) among its conditions: such a condition does not tell schemas apart, is
            left out of the scores and reported once (:attr:`Classification.common`).
    """

    condition: Condition
    held: bool
    head_condition: bool
    outcome: Outcome = field(repr=False, compare=False)
    common: bool = False

    @property
    def id(self) -> str:
        """The condition's id."""
        return self.condition.id

    @property
    def title_fr(self) -> str:
        """What the condition requires, in French."""
        return self.condition.text.fr

    @property
    def title_en(self) -> str:
        """What the condition requires, in English."""
        return self.condition.text.en

    @property
    def message_fr(self) -> str:
        """What was found, naming the entities, in French."""
        return self.outcome.fr

    @property
    def message_en(self) -> str:
        """What was found, naming the entities, in English."""
        return self.outcome.en

    def title(self, lang: Lang = "fr") -> str:
        """What the condition requires, in ``lang``."""
        check_lang(lang)
        return Tr(self.title_fr, self.title_en).render(lang)

    def message(self, lang: Lang = "fr") -> str:
        """What was found, in ``lang``."""
        check_lang(lang)
        return self.outcome.message(lang)

    def to_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        """``{"id", "held", "message"}``, as in the JSON of ``cli.md``."""
        check_lang(lang)
        return {"id": self.id, "held": self.held, "message": self.message(lang)}


@dataclass(frozen=True)
class SchemaResult:
    """One schema, evaluated on the group.

    Attributes:
        schema: the schema's id.
        title_fr: its French title.
        title_en: its English title.
        matched: every condition holds.
        head: the head the conditions were evaluated with (for a headless group, the candidate
            tried that came nearest; ``None`` when there is none).
        variant: the variant's id, when the schema matched and has variants.
        conditions: the head condition first, then the others, in file order (the common ones
            included: :attr:`distinguishing` leaves them out).
        confidence: how sure the schema's reconstruction is (its file's ``confidence``).
        reference: whether the schema is one of the reference files (the COORACE typology),
            rather than a user's own.
        bound: the members the conditions' ``as`` names bound (``sas`` in S5).
    """

    schema: str
    title_fr: str
    title_en: str
    matched: bool
    head: str | None
    variant: str | None
    conditions: tuple[ConditionResult, ...]
    confidence: Confidence
    reference: bool
    bound: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    if not TYPE_CHECKING:  # to mypy, ``conditions`` is the field it is; no other name is made

        def __getattr__(self, name: str) -> Any:
            # Called only for a name the instance's dictionary lacks: ``conditions``, made from
            # the outcomes the classification kept (:func:`_condition_results`) when first
            # read, then kept like the other fields; and ``bound`` of a schema whose evaluation
            # stopped at its first failed condition (:func:`_evaluate`), which is finished
            # when either is first read. Made aside, then written with ``setdefault`` (never
            # ``_lazy`` again): two threads reading at once make the same values, and both
            # return the ones written first.
            d = self.__dict__
            lazy = d.get("_lazy") if name in _LAZY_FIELDS else None
            if lazy is None:  # any other name: the usual AttributeError, as without this hook
                return object.__getattribute__(self, name)
            plan, outs, common, rest = lazy
            if rest is not None:
                run, bound = rest
                outs, bound, _ = run.finish(plan, outs, bound)
                d.setdefault("bound", MappingProxyType(bound))
            made = d.setdefault("conditions", _condition_results(plan, outs, common))
            d.pop("_lazy", None)
            return made if name == "conditions" else d["bound"]

    def __getstate__(self) -> dict[str, Any]:
        conditions = self.conditions  # made, if it was not yet
        # A copy of the fields, made at once: another thread may be finishing them.
        state = {k: v for k, v in dict(vars(self)).items() if k != "_lazy"}
        return {**state, "conditions": conditions, "bound": dict(self.bound)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update({**state, "bound": MappingProxyType(state["bound"])})

    @property
    def distinguishing(self) -> tuple[ConditionResult, ...]:
        """The conditions that tell schemas apart: the head condition and the schema's own."""
        return tuple(c for c in self.conditions if not c.common)

    @property
    def score(self) -> float:
        """The share of the :attr:`distinguishing` conditions that hold (0–1)."""
        own = self.distinguishing
        if not own:
            return 1.0
        return sum(c.held for c in own) / len(own)

    @property
    def failed(self) -> tuple[ConditionResult, ...]:
        """The conditions that do not hold: what would have to change."""
        return tuple(c for c in self.conditions if not c.held)

    @property
    def head_condition_held(self) -> bool:
        """Whether the schema's head condition holds."""
        return any(c.head_condition and c.held for c in self.conditions)

    def title(self, lang: Lang = "fr") -> str:
        """The schema's title in ``lang``."""
        check_lang(lang)
        return Tr(self.title_fr, self.title_en).render(lang)

    def caption(self, lang: Lang = "fr", *, variant: str | None = None) -> str:
        """The schema's name as a person reads it, saying it is a reconstruction, how sure.

        « S5 — Titre (reconstitution de la typologie COORACE, confiance moyenne) »; « schéma
        fourni » in place of the typology for a schema of a user's own file; ``variant`` (the
        variant matched) follows the title.

        Examples:
            >>> from ges_graph.schemas import reference_schemas
            >>> print(classify(reference_schemas()[0].example_ges()).candidates[0].caption("en"))
            S1 — Associative group or union of associations (reconstruction of the COORACE
            typology, high confidence)
        """
        check_lang(lang)
        title = Tr(self.title_fr, self.title_en)
        return schema_caption(
            self.schema, title, self.confidence, self.reference, lang, variant=variant
        )

    def to_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        """The per-schema entry of ``candidates`` in the JSON of ``cli.md``.

        ``score`` and ``conditions`` are those of the :attr:`distinguishing` conditions: the
        common ones are reported once, beside the candidates (:meth:`Classification.to_dict`).
        """
        check_lang(lang)
        return {
            "schema": self.schema,
            "matched": self.matched,
            "score": round(self.score, 4),
            "conditions": [c.to_dict(lang) for c in self.distinguishing],
        }


@dataclass(frozen=True)
class Classification:
    """The result of :func:`classify`: frozen, printable, and serialisable.

    Attributes:
        name: the group's name.
        schema: the matching schema's id, or ``None``.
        variant: the variant's id (``1a``, ``1b``) where the schema has variants.
        head: the head's id, or ``None``.
        roles: role → member ids (``head``, ``controlled``, ``intermediate_holdings``,
            ``operating``, ``pooled``, ``coordinated``, ``outside_controlled``, and the names
            the matched schema binds, such as ``sas``); only roles that someone plays.
        nearest: the matching schema, or the nearest one when none matches.
        candidates: one :class:`SchemaResult` per schema tried, in their order.
        names: entity names by id (for the readable forms).
    """

    name: str
    schema: str | None
    variant: str | None
    head: str | None
    roles: Mapping[str, tuple[str, ...]]
    nearest: str | None
    candidates: tuple[SchemaResult, ...]
    names: Mapping[str, str] = field(repr=False, compare=False)

    @property
    def matched(self) -> bool:
        """Whether a schema matches."""
        return self.schema is not None

    def candidate(self, schema_id: str) -> SchemaResult:
        """The result for one schema.

        Raises:
            UnknownSchemaError: no schema has this id (a ``KeyError``).
        """
        for c in self.candidates:
            if c.schema == schema_id:
                return c
        raise UnknownSchemaError(schema_id)

    @property
    def nearest_result(self) -> SchemaResult | None:
        """The :class:`SchemaResult` of the matching or nearest schema."""
        return None if self.nearest is None else self.candidate(self.nearest)

    @property
    def confidence(self) -> Confidence | None:
        """How sure the matching (else nearest) schema's reconstruction is; ``None`` if none."""
        res = self.nearest_result
        return None if res is None else res.confidence

    @property
    def common(self) -> tuple[ConditionResult, ...]:
        """The conditions every schema tried shares, as the matching (else nearest) one states them.

        They do not tell schemas apart (at least two members, unified governance, no outside
        control, for the reference schemas): the scores leave them out and they are reported
        once. Evaluated with the head, or for a group with no head with the candidate the
        nearest schema tried.
        """
        res = self.nearest_result
        return () if res is None else tuple(c for c in res.conditions if c.common)

    def schema_caption(self, lang: Lang = "fr") -> str | None:
        """The matching (else nearest) schema's caption, with its variant; ``None`` if none.

        Examples:
            >>> from ges_graph.schemas import reference_schemas
            >>> print(classify(reference_schemas()[0].example_ges()).schema_caption())
            S1 — Groupe associatif ou union d'associations, variante 1a (reconstitution de la
            typologie COORACE, confiance élevée)
        """
        check_lang(lang)
        res = self.nearest_result
        return None if res is None else res.caption(lang, variant=self.variant)

    def __getstate__(self) -> dict[str, Any]:
        return {k: dict(v) if isinstance(v, MappingProxyType) else v for k, v in vars(self).items()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k in ("roles", "names"):
            state[k] = MappingProxyType(state[k])
        self.__dict__.update(state)

    def to_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        """The JSON object of ``classify --json`` (``cli.md``), without ``file``.

        ``confidence`` is the matching (else nearest) schema's; ``common`` the conditions every
        schema shares (:attr:`common`), reported once; each candidate's ``score`` and
        ``conditions`` are those of the conditions that tell schemas apart.

        Examples:
            >>> from ges_graph.schemas import reference_schemas
            >>> d = classify(reference_schemas()[0].example_ges()).to_dict()
            >>> d["schema"], d["variant"], d["head"], d["nearest"], d["confidence"]
            ('S1', '1a', 'pi', 'S1', 'high')
            >>> [c["id"] for c in d["common"]]
            ['at-least-two-members', 'unified-governance', 'no-outside-control']
            >>> [c["schema"] for c in d["candidates"]] == [s.id for s in reference_schemas()]
            True
        """
        check_lang(lang)
        return {
            "schema": self.schema,
            "variant": self.variant,
            "head": self.head,
            "nearest": self.nearest,
            "confidence": self.confidence,
            "roles": {k: list(v) for k, v in self.roles.items()},
            "common": [c.to_dict(lang) for c in self.common],
            "candidates": [c.to_dict(lang) for c in self.candidates],
        }

    def to_text(self, lang: Lang = "fr") -> str:
        """A readable account: the schema, the head, the roles, and what holds or must change.

        The schema is named with its caption (a reconstruction of the COORACE typology, with
        its confidence); written by :func:`ges_graph.classification_text.classification_text`.

        Examples:
            >>> from ges_graph.schemas import reference_schemas
            >>> text = classify(reference_schemas()[5].example_ges()).to_text("en")
            >>> print(text.splitlines()[1])
            Schema: S6 — Mixed group with cooperative governance (reconstruction of the COORACE
            typology, medium confidence)
        """
        check_lang(lang)
        return classification_text(self, lang)

    def __str__(self) -> str:
        return self.to_text("fr")

    def _repr_html_(self) -> str:
        """A small HTML table for notebooks (in French): one row per schema, the explanation."""
        return classification_html(self, "fr")


_new = object.__new__
_set = object.__setattr__
_LAZY_FIELDS = frozenset({"conditions", "bound"})
"""The fields of :class:`SchemaResult` that may be made when first read."""


def _condition_results(
    plan: SchemaPlan, outs: Sequence[Outcome], common: Sequence[bool]
) -> tuple[ConditionResult, ...]:
    """The :class:`ConditionResult` of each condition of ``plan``, the head condition first.

    Made as their dataclass makes them, fields into the instance's dictionary, in one step
    rather than one frozen assignment per field (six schemas make about forty at every
    classification).
    """
    made: list[ConditionResult] = []
    first = True
    for cond, out, com in zip(plan.conditions, outs, common, strict=True):
        r = _new(ConditionResult)
        _set(
            r,
            "__dict__",
            {
                "condition": cond,
                "held": out.held,
                "head_condition": first,
                "outcome": out,
                "common": com,
            },
        )
        made.append(r)
        first = False
    return tuple(made)


def _evaluate(
    run: Run,
    plan: SchemaPlan,
    head: str | None,
    common: Sequence[bool],
    done: Done,
) -> SchemaResult:
    """One schema's result on one head, from its outcomes there (:meth:`Run.outcomes`).

    Its :class:`ConditionResult` objects are made when ``conditions`` is first read (the JSON,
    the text, a comparison, a pickle): from the outcomes kept here, which hold the decision, so
    they are the same whenever they are made. A classification decides on the outcomes alone.
    Outcomes stopped at a failure (fewer than the conditions) are finished then too, and the
    names bound with them.
    """
    outs, bound, (_, failed) = done
    matched = not failed
    variant = _variant(run.context, plan.schema.variants, bound) if matched else None
    made = _new(SchemaResult)  # as its dataclass makes it (see _condition_results)
    fields = {
        "schema": plan.schema.id,
        "title_fr": plan.title_fr,
        "title_en": plan.title_en,
        "matched": matched,
        "head": head,
        "variant": variant,
        "confidence": plan.schema.confidence,
        "reference": plan.reference,
    }
    if len(outs) < len(plan.steps):  # stopped at a failure: the rest read when asked
        fields["_lazy"] = (plan, outs, common, (run, bound))
    else:
        fields["_lazy"] = (plan, outs, common, None)
        fields["bound"] = MappingProxyType(bound)
    _set(made, "__dict__", fields)
    return made


def _variant(
    ctx: Context, variants: Sequence[Condition], bound: Mapping[str, tuple[str, ...]]
) -> str | None:
    for v in variants:
        if v.evaluate_in(ctx, bound).held:
            return v.id
    return None


def _roles(ges: GES, head: str | None) -> dict[str, tuple[str, ...]]:
    c = ges.control
    roles: dict[str, tuple[str, ...]] = {}
    if head is not None:
        roles["head"] = (head,)
        roles["controlled"] = tuple(c.in_order(c.controlled_members(head)))
        if c.head_is_coordinating:
            roles["coordinated"] = tuple(c.in_order(c.listed_members(head) & c.members))
    roles["intermediate_holdings"] = tuple(c.in_order(c.intermediate_holdings))
    roles["operating"] = tuple(c.in_order(c.operating))
    reach = c.head_reach(head) if head is not None else frozenset()
    families = c.families
    grouping = Family.GROUPING
    if reach and grouping in families.values():  # else no pooled body to look for
        pooled = [m for m in reach if m != head and families[m] is grouping]
        roles["pooled"] = tuple(c.in_order(pooled))
    roles["outside_controlled"] = tuple(c.in_order(c.outside_control.keys()))
    return {k: v for k, v in roles.items() if v}


def _distinct_trials(control: Control, trials: Sequence[str | None]) -> list[str | None]:
    """The trials, less the candidates that would only tie with an earlier one.

    A candidate that controls, holds and reaches nothing, and that nothing controls from
    outside, is told apart from another such only by its form, whether it is operating, an
    intermediate holding or coordinating: every test gives both the same outcome, and ties go to
    the first tried. Two hundred unrelated associations are tried as one.
    """
    if len(trials) < 2:
        return list(trials)
    kept: list[str | None] = []
    seen: set[tuple[object, ...]] = set()
    plain = control.plain_among(h for h in trials if h is not None)
    for h in trials:
        if h is not None and h in plain:
            sig = (
                control.form(h),
                control.is_operating(h),
                h in control.intermediate_holdings,
                h in control.coordinating,
            )
            if sig in seen:
                continue
            seen.add(sig)
        kept.append(h)
    return kept


def classify(ges: GES, schemas: Iterable[SchemaDef] | None = None) -> Classification:
    """Classify ``ges`` against ``schemas`` (default: :func:`reference_schemas`).

    Nothing here knows how many schemas there are or what they are called: the reference set
    is every file of the reference folder, and any schema loaded from a file can be tried
    beside it or alone.

    Args:
        ges: the group.
        schemas: the schemas to try, in order (their order breaks ties for the nearest
            schema); for instance ``[*reference_schemas(), load_schema_file("S7.yaml")]``.
            Their ids must differ.

    Returns:
        The classification; ``schema`` is ``None`` when nothing matches, and ``nearest`` then
        says which schema comes nearest and ``candidate(nearest).failed`` what would have to
        change. ``candidates`` has one entry per schema tried, in their order.

    Raises:
        SchemaFileError: two of ``schemas`` share an id (the message names both files).

    Examples:
        >>> from ges_graph.graph import GES, gc_paused
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "Deux têtes", "entities": [
        ...     {"id": "a1", "name": "Alpha", "form": "association", "conventions": ["ai"]},
        ...     {"id": "a2", "name": "Beta", "form": "association"}]})
        >>> result = classify(ges)
        >>> result.schema, result.head, result.nearest
        (None, None, 'S1')
        >>> [c.id for c in result.candidate("S1").failed]
        ['unified-governance']
    """
    with gc_paused():
        return _classify(ges, schemas)


_REFERENCE_PLAN: list[tuple[tuple[SchemaDef, ...], Plan]] = []


def _reference_plan() -> Plan:
    """The reference schemas compiled (:func:`compile_schemas`), kept while they are the same.

    The reference set is read again when its cache is cleared (a file dropped into the folder):
    the plan kept is for the tuple of schemas it was made from, and made again for another.
    """
    schemas = reference_schemas()
    kept = _REFERENCE_PLAN[0] if _REFERENCE_PLAN else None
    if kept is not None and kept[0] is schemas:
        return kept[1]
    plan = compile_schemas(schemas)
    _REFERENCE_PLAN[:] = [(schemas, plan)]
    return plan


def _tried(
    runs: Mapping[str | None, Run], trials: Sequence[str | None], sp: SchemaPlan
) -> tuple[Done, str | None]:
    """One schema on the heads tried: the nearest head's outcomes, and that head.

    With one head, the outcomes stop at the first failed condition (:meth:`Run.outcomes`).
    """
    if len(trials) == 1:
        h = trials[0]
        return runs[h].outcomes(sp, until_failure=True), h
    best: Done | None = None
    best_head: str | None = None
    for h in trials:
        done = runs[h].outcomes(sp)
        if best is None or done[2] < best[2]:
            best, best_head = done, h
    assert best is not None
    return best, best_head


def _classify(ges: GES, schemas: Iterable[SchemaDef] | None) -> Classification:
    # The reference schemas are checked as they are read, and compiled once (_reference_plan).
    schema_list = None if schemas is None else check_schema_ids(schemas)
    control = ges.control
    head = control.head
    trials: Sequence[str | None]
    if head is not None:
        trials = (head,)
    elif control.candidates:
        trials = control.candidates  # sorted ids: ties go to the id that sorts first
    else:
        trials = (None,)
    trials = _distinct_trials(control, trials)
    shared: dict[str, Outcome] = {}  # tests that read no head: evaluated once for all trials
    runs = {h: Run(ges, h, shared) for h in trials}
    plan = _reference_plan() if schema_list is None else compile_schemas(schema_list)
    # One head tried (a group with a head, most groups): each schema is evaluated up to its
    # first failed condition, which decides that it does not match; the others are evaluated
    # when no schema matches (to find the nearest), else when they are read. Several heads
    # tried are compared on every condition.
    dones = [_tried(runs, trials, sp) for sp in plan.schemas]
    if len(trials) == 1 and not any(done[2] == (0, 0) for done, _h in dones):
        run = runs[trials[0]]  # no schema matches: every condition counts for the nearest
        dones = [
            (run.finish(sp, outs, bound), h)
            for sp, ((outs, bound, _near), h) in zip(plan.schemas, dones, strict=True)
        ]
    results = [
        _evaluate(runs[h], sp, h, common, done)
        for sp, common, (done, h) in zip(plan.schemas, plan.common, dones, strict=True)
    ]
    nearness = [done[2] for done, _h in dones]  # (head condition failed, failed)
    matched = next((r for r in results if r.matched), None)
    nearest: SchemaResult | None = matched
    if matched is None and results:
        # The fewest failed conditions among the schemas whose head condition holds (else
        # among all), the first on ties: read off the outcomes, as ``head_condition_held`` and
        # ``failed`` would read them off the conditions.
        pool = [i for i, (no_head, _) in enumerate(nearness) if not no_head] or range(len(results))
        nearest = results[min(pool, key=lambda i: nearness[i][1])]
    roles = _roles(ges, head)
    if matched is not None:
        roles.update({name: ids for name, ids in matched.bound.items() if ids})
    made = _new(Classification)  # as its dataclass makes it (see _condition_results)
    _set(
        made,
        "__dict__",
        {
            "name": ges.name,
            "schema": matched.schema if matched else None,
            "variant": matched.variant if matched else None,
            "head": head,
            "roles": MappingProxyType(roles),
            "nearest": nearest.schema if nearest else None,
            "candidates": tuple(results),
            "names": MappingProxyType(control._names),  # each entity's name, read with control
        },
    )
    return made
