"""The closed vocabularies of format ``ges-graph/1``: their members, labels and metadata.

This package is the one place that names the members of every closed vocabulary (legal forms and
their families, conventions, sectors, relation types, offices, flow kinds, …), says each one in
French and English, and holds what the rest of the library needs to know about it (a form's
family, capital and members; which side of a flow kind provides; a severity's rank). Every other
module asks the enums here instead of keeping its own lists or label tables; a test
(``tests/test_vocabulary.py``) fails when a module holds a label table of its own.

One accessor for every vocabulary: ``member.text`` is the label as an :class:`~ges_graph.i18n.Tr`,
and ``member.label_in(lang)`` renders it; ``member.synonyms`` lists the other ways people write it
(« SARL », « Président », « frais de siège »). :func:`lookup` reads a value written any of these
ways (code, label or synonym, in any case, with or without accents) and :func:`closest` suggests
members for one it cannot read: the models read a document's values through them (lenient entry,
strict model: the code is what a document holds and saves). The older properties
(``label_fr``, ``label_en``, ``Convention.label``, ``OfficeRole.function_fr``, ``Severity.label``)
read the same tables.

The enums are re-exported by :mod:`ges_graph.model` (``from ges_graph.model import Form`` works);
:class:`Severity` by :mod:`ges_graph.report`.

Examples:
    >>> Form.SCIC.text.render("en"), Form.SCIC.family, Form.SCIC.acronym
    ('multi-stakeholder cooperative (SCIC)', <Family.COOPERATIVE: 'cooperative'>, 'SCIC')
    >>> OfficeRole.PRESIDENT.label_in("fr"), Sector.NON_MARCHAND.label_in("en")
    ('présidence', 'non-market')
    >>> FlowKind.LOAN.provider_is_payee, FlowKind.LOAN.is_balance_sheet
    (False, True)
    >>> lookup(Form, "Société par actions simplifiée"), lookup(Convention, "ACI")
    (<Form.SAS: 'sas'>, <Convention.ACI: 'aci'>)

The package holds one module per part of the format (:mod:`~ges_graph.vocabulary.forms`,
``entities``, ``relations``, ``flows``, ``findings``), the shared machinery (``_core``) and the
tables of the format docs (:mod:`~ges_graph.vocabulary.tables`).
"""

from __future__ import annotations

from ges_graph.vocabulary._core import (
    _TEXTS,
    Noun,
    _Vocabulary,
    ambiguities,
    closest,
    lookup,
    normalise,
    spellings,
)
from ges_graph.vocabulary.entities import AccountKind, Convention, PublicKind, Sector
from ges_graph.vocabulary.findings import ConfidenceLevel, SchemaRole, Severity
from ges_graph.vocabulary.flows import Basis, FlowKind
from ges_graph.vocabulary.forms import Availability, Family, Form, FormInfo
from ges_graph.vocabulary.relations import Category, Layer, OfficeRole, RelationType

__all__ = [
    "DOCUMENT_VOCABULARIES",
    "VOCABULARIES",
    "AccountKind",
    "Availability",
    "Basis",
    "Category",
    "ConfidenceLevel",
    "Convention",
    "Family",
    "FlowKind",
    "Form",
    "FormInfo",
    "Layer",
    "Noun",
    "OfficeRole",
    "PublicKind",
    "RelationType",
    "SchemaRole",
    "Sector",
    "Severity",
    "Vocabulary",
    "ambiguities",
    "closest",
    "lookup",
    "normalise",
    "spellings",
]

Vocabulary = _Vocabulary
"""The base of every closed vocabulary (for typing: ``type[Vocabulary]``)."""

VOCABULARIES: tuple[type[_Vocabulary], ...] = (
    Family,
    Availability,
    Form,
    Convention,
    Sector,
    PublicKind,
    AccountKind,
    RelationType,
    Layer,
    OfficeRole,
    Category,
    FlowKind,
    Basis,
    Severity,
    SchemaRole,
    ConfidenceLevel,
)
"""Every closed vocabulary: forms, entities, relations, flows, then findings."""
assert set(VOCABULARIES) == set(_TEXTS), "a vocabulary is missing from VOCABULARIES"

DOCUMENT_VOCABULARIES: tuple[type[_Vocabulary], ...] = (
    Form,
    Convention,
    Sector,
    PublicKind,
    AccountKind,
    RelationType,
    OfficeRole,
    Category,
    FlowKind,
    Basis,
)
"""The vocabularies a document's fields take (``form``, ``type``, ``kind``, …), read leniently."""
