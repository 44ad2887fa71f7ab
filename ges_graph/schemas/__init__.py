"""Reference schemas as data: the schema-file format, its two-pass loader, and its conditions.

A schema file (``schemas/coorace/S1.yaml`` … ``S6.yaml``, or a user's own) states a schema's id, its
title in French and English, how sure its reconstruction is, its *head condition*, its other
conditions and its variants, and carries a canonical example GES. Conditions are written in a
small declarative language over the derived notions of :mod:`ges_graph.control`: each ``test``
is a mapping with exactly one *predicate* and its arguments:

=========================  =======================================================================
predicate                  holds when
=========================  =======================================================================
``members``                G has ``at_least`` / ``at_most`` members
``unified``                governance is unified (``true``) or not (``false``)
``head_outside_control``   the head is under outside control (``true``) or not (``false``)
``head``                   there is a head and it matches an entity filter
``head_coordinating``      the head was found as the coordinating candidate (a union)
``count``                  the members matching ``of`` (a filter) number ``at_least``/``at_most``
``relations``              the relations of ``type`` between members number ``at_least``/…
``head_link``              the head has ``link`` to ``at_least`` other members matching ``to``;
                           ``as: NAME`` binds those members for later conditions
``link``                   some member bound to ``from`` has ``link`` to ``at_least`` others
=========================  =======================================================================

An entity filter has any of ``form`` (form codes), ``family`` (families), ``operating`` and
``intermediate_holding`` (booleans); all given must hold. A ``link`` is one of ``controls``,
``capital_controls``, ``possibly_controls``, ``majority_votes`` (own shareholding votes above
50 %), ``reaches`` (in the reach; for the head, the reach that makes it the head) and
``shareholding`` (a shareholding relation in force).

Loading has two passes, as followthemoney loads its model: *parse* (YAML, then the file's
structure) and *resolve* (each predicate known and its arguments valid, bound names defined
before use, ids unique, the example a valid GES document). Every error is a
:class:`~ges_graph.errors.SchemaFileError` naming the file and the place (a path such as
``conditions[2].test.head_link.to.form[0]``, with the line where the YAML parser knows it).
The reference schemas are every file of the reference folder (the six of COORACE as shipped),
loaded once, on first use, never at import; a seventh file there, or one given to
:func:`load_schema_file`, needs no Python.

The package is split by job; every name is importable from ``ges_graph.schemas`` itself:

- :mod:`ges_graph.schemas.predicates`: the condition language (entity filters, links, bounds,
  one model per predicate);
- :mod:`ges_graph.schemas.file_format`: the file model and its generated JSON Schema;
- :mod:`ges_graph.schemas.context`: what a condition sees (:class:`Context`) and gives
  (:class:`Outcome`);
- :mod:`ges_graph.schemas.evaluation`: one evaluator per predicate, :class:`Condition`,
  :class:`Evaluation`;
- :mod:`ges_graph.schemas.loading`: parse and resolve a file into a :class:`SchemaDef`, the
  reference set;
- :mod:`ges_graph.schemas.origin`: the phrase shown beside a schema's name (a reconstruction of
  the COORACE typology, or a user's own schema, with its confidence).

Examples:
    >>> [s.id for s in reference_schemas()]
    ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']
    >>> s5 = reference_schemas()[4]
    >>> s5.title("en"), s5.confidence
    ('Mixed group with associative governance and an SAS', 'medium')
    >>> [c.id for c in s5.conditions][:3]
    ['at-least-two-members', 'unified-governance', 'no-outside-control']
"""

from ges_graph.schemas.context import Context, Outcome
from ges_graph.schemas.evaluation import Condition, Evaluation
from ges_graph.schemas.file_format import (
    ConditionSpec,
    Confidence,
    SchemaFile,
    Text,
    VariantSpec,
    dump_json_schema,
    json_schema,
)
from ges_graph.schemas.loading import (
    SchemaDef,
    check_schema_ids,
    load_schema_file,
    load_schema_files,
    load_schema_text,
    reference_schemas,
)
from ges_graph.schemas.origin import is_reference_file, schema_caption, schema_origin
from ges_graph.schemas.predicates import (
    PREDICATES,
    TEST_MODELS,
    Bounds,
    Count,
    CountArgs,
    CountTest,
    EntityFilter,
    HeadCoordinatingTest,
    HeadLinkArgs,
    HeadLinkTest,
    HeadOutsideControlTest,
    HeadTest,
    Link,
    LinkArgs,
    LinkTest,
    MembersTest,
    Name,
    RelationsArgs,
    RelationsTest,
    Test,
    UnifiedTest,
)

__all__ = [
    "PREDICATES",
    "TEST_MODELS",
    "Bounds",
    "Condition",
    "ConditionSpec",
    "Confidence",
    "Context",
    "Count",
    "CountArgs",
    "CountTest",
    "EntityFilter",
    "Evaluation",
    "HeadCoordinatingTest",
    "HeadLinkArgs",
    "HeadLinkTest",
    "HeadOutsideControlTest",
    "HeadTest",
    "Link",
    "LinkArgs",
    "LinkTest",
    "MembersTest",
    "Name",
    "Outcome",
    "RelationsArgs",
    "RelationsTest",
    "SchemaDef",
    "SchemaFile",
    "Test",
    "Text",
    "UnifiedTest",
    "VariantSpec",
    "check_schema_ids",
    "dump_json_schema",
    "is_reference_file",
    "json_schema",
    "load_schema_file",
    "load_schema_files",
    "load_schema_text",
    "reference_schemas",
    "schema_caption",
    "schema_origin",
]
