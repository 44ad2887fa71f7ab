"""French messages agree with what they name: number, gender, the article of a name.

A jurist reads « 1 siège », « aucune relation », « et 1 autre », « permise » for a convention
and « permis » for a loan, « Tête possible » when there is one: each case here was wrong once.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from ges_graph import classify, validate
from ges_graph.graph import GES
from ges_graph.schemas.context import Context


def _ges(entities: list[dict[str, Any]], relations: list[dict[str, Any]]) -> GES:
    return GES.from_data(
        {"format": "ges-graph/1", "name": "G", "entities": entities, "relations": relations}
    )


def _messages(ges: GES, rule: str, lang: str = "fr") -> list[str]:
    return [f.message(lang) for f in validate(ges).findings if f.rule == rule]


def _asso(i: str, name: str) -> dict[str, Any]:
    return {"id": i, "name": name, "form": "association"}


@pytest.mark.parametrize(
    ("kind", "fr"),
    [("loan", "Prêt : "), ("treasury", "Convention de trésorerie : ")],
)
def test_a_nonprofit_loan_agrees_with_its_kind(kind: str, fr: str) -> None:
    ges = _ges(
        [_asso("a", "Alpha"), _asso("b", "Beta")],
        [
            {"type": "statutory_control", "from": "a", "to": "b"},
            {"type": "flow", "kind": kind, "from": "a", "to": "b", "amount": 1000},
        ],
    )
    (message,) = _messages(ges, "nonprofit-loan")
    assert message.startswith(fr)
    participle = "permis " if kind == "loan" else "permise "
    assert f" ; {participle}entre organismes sans but lucratif" in message


def test_one_head_candidate_is_named_in_the_singular_and_one_missing_member_too() -> None:
    # x and y control each other: Horizon is the one candidate, and reaches neither
    ges = _ges(
        [_asso("h", "Horizon"), _asso("x", "Xénon"), _asso("y", "Ypsilon")],
        [
            {"type": "statutory_control", "from": "x", "to": "y"},
            {"type": "statutory_control", "from": "y", "to": "x"},
        ],
    )
    messages = _messages(ges, "governance-not-unified")
    assert len(messages) == 1
    assert "Tête possible : " in messages[0]
    assert "Têtes possibles" not in messages[0]
    assert "(manquent : " in messages[0]  # two members missed


def test_many_head_candidates_end_with_one_more_in_the_singular() -> None:
    ges = _ges([_asso(f"a{i}", f"Asso {i}") for i in range(6)], [])
    (message,) = _messages(ges, "governance-not-unified")
    assert "et 1 autre tête possible." in message
    (english,) = _messages(ges, "governance-not-unified", "en")
    assert "and 1 more head candidate." in english


def test_a_board_of_one_seat_is_counted_in_the_singular() -> None:
    ges = _ges(
        [_asso("a", "Alpha"), {**_asso("b", "Beta"), "board_size": 1}],
        [{"type": "board", "from": "a", "to": "b", "seats": 2}],
    )
    (message,) = _messages(ges, "board-over-size")
    assert "totalisent 2, alors que ce conseil compte 1 siège (" in message
    (english,) = _messages(ges, "board-over-size", "en")
    assert "add up to 2, while that board has 1 seat (" in english


def test_scic_categories_are_named_by_their_labels() -> None:
    ges = _ges(
        [
            {"id": "v", "name": "Vallée Solidaire", "form": "scic"},
            {"id": "c", "name": "Commune", "form": "public_body", "public_kind": "commune"},
            _asso("p", "Partenaire"),
        ],
        [
            {
                "type": "shareholding",
                "from": "c",
                "to": "v",
                "share": 10,
                "category": "public_bodies",
            },
            {"type": "shareholding", "from": "p", "to": "v", "share": 10, "category": "partners"},
        ],
    )
    (message,) = _messages(ges, "scic-categories")
    assert "dans les catégories « personnes publiques » et « partenaires »" in message
    assert "public_bodies" not in message
    assert "(employees)" not in message


def test_a_grouping_takes_its_article_after_dans() -> None:
    ges = _ges(
        [
            _asso("a", "Alpha"),
            _asso("b", "Beta"),
            {"id": "g", "name": "GIE Horizon", "form": "gie"},
        ],
        [
            {"type": "membership", "from": "a", "to": "g", "votes": 70},
            {"type": "membership", "from": "b", "to": "g", "votes": 70},
        ],
    )
    (message,) = _messages(ges, "capital-over-100")
    assert " dans le GIE Horizon (g) : " in message


# -- a name that opens with a common noun takes its article, as subject or object too ---------

_TREMPLIN = [
    {"id": "t", "name": "Association Tremplin", "form": "association", "conventions": ["aci"]},
    {"id": "h", "name": "Holding Tremplin", "form": "sas"},
    {"id": "n", "name": "Evolio", "form": "sarl", "conventions": ["ei"]},
]
_TREMPLIN_RELATIONS = [
    {"type": "shareholding", "from": "t", "to": "h", "share": 100},
    {"type": "shareholding", "from": "h", "to": "n", "share": 90},
    {"type": "office", "from": "t", "to": "h", "office": "president"},
    {"type": "flow", "kind": "management_fee", "from": "n", "to": "h", "amount": 30000},
]


def test_a_rule_message_opens_with_the_article_of_its_subject_in_capitals() -> None:
    ges = _ges(
        [_asso("a", "Association Chantiers Verts"), {"id": "e", "name": "Verts", "form": "sarl"}],
        [
            {"type": "shareholding", "from": "a", "to": "e", "share": 100},
            {
                "type": "flow",
                "kind": "staff_secondment",
                "from": "e",
                "to": "a",
                "amount": 6000,
                "basis": "market_price",
            },
        ],
    )
    (message,) = _messages(ges, "secondment-for-profit")
    assert message.startswith("L'Association Chantiers Verts (a) met du personnel à disposition")
    (english,) = _messages(ges, "secondment-for-profit", "en")
    assert english.startswith("Association Chantiers Verts (a) seconds staff to Verts (e)")


def test_subjects_inside_a_message_take_their_article_in_lower_case() -> None:
    ges = _ges(_TREMPLIN, _TREMPLIN_RELATIONS)
    (message,) = _messages(ges, "company-regulated-agreement")
    assert message.startswith(
        "Convention réglementée d'Evolio (n) : la Holding Tremplin (h) rend des services de siège "
        "à Evolio (n), qui paie 30 000 EUR par an (relations[3]) ; la Holding Tremplin (h) "
        "figure parmi ses associés ; "
    )


def test_why_names_the_controller_and_the_chain_with_their_articles() -> None:
    ges = _ges(_TREMPLIN, _TREMPLIN_RELATIONS)
    why = ges.control.why("t", "n")
    assert why is not None
    assert why.sentence("fr") == (
        "l'Association Tremplin contrôle Evolio : 90 % des droits de vote par l'intermédiaire de "
        "la Holding Tremplin, qu'elle contrôle (100 % des droits de vote)"
    )
    assert why.sentence("en").startswith(
        "Association Tremplin controls Evolio: 90% of the voting rights through "
    )


def test_the_head_is_set_between_commas_when_its_name_opens_with_a_common_noun() -> None:
    said = [
        c.message("fr")
        for r in classify(_ges(_TREMPLIN, _TREMPLIN_RELATIONS)).candidates
        for c in r.conditions
    ]
    assert any(s.startswith("la tête de groupe, l'Association Tremplin, a la forme ") for s in said)
    assert not any("tête de groupe Association" in s for s in said)
    evolio = _ges(
        [{**_TREMPLIN[2], "conventions": []}, _asso("x", "Xénon")],
        [{"type": "statutory_control", "from": "n", "to": "x"}],
    )
    said = [c.message("fr") for r in classify(evolio).candidates for c in r.conditions]
    assert any(s.startswith("la tête de groupe Evolio a la forme ") for s in said)


def _unified_sentence(ges: GES) -> str:
    (unified,) = (
        c for c in classify(ges).candidates[0].conditions if c.condition.id == "unified-governance"
    )
    return unified.message("fr")


def test_members_out_of_the_one_candidates_reach_are_the_subject() -> None:
    # One head candidate, Horizon, and the two members it does not reach (they control each
    # other). Said « Horizon n'atteint pas A et B », a list after a negation read as « neither
    # of them »: the members are now the subject.
    two = _ges(
        [_asso("h", "Association Horizon"), _asso("x", "Union X"), _asso("y", "Union Y")],
        [
            {"type": "statutory_control", "from": "x", "to": "y"},
            {"type": "statutory_control", "from": "y", "to": "x"},
        ],
    )
    assert _unified_sentence(two) == (
        "la gouvernance n'est pas unifiée : l'Union X et l'Union Y sont hors du périmètre de "
        "l'Association Horizon, seule tête possible"
    )


@pytest.mark.parametrize(
    ("form", "share", "said"),
    [
        (
            "sarl",
            100,
            "l'Association Tremplin (t) en est l'associé unique ; la convention est seulement "
            "mentionnée au registre des décisions (C. com. L223-19).",
        ),
        (
            "sas",
            100,
            "l'Association Tremplin (t) en est l'associé unique ; la convention est seulement "
            "mentionnée au registre des décisions (C. com. L227-10).",
        ),
        (
            "sarl",
            90,
            "l'Association Tremplin (t) figure parmi ses associés ; le commissaire aux comptes, "
            "s'il en existe un, ou à défaut le gérant, en fait rapport à l'assemblée des associés, "
            "qui statue sur ce rapport (C. com. L223-19).",
        ),
    ],
)
def test_an_agreement_with_the_single_shareholder_is_only_recorded(
    form: str, share: int, said: str
) -> None:
    # L223-19 al. 3, L227-10 al. 4: a company whose whole capital one party holds (an EURL or
    # SASU in fact, whatever the document calls its form) records the agreement, no report
    ges = _ges(
        [_asso("t", "Association Tremplin"), {"id": "n", "name": "Evolio", "form": form}],
        [
            {"type": "shareholding", "from": "t", "to": "n", "share": share},
            {"type": "flow", "kind": "management_fee", "from": "n", "to": "t", "amount": 9000},
        ],
    )
    (message,) = _messages(ges, "company-regulated-agreement")
    assert message.endswith(said + _EXEMPT)


def test_an_sa_agreement_is_said_with_both_exclusions_of_l225_39() -> None:
    # L225-39: neither ordinary agreements on normal terms, nor those between two companies one
    # of which holds the whole capital of the other
    ges = _ges(
        [
            {"id": "h", "name": "Holding Tremplin", "form": "sas"},
            {"id": "s", "name": "Evolio", "form": "sa"},
        ],
        [
            {"type": "shareholding", "from": "h", "to": "s", "share": 60},
            {"type": "flow", "kind": "management_fee", "from": "s", "to": "h", "amount": 9000},
        ],
    )
    (message,) = _messages(ges, "company-regulated-agreement")
    assert message.endswith(
        "(C. com. L225-38 et L225-40 ou, en présence d'un directoire, L225-86 et L225-88). "
        "Cette procédure ne s'applique pas à "
        "une convention portant sur une opération courante et conclue à des conditions normales, "
        "ni à une convention conclue "
        "entre deux sociétés dont l'une détient, directement ou indirectement, la totalité du "
        "capital de l'autre, le cas échéant déduction faite des actions que requiert le nombre "
        "légal d'actionnaires."
    )


_EXEMPT = (
    # L227-11, L223-20: the procedure does not apply, with no test of significance (L612-5's)
    " Cette procédure ne s'applique pas à une convention portant sur une opération courante et "
    "conclue à des conditions normales."
)


def test_why_a_member_is_controlled_from_outside_is_a_sentence_of_its_own() -> None:
    # the explanation has its own « : » (« … contrôle … : 60 % du capital »): after « hors du
    # groupe : » it made two colons in one sentence
    ges = _ges(
        [
            {"id": "f", "name": "Fonds Régional", "form": "other", "external": True},
            {"id": "s", "name": "Horizon Services", "form": "sas"},
            _asso("a", "Association Horizon"),
        ],
        [
            {"type": "shareholding", "from": "f", "to": "s", "share": 60},
            {"type": "shareholding", "from": "a", "to": "s", "share": 40},
        ],
    )
    (message,) = _messages(ges, "outside-control")
    assert message == (
        "Horizon Services (s) est sous le contrôle du Fonds Régional (f), hors du groupe. Le Fonds "
        "Régional contrôle Horizon Services : participation au capital conférant 60 % des droits "
        "de vote."
    )


def _conditions(ges: GES, lang: str = "fr") -> dict[str, str]:
    """Every condition's sentence, by condition id (the first schema that has it)."""
    said: dict[str, str] = {}
    for candidate in classify(ges).candidates:
        for c in candidate.conditions:
            said.setdefault(c.id, c.message(lang))
    return said


