"""ges-graph: model, check, classify and draw Groupes Économiques Solidaires.

The public API is the handful of names below: read a document (:func:`load`, :func:`loads`),
build one (:class:`GESBuilder`), check it against the rules (:func:`validate`), tell which
reference schema it follows (:func:`classify`), write it back (:func:`save`, :func:`dumps`).
Everything else lives in its module: ``ges_graph.model`` for the vocabularies,
``ges_graph.errors`` for every exception, ``ges_graph.render`` for diagrams (needs the ``render``
extra), ``ges_graph.html_report`` for the HTML report, ``ges_graph.export`` for GraphML, GEXF
and BODS.

``import ges_graph`` loads them all, and gives :class:`~ges_graph.graph.GES` its notebook
display (:mod:`ges_graph.notebook`), except in the process of the command itself (``ges-graph``,
``python -m ges_graph``), which must start without networkx or pydantic (``--help``,
``--version``): there the names load on first use (PEP 562), and each subcommand imports what it
needs.

Examples:
    >>> import ges_graph
    >>> ges = ges_graph.loads('''
    ... format: ges-graph/1
    ... name: Groupe Tremplin
    ... entities:
    ...   - {id: tremplin, name: Association Tremplin, form: association, conventions: [aci]}
    ...   - {id: holding, name: Tremplin Développement, form: sas}
    ...   - {id: nettoyage, name: Tremplin Nettoyage, form: sarl, conventions: [ei]}
    ... relations:
    ...   - {type: shareholding, from: tremplin, to: holding, share: 100}
    ...   - {type: shareholding, from: holding, to: nettoyage, share: 100}
    ... ''', syntax="yaml")
    >>> ges.entity("holding").form.label_fr
    'société par actions simplifiée'
    >>> ges_graph.validate(ges).conforms
    True
    >>> result = ges_graph.classify(ges)
    >>> result.schema, result.head
    ('S5', 'tremplin')
"""

import importlib as _importlib
import os as _os
import sys as _sys

from ges_graph._version import __version__

TYPE_CHECKING = False  # not ``typing``'s: the command starts without importing it
if TYPE_CHECKING:
    from typing import Any

    from ges_graph.classification import classify
    from ges_graph.errors import DocumentError, GESError, LoadError
    from ges_graph.graph import GES, GESBuilder
    from ges_graph.io import dumps, load, loads, save
    from ges_graph.model import Document, Entity
    from ges_graph.planning import plan
    from ges_graph.rules import validate


__all__ = [
    "GES",
    "Document",
    "DocumentError",
    "Entity",
    "GESBuilder",
    "GESError",
    "LoadError",
    "__version__",
    "classify",
    "dumps",
    "load",
    "loads",
    "plan",
    "save",
    "validate",
]


_LOADING: list[str] = []
"""The name whose first use is loading the public names (empty otherwise)."""


def _load_api() -> None:
    """Import the public names into this namespace, and attach the notebook display to GES."""
    from ges_graph.classification import classify  # noqa: PLC0415 (loaded on first use)
    from ges_graph.errors import DocumentError, GESError, LoadError  # noqa: PLC0415
    from ges_graph.graph import GES, GESBuilder  # noqa: PLC0415
    from ges_graph.io import dumps, load, loads, save  # noqa: PLC0415
    from ges_graph.model import Document, Entity  # noqa: PLC0415
    from ges_graph.notebook import attach  # noqa: PLC0415
    from ges_graph.planning import plan  # noqa: PLC0415
    from ges_graph.rules import validate  # noqa: PLC0415

    attach(GES)  # a GES shows its diagram in Jupyter; the core never imports rendering
    globals().update(
        GES=GES,
        GESBuilder=GESBuilder,
        Document=Document,
        DocumentError=DocumentError,
        Entity=Entity,
        GESError=GESError,
        LoadError=LoadError,
        classify=classify,
        dumps=dumps,
        load=load,
        loads=loads,
        plan=plan,
        save=save,
        validate=validate,
    )


def __getattr__(name: str) -> "Any":
    """A public name, loaded with the others on first use (PEP 562).

    A submodule asked for as an attribute (``ges_graph.classification``) is imported alone.
    """
    if name.startswith("__") or _LOADING:  # the import system's probes; a name being loaded
        raise AttributeError(f"module 'ges_graph' has no attribute {name!r}")
    if name not in __all__:  # a submodule (``ges_graph.graph``), as the package used to hold
        try:
            return _importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'ges_graph' has no attribute {name!r}") from None
    _LOADING.append(name)
    try:
        _load_api()
    finally:
        _LOADING.clear()
    try:
        return globals()[name]
    except KeyError:
        raise AttributeError(f"module 'ges_graph' has no attribute {name!r}") from None


def __dir__() -> list[str]:
    """The module's names, the public ones included before they are loaded."""
    return sorted({*globals(), *__all__})


def _started_as_the_command() -> bool:
    """Whether this process is the command starting: ``ges-graph``, or ``python -m ges_graph``.

    ``sys.argv[0]`` is the console script's path, or ``-m`` while ``python -m`` imports the
    package it runs; an embedded interpreter may have no ``sys.argv`` at all.
    """
    argv = getattr(_sys, "argv", None) or [""]
    return _os.path.basename(argv[0]).removesuffix(".exe") in ("ges-graph", "-m")


del TYPE_CHECKING

if not _started_as_the_command():
    _load_api()
