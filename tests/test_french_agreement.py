"""French messages agree with what they name: number, gender, the article of a name.

A jurist reads « 1 siège », « aucune relation », « et 1 autre », « permise » for a convention
and « permis » for a loan, « Tête possible » when there is one: each case here was wrong once.
"""

from __future__ import annotations

from typing import Any

import pytest

from ges_graph import validate
from ges_graph.graph import GES


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
