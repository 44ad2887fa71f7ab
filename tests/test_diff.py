"""diff(old, new): entities, relations, stakes, seats, flows, control, schema, findings."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from conformance_cases import CASES

from ges_graph.diff import Diff, diff
from ges_graph.graph import GES
from ges_graph.io import load

BASE: dict[str, Any] = {
    "format": "ges-graph/1",
    "name": "Groupe Tremplin",
    "as_of": "2025-12-31",
    "entities": [
        {
            "id": "tremplin",
            "name": "Association Tremplin",
            "form": "association",
            "conventions": ["aci"],
            "board_size": 12,
        },
        {"id": "holding", "name": "Tremplin Développement", "form": "sas"},
        {
            "id": "nettoyage",
            "name": "Tremplin Nettoyage",
            "form": "sarl",
            "conventions": ["ei"],
            "employees": 35,
        },
        {
            "id": "jardins",
            "name": "Jardins de Tremplin",
            "form": "association",
            "conventions": ["aci"],
            "board_size": 9,
        },
        {"id": "fai", "name": "France Active", "form": "other", "external": True},
    ],
    "relations": [
        {"type": "shareholding", "from": "tremplin", "to": "holding", "share": 100},
        {"type": "shareholding", "id": "h-n", "from": "holding", "to": "nettoyage", "share": 90},
        {"type": "shareholding", "from": "fai", "to": "nettoyage", "share": 10},
        {"type": "board", "from": "tremplin", "to": "jardins", "seats": 5},
        {"type": "office", "from": "tremplin", "to": "holding", "office": "president"},
        {
            "type": "flow",
            "kind": "management_fee",
            "from": "nettoyage",
            "to": "holding",
            "amount": 42000,
            "basis": "actual_cost",
            "agreement": True,
        },
    ],
}


def make(change: Any = None) -> GES:
    data = copy.deepcopy(BASE)
    if change is not None:
        change(data)
    return GES.from_data(data)


def test_same_state_is_no_change() -> None:
    d = diff(make(), make())
    assert not d
    assert d.changed is False
    assert d.to_text("fr").endswith("Aucun changement.")
    assert d.to_text("en").endswith("No change.")
    assert d.to_dict()["changed"] is False


def test_entities_added_removed_changed() -> None:
    def change(data: dict[str, Any]) -> None:
        data["entities"][2]["employees"] = 40
        data["entities"][2]["name"] = "Tremplin Propreté"
        data["entities"].append({"id": "interim", "name": "Tremplin Intérim", "form": "sas"})
        data["entities"] = [e for e in data["entities"] if e["id"] != "fai"]
        data["relations"] = [r for r in data["relations"] if r["from"] != "fai"]

    d = diff(make(), make(change))
    assert [(e.id, e.name, e.form) for e in d.entities_added] == [
        ("interim", "Tremplin Intérim", "sas")
    ]
    assert [e.id for e in d.entities_removed] == ["fai"]
    (c,) = d.entities_changed
    assert c.id == "nettoyage"
    assert [(f.field, f.old, f.new) for f in c.changes] == [
        ("name", "Tremplin Nettoyage", "Tremplin Propreté"),
        ("employees", 35, 40),
    ]
    assert [(r.from_, r.to, r.summary("en")) for r in d.relations_removed] == [
        ("fai", "nettoyage", "shareholding 10%")
    ]
    (removed,) = d.to_dict("fr")["relations"]["removed"]
    assert removed["summary"] == "participation au capital 10 %"
    assert removed["relation"] == {
        "type": "shareholding",
        "from": "fai",
        "to": "nettoyage",
        "share": 10.0,
    }


def test_a_default_and_an_explicit_default_are_the_same() -> None:
    def change(data: dict[str, Any]) -> None:
        data["entities"][1]["external"] = False
        data["entities"][1]["conventions"] = []
        data["relations"][5]["authorised"] = False

    assert not diff(make(), make(change))


def test_stakes_seats_flows_and_other_changes_are_disjoint() -> None:
    def change(data: dict[str, Any]) -> None:
        data["relations"][1]["share"] = {"min": 51, "max": 95}  # stake (matched by id)
        data["relations"][2]["start"] = "2020-01-01"  # not a stake: a date
        data["relations"][3]["seats"] = 4  # seats
        data["relations"][3]["chair"] = True
        data["relations"][4]["office"] = "general_manager"  # other
        data["relations"][5]["amount"] = 50000  # flow

    d = diff(make(), make(change))
    assert [(c.new_key, {f.field for f in c.changes}) for c in d.stakes_changed] == [
        ("h-n", {"share"})
    ]
    assert d.stakes_changed[0].changes[0].new == {"min": 51.0, "max": 95.0}
    assert [(c.to, c.fields) for c in d.seats_changed] == [("jardins", {"seats", "chair"})]
    assert [c.changes[0].field for c in d.flows_changed] == ["amount"]
    assert [(c.old_key, c.fields) for c in d.other_relations_changed] == [
        ("relations[2]", {"start"}),
        ("relations[4]", {"office"}),
    ]
    groups = d.stakes_changed + d.seats_changed + d.flows_changed + d.other_relations_changed
    assert sorted(c.new_key for c in groups) == sorted(c.new_key for c in d.relations_changed)
    assert not d.relations_added
    assert not d.relations_removed
    text = d.to_text("fr")
    assert "part du capital 90 % → 51–95 %" in text
    assert "montant 42 000 → 50 000" in text
    assert "présidence du conseil non → oui" in text


def test_relations_match_by_id_even_when_their_ends_change() -> None:
    def change(data: dict[str, Any]) -> None:
        data["relations"][1]["to"] = "jardins"

    d = diff(make(), make(change))
    (c,) = d.relations_changed
    assert (c.old_key, c.new_key) == ("h-n", "h-n")
    assert [(f.field, f.old, f.new) for f in c.changes] == [("to", "nettoyage", "jardins")]


def test_relations_without_id_match_by_signature_whatever_their_place() -> None:
    def change(data: dict[str, Any]) -> None:
        data["relations"].insert(
            0, {"type": "statutory_control", "from": "tremplin", "to": "jardins"}
        )
        data["relations"].reverse()

    d = diff(make(), make(change))
    assert not d.relations_changed
    assert not d.relations_removed
    assert [(r.type, r.key) for r in d.relations_added] == [("statutory_control", "relations[6]")]


def test_duplicates_pair_in_document_order() -> None:
    def two(first: float, second: float) -> Any:
        def change(data: dict[str, Any]) -> None:
            data["relations"][2]["share"] = first
            data["relations"].append(
                {"type": "shareholding", "from": "fai", "to": "nettoyage", "share": second}
            )

        return change

    d = diff(make(two(5, 5)), make(two(5, 7)))
    assert [(c.old_key, c.new_key) for c in d.stakes_changed] == [("relations[6]", "relations[6]")]
    assert not d.relations_added


def test_a_flow_of_another_kind_is_another_relation() -> None:
    def change(data: dict[str, Any]) -> None:
        data["relations"][5]["kind"] = "service"

    d = diff(make(), make(change))
    assert [r.summary("en") for r in d.relations_removed] == [
        "Tremplin Développement (holding) provides head-office services to "
        "Tremplin Nettoyage (nettoyage), which pays 42,000 EUR a year"
    ]
    assert [r.summary("en") for r in d.relations_added] == [
        "Tremplin Développement (holding) provides services to "
        "Tremplin Nettoyage (nettoyage), which pays 42,000 EUR a year"
    ]


def test_control_gained_and_lost() -> None:
    def change(data: dict[str, Any]) -> None:
        data["relations"][0]["share"] = 40  # tremplin loses the holding (and what it holds)
        data["relations"][3]["seats"] = 5
        data["relations"].append({"type": "statutory_control", "from": "holding", "to": "jardins"})

    d = diff(make(), make(change))
    lost = {(p.controller, p.controlled) for p in d.control_lost}
    gained = {(p.controller, p.controlled) for p in d.control_gained}
    assert {("tremplin", "holding"), ("tremplin", "nettoyage")} <= lost
    assert ("holding", "jardins") in gained
    assert "Contrôle perdu" in d.to_text("fr")
    assert "Association Tremplin (tremplin) controls" not in d.to_text("fr")
    # as in the moves' sentences: the article of a name that opens with a common noun
    assert "- l'Association Tremplin (tremplin) contrôle Tremplin Développement (holding)" in (
        d.to_text("fr")
    )
    assert "- Association Tremplin (tremplin) controls Tremplin Développement (holding)" in (
        d.to_text("en")
    )


def test_schema_and_head_changed() -> None:
    from ges_graph.classification import classify

    def change(data: dict[str, Any]) -> None:
        data["relations"][0]["share"] = 30

    old, new = make(), make(change)
    d = diff(old, new)
    before, after = classify(old), classify(new)
    assert before.head == "tremplin"
    assert d.head_changed is not None
    assert (d.head_changed.old, d.head_changed.new) == (before.head, after.head)
    if before.schema != after.schema:
        assert d.schema_changed is not None
        assert d.schema_changed.old is not None
        assert d.schema_changed.old.startswith(str(before.schema))
    assert d.to_dict("en")["head"] == {"old": "tremplin", "new": after.head}


def test_a_changed_schema_is_named_with_its_confidence_as_classify_names_it() -> None:
    from ges_graph.classification import classify

    def change(data: dict[str, Any]) -> None:
        data["relations"][0]["share"] = 30

    old, new = make(), make(change)
    before, after = classify(old), classify(new)
    assert before.schema == "S5"
    assert after.schema != "S5"
    lines = diff(old, new).to_text("fr").splitlines()
    (line,) = [x for x in lines if x.startswith("Schéma : ")]
    assert line.startswith(f"Schéma : {before.schema_caption('fr')} → ")
    assert "confiance moyenne" in line
    english = diff(new, old).to_text("en")
    assert f"→ {before.schema_caption('en')}" in english


def test_findings_appear_and_disappear() -> None:
    def into_association(data: dict[str, Any]) -> None:
        data["relations"].append(
            {"type": "shareholding", "from": "holding", "to": "jardins", "share": 20}
        )

    d = diff(make(), make(into_association))
    assert "capital-into-non-company" in {f.rule for f in d.findings_appeared}
    back = diff(make(into_association), make())
    assert "capital-into-non-company" in {f.rule for f in back.findings_disappeared}
    assert {f.rule for f in back.findings_appeared} == set()
    f = next(f for f in d.findings_appeared if f.rule == "capital-into-non-company")
    assert f.severity == "error"
    assert f.message("en") != f.message("fr")
    found = d.to_dict("en")["findings"]["appeared"]
    assert {"rule", "severity", "subjects", "message"} == set(found[0])


def test_findings_follow_relations_that_moved() -> None:
    def bad(data: dict[str, Any]) -> None:
        data["relations"].append(
            {"type": "shareholding", "from": "holding", "to": "jardins", "share": 20}
        )

    def bad_and_moved(data: dict[str, Any]) -> None:
        bad(data)
        data["relations"].insert(0, {"type": "membership", "from": "holding", "to": "tremplin"})

    d = diff(make(bad), make(bad_and_moved))
    moved = {f.rule for f in d.findings_appeared} & {f.rule for f in d.findings_disappeared}
    assert moved == set()


def test_json_form() -> None:
    def change(data: dict[str, Any]) -> None:
        data["as_of"] = "2026-06-30"
        data["relations"][1]["votes"] = {"min": 50, "max": 60}

    d = diff(make(), make(change))
    data = json.loads(d.to_json("en"))
    assert set(data) == {
        "old",
        "new",
        "changed",
        "moves",
        "document",
        "entities",
        "stakes",
        "seats",
        "flows",
        "relations",
        "control",
        "schema",
        "head",
        "findings",
    }
    assert data["document"] == [{"field": "as_of", "old": "2025-12-31", "new": "2026-06-30"}]
    (stake,) = data["stakes"]
    assert stake["from"] == "holding"
    assert stake["changes"] == [{"field": "votes", "old": None, "new": {"min": 50.0, "max": 60.0}}]


def test_language_is_checked() -> None:
    d = diff(make(), make())
    with pytest.raises(ValueError, match="unknown language 'de'"):
        d.to_text("de")


def test_diff_is_frozen_and_leaves_the_groups_alone() -> None:
    old, new = make(), make(lambda data: data["entities"][2].update(employees=3))
    before = (old.document.model_dump(), new.document.model_dump())
    d = diff(old, new)
    assert (old.document.model_dump(), new.document.model_dump()) == before
    with pytest.raises(ValueError, match="frozen"):
        d.old_name = "x"  # type: ignore[misc]


LOADABLE = [c for c in CASES if c.values[0] is None or not c.values[0].get("load_error")]


@pytest.mark.parametrize("case", LOADABLE)
def test_a_conformance_document_against_itself_and_against_nothing(case: dict[str, Any]) -> None:
    ges = load(case["path"])
    assert not diff(ges, ges)
    minimal = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": ges.name,
            "entities": [{"id": "zz-other", "name": "Other", "form": "association"}],
        }
    )
    forth, back = diff(minimal, ges), diff(ges, minimal)
    assert {e.id for e in forth.entities_added} == set(ges.entities)
    assert forth.entities_added == back.entities_removed
    assert forth.relations_added == back.relations_removed
    assert forth.control_gained == back.control_lost
    assert forth.findings_appeared == back.findings_disappeared
    assert isinstance(forth, Diff)


def test_notebook_html_is_a_small_escaped_table() -> None:
    def change(data: dict[str, Any]) -> None:
        data["entities"][2]["name"] = "Nettoyage <b>&</b> Cie"

    page = diff(make(), make(change))._repr_html_()
    assert page.startswith("<table><caption>Changements du Groupe Tremplin</caption>")
    assert '<th scope="row">Entités modifiées</th>' in page
    assert "Nettoyage &lt;b&gt;&amp;&lt;/b&gt; Cie" in page
    assert "<b>" not in page
    assert "Aucun changement" in diff(make(), make())._repr_html_()


def test_a_changed_date_reads_as_a_date_and_french_sets_its_semicolons_apart() -> None:
    def change(data: dict[str, Any]) -> None:
        data["as_of"] = "2026-06-30"
        data["territory"] = "Loire-Atlantique (44)"

    d = diff(make(), make(change))
    assert "date de référence 31/12/2025 → 30/06/2026" in d.to_text("fr")
    assert "territoire — → Loire-Atlantique (44) ; date de référence" in d.to_text("fr")
    assert "territory — → Loire-Atlantique (44); as of 2025-12-31 → 2026-06-30" in d.to_text("en")


def test_a_title_says_a_group_once_and_quotes_a_name_that_reads_as_a_sentence() -> None:
    def rename(data: dict[str, Any]) -> None:
        data["name"] = "Deux associations sans tête"

    assert make().name == "Groupe Tremplin"
    assert diff(make(), make()).to_text("fr").startswith("Changements du Groupe Tremplin\n")
    assert diff(make(), make()).to_text("en").startswith("Changes to Groupe Tremplin\n")
    renamed = diff(make(), make(rename))
    assert renamed.to_text("fr").startswith(
        "Changements du Groupe Tremplin au groupe « Deux associations sans tête »\n"
    )
    assert renamed.to_text("en").startswith(
        "Changes from Groupe Tremplin to Deux associations sans tête\n"
    )


_EVOLIO: dict[str, Any] = {
    "format": "ges-graph/1",
    "name": "Evolio",
    "entities": [
        {"id": "e", "name": "Evolio", "form": "association", "conventions": ["aci"]},
        {"id": "b", "name": "Evolio Bâtiment", "form": "sas"},
        {"id": "s", "name": "Evolio Services", "form": "sas"},
    ],
    "relations": [
        {"type": "shareholding", "from": "e", "to": "b", "share": 60},
        {"type": "shareholding", "from": "e", "to": "s", "share": 100},
    ],
}


def _pair(new_entities: list[dict[str, Any]], new_relations: list[dict[str, Any]]) -> Diff:
    base = copy.deepcopy(_EVOLIO)
    new = copy.deepcopy(base)
    new["entities"] += new_entities
    new["relations"] = [*new["relations"], *new_relations]
    return diff(GES.from_data(base), GES.from_data(new))


def test_the_moves_say_no_more_than_the_documents() -> None:
    # a created entity is « détenue à 100 % » or controlled « en vertu de ses statuts » only
    # when it is; a part of the capital, a seat, a membership are other changes
    partly = _pair(
        [{"id": "i", "name": "Evolio Immobilier", "form": "sci"}],
        [{"type": "shareholding", "from": "e", "to": "i", "share": {"min": 20, "max": 30}}],
    )
    said = [m.text_fr for m in partly.moves]
    assert said == ["Evolio acquiert de 20 à 30 % du capital d'Evolio Immobilier"]
    seat = _pair(
        [{"id": "a", "name": "Evolio Avenir", "form": "association", "board_size": 5}],
        [{"type": "board", "from": "e", "to": "a", "seats": 1}],
    )
    assert not any("statuts" in m.text_fr for m in seat.moves)
    above = _pair(
        [{"id": "p", "name": "Evolio Participations", "form": "sa"}],
        [{"type": "shareholding", "from": "p", "to": "e", "share": 10}],
    )
    assert [m.text_fr for m in above.moves] == [
        "Evolio Participations acquiert 10 % du capital d'Evolio"
    ]
    assert not any("tête de groupe" in m.text_fr for m in above.moves)
    whole = _pair(
        [{"id": "h", "name": "Holding Evolio", "form": "sas"}],
        [{"type": "shareholding", "from": "e", "to": "h", "share": 100}],
    )
    assert whole.moves[0].text_fr.startswith(
        "créer la Holding Evolio, une SAS détenue à 100 % par Evolio"
    )


def test_a_takeover_is_the_same_shares_passing_to_a_new_holder() -> None:
    # Evolio held 60 % of Evolio Bâtiment; Evolio Services now holds 25 %: not « reprend les
    # titres … détenus par Evolio », but an acquisition and an end
    assert _pair([], []).moves == ()
    doc = _EVOLIO
    new = copy.deepcopy(doc)
    new["relations"][0] = {"type": "shareholding", "from": "s", "to": "b", "share": 25}
    said = [m.text_fr for m in diff(GES.from_data(doc), GES.from_data(new)).moves]
    assert not any("reprend les titres" in s for s in said)
    assert "Evolio Services acquiert 25 % du capital d'Evolio Bâtiment" in said
    same = copy.deepcopy(doc)
    same["relations"][0] = {"type": "shareholding", "from": "s", "to": "b", "share": 60}
    said = [m.text_fr for m in diff(GES.from_data(doc), GES.from_data(same)).moves]
    assert said[0] == "Evolio Services reprend les titres d'Evolio Bâtiment détenus par Evolio"
