"""The vocabulary module owns every closed vocabulary's labels; no other module keeps its own.

Three kinds of test: every member of every vocabulary has its labels and metadata; what the
consumers show (report page, diagrams, BODS export, rules) comes from the vocabulary; and a scan of
the source of ``ges_graph/`` that fails when a module other than ``vocabulary.py`` holds a label
table of a vocabulary (a dict or a tuple of pairs whose keys are members, mapped to literal text).
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ges_graph import vocabulary
from ges_graph.export import to_bods
from ges_graph.graph import GES
from ges_graph.html_report import report_html
from ges_graph.i18n import LANGS, Tr
from ges_graph.model import Entity
from ges_graph.render.scene import build_scene
from ges_graph.vocabulary import (
    VOCABULARIES,
    Availability,
    Family,
    FlowKind,
    Form,
    OfficeRole,
    RelationType,
    SchemaRole,
    Sector,
    Severity,
)
from ges_graph.vocabulary.tables import KEYS, vocabulary_tables

PACKAGE = Path(vocabulary.__file__).parent.parent

# --------------------------------------------------------------------------------------------
# Every member has its labels and metadata
# --------------------------------------------------------------------------------------------


def test_the_vocabularies_are_the_closed_lists_of_the_format() -> None:
    names = {v.__name__ for v in VOCABULARIES}
    assert names == {
        "AccountKind",
        "Family",
        "Availability",
        "Form",
        "Convention",
        "Sector",
        "PublicKind",
        "RelationType",
        "Layer",
        "OfficeRole",
        "Category",
        "FlowKind",
        "Basis",
        "Severity",
        "SchemaRole",
        "ConfidenceLevel",
    }


@pytest.mark.parametrize("vocab", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_member_has_a_french_and_an_english_label(vocab: type[vocabulary.Form]) -> None:
    for member in vocab:
        assert isinstance(member.text, Tr)
        for lang in LANGS:
            label = member.label_in(lang)
            assert label, (member, lang)
            assert label.strip() == label, (member, lang)
        assert member.label_fr == member.text.fr
        assert member.label_en == member.text.en
    # two members of one vocabulary never read the same
    for lang in LANGS:
        labels = [m.label_in(lang) for m in vocab]
        if vocab is not Severity or lang == "fr":  # "information" is both singular and plural
            assert len(set(labels)) == len(labels), (vocab, lang, labels)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        Form.SAS.label_in("de")


def test_every_form_has_its_metadata() -> None:
    for form in Form:
        info = form.info
        assert isinstance(info.family, Family)
        assert isinstance(info.capital, Availability)
        assert isinstance(info.members, Availability)
        assert form.is_company == (form.family is Family.COMPANY)
        if form.acronym is not None:
            assert form.acronym == form.value.upper()
            assert form.short_in("en") == form.acronym
        else:
            assert form.short_in("fr") == form.label_fr
    acronyms = {f.value for f in Form if f.acronym is not None}
    assert acronyms == {"sa", "sas", "sasu", "sarl", "eurl", "sci", "scic", "scop", "gie"}
    assert {f for f in Form if f.is_member_pool} == {Form.UNION, Form.GIE, Form.EMPLOYER_GROUP}


def test_flow_kinds_say_who_provides_and_what_moves_capital() -> None:
    bought = {k for k in FlowKind if k.provider_is_payee}
    assert bought == {
        FlowKind.MANAGEMENT_FEE,
        FlowKind.SERVICE,
        FlowKind.STAFF_SECONDMENT,
        FlowKind.PREMISES,
    }
    assert {k for k in FlowKind if k.provider_verb is not None} == bought
    balance = {k for k in FlowKind if k.is_balance_sheet}
    assert balance == {FlowKind.LOAN, FlowKind.TREASURY, FlowKind.CAPITAL_CONTRIBUTION}
    assert not bought & balance


def test_severities_are_ordered_by_rank() -> None:
    assert [s.rank for s in (Severity.INFO, Severity.WARNING, Severity.ERROR)] == [0, 1, 2]
    assert sorted(Severity) == [Severity.INFO, Severity.WARNING, Severity.ERROR]
    assert Severity.ERROR.label("fr", plural=True) == "erreurs"
    assert all(s.plural.render(lang) for s in Severity for lang in LANGS)


def test_the_old_accessors_read_the_one_table() -> None:
    from ges_graph.classification import ROLE_LABELS, role_label
    from ges_graph.model import Form as ModelForm
    from ges_graph.report import Severity as ReportSeverity

    assert ModelForm is Form
    assert ReportSeverity is Severity
    assert OfficeRole.MANAGER.function_fr == OfficeRole.MANAGER.text.fr == "gérance"
    assert vocabulary.Convention.ETTI.label == "ETTI"
    assert ROLE_LABELS["pooled"] == SchemaRole.POOLED.text
    assert role_label("head", "en") == SchemaRole.HEAD.label_en
    assert role_label("a_name_a_schema_binds", "fr") == "a_name_a_schema_binds"


def test_a_group_member_is_internal_and_not_a_natural_person() -> None:
    assert Entity(id="a", name="A", form="association").is_group_member
    assert not Entity(id="a", name="A", form="association", external=True).is_group_member
    for form in (Form.PERSON, Form.COLLECTIVE):
        assert not Entity(id="p", name="P", form=form).is_group_member


# --------------------------------------------------------------------------------------------
# Consumers show the vocabulary's labels
# --------------------------------------------------------------------------------------------

_GROUP = {
    "format": "ges-graph/1",
    "name": "Groupe",
    "entities": [
        {"id": "asso", "name": "Asso", "form": "association", "sector": "non_marchand"},
        {"id": "sas", "name": "Filiale", "form": "sas", "siren": "732829320"},
        {"id": "p", "name": "Camille", "form": "person"},
    ],
    "relations": [
        {"type": "shareholding", "from": "asso", "to": "sas", "share": 100},
        {"type": "office", "from": "asso", "to": "sas", "office": "president"},
        {"type": "office", "from": "p", "to": "asso", "office": "manager"},
        {"type": "flow", "from": "sas", "to": "asso", "kind": "management_fee", "amount": 1000},
    ],
}


@pytest.mark.parametrize("lang", LANGS)
def test_page_diagram_and_bods_show_the_same_office_label(lang: str) -> None:
    ges = GES.from_data(_GROUP)
    president = OfficeRole.PRESIDENT.label_in(lang)
    page = report_html(ges, lang=lang, diagram=False)
    assert president in page
    scene = build_scene(ges, view="all", lang=lang)
    # Parallel relations share one label, their texts joined by « · » or a line each.
    edge_labels = [
        part for e in scene.edges for line in e.label.split("\n") for part in line.split(" · ")
    ]
    assert any(label.startswith(president) for label in edge_labels)
    assert any(label.startswith(FlowKind.MANAGEMENT_FEE.label_in(lang)) for label in edge_labels)
    bods = to_bods(ges)
    details = [
        i["details"]
        for s in bods
        if s.get("recordType") == "relationship"
        for i in s["recordDetails"]["interests"]
        if i["type"] == "seniorManagingOfficial"
    ]
    assert f"{OfficeRole.PRESIDENT.label_fr} (president)" in details
    assert f"{OfficeRole.MANAGER.label_fr} (manager)" in details


def test_the_page_shows_sectors_and_relation_types_from_the_vocabulary() -> None:
    page = report_html(GES.from_data(_GROUP), lang="en", diagram=False)
    assert Sector.NON_MARCHAND.label_en in page
    assert RelationType.SHAREHOLDING.label_en in page


def test_diagram_nodes_name_a_form_by_its_acronym_or_its_name() -> None:
    scene = build_scene(GES.from_data(_GROUP), lang="fr")
    lines = {n.entity.id: n.lines for n in scene.nodes}
    assert Form.SAS.acronym in lines["sas"]
    assert Form.ASSOCIATION.label_fr in lines["asso"]
    assert "★ " + SchemaRole.HEAD.label_fr in lines["asso"]


# --------------------------------------------------------------------------------------------
# No module other than the vocabulary holds a label table
# --------------------------------------------------------------------------------------------

_VOCABS = {v.__name__: v for v in VOCABULARIES}
_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}")

# Tables keyed by members whose texts are not names of the members but other content; each
# entry says why.
_NOT_LABELS: frozenset[tuple[str, str, str]] = frozenset(
    {
        # the legal procedure of a convention réglementée when the other party holds the whole
        # capital (an SASU or EURL in fact): a rule's text (``_COMPANY_PROCEDURES``, the usual
        # procedure with its legal references, holds named tuples the scan does not read)
        ("rules/flows_labour.py", "_SOLE_PROCEDURES", "Form"),
    }
)


def _is_text(node: ast.expr) -> bool:
    """A literal text a person reads: a string (not a colour), a tuple of strings, a ``Tr``."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and not _COLOUR.fullmatch(node.value)
    if isinstance(node, ast.Tuple | ast.List):
        return bool(node.elts) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Tr":
        return all(isinstance(a, ast.Constant) for a in node.args)
    return isinstance(node, ast.JoinedStr)


