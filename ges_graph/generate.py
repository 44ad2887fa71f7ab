"""Realistic groups of any size, seeded: for diagrams, benchmarks, notebooks and tests.

:func:`realistic_group` writes the data of a document (a ``dict``, ready for
:meth:`ges_graph.graph.GES.from_data` or for saving) shaped like the French GES the library is
made for: a head association with its sister associations under it (board majority and the
presidency, membership as of right), a holding SAS it owns whole, the holding's subsidiaries
(SAS, SARL, EURL; from 40 members, grouped under sector holdings, as large networks do), a GIE of
means whose members are the head, the holding and a few others, a few outside minority holders
(an investment fund, a cooperative bank) and a département giving subsidies; and the money that
moves between them: management fees, staff secondments, treasury conventions, subsidies and the
GIE's services. Names are French-looking and unique; the same ``members`` and ``seed`` always
give the same document.

Unlike :mod:`ges_graph.strategies` (Hypothesis, for properties), this module needs nothing
beyond the library and draws a plausible group, not an arbitrary one.

Examples:
    >>> from ges_graph.graph import GES
    >>> data = realistic_group(12, seed=1)
    >>> ges = GES.from_data(data)
    >>> sum(not e.external for e in ges.document.entities)
    12
    >>> ges.control.head == "tete"
    True
    >>> realistic_group(12, seed=1) == data
    True
"""

from __future__ import annotations

import random
from typing import Any

from ges_graph.errors import ArgumentError

__all__ = ["realistic_group"]

_BASES = (
    "Tremplin",
    "Passerelle",
    "Horizon",
    "Envol",
    "Ariane",
    "Boussole",
    "Archipel",
    "Sillon",
)
_PLACES = (
    "Nantes",
    "Angers",
    "Saint-Nazaire",
    "Cholet",
    "Laval",
    "Le Mans",
    "Rezé",
    "Vertou",
    "Ancenis",
    "Clisson",
    "Châteaubriant",
    "Saumur",
)
_TRADES = (
    "Nettoyage",
    "Espaces verts",
    "Bâtiment",
    "Recyclage",
    "Restauration",
    "Transport",
    "Numérique",
    "Maraîchage",
    "Blanchisserie",
    "Menuiserie",
    "Logistique",
    "Couture",
    "Rénovation",
    "Propreté urbaine",
    "Déménagement",
    "Traiteur",
)
_MISSIONS = (
    "Emploi",
    "Chantiers",
    "Solidarité",
    "Insertion",
    "Accueil",
    "Mobilité",
    "Formation",
    "Jardins",
)
_SECTORS = ("Services", "Environnement", "Bâtiment", "Alimentation")
_INVESTORS = (
    ("France Active Investissement", "other"),
    ("Crédit Coopératif", "scic"),
    ("Banque des Territoires", "public_body"),
    ("Fonds Esfin Gestion", "sas"),
    ("IéS Investissement", "scic"),
)


def realistic_group(members: int, *, seed: int = 0) -> dict[str, Any]:
    """The data of a plausible GES document with ``members`` group members (externals besides).

    Args:
        members: how many entities belong to the group (at least 1); about one outside holder
            for fifteen members is added, and a département once there are sister associations.
        seed: the random seed: the same ``members`` and ``seed`` give the same data.

    Returns:
        A ``ges-graph/1`` document as plain data (``dict``, lists, strings and numbers).

    Raises:
        ArgumentError: ``members`` is below 1.

    Examples:
        >>> data = realistic_group(4)
        >>> [(e["form"], e.get("external", False)) for e in data["entities"]][:4]
        [('association', False), ('sas', False), ('association', False), ('sarl', False)]
        >>> realistic_group(0)
        Traceback (most recent call last):
        ...
        ges_graph.errors.ArgumentError: members must be at least 1, not 0
    """
    if isinstance(members, bool) or not isinstance(members, int) or members < 1:
        raise ArgumentError(f"members must be at least 1, not {members!r}")
    return _Builder(members, random.Random(seed)).build()


