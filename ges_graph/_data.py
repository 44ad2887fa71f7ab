"""Where the package's data files are, in a built wheel and in an editable install alike.

The JSON Schemas and reference schema files live in ``schemas/`` at the root of the repository.
The wheel carries them as ``ges_graph/_schemas`` (``force-include`` in ``pyproject.toml``); an
editable install reads them from the repository. The bundled example documents live inside the
package (``ges_graph/examples``), so they ship in the wheel as they are.

This is the one place that knows those locations: every module that needs a data file asks
:func:`schema_path` (or :func:`schemas_dir`, :func:`example_path`).

Examples:
    >>> schemas_dir().is_dir()
    True
    >>> example_path("tremplin.yaml").name
    'tremplin.yaml'
"""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["example_path", "examples", "examples_dir", "schema_path", "schemas_dir"]

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


def schema_path(name: str) -> Path:
    """The path of one data file of ``schemas/``, by file name.

    Args:
        name: a file name inside the folder, such as ``"ges-document.schema.json"`` or
            ``"S5.yaml"``.

    Raises:
        FileNotFoundError: there is no such file (the message lists the folder searched).

    Examples:
        >>> schema_path("no-such-file.json")
        Traceback (most recent call last):
        ...
        FileNotFoundError: no data file 'no-such-file.json' in ...
    """
    path = schemas_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"no data file {name!r} in {schemas_dir()}")
    return path


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
