"""Where the package's data files are, in a built wheel and in an editable install alike.

The data files live in ``schemas/`` at the root of the repository, in two folders kept apart:
``schemas/coorace/`` holds the reference schemas (the six of the COORACE typology, ``S1.yaml``
… ``S6.yaml``, as shipped: the data classification matches against; the list is read from the
folder), ``schemas/json/`` the JSON Schemas of the
two file formats (a GES document, a reference schema file). The wheel carries ``schemas/`` as
``ges_graph/_schemas`` (``force-include`` in ``pyproject.toml``); an editable install reads them
from the repository. The bundled example documents live inside the
package (``ges_graph/examples``), so they ship in the wheel as they are.

This is the one place that knows those locations: every module that needs a data file asks
:func:`json_schema_path`, :func:`reference_schema_paths` (or :func:`example_path`).

Examples:
    >>> [p.name for p in reference_schema_paths()]
    ['S1.yaml', 'S2.yaml', 'S3.yaml', 'S4.yaml', 'S5.yaml', 'S6.yaml']
    >>> json_schema_path("ges-document.schema.json").parent.name
    'json'
    >>> example_path("tremplin.yaml").name
    'tremplin.yaml'
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = [
    "bods_schema_dir",
    "example_path",
    "examples",
    "examples_dir",
    "json_schema_path",
    "reference_schema_path",
    "reference_schema_paths",
    "reference_schemas_dir",
    "schemas_dir",
]

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def schemas_dir() -> Path:
    """The folder of the ``schemas/`` data: ``ges_graph/_schemas`` in a wheel, else the repo's.

    Raises:
        FileNotFoundError: neither place exists (a broken installation).
    """
    for candidate in (_PACKAGE / "_schemas", _PACKAGE.parent / "schemas"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the schemas data folder is missing: looked for {_PACKAGE / '_schemas'} (wheel) and "
        f"{_PACKAGE.parent / 'schemas'} (source tree); reinstall ges-graph"
    )


def reference_schemas_dir() -> Path:
    """The folder of the reference schema files (the COORACE typology): ``schemas/coorace``."""
    return schemas_dir() / "coorace"


def reference_schema_paths() -> list[Path]:
    """Every reference schema file found in :func:`reference_schemas_dir`, in name order.

    The list is read from the folder, not written down: a schema file added there is a reference
    schema like the others. Numbers in names sort as numbers (``S2.yaml`` before ``S10.yaml``),
    since the order breaks ties between schemas.
    """
    return sorted(
        (
            p
            for p in reference_schemas_dir().iterdir()
            if p.suffix in {".yaml", ".yml"} and p.is_file()
        ),
        key=_natural_key,
    )


def _natural_key(path: Path) -> tuple[tuple[int, int | str], ...]:
    """A sort key that compares the runs of digits of a file name as numbers.

    Examples:
        >>> names = ["S10.yaml", "S2.yaml", "S1.yaml", "T.yaml"]
        >>> sorted(names, key=lambda n: _natural_key(Path(n)))
        ['S1.yaml', 'S2.yaml', 'S10.yaml', 'T.yaml']
    """
    parts = re.split(r"(\d+)", path.name)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def reference_schema_path(name: str) -> Path:
    """The path of one reference schema file, by file name (``"S5.yaml"``).

    Raises:
        FileNotFoundError: there is no such file (the message names the folder searched).

    Examples:
        >>> reference_schema_path("S7.yaml")
        Traceback (most recent call last):
        ...
        FileNotFoundError: no reference schema file 'S7.yaml' in ...
    """
    path = reference_schemas_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"no reference schema file {name!r} in {reference_schemas_dir()}")
    return path


def json_schema_path(name: str) -> Path:
    """The path of one JSON Schema of ``schemas/json``, by file name.

    Args:
        name: ``"ges-document.schema.json"`` (a GES document) or ``"ges-schema.schema.json"``
            (a reference schema file).

    Raises:
        FileNotFoundError: there is no such file (the message names the folder searched).

    Examples:
        >>> json_schema_path("no-such-file.json")
        Traceback (most recent call last):
        ...
        FileNotFoundError: no JSON Schema 'no-such-file.json' in ...
    """
    path = schemas_dir() / "json" / name
    if not path.is_file():
        raise FileNotFoundError(f"no JSON Schema {name!r} in {schemas_dir() / 'json'}")
    return path


def bods_schema_dir() -> Path:
    """The folder of the BODS 0.4 JSON Schema (``schemas/bods-0.4``), read by the BODS import.

    Examples:
        >>> (bods_schema_dir() / "statement.json").is_file()
        True
    """
    return schemas_dir() / "bods-0.4"


def examples_dir() -> Path:
    """The folder of the bundled example documents (inside the package)."""
    return _PACKAGE / "examples"


def examples() -> list[Path]:
    """The bundled example documents, sorted by file name.

    Examples:
        >>> "tremplin.yaml" in [p.name for p in examples()]
        True
    """
    return sorted(examples_dir().glob("*.yaml"))


def example_path(name: str) -> Path:
    """The path of one bundled example document, by file name.

    Raises:
        FileNotFoundError: there is no such example (the message lists those there are).
    """
    path = examples_dir() / name
    if not path.is_file():
        known = ", ".join(p.name for p in examples())
        raise FileNotFoundError(f"no bundled example {name!r} (there are: {known})")
    return path
