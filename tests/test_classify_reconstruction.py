"""The schemas are reconstructions: every output says so with the confidence, scores tell apart.

Wherever a schema's name reaches a person (the text account, the notebook display, the HTML
report) it comes with one short phrase: a reconstruction of the COORACE typology and its
confidence, or « schéma fourni » for a user's own schema. The per-schema scores count only the
conditions that tell schemas apart; those every schema tried shares (decided from the tests, not
the ids) are reported once (``cli.md``, second edition).
"""

from __future__ import annotations

import copy
import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from ges_graph._data import example_path, reference_schema_path
from ges_graph.classification import classify
from ges_graph.graph import GES
from ges_graph.html_report import report_html
from ges_graph.i18n import LANGS, Lang
from ges_graph.io import load
from ges_graph.schemas import (
    SchemaDef,
    is_reference_file,
    load_schema_file,
    load_schema_text,
    reference_schemas,
)
from ges_graph.vocabulary import ConfidenceLevel

Data = dict[str, Any]

S5_FR = (
    "S5 — Groupe mixte avec gouvernance associative et SAS "
    "(reconstitution de la typologie COORACE, confiance moyenne)"
)
S5_EN = (
    "S5 — Mixed group with associative governance and an SAS "
    "(reconstruction of the COORACE typology, medium confidence)"
)
S5 = {"fr": S5_FR, "en": S5_EN}
COMMON_IDS = ["at-least-two-members", "unified-governance", "no-outside-control"]
TWO_HEADS = {
    "format": "ges-graph/1",
    "name": "Deux têtes",
    "entities": [
        {"id": "a1", "name": "Alpha", "form": "association", "conventions": ["ai"]},
        {"id": "a2", "name": "Beta", "form": "association"},
    ],
}


def schema(schema_id: str) -> SchemaDef:
    return next(s for s in reference_schemas() if s.id == schema_id)


def s1_under_outside_control() -> GES:
    """S1's example with an outside investor controlling the head: a common condition fails."""
    data = copy.deepcopy(dict(schema("S1").example_data))
    data["entities"].append({"id": "x", "name": "Investisseur X", "form": "sa", "external": True})
    data["relations"].append({"type": "statutory_control", "from": "x", "to": "pi"})
    return GES.from_data(data)


def custom(schema_id: str, conditions: str, head: str = "{head: {family: [associative]}}") -> str:
    """A user's schema file: its head condition and ``conditions`` (YAML list items)."""
    return (
        f"id: {schema_id}\ntitle: {{fr: Schéma {schema_id}, en: Schema {schema_id}}}\n"
        "confidence: low\nbasis: {fr: un essai, en: a trial}\n"
        f"head_condition: {{id: h, text: {{fr: tête, en: head}}, test: {head}}}\n"
        f"conditions:\n{conditions}"
        "example: {format: ges-graph/1, name: E, entities: [{id: a, name: A, form: association}]}\n"
    )


def text_of(page: str, section: str) -> str:
    """The readable text of one section of a report page, tags removed, spaces collapsed."""
    start = page.index(f'id="{section}"')
    end = page.find("<section", start)
    body = re.sub(r"<[^>]+>", " ", page[start : end if end > 0 else None])
    return " ".join(html.unescape(body).split())


# -- the phrase ---------------------------------------------------------------------------------


def test_confidence_labels_agree_with_confiance() -> None:
    assert [c.label_in("fr") for c in ConfidenceLevel] == [
        "élevée",
        "moyenne",
        "faible à moyenne",
        "faible",
    ]
    assert {c.value for c in ConfidenceLevel} == {s.confidence for s in reference_schemas()}


@pytest.mark.parametrize("lang", LANGS)
def test_every_reference_schema_is_captioned_as_a_reconstruction(lang: Lang) -> None:
    typology = {"fr": "reconstitution de la typologie COORACE", "en": "reconstruction of the"}
    for s in reference_schemas():
        level = ConfidenceLevel(s.confidence)
        caption = s.caption(lang)
        title = s.title(lang)
        # a title ending in a parenthesis takes the origin inside it (one parenthesis, not two)
        opening = (
            f"{title[:-1]}{' ;' if lang == 'fr' else ';'} " if title.endswith(")") else f"{title} ("
        )
        assert caption.startswith(f"{s.id} — {opening}")
        assert caption.count("(") == title.count("(") + (0 if title.endswith(")") else 1)
        assert typology[lang] in caption
        confidence = f"confiance {level.label_in('fr')})" if lang == "fr" else ""
        assert caption.endswith(confidence or f"{level.label_in('en')} confidence)")
    assert schema("S3").caption("fr").endswith("confiance faible à moyenne)")
    assert schema("S4").caption("en").endswith("COORACE typology, low confidence)")


