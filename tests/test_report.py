"""The validation report: verdict, grouping, filtering, text/HTML/JSON forms, raise_for_errors."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from ges_graph.errors import GESError, ValidationFailed
from ges_graph.graph import GES
from ges_graph.report import Finding, Report, Severity
from ges_graph.rules import validate


def finding(rule: str, severity: str, *subjects: str) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        subjects=subjects,
        message_fr=f"message {rule} <fr>",
        message_en=f"message {rule} <en>",
        reference="réf.",
    )


REPORT = Report(
    name="Groupe & Cie",
    findings=(
        finding("w1", "warning", "a"),
        finding("e1", "error", "a", "b", "relations[0]"),
        finding("i1", "info"),
        finding("e1", "error", "c", "rel-id"),
    ),
)


def test_conforms_means_no_error() -> None:
    assert not REPORT.conforms
    assert REPORT.filter(rules=["w1", "i1"]).conforms
    assert Report().conforms


def test_severities_are_ordered() -> None:
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert sorted([Severity.INFO, Severity.ERROR, Severity.WARNING]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]


def test_grouping_by_severity_and_rule() -> None:
    groups = REPORT.by_severity()
    assert list(groups) == [Severity.ERROR, Severity.WARNING, Severity.INFO]
    assert [f.subjects[0] for f in groups[Severity.ERROR]] == ["a", "c"]
    assert list(REPORT.by_rule()) == ["w1", "e1", "i1"]
    assert len(REPORT.by_rule()["e1"]) == 2
    assert REPORT.rules == {"w1", "e1", "i1"}
    assert len(REPORT.errors) == 2
    assert len(REPORT.warnings) == 1
    assert len(REPORT.infos) == 1


@pytest.mark.parametrize(
    ("floor", "rules"),
    [("error", ["e1", "e1"]), ("warning", ["w1", "e1", "e1"]), ("info", ["w1", "e1", "i1", "e1"])],
)
def test_filter_by_minimum_severity(floor: str, rules: list[str]) -> None:
    assert [f.rule for f in REPORT.filter(min_severity=floor)] == rules


def test_filter_by_subject_and_rule() -> None:
    assert [f.rule for f in REPORT.filter(subject="a")] == ["w1", "e1"]
    assert [f.rule for f in REPORT.filter(subject="rel-id")] == ["e1"]
    assert REPORT.filter(rules=["nope"]).findings == ()
    with pytest.raises(ValueError, match="'fatal'"):
        REPORT.filter(min_severity="fatal")


def test_report_and_findings_are_frozen() -> None:
    with pytest.raises(ValidationError):
        REPORT.name = "x"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        REPORT.findings[0].rule = "x"  # type: ignore[misc]


def test_messages_in_both_languages() -> None:
    f = REPORT.findings[0]
    assert f.message() == "message w1 <fr>"
    assert f.message("en") == "message w1 <en>"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        f.message("de")


def test_to_dict_is_the_json_of_the_cli_without_file() -> None:
    d = REPORT.to_dict(lang="en")
    assert set(d) == {"conforms", "findings"}
    assert d["conforms"] is False
    assert d["findings"][1] == {
        "rule": "e1",
        "severity": "error",
        "subjects": ["a", "b", "relations[0]"],
        "message": "message e1 <en>",
        "reference": "réf.",
    }
    json.dumps(d)
    assert REPORT.to_dict()["findings"][0]["message"] == "message w1 <fr>"


def test_text_groups_by_severity_errors_first() -> None:
    text = REPORT.to_text()
    lines = text.splitlines()
    assert lines[0] == "Groupe & Cie : non conforme (2 erreurs, 1 avertissement, 1 information)"
    assert lines[1] == "Erreurs (2)"
    assert text.index("Erreurs") < text.index("Avertissements") < text.index("Informations")
    assert "Sujets : a, b, relations[0]. Référence : réf." in text
    en = REPORT.to_text("en")
    assert en.startswith(
        "Groupe & Cie: does not conform (2 errors, 1 warning, 1 information finding)"
    )
    assert "Warnings (1)" in en
    assert str(REPORT) == text
    assert Report(name="G").to_text("en") == "G: conforms (no findings)"


def test_html_is_a_small_escaped_table() -> None:
    out = REPORT._repr_html_()
    assert out.startswith('<table class="ges-report">')
    assert out.count("<tr class=") == 4
    assert "message e1 &lt;fr&gt;" in out
    assert "Groupe &amp; Cie" in out
    assert "<fr>" not in out
    assert "message e1 &lt;en&gt;" in REPORT.to_html("en")


def test_raise_for_errors_is_opt_in() -> None:
    with pytest.raises(ValidationFailed) as info:
        REPORT.raise_for_errors()
    err = info.value
    assert isinstance(err, GESError)
    assert isinstance(err, ValueError)
    assert err.report is REPORT
    assert "2 erreurs" in str(err)
    assert "[e1] message e1 <fr>" in str(err)
    ok = REPORT.filter(rules=["w1"])
    assert ok.raise_for_errors() is ok


def test_validate_names_the_group_and_keeps_rule_order() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "Mosaïque",
            "entities": [
                {"id": "asso", "name": "Association Mosaïque", "form": "association"},
                {"id": "sarl", "name": "Mosaïque Emploi", "form": "sarl", "conventions": ["ai"]},
            ],
            "relations": [{"type": "shareholding", "from": "sarl", "to": "asso", "share": 10}],
        }
    )
    report = validate(ges)
    assert report.name == "Mosaïque"
    assert [f.rule for f in report.errors] == ["capital-into-non-company", "ai-form"]
    ai = report.errors[1]
    assert ai.subjects == ("sarl",)
    assert "Mosaïque Emploi (sarl)" in ai.message("fr")
    assert "Mosaïque Emploi (sarl)" in ai.message("en")
    assert ai.reference == "C. trav. L5132-7"


def test_validate_leaves_the_ges_unchanged() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "b", "name": "B", "form": "sa"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 60},
                {"type": "shareholding", "from": "b", "to": "a", "share": 60},
            ],
        }
    )
    before = ges.to_networkx()
    doc = ges.document.model_dump()
    first = validate(ges)
    assert validate(ges) == first
    assert ges.document.model_dump() == doc
    after = ges.to_networkx()
    assert list(before.edges(keys=True, data="type")) == list(after.edges(keys=True, data="type"))


def _validated_report() -> Report:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "b", "name": "B", "form": "sarl", "conventions": ["ai"]},
            ],
        }
    )
    return validate(ges)


def test_lazy_messages_pickle_copy_and_dump_as_texts() -> None:
    import copy
    import pickle

    report = _validated_report()
    back = pickle.loads(pickle.dumps(report))
    assert back == report
    assert back.findings[0].message("en") == report.findings[0].message("en")
    assert copy.deepcopy(report) == report
    dumped = json.loads(report.model_dump_json())
    first = dumped["findings"][0]
    assert first["messages"] == {
        "fr": report.findings[0].message_fr,
        "en": report.findings[0].message_en,
    }


def test_a_lazy_finding_equals_the_same_finding_given_as_texts() -> None:
    f = _validated_report().findings[0]
    fixed = Finding(
        rule=f.rule,
        severity=f.severity,
        subjects=f.subjects,
        message_fr=f.message_fr,
        message_en=f.message_en,
        reference=f.reference,
    )
    assert fixed == f
    assert hash(fixed.messages) == hash(f.messages)


def test_a_finding_needs_both_messages() -> None:
    with pytest.raises(ValidationError, match="message_fr and message_en"):
        Finding(rule="r", severity="info", message_fr="m", reference="—")  # type: ignore[call-arg]


def test_references_are_said_in_the_readers_language() -> None:
    # French typography before « ; » and « : », no English in French, « — » said in words.
    from ges_graph.rules import catalogue_text

    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "b", "name": "B", "form": "association"},
            ],
        }
    )
    fr, en = validate(ges).to_text("fr"), validate(ges).to_text("en")
    assert "Référence : COORACE, définition du GES" in fr  # no-siae
    assert "Référence : aucune (cohérence du document)" in fr  # isolated-member
    assert "COORACE definition" not in fr
    assert "Reference: COORACE definition of a GES" in en
    listing = catalogue_text("fr")
    assert "(CGI art. 261 B, 256 C ; BOI-TVA-CHAMP-30-10-40)" in listing
    assert "(COORACE : « une gouvernance unifiée »)" in listing
    assert "(—)" not in listing
    assert "(COORACE: “une gouvernance unifiée”)" in catalogue_text("en")


def test_to_text_names_rules_by_their_titles_without_being_given_them() -> None:
    # The heading and the « … more » line name the rule alike (the latter gave its id).
    import ges_graph.rules  # noqa: F401  (loaded, as whenever validate made the report)

    f = Finding(
        rule="isolated-member",
        severity="warning",
        subjects=("a",),
        message_fr="A est isolée.",
        message_en="A is isolated.",
        reference="—",
    )
    text = Report(findings=(f,) * 3, name="G").to_text("en", limit=1)
    assert "  Isolated member (isolated-member)\n" in text
    assert text.endswith("… and 2 more findings of the rule “Isolated member”")