def _member_of(node: ast.expr | None) -> str | None:
    """The vocabulary a key like ``Sector.MARCHAND`` names a member of, else ``None``."""
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in _VOCABS
        and node.attr in _VOCABS[node.value.id].__members__
    ):
        return node.value.id
    return None


def _string_key_vocabs(keys: list[str]) -> set[str]:
    """The vocabularies that string keys name: ``fam_company``, ``sector_mixte``, ``error``.

    Keys name a vocabulary when, with one common ``prefix_`` removed, they are at least two of its
    values, or, with no prefix, all of them (so that ``"yes"``/``"no"`` in a table of words is
    not taken for the availabilities).
    """
    found = set()
    for name, vocab in _VOCABS.items():
        values = {m.value for m in vocab}
        named: dict[str, set[str]] = {}
        for key in keys:
            for value in values:
                if key == value:
                    named.setdefault("", set()).add(value)
                elif key.endswith("_" + value) and re.fullmatch(r"[a-z]+_", key[: -len(value)]):
                    named.setdefault(key[: -len(value)], set()).add(value)
        if named.get("", set()) == values or any(len(v) >= 2 for p, v in named.items() if p):
            found.add(name)
    return found


def _pairs(node: ast.AST) -> list[tuple[ast.expr | None, ast.expr]] | None:
    """The (key, value) pairs of a dict display or of a tuple/list of 2-tuples, else ``None``."""
    if isinstance(node, ast.Dict):
        return list(zip(node.keys, node.values, strict=True))
    if (
        isinstance(node, ast.Tuple | ast.List)
        and node.elts
        and all(isinstance(e, ast.Tuple) and len(e.elts) == 2 for e in node.elts)
    ):
        return [(e.elts[0], e.elts[1]) for e in node.elts if isinstance(e, ast.Tuple)]
    return None