def _union_of(unions: list[str], extra: list[dict[str, Any]] | None = None) -> GES:
    """Three associations, each a member of every union of ``unions``; two SAS holding each
    other's majority when ``extra`` is asked for (a cycle out of every reach)."""
    members = [_asso("a", "Association Alpha"), _asso("b", "Association Beta"), _asso("c", "Gamma")]
    entities = [{"id": f"u{i}", "name": name, "form": "union"} for i, name in enumerate(unions)]
    links = [
        {"type": "membership", "from": m["id"], "to": e["id"]} for e in entities for m in members
    ]
    return _ges([*entities, *members, *(extra or [])], links + (_CYCLE if extra else []))


_CYCLE = [
    {"type": "shareholding", "from": "x", "to": "y", "share": 60},
    {"type": "shareholding", "from": "y", "to": "x", "share": 60},
]


def test_a_filter_is_said_after_the_noun_without_parentheses() -> None:
    # « aucun membre (holding intermédiaire) (attendu : aucun) » read as data, not a sentence
    ges = _ges(
        [
            _asso("t", "Association Tremplin"),
            {"id": "h", "name": "Tremplin Développement", "form": "sas"},
            {"id": "n", "name": "Tremplin Nettoyage", "form": "sarl"},
        ],
        [
            {"type": "shareholding", "from": "t", "to": "h", "share": 100},
            {"type": "shareholding", "from": "h", "to": "n", "share": 100},
        ],
    )
    said = _conditions(ges)
    assert said["no-intermediate-holding"] == (
        "1 membre constituant une holding intermédiaire : Tremplin Développement (attendu : aucun)"
    )
    assert said["no-company-or-cooperative"].startswith(
        "2 membres de type société ou coopérative : Tremplin Développement et Tremplin Nettoyage"
    )
    assert said["no-shareholding-between-members"] == (
        "2 relations de type « participation au capital » entre membres : Tremplin Développement "
        "détient une participation au capital de Tremplin Nettoyage ; l'Association Tremplin "
        "détient une participation au capital de Tremplin Développement (attendu : aucune)"
    )
    alone = _conditions(_ges([_asso("a", "Alpha"), _asso("b", "Beta")], []))
    assert alone["no-intermediate-holding"] == (
        "aucun membre constituant une holding intermédiaire (attendu : aucun)"
    )
    english = _conditions(ges, "en")["no-intermediate-holding"]
    assert english.startswith("1 member acting as an intermediate holding: ")
    for text in [*said.values(), *alone.values()]:
        assert not re.search(r"membres? \((?!attendu)", text), text  # « membre (du type… »
        assert ") (attendu" not in text, text


