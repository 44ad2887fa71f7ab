"""A seeded registry of GES documents shaped like real groups, for ``bench_check.py``.

A federation's registry is a folder of documents, one group each, of a few to a few dozen
entities: associative groups and unions (S1), operating associations with their companies (S2),
associations heading an SAS holding and its SIAE subsidiaries (S3, S5), companies heading
associations (S4), cooperatives (SCIC, SCOP) whose members vote by college (S6), and economic
interest groupings (GIE) with no head. Each holds external holders (France Active, a local
authority), offices, boards and flows (head-office fees, secondments at cost, loans, subsidies),
about three relations an entity. The same seed gives the same files, byte for byte.

Run: ``python benchmarks/registry.py OUT [--entities 100000] [--seed 0]``; prints what it wrote.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

MEAN_SIZE = 20
"""Entities in a group, on average (5 to 35): 100,000 entities make about 5,000 files."""

SHAPES = ("associative", "mixed", "company", "cooperative", "gie")
WEIGHTS = (3, 5, 2, 2, 1)


def _part(n: int) -> float:
    """Each of ``n`` equal voters' share of the votes, rounded down (summing to 100 at most)."""
    return (10_000 // n) / 100


class _Group:
    """A document being built: entities and relations, ids numbered in order."""

    def __init__(self, rnd: random.Random, index: int) -> None:
        self.rnd = rnd
        self.index = index
        self.entities: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []

    def add(self, form: str, label: str, **fields: Any) -> str:
        ident = f"e{len(self.entities)}"
        name = f"{label} {self.index}-{len(self.entities)}"
        self.entities.append({"id": ident, "name": name, "form": form, **fields})
        return ident

    def link(self, relation: str, source: str, target: str, **fields: Any) -> None:
        self.relations.append({"type": relation, "from": source, "to": target, **fields})

    def flow(self, kind: str, payer: str, payee: str, basis: str = "actual_cost") -> None:
        amount = self.rnd.randrange(5_000, 200_000, 1_000)
        self.link("flow", payer, payee, kind=kind, amount=amount, basis=basis, agreement=True)

    def operating(self, form: str, label: str) -> str:
        convention = self.rnd.choice(["ai", "aci"] if form == "association" else ["ei", "etti"])
        budget = self.rnd.randrange(100_000, 3_000_000, 10_000)
        employees = self.rnd.randrange(2, 120)
        return self.add(form, label, conventions=[convention], budget=budget, employees=employees)

    def external(self) -> str:
        form, label = self.rnd.choice(
            [
                ("other", "France Active Investissement"),
                ("public_body", "Commune"),
                ("sa", "Banque"),
            ]
        )
        return self.add(form, label, external=True)

    def governed(self, head: str, target: str) -> None:
        """``head`` governs ``target``: statutory control, or a majority of its board."""
        if self.rnd.random() < 0.5:
            self.link("statutory_control", head, target)
        else:
            self.link("board", head, target, seats=7, chair=True)
            self.entities[int(target[1:])]["board_size"] = 12

    def owned(self, owner: str, target: str) -> None:
        """``owner`` holds a majority of ``target``; an external holder sometimes the rest."""
        share = self.rnd.choice([100, 100, 90, 75, 51])
        self.link("shareholding", owner, target, share=share)
        if share < 100 and self.rnd.random() < 0.6:
            self.link("shareholding", self.external(), target, share=100 - share)
        self.link("office", owner, target, office="president")

    def flows(self, head: str, members: list[str]) -> None:
        """Head-office fees to the head, a secondment and a loan here and there."""
        for member in members:
            self.flow("management_fee", member, head)
            if self.rnd.random() < 0.3:
                provider = self.rnd.choice([head, *members])
                if provider != member:
                    self.flow("staff_secondment", member, provider)
            if self.rnd.random() < 0.2:
                self.flow("loan", head, member)

    def document(self, shape: str) -> dict[str, Any]:
        return {
            "format": "ges-graph/1",
            "name": f"Groupe {self.index} ({shape})",
            "territory": f"Département {self.index % 95 + 1:02d}",
            "as_of": "2025-12-31",
            "entities": self.entities,
            "relations": self.relations,
        }


def _associative(g: _Group, size: int) -> str:
    head = g.add(g.rnd.choice(["association", "union"]), "Association tête", board_size=15)
    members = [g.operating("association", "Association") for _ in range(size - 1)]
    for member in members:
        if g.entities[0]["form"] == "union":
            g.link("membership", member, head, votes=_part(len(members)))
        else:
            g.governed(head, member)
    g.flows(head, members)
    return head


def _mixed(g: _Group, size: int) -> str:
    head = g.operating("association", "Association tête")
    holding = g.add("sas", "Holding")
    g.owned(head, holding)
    members = [holding]
    while len(g.entities) < size:
        if g.rnd.random() < 0.25:
            member = g.operating("association", "Association")
            g.governed(head, member)
        else:
            member = g.operating(g.rnd.choice(["sarl", "sas"]), "Entreprise d'insertion")
            g.owned(g.rnd.choice([holding, holding, head]), member)
        members.append(member)
    g.flows(head, members)
    return head


def _company(g: _Group, size: int) -> str:
    head = g.add("sas", "Société tête", budget=g.rnd.randrange(500_000, 5_000_000, 10_000))
    members = []
    while len(g.entities) < size:
        if g.rnd.random() < 0.3:
            member = g.operating("association", "Association")
            g.governed(head, member)
        else:
            member = g.operating(g.rnd.choice(["sarl", "sas"]), "Filiale")
            g.owned(head, member)
        members.append(member)
    g.flows(head, members)
    return head


def _cooperative(g: _Group, size: int) -> str:
    head = g.add(g.rnd.choice(["scic", "scop"]), "Coopérative tête", board_size=9)
    voters = [
        g.operating("association", "Association sociétaire") for _ in range(max(2, size // 4))
    ]
    voters.append(g.add("collective", "Collège des salariés"))
    for voter in voters:  # member-based votes, by college (category)
        college = (
            "employees" if voter == voters[-1] else g.rnd.choice(["partners", "beneficiaries"])
        )
        g.link("membership", voter, head, votes=_part(len(voters)), category=college)
    members = []
    while len(g.entities) < size:
        member = g.operating(g.rnd.choice(["sarl", "sas", "association"]), "Établissement")
        if g.entities[int(member[1:])]["form"] == "association":
            g.governed(head, member)
        else:
            g.owned(head, member)
        members.append(member)
    g.flows(head, members)
    return head


def _gie(g: _Group, size: int) -> str:
    gie = g.add("gie", "GIE")
    members = [
        g.operating(g.rnd.choice(["association", "sarl", "sas"]), "Membre du GIE")
        for _ in range(size - 1)
    ]
    for member in members:
        g.link("membership", member, gie, votes=_part(len(members)))
        g.flow("service", member, gie)
    return gie


_BUILDERS = {
    "associative": _associative,
    "mixed": _mixed,
    "company": _company,
    "cooperative": _cooperative,
    "gie": _gie,
}


def group(index: int, size: int, seed: int = 0) -> dict[str, Any]:
    """Group ``index`` of the registry of ``seed``: a document of about ``size`` entities."""
    rnd = random.Random(f"{seed}-{index}")
    shape = rnd.choices(SHAPES, WEIGHTS)[0]
    g = _Group(rnd, index)
    _BUILDERS[shape](g, max(3, size))
    return g.document(shape)


def generate(folder: Path, entities: int = 100_000, seed: int = 0) -> tuple[int, int, int]:
    """Write a registry of about ``entities`` entities into ``folder`` (JSON, 50 files a folder).

    Returns:
        (files, entities, relations) written.
    """
    rnd = random.Random(seed)
    files = n_entities = n_relations = 0
    while n_entities < entities:
        size = rnd.randint(5, 2 * MEAN_SIZE - 5)
        document = group(files, size, seed)
        sub = folder / f"lot-{files // 50:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        (sub / f"groupe-{files:05d}.json").write_text(text, encoding="utf-8")
        files += 1
        n_entities += len(document["entities"])
        n_relations += len(document["relations"])
    return files, n_entities, n_relations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    files, entities, relations = generate(args.out, args.entities, args.seed)
    print(f"{args.out}: {files} files, {entities} entities, {relations} relations")


if __name__ == "__main__":
    main()