def label_tables(source: str) -> Iterator[tuple[str, str, int]]:
    """Every label table in ``source``: (the name it is assigned to, the vocabulary, its line).

    A table is a dict display, or a tuple or list of pairs, that maps members of one vocabulary
    to literal texts; nested tables (``{"fr": {Sector.MARCHAND: "marchand"}}``) count too.
    """
    tree = ast.parse(source)
    owner: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            for inner in ast.walk(node):
                owner.setdefault(id(inner), names[0] if names else "?")
    for node in ast.walk(tree):
        pairs = _pairs(node)
        if not pairs:
            continue
        texts = [(k, v) for k, v in pairs if _is_text(v)]
        vocabs = {m for k, _ in texts if (m := _member_of(k)) is not None}
        strings = [
            k.value for k, _ in texts if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
        vocabs |= _string_key_vocabs(strings)
        for vocab in sorted(vocabs):
            yield owner.get(id(node), "?"), vocab, getattr(node, "lineno", 0)


def _modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if "vocabulary" not in p.relative_to(PACKAGE).parts
    )


def test_no_module_but_the_vocabulary_holds_a_label_table() -> None:
    found: set[tuple[str, str, str]] = set()
    where: dict[tuple[str, str, str], int] = {}
    for path in _modules():
        module = path.relative_to(PACKAGE).as_posix()
        for name, vocab, line in label_tables(path.read_text(encoding="utf-8")):
            found.add((module, name, vocab))
            where[(module, name, vocab)] = line
    allowed = _NOT_LABELS
    stray = sorted(found - allowed)
    assert not stray, "label tables outside ges_graph/vocabulary/: " + ", ".join(
        f"{m}:{where[(m, n, v)]} {n} ({v})" for m, n, v in stray
    )
    assert allowed <= found, f"allowlisted tables that are gone: {sorted(allowed - found)}"


