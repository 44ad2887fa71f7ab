"""ges-graph: model, check, classify and draw Groupes Économiques Solidaires.

The public API is the handful of names below; everything else lives in its module
(``ges_graph.model`` for the vocabularies, ``ges_graph.errors`` for every exception…).

Examples:
    >>> import ges_graph
    >>> ges = ges_graph.loads('''
    ... format: ges-graph/1
    ... name: Groupe Tremplin
    ... entities:
    ...   - {id: tremplin, name: Association Tremplin, form: association}
    ...   - {id: holding, name: Tremplin Développement, form: sas}
    ... relations:
    ...   - {type: shareholding, from: tremplin, to: holding, share: 100}
    ... ''', syntax="yaml")
    >>> ges.entity("holding").form.label_fr
    'société par actions simplifiée'
"""

from importlib.metadata import PackageNotFoundError, version

from ges_graph.errors import DocumentError, GESError, LoadError
from ges_graph.graph import GES, GESBuilder
from ges_graph.io import dumps, load, loads, save
from ges_graph.model import Document, Entity

try:
    __version__ = version("ges-graph")
except PackageNotFoundError:  # pragma: no cover - running from a source tree never installed
    __version__ = "0+unknown"

__all__ = [
    "GES",
    "Document",
    "DocumentError",
    "Entity",
    "GESBuilder",
    "GESError",
    "LoadError",
    "__version__",
    "dumps",
    "load",
    "loads",
    "save",
]