def test_unified_governance_says_which_of_the_three_ways_it_fails() -> None:
    # « aucun membre ne contrôle A, B et C, et aucun ne les fédère tous » was said in every case,
    # false when one candidate coordinates the others (and misses members) or several do
    two = _ges([_asso("a", "Association Alpha"), _asso("b", "Evolio")], [])
    assert _conditions(two)["unified-governance"] == (
        "la gouvernance n'est pas unifiée : aucune des deux têtes possibles, l'Association Alpha "
        "et Evolio, ne coordonne l'autre"
    )
    pair = [{"id": "x", "name": "Xeno", "form": "sas"}, {"id": "y", "name": "Ypso", "form": "sas"}]
    one = _union_of(["Union Nord"], pair)
    assert _conditions(one)["unified-governance"] == (
        "la gouvernance n'est pas unifiée : l'Union Nord coordonne toutes les autres têtes "
        "possibles, mais Xeno et Ypso sont hors de son périmètre"
    )
    (rule,) = _messages(one, "governance-not-unified")  # a union's reach is its members'
    assert (
        "l'Union Nord (u0) a dans son périmètre de coordination (ses membres et ce qu'ils " in rule
    )
    several = _union_of(["Union Nord", "Union Sud"])
    assert _conditions(several)["unified-governance"] == (
        "la gouvernance n'est pas unifiée : deux têtes possibles, l'Union Nord et l'Union Sud, "
        "coordonnent chacune toutes les autres"
    )
    assert _conditions(several, "en")["unified-governance"] == (
        "governance is not unified: two head candidates, Union Nord and Union Sud, each coordinate "
        "all the others"
    )