class _Builder:
    """One document being written: entities, relations and the names already taken."""

    def __init__(self, members: int, rng: random.Random) -> None:
        self.members = members
        self.rng = rng
        self.base = rng.choice(_BASES)
        self.entities: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.names: set[str] = set()

    def entity(self, eid: str, name: str, form: str, **fields: Any) -> str:
        while name in self.names:
            name = f"{name} {self.rng.choice(_PLACES)}"
        self.names.add(name)
        self.entities.append({"id": eid, "name": name, "form": form, **fields})
        return eid

    def relate(self, type_: str, source: str, target: str, **fields: Any) -> None:
        self.relations.append({"type": type_, "from": source, "to": target, **fields})

    def flow(self, kind: str, payer: str, payee: str, amount: int, **fields: Any) -> None:
        self.relate("flow", payer, payee, kind=kind, amount=amount, **fields)

    def build(self) -> dict[str, Any]:
        n, rng = self.members, self.rng
        head = self.entity(
            "tete", f"Association {self.base}", "association", conventions=["aci"],
            board_size=12, budget=rng.randrange(12, 40) * 100_000, employees=rng.randrange(20, 90),
        )  # fmt: skip
        holding = gie = None
        rest = n - 1
        if rest >= 1 and n >= 3:
            holding = self.entity("holding", f"{self.base} Développement", "sas")
            self.relate("shareholding", head, holding, share=100)
            self.relate("office", head, holding, office="president")
            rest -= 1
        if n >= 6:
            gie = self.entity("gie", f"GIE {self.base} Moyens", "gie")
            rest -= 1
        sisters = self._sisters(head, max(1, round(0.25 * rest)) if holding else rest)
        rest -= len(sisters)
        subsidiaries = self._subsidiaries(holding, rest) if holding else []
        if gie is not None:
            self._gie(gie, [head, holding or head, *sisters[:2], *subsidiaries[:2]])
        self._outsiders(subsidiaries)
        self._money(head, holding, sisters, subsidiaries)
        return {
            "format": "ges-graph/1",
            "name": f"Groupe {self.base}",
            "territory": "Pays de la Loire",
            "as_of": "2025-12-31",
            "entities": self.entities,
            "relations": self.relations,
        }

    def _sisters(self, head: str, count: int) -> list[str]:
        out = []
        for i in range(count):
            mission = _MISSIONS[i % len(_MISSIONS)]
            place = _PLACES[(i // len(_MISSIONS) + i) % len(_PLACES)]
            eid = self.entity(
                f"asso-{i + 1}", f"{self.base} {mission} {place}", "association",
                conventions=[self.rng.choice(["aci", "ai"])], board_size=9,
            )  # fmt: skip
            self.relate("board", head, eid, seats=5, chair=True)
            self.relate("membership", head, eid, ex_officio=True)
            out.append(eid)
        return out

    def _subsidiaries(self, holding: str, count: int) -> list[str]:
        parents = [holding]
        if count >= 37:  # large networks group their companies under sector holdings
            for i in range(count // 18):
                sector = _SECTORS[i % len(_SECTORS)]
                eid = self.entity(f"pole-{i + 1}", f"{self.base} {sector}", "sas")
                self.relate("shareholding", holding, eid, share=100)
                parents.append(eid)
            count -= len(parents) - 1
        out = []
        for i in range(count):
            trade = _TRADES[i % len(_TRADES)]
            place = _PLACES[(i // len(_TRADES) * 5 + i) % len(_PLACES)]
            form = self.rng.choice(["sas", "sas", "sarl", "sarl", "eurl"])
            fields: dict[str, Any] = {"employees": self.rng.randrange(5, 60)}
            if form in ("sarl", "sas", "eurl"):
                fields["conventions"] = ["ei"]
            name = f"{self.base} {trade}" if i < len(_TRADES) else f"{trade} {place}"
            eid = self.entity(f"filiale-{i + 1}", name, form, **fields)
            parent = parents[1 + i % (len(parents) - 1)] if len(parents) > 1 else holding
            self.relate("shareholding", parent, eid, share=100 if form == "eurl" else 90)
            if form == "sas":
                self.relate("office", parent, eid, office="president")
            out.append(eid)
        return out

    def _gie(self, gie: str, members: list[str]) -> None:
        for member in dict.fromkeys(members):
            self.relate("membership", member, gie)
            self.flow("service", member, gie, self.rng.randrange(20, 120) * 1000)

    def _outsiders(self, subsidiaries: list[str]) -> None:
        held = [
            s
            for s in subsidiaries
            if any(r["to"] == s and r.get("share") == 90 for r in self.relations)
        ]
        count = min(len(held), -(-self.members // 15))
        for i in range(count):
            name, form = _INVESTORS[i % len(_INVESTORS)]
            fields: dict[str, Any] = {"external": True}
            if form == "public_body":
                fields["public_kind"] = "state"
            eid = self.entity(f"investisseur-{i + 1}", name, form, **fields)
            for target in held[i::count][:3]:
                self.relate("shareholding", eid, target, share=10)

    def _money(
        self, head: str, holding: str | None, sisters: list[str], subsidiaries: list[str]
    ) -> None:
        rng = self.rng
        for sister in sisters:
            self.flow("management_fee", sister, head, rng.randrange(15, 60) * 1000)
        for sub in subsidiaries:
            self.flow("management_fee", sub, holding or head, rng.randrange(10, 50) * 1000)
        for i, sub in enumerate(subsidiaries[::4]):  # insertion staff put at a company's disposal
            lender = sisters[i % len(sisters)] if sisters else head
            self.flow("staff_secondment", sub, lender, rng.randrange(30, 150) * 1000,
                      basis="actual_cost", agreement=True)  # fmt: skip
        if holding is not None:
            for sub in subsidiaries[1::5]:
                self.flow("treasury", holding, sub, rng.randrange(50, 300) * 1000, agreement=True)
        if sisters:
            dept = self.entity("departement", "Département de Loire-Atlantique", "public_body",
                               external=True)  # fmt: skip
            for grantee in [head, *sisters[:4]]:
                self.flow("subsidy", dept, grantee, rng.randrange(40, 400) * 1000)
            self.flow("premises", sisters[0], head, 0, basis="free")
