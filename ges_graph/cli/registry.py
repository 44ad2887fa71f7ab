"""The subcommand that starts a document from the register: ``import-registry``.

``ges-graph import-registry SIREN… -o groupe.yaml`` asks the public API *Recherche
d'entreprises* for each company (or reads its saved answers with ``--from-json DIR``) and writes
a document skeleton (:mod:`ges_graph.registry`): one entity per company, and the offices they
hold in each other. The output is YAML or JSON by its suffix (``-``: YAML on standard output).
Exit 2 when a SIREN is invalid or a company cannot be read (the register cannot be reached or
refuses, a file is missing), with a message that names the SIREN, the URL or the file.

Examples:
    >>> import argparse, json, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> answer = {"results": [{"siren": "732829320", "nom_complet": "TREMPLIN",
    ...                        "nature_juridique": "9220", "dirigeants": []}]}
    >>> _ = (folder / "732829320.json").write_text(json.dumps(answer), encoding="utf-8")
    >>> args = argparse.Namespace(sirens=["732829320"], output="-", from_json=str(folder),
    ...     timeout=10.0, api_url=None, name=None, lang="fr")
    >>> cmd_import_registry(args)
    format: ges-graph/1
    name: Groupe TREMPLIN
    ...
    0
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ges_graph import io as ges_io
from ges_graph.cli.output import (
    EXIT_UNREADABLE,
    UNKNOWN_OUTPUT,
    check_output,
    err,
    write_text,
)
from ges_graph.errors import LoadError

__all__ = ["cmd_import_registry"]

_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def cmd_import_registry(args: argparse.Namespace) -> int:
    """``ges-graph import-registry SIREN… -o OUT``: a document skeleton from the register."""
    syntax = "yaml" if args.output == "-" else _SUFFIXES.get(Path(args.output).suffix.lower())
    if syntax is None:
        suffix = Path(args.output).suffix
        err(
            UNKNOWN_OUTPUT.format(
                args.lang, file=args.output, suffix=suffix, expected=".yaml, .yml, .json"
            )
        )
        return EXIT_UNREADABLE
    refused = check_output(args.output, [], args.lang)
    if refused is not None:
        err(refused)
        return EXIT_UNREADABLE
    from ges_graph.registry import RegistryClient, import_registry  # noqa: PLC0415 (on demand)

    client = RegistryClient(base_url=args.api_url, timeout=args.timeout)
    try:
        doc = import_registry(args.sirens, from_json=args.from_json, client=client, name=args.name)
    except LoadError as exc:
        err(exc.to_text(args.lang))
        return EXIT_UNREADABLE
    text = ges_io.dumps(doc, syntax="json" if syntax == "json" else "yaml")
    return write_text(args.output, text, args.lang)