def test_no_head_candidate_is_said_once() -> None:
    # « …, aucune tête possible. Têtes possibles : aucune. » said it twice
    cycle = _ges(
        [_asso("x", "Union X"), _asso("y", "Union Y")],
        [
            {"type": "statutory_control", "from": "x", "to": "y"},
            {"type": "statutory_control", "from": "y", "to": "x"},
        ],
    )
    (message,) = _messages(cycle, "governance-not-unified")
    assert message == (
        "La gouvernance du groupe n'est pas unifiée : chaque membre est contrôlé par un autre "
        "membre (contrôle circulaire) ; il n'y a aucune tête possible."
    )
    assert _conditions(cycle)["unified-governance"].endswith("; il n'y a aucune tête possible")


def test_an_operating_head_is_said_to_hold_an_iae_agreement() -> None:
    # « opératrice » / « non opératrice » said more than the test reads: an IAE agreement or none
    ges = _ges(
        [
            {**_asso("t", "Association Tremplin"), "conventions": ["aci"]},
            {"id": "n", "name": "Tremplin Nettoyage", "form": "sarl"},
        ],
        [{"type": "shareholding", "from": "t", "to": "n", "share": 100}],
    )
    said = _conditions(ges)
    assert said["head-operating-association"] == (
        "la tête de groupe, l'Association Tremplin, a la forme « association loi 1901 », de type "
        "associatif, conventionnée IAE (attendu : association loi 1901, conventionnée IAE)"
    )
    assert said["head-umbrella-association"].endswith(
        "(attendu : de type associatif, sans conventionnement IAE)"
    )
    assert said["head-holds-majority-of-a-company"] == (
        "l'Association Tremplin détient directement 100 % des droits de vote de Tremplin Nettoyage"
    )


