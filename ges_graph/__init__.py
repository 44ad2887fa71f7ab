"""ges-graph: model, check, classify and draw Groupes Économiques Solidaires.

The public API is the handful of names below: read a document (:func:`load`, :func:`loads`),
build one (:class:`GESBuilder`), check it against the rules (:func:`validate`), tell which
reference schema it follows (:func:`classify`), write it back (:func:`save`, :func:`dumps`).
Everything else lives in its module: ``ges_graph.model`` for the vocabularies,
``ges_graph.errors`` for every exception, ``ges_graph.render`` for diagrams (needs the ``render``
extra), ``ges_graph.html_report`` for the HTML report, ``ges_graph.export`` for GraphML, GEXF
and BODS.

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

from ges_graph import notebook as _notebook
from ges_graph._version import __version__
from ges_graph.classification import classify
from ges_graph.errors import DocumentError, GESError, LoadError
from ges_graph.graph import GES, GESBuilder
from ges_graph.io import dumps, load, loads, save
from ges_graph.model import Document, Entity
from ges_graph.rules import validate

_notebook.attach(GES)  # a GES shows its diagram in Jupyter; the core never imports rendering


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
    "save",
    "validate",
]
