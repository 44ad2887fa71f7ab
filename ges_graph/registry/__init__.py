"""Start from the register: a document skeleton from the French public company register.

``ges-graph import-registry SIREN… -o groupe.yaml`` (and :func:`import_registry`) asks the public
API *Recherche d'entreprises* (``recherche-entreprises.api.gouv.fr``, no key) for each SIREN, or
reads its saved answers (``--from-json DIR``: one ``<SIREN>.json`` per company), and writes a
document with one entity per company (name, form, SIREN, headcount band, ESS flag) and the
offices that the companies asked for hold in each other. The rest (seats, shares, flows) the user
adds.

The package, in the order of the work:

- :mod:`~ges_graph.registry.categories`: the INSEE *catégorie juridique* → form table;
- :mod:`~ges_graph.registry.client`: asking the API (timeout, retries) or reading the files;
- :mod:`~ges_graph.registry.skeleton`: the document built from the records.

Examples:
    >>> import json, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> answer = {"results": [{"siren": "732829320", "nom_complet": "TREMPLIN",
    ...                        "nature_juridique": "9222", "dirigeants": []}]}
    >>> _ = (folder / "732829320.json").write_text(json.dumps(answer), encoding="utf-8")
    >>> doc = import_registry(["732 829 320"], from_json=folder)
    >>> doc.entities[0].form, doc.entities[0].siren, doc.sources[0].endswith("732829320.json")
    (<Form.ASSOCIATION: 'association'>, '732829320', True)
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ges_graph.model import Document
from ges_graph.registry.categories import CATEGORIES, PUBLIC_KINDS, form_of
from ges_graph.registry.client import (
    BASE_URL_VARIABLE,
    DEFAULT_BASE_URL,
    RegistryClient,
    check_siren,
    company_from_response,
    read_company_file,
)
from ges_graph.registry.skeleton import HEADCOUNT_BANDS, office_of, skeleton

__all__ = [
    "BASE_URL_VARIABLE",
    "CATEGORIES",
    "DEFAULT_BASE_URL",
    "HEADCOUNT_BANDS",
    "PUBLIC_KINDS",
    "RegistryClient",
    "check_siren",
    "company_from_response",
    "form_of",
    "import_registry",
    "office_of",
    "read_company_file",
    "skeleton",
]


def import_registry(
    sirens: Sequence[str],
    *,
    from_json: str | os.PathLike[str] | None = None,
    client: RegistryClient | None = None,
    name: str | None = None,
) -> Document:
    """A document skeleton for the companies ``sirens``, from the register or saved answers.

    Args:
        sirens: the SIRENs (9 digits; spaces between groups allowed), at least one.
        from_json: a folder of saved answers (``<SIREN>.json``); the API is not asked then.
        client: how to ask the API (address, timeout, retries); by default
            :class:`RegistryClient` ``()``.
        name: the group's name; by default « Groupe » and the first company's name.

    Raises:
        LoadError: a SIREN is not valid, or its company cannot be read (the register cannot be
            reached or refuses, a file is missing or malformed, the SIREN is unknown); the error
            names the SIREN, the URL or the file.
    """
    checked = [check_siren(s) for s in sirens]
    asker = client if client is not None else RegistryClient()
    records, sources = [], []
    for siren in checked:
        if from_json is not None:
            records.append(read_company_file(from_json, siren))
            sources.append(os.fspath(os.path.join(from_json, f"{siren}.json")))
        else:
            records.append(asker.company(siren))
            sources.append(asker.url(siren))
    return skeleton(records, name=name, sources=sources)
