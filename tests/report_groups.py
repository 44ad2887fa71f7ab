"""Realistic groups for the report's tests: a head association, a holding SAS with its
subsidiaries, sister associations, a GIE of means, public funders, and the flows that tie them."""

from __future__ import annotations

from typing import Any

from ges_graph.graph import GES

_TRADES = (
    "Bâtiment et Second Œuvre",
    "Espaces Verts",
    "Propreté",
    "Recyclerie",
    "Restauration Solidaire",
    "Transport à la Demande",
    "Services à la Personne",
    "Maraîchage Biologique",
    "Menuiserie",
    "Blanchisserie",
    "Travail Temporaire",
    "Numérique",
    "Mobilité",
    "Logistique",
    "Énergies Renouvelables",
    "Textile",
)
_TOWNS = ("Vitré", "Fougères", "Redon", "Dinan", "Lannion", "Guingamp", "Vannes", "Quimper")


def big_group(subsidiaries: int = 15, sisters: int = 8) -> dict[str, Any]:
    """A group of ``subsidiaries + sisters + 7`` entities (30, with 37 flows, by default).

    The head association owns the holding SAS, which owns the subsidiaries; the head sits on the
    sister associations' boards and seconds staff to them; the subsidiaries pay management fees
    to the holding and buy services from the GIE; public bodies pay subsidies.
    """
    entities: list[dict[str, Any]] = [
        {
            "id": "tete",
            "name": "Association Horizon Solidarités",
            "form": "association",
            "budget": 2_400_000,
            "employees": 40,
            "board_size": 12,
        },
        {"id": "holding", "name": "Horizon Développement", "form": "sas", "budget": 900_000},
        {"id": "gie", "name": "GIE Horizon Moyens Partagés", "form": "gie", "budget": 350_000},
        {"id": "formation", "name": "Horizon Formation et Accompagnement", "form": "association"},
        {
            "id": "dep",
            "name": "Département d'Ille-et-Vilaine",
            "form": "public_body",
            "external": True,
        },
        {"id": "region", "name": "Région Bretagne", "form": "public_body", "external": True},
        {
            "id": "banque",
            "name": "Banque des Territoires",
            "form": "public_body",
            "public_kind": "state",
            "external": True,
        },
    ]
    relations: list[dict[str, Any]] = [
        {"type": "shareholding", "from": "tete", "to": "holding", "share": 100},
        {"type": "office", "from": "tete", "to": "holding", "office": "president"},
        {"type": "membership", "from": "tete", "to": "gie"},
        {"type": "membership", "from": "holding", "to": "gie"},
        {"type": "statutory_control", "from": "tete", "to": "formation"},
    ]
    for i in range(subsidiaries):
        sid = f"filiale{i + 1}"
        trade = _TRADES[i % len(_TRADES)]
        if i >= len(_TRADES):  # names stay unique in larger groups
            trade += f" {_TOWNS[i % len(_TOWNS)]}"
        form = "sas" if i % 3 else "sarl"
        entities.append(
            {
                "id": sid,
                "name": f"Horizon {trade}",
                "form": form,
                "conventions": ["ei"],
                "budget": 300_000 + 45_000 * i,
                "employees": 12 + i,
            }
        )
        relations += [
            {"type": "shareholding", "from": "holding", "to": sid, "share": 100 if i % 4 else 51},
            {
                "type": "flow",
                "kind": "management_fee",
                "from": sid,
                "to": "holding",
                "amount": 18_000 + 1_500 * i,
                "basis": "actual_cost",
                "agreement": True,
            },
        ]
        if i % 4 == 0:
            relations.append(
                {
                    "type": "flow",
                    "kind": "service",
                    "from": sid,
                    "to": "gie",
                    "amount": 7_250.5 + 1_000 * i,
                    "basis": "actual_cost",
                    "agreement": True,
                }
            )
        if i % 5 == 1:
            relations.append(
                {
                    "type": "flow",
                    "kind": "treasury",
                    "from": "holding",
                    "to": sid,
                    "amount": 50_000,
                    "agreement": True,
                }
            )
    for i in range(sisters):
        aid = f"asso{i + 1}"
        town = _TOWNS[i % len(_TOWNS)]
        entities.append(
            {
                "id": aid,
                "name": f"Association Intermédiaire du Pays de {town}",
                "form": "association",
                "conventions": ["ai"],
                "budget": 500_000 + 20_000 * i,
                "employees": 20 + i,
                "board_size": 9,
            }
        )
        relations += [
            {"type": "board", "from": "tete", "to": aid, "seats": 5, "chair": i % 2 == 0},
            {
                "type": "flow",
                "kind": "staff_secondment",
                "from": aid,
                "to": "tete",
                "amount": 30_000 + 2_000 * i,
                "basis": "actual_cost",
                "agreement": True,
            },
        ]
        if i % 2 == 0:
            payer = "dep" if i % 4 else "region"
            amount = 80_000 + 5_000 * i
            relations.append(
                {"type": "flow", "kind": "subsidy", "from": payer, "to": aid, "amount": amount}
            )
        if i % 4 == 0:
            relations.append(
                {"type": "flow", "kind": "premises", "from": aid, "to": "tete", "basis": "free"}
            )
    relations.append(
        {
            "type": "flow",
            "kind": "membership_fee",
            "from": "formation",
            "to": "tete",
            "amount": 1_200,
        }
    )
    return {
        "format": "ges-graph/1",
        "name": "Groupe Horizon",
        "currency": "EUR",
        "as_of": "2025-12-31",
        "entities": entities,
        "relations": relations,
    }


def big_ges(subsidiaries: int = 15, sisters: int = 8) -> GES:
    """:func:`big_group` as a GES."""
    return GES.from_data(big_group(subsidiaries, sisters))