def test_a_schema_outside_the_reference_folder_is_a_supplied_one(tmp_path: Path) -> None:
    copied = tmp_path / "S1.yaml"
    shutil.copy(reference_schema_path("S1.yaml"), copied)
    assert load_schema_file(reference_schema_path("S1.yaml")).reference
    assert not is_reference_file(copied)
    mine = load_schema_file(copied)
    assert not mine.reference
    assert mine.origin("fr") == "schéma fourni, confiance élevée"
    assert mine.origin("en") == "user-supplied schema, high confidence"
    text = load_schema_text(custom("S7", "  []\n"))
    assert text.caption("fr") == "S7 — Schéma S7 (schéma fourni, confiance faible)"
    result = classify(schema("S1").example_ges(), [mine])
    assert result.schema_caption("fr") == (
        "S1 — Groupe associatif ou union d'associations, variante 1a "
        "(schéma fourni, confiance élevée)"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_text_names_the_schema_with_its_caption(lang: Lang) -> None:
    result = classify(schema("S5").example_ges())
    label = {"fr": "Schéma : ", "en": "Schema: "}[lang]
    assert result.to_text(lang).splitlines()[1] == label + S5[lang]
    nearest = classify(GES.from_data(TWO_HEADS)).to_text(lang)
    line = next(x for x in nearest.splitlines() if x.startswith(("Schéma le plus", "Nearest")))
    caption = classify(GES.from_data(TWO_HEADS)).candidate("S1").caption(lang)
    taking = {
        "fr": ", en prenant Alpha (a1) comme tête de groupe",
        "en": ", taking Alpha (a1) as the head",
    }
    assert line.endswith(caption + taking[lang])
    assert "typolog" in caption


def test_the_notebook_display_names_the_schema_with_its_caption() -> None:
    result = classify(schema("S5").example_ges())
    shown = html.unescape(result._repr_html_())
    assert f"schéma {S5_FR}, tête de groupe Association Tremplin (tremplin)" in shown
    assert shown.count("reconstitution de la typologie COORACE") == 1 + len(result.candidates)
    assert "Conditions communes à tous les schémas remplies : 3 sur 3" in shown
    none = html.unescape(classify(GES.from_data(TWO_HEADS))._repr_html_())
    assert "aucun schéma ne correspond ; le plus proche : S1 — Groupe associatif" in none


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_names_the_schema_with_its_caption(lang: Lang) -> None:
    page = report_html(load(example_path("tremplin.yaml")), lang=lang, diagram=False)
    assert S5[lang] in text_of(page, "summary")
    section = text_of(page, "classification")
    assert S5[lang] in section
    for s in reference_schemas():
        assert s.caption(lang) in section  # the table of every schema
    common = {"fr": "Conditions communes à tous les schémas (3 / 3)", "en": "common to every"}
    assert common[lang] in section


def test_the_report_names_a_supplied_schema_as_such() -> None:
    own = load_schema_text(custom("S7", "  []\n"), file="S7.yaml")
    page = report_html(GES.from_data(TWO_HEADS), lang="fr", diagram=False, schemas=[own])
    assert "S7 — Schéma S7 (schéma fourni, confiance faible)" in text_of(page, "summary")
    assert "typologie COORACE" not in text_of(page, "classification")


# -- confidence and common conditions in the JSON -------------------------------------------------


def test_the_json_carries_the_confidence_of_the_matched_else_nearest_schema() -> None:
    assert classify(schema("S3").example_ges()).to_dict()["confidence"] == "low to medium"
    nearest = classify(GES.from_data(TWO_HEADS))
    assert nearest.schema is None
    assert nearest.to_dict()["confidence"] == schema(nearest.nearest or "").confidence
    assert classify(schema("S1").example_ges(), []).to_dict()["confidence"] is None
    assert classify(schema("S1").example_ges(), []).to_dict()["common"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_common_conditions_are_reported_once_and_left_out_of_the_candidates(lang: Lang) -> None:
    data = classify(s1_under_outside_control()).to_dict(lang)
    assert [c["id"] for c in data["common"]] == COMMON_IDS
    assert [c["held"] for c in data["common"]] == [True, True, False]
    assert "Investisseur X" in data["common"][2]["message"]
    for candidate in data["candidates"]:
        ids = [c["id"] for c in candidate["conditions"]]
        assert ids
        assert not set(ids) & set(COMMON_IDS)
        assert candidate["score"] == round(
            sum(c["held"] for c in candidate["conditions"]) / len(ids), 4
        )


def test_a_common_condition_failing_for_every_schema_moves_no_score() -> None:
    plain = classify(schema("S1").example_ges())
    outside = classify(s1_under_outside_control())
    assert outside.schema is None
    assert outside.nearest == "S1"  # the nearest is still chosen on every condition
    assert [c.id for c in outside.candidate("S1").failed] == ["no-outside-control"]
    assert [c.score for c in outside.candidates] == [c.score for c in plain.candidates]
    assert outside.candidate("S1").score == 1.0  # 5 of 6 if the common ones counted


def test_common_is_decided_from_the_tests_not_from_the_ids() -> None:
    ges = schema("S5").example_ges()
    renamed = custom(
        "S7",
        "  - {id: deux, text: {fr: deux, en: two}, test: {members: {at_least: 2}}}\n"
        "  - {id: une, text: {fr: une, en: one}, test: {unified: true}}\n"
        "  - {id: libre, text: {fr: libre, en: free}, test: {head_outside_control: false}}\n",
    )
    same = classify(ges, [*reference_schemas(), load_schema_text(renamed)])
    assert [c.id for c in same.common] == COMMON_IDS
    assert [c.score for c in same.candidates[:6]] == [c.score for c in classify(ges).candidates]
    assert same.candidate("S7").distinguishing == same.candidate("S7").conditions[:1]
    # a schema that does not state them leaves nothing common: every condition counts again
    lacking = custom("S8", "  - {id: une, text: {fr: une, en: one}, test: {unified: true}}\n")
    mixed = classify(ges, [*reference_schemas(), load_schema_text(lacking)])
    assert [c.id for c in mixed.common] == ["unified-governance"]
    s1 = mixed.candidate("S1")
    assert len(s1.distinguishing) == len(s1.conditions) - 1
    # with one schema, nothing tells it apart from another: its score counts everything
    alone = classify(ges, [schema("S5")])
    assert alone.common == ()
    assert alone.to_dict()["candidates"][0]["conditions"][1]["id"] == "at-least-two-members"
