"""The subcommand that starts a group in a spreadsheet: ``template``.

``ges-graph template groupe.xlsx`` writes a workbook to fill in (sheets *Groupe*, *Entités*,
*Relations*, *Flux*, *Comptes*, drop-down lists, a comment on each header, an example group);
``--csv`` writes a folder of CSV files instead, ``--lang en`` English sheets and headers. It never
overwrites a file or a folder.

Examples:
    >>> import argparse, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "groupe"
    >>> cmd_template(argparse.Namespace(file=str(folder), csv=True, lang="fr"))
    0
    >>> sorted(p.name for p in folder.iterdir())
    ['Comptes.csv', 'Entités.csv', 'Flux.csv', 'Groupe.csv', 'Relations.csv']
    >>> cmd_template(argparse.Namespace(file=str(folder), csv=True, lang="fr"))
    2
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ges_graph.cli.output import (
    CANNOT_WRITE,
    EXIT_OK,
    EXIT_UNREADABLE,
    OUTPUT_IS_SYMLINK,
    WRITTEN,
    err,
)
from ges_graph.errors import MissingDependencyError, os_reason
from ges_graph.i18n import Tr
from ges_graph.io.spreadsheet import write_template

__all__ = ["cmd_template"]

_EXISTS = Tr(
    "{file} : existe déjà ; un modèle n'écrase rien (choisir un autre nom)",
    "{file}: already exists; a template overwrites nothing (choose another name)",
)
_NOT_XLSX = Tr(
    "{file} : un classeur s'écrit en .xlsx (ou --csv pour un dossier de fichiers CSV)",
    "{file}: a workbook is written as .xlsx (or --csv for a folder of CSV files)",
)


def cmd_template(args: argparse.Namespace) -> int:
    """``ges-graph template FILE [--csv]``: a workbook (or a CSV folder) to fill in."""
    path = Path(args.file)
    if path.is_symlink():
        err(OUTPUT_IS_SYMLINK.format(args.lang, file=args.file))
        return EXIT_UNREADABLE
    if path.exists():
        err(_EXISTS.format(args.lang, file=args.file))
        return EXIT_UNREADABLE
    if not args.csv and path.suffix.lower() != ".xlsx":
        err(_NOT_XLSX.format(args.lang, file=args.file))
        return EXIT_UNREADABLE
    try:
        write_template(path, lang=args.lang, csv=args.csv)
    except MissingDependencyError as exc:
        err(str(exc))
        return EXIT_UNREADABLE
    except OSError as exc:
        err(CANNOT_WRITE.format(args.lang, file=args.file, reason=os_reason(exc, args.lang)))
        return EXIT_UNREADABLE
    err(WRITTEN.format(args.lang, path=args.file))
    return EXIT_OK