def test_relations_between_members_are_said_which_way_they_run_and_counted() -> None:
    # « A → B » left the reader to guess the direction; past four, how many more
    holdings = [{"id": f"s{i}", "name": f"Filiale {i}", "form": "sas"} for i in range(6)]
    shares = [{"type": "shareholding", "from": "t", "to": f"s{i}", "share": 100} for i in range(6)]
    ges = _ges([_asso("t", "Association Tremplin"), *holdings], shares)
    said = _conditions(ges)["no-shareholding-between-members"]
    assert said.startswith(
        "6 relations de type « participation au capital » entre membres : l'Association Tremplin "
        "détient une participation au capital de Filiale 0 ; "
    )
    assert said.endswith(" ; et 2 autres (attendu : aucune)")
    english = _conditions(ges, "en")["no-shareholding-between-members"]
    assert english.startswith(
        "6 shareholding relations between members: Association Tremplin holds shares in Filiale 0; "
    )


def test_a_relation_is_said_with_its_seats_office_or_kind() -> None:
    ges = _ges(
        [_asso("u", "Union Nord"), {"id": "e", "name": "Evolio", "form": "sas"}],
        [
            {"type": "board", "from": "e", "to": "u", "seats": 1},
            {"type": "office", "from": "e", "to": "u", "office": "general_manager"},
            {"type": "flow", "kind": "management_fee", "from": "e", "to": "u", "amount": 9000},
            {"type": "statutory_control", "from": "u", "to": "e"},
        ],
    )
    ctx = Context(ges, ges.control, None, {})
    said = [ctx.relation_sentence(r, "fr") for r in ges.document.relations]
    assert said == [
        "Evolio dispose d'un siège au conseil de l'Union Nord",
        "Evolio exerce la direction générale de l'Union Nord",
        "l'Union Nord rend des services de siège à Evolio, qui paie 9 000 EUR par an",
        "les statuts d'Evolio confient à l'Union Nord la désignation de la majorité des membres de "
        "son conseil",
    ]


def test_a_ranged_holding_is_said_as_a_least_wherever_it_is_named() -> None:
    # control reads a range at its minimum: the sentences say « au moins », never the minimum
    # as if it were the holding
    ges = _ges(
        [
            {"id": "asso", "name": "Evolio", "form": "association", "conventions": ["aci"]},
            {"id": "s", "name": "Evolio Services", "form": "sas"},
        ],
        [
            {"type": "shareholding", "from": "asso", "to": "s", "share": {"min": 55, "max": 70}},
            {"type": "flow", "kind": "service", "from": "s", "to": "asso", "amount": 1000},
        ],
    )
    (message,) = _messages(ges, "company-regulated-agreement")
    assert "; Evolio (asso) y détient au moins 55 % des droits de vote, plus de 10 % ;" in message
    said = " ".join(_conditions(ges).values())
    assert "Evolio détient directement au moins 55 % des droits de vote d'Evolio Services" in said


def test_names_through_a_controlled_entity_and_a_town_hall_take_their_article() -> None:
    from ges_graph.diff.moves import form_with_article
    from ges_graph.model import Form

    assert form_with_article(Form.UNION, "en") == "a union of associations"
    ges = _ges(
        [
            {"id": "p", "name": "Jean Dupont", "form": "person"},
            {"id": "c", "name": "Centre Social Horizon", "form": "association", "board_size": 4},
            {"id": "g", "name": "GIE Moyens", "form": "gie"},
        ],
        [
            {"type": "board", "from": "p", "to": "c", "seats": 3},
            {"type": "membership", "from": "p", "to": "g"},
            {"type": "membership", "from": "c", "to": "g"},
        ],
    )
    why = ges.control.why("p", "g")
    assert why is not None
    assert "(Jean Dupont ; le Centre Social Horizon, que Jean Dupont contrôle)" in why.sentence(
        "fr"
    )
    from ges_graph.i18n import fr_the

    assert fr_the("Mairie de Lens") == "la Mairie de Lens"