# The tables the scan must catch, as they were written before the vocabulary module (main at
# c67aabc): render/style.py, html_report.py, flows.py, export.py, report.py, classification.py.
_OLD_TABLES = """
_TEXT: dict[str, tuple[str, str]] = {
    "legend": ("Légende", "Legend"),
    "sector_marchand": ("marchand", "market"),
    "sector_non_marchand": ("non marchand", "non-market"),
    "error": ("erreur", "error"),
    "warning": ("avertissement", "warning"),
    "info": ("information", "information"),
    "rel_flow": (
        "flux, du payeur au payé (nature, montant)",
        "money flow, payer to payee (kind, amount)",
    ),
    "rel_board": ("sièges au conseil", "board seats"),
    "fam_associative": ("associatif", "associative"),
    "fam_company": ("société", "company"),
}
_FLOW_KINDS: dict[FlowKind, tuple[str, str]] = {FlowKind.LOAN: ("prêt", "loan")}
_SECTORS = {
    "fr": {Sector.MARCHAND: "marchand", Sector.NON_MARCHAND: "non marchand"},
    "en": {Sector.MARCHAND: "market", Sector.NON_MARCHAND: "non-market"},
}
_INTERESTS_OF_OFFICE = {OfficeRole.PRESIDENT: "président", OfficeRole.MANAGER: "gérant"}
_ROLE_LABELS: dict[str, tuple[str, str]] = {
    "head": ("tête de groupe", "head"),
    "controlled": ("membres contrôlés par la tête", "members the head controls"),
    "intermediate_holdings": ("holdings intermédiaires", "intermediate holdings"),
    "operating": ("membres opérateurs (conventionnés IAE)", "operating members (IAE)"),
    "pooled": ("groupements mutualisés", "pooled groupings"),
    "coordinated": ("membres fédérés par la tête", "members the head brings together"),
    "outside_controlled": ("membres contrôlés de l'extérieur", "members controlled from outside"),
}
_PAIRS = ((Basis.FREE, Tr("gratuit", "free")), (Basis.UNKNOWN, Tr("non précisée", "not given")))
"""


def test_the_scan_catches_the_tables_of_before() -> None:
    found = {(name, vocab) for name, vocab, _ in label_tables(_OLD_TABLES)}
    assert found == {
        ("_TEXT", "Sector"),
        ("_TEXT", "Severity"),
        ("_TEXT", "RelationType"),
        ("_TEXT", "Family"),
        ("_FLOW_KINDS", "FlowKind"),
        ("_SECTORS", "Sector"),
        ("_INTERESTS_OF_OFFICE", "OfficeRole"),
        ("_ROLE_LABELS", "SchemaRole"),
        ("_PAIRS", "Basis"),
    }


def test_the_scan_leaves_other_tables_alone() -> None:
    source = """
FINDING_COLOURS = {Severity.ERROR: "#CC3311", "warning": "#EE7733", "info": "#0077BB"}
NODE_STYLES = {Family.COMPANY: NodeStyle("box", "#77AADD")}
_RANK = {Severity.ERROR: 2, Severity.INFO: 0}
_WORDS = {"yes": Tr("oui", "yes"), "no": Tr("non", "no"), "member": Tr("membre", "member")}
"""
    assert list(label_tables(source)) == []


# --------------------------------------------------------------------------------------------
# The format docs list every vocabulary of a document, generated
# --------------------------------------------------------------------------------------------

FORMAT_DOCS = PACKAGE.parent / "docs" / "format.md"
_MARKERS = re.compile(
    r"(<!-- vocabularies:start [^\n]*-->\n)(.*?)(\n<!-- vocabularies:end -->)", re.S
)
_REGENERATE = "GES_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/test_vocabulary.py -k format_docs"


def test_the_format_docs_carry_the_generated_vocabulary_tables() -> None:
    """Regenerate: ``GES_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/test_vocabulary.py``."""
    text = FORMAT_DOCS.read_text(encoding="utf-8")
    found = _MARKERS.search(text)
    assert found is not None, "docs/format.md has lost its vocabularies:start/end markers"
    if os.environ.get("GES_UPDATE_DOCS"):
        text = _MARKERS.sub(lambda m: m.group(1) + vocabulary_tables("en") + m.group(3), text)
        FORMAT_DOCS.write_text(text, encoding="utf-8")
        found = _MARKERS.search(text)
        assert found is not None
    assert found.group(2) == vocabulary_tables("en"), (
        f"the vocabulary tables of docs/format.md drifted from ges_graph.vocabulary: "
        f"regenerate them with {_REGENERATE}"
    )


def test_the_tables_name_every_member_its_labels_and_its_synonyms() -> None:
    assert set(KEYS) == set(vocabulary.DOCUMENT_VOCABULARIES)
    for lang in LANGS:
        sections = vocabulary_tables(lang).split("\n### ")[1:]
        assert len(sections) == len(KEYS)
        for vocab, section in zip(KEYS, sections, strict=True):
            assert f"(`{KEYS[vocab]}`)" in section.splitlines()[0]
            for member in vocab:
                rows = section.splitlines()
                row = next(r for r in rows if r.startswith(f"| `{member.value}` |"))
                assert member.text.fr in row
                assert member.text.en in row
                assert all(s in row for s in member.synonyms)
    assert "### Forme (`form`)" in vocabulary_tables("fr")
    assert "### Flow kind (`kind`)" in vocabulary_tables("en")
    assert "autres écritures acceptées" in vocabulary_tables("fr")
