"""Derived notions of a GES: members, control, heads, reach, outside control (``schemas.md``).

Everything here is computed once per :class:`~ges_graph.graph.GES` (``ges.control``) from the
relations in force at ``as_of``, and never mutates the graph. The definitions are those of the
specification's "Derived notions", which is normative:

- **members** (G): entities with ``external: false`` whose family is not ``natural``;
- **votes**: three pools never added together (shareholding votes, membership votes, board
  seats against ``board_size``); for a range the *certain* value is ``min``, the *possible* one
  ``max``;
- **control**: A controls B when, in one pool, what A and the entities A controls hold in B
  exceeds the threshold, or by a ``statutory_control`` from one of them, or (means 5, second
  edition) when B is a union, a GIE or an employer group, none of its memberships gives votes, it
  lists at least one member, and every listed member is A or controlled by A (a listed natural
  person other than A is a member nobody controls, so it defeats this means). It is a least
  fixed point, computed for every entity (members or not) with a work list: cross-holdings and
  cycles terminate and nothing is counted twice; an entity never controls itself; a ``collective``
  never controls;
- **capital control**: the same on the shareholding pool alone; **possible control**: the same
  with every range's ``max``; pairs possible but not certain are :attr:`Control.uncertain`;
- **reach**, **coordinating reach**, **head candidates**, the **head** and **unified**
  governance, **outside control**, **operating** members, **intermediate holdings**.

Control is kept as a sparse graph of immediate controllers (:mod:`ges_graph.control.fixpoint`),
never as the whole relation (quadratic in a chain): its cost follows the relations in force,
one step per link of a chain; what one entity controls, or what controls it, is walked when
asked and kept. The package: :mod:`~ges_graph.control.means` (the means and the edges),
:mod:`~ges_graph.control.reading` (entities, pooled bodies and shareholdings, indexed),
:mod:`~ges_graph.control.fixpoint` (the control graph), :mod:`~ges_graph.control.walk` (the
certain and capital graphs in one walk, without a cycle), :mod:`~ges_graph.control.components`
(components of mutual control, walks), :mod:`~ges_graph.control.graphs` (the
graphs of each mode and what is read off them), :mod:`~ges_graph.control.heads` (the head),
:mod:`~ges_graph.control.rows` (one controller at a time, for explanations),
:mod:`~ges_graph.control.why` (the explanations), :mod:`~ges_graph.control.ownership`
(integrated ownership), :mod:`~ges_graph.control.notions` (:class:`Control`).

Out of scope: the 40 % presumption and control in concert (Code de commerce L233-3 II and III),
and the suspension of votes of shares held in one's controller (L233-31).

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "Groupe Tremplin", "entities": [
    ...     {"id": "tremplin", "name": "Tremplin", "form": "association", "conventions": ["aci"]},
    ...     {"id": "holding", "name": "Tremplin Développement", "form": "sas"},
    ...     {"id": "nettoyage", "name": "Tremplin Nettoyage", "form": "sarl"},
    ...     {"id": "fa", "name": "France Active", "form": "other", "external": True}],
    ...   "relations": [
    ...     {"type": "shareholding", "from": "tremplin", "to": "holding", "share": 100},
    ...     {"type": "shareholding", "from": "holding", "to": "nettoyage", "share": 90},
    ...     {"type": "shareholding", "from": "fa", "to": "nettoyage", "share": 10}]})
    >>> c = ges.control
    >>> c.controls("tremplin", "nettoyage"), c.head, c.unified
    (True, 'tremplin', True)
    >>> sorted(c.intermediate_holdings)
    ['holding']
    >>> print(c.why("tremplin", "nettoyage").sentence("fr"))
    Tremplin contrôle Tremplin Nettoyage : 90 % des droits de vote par l'intermédiaire de Tremplin
    Développement, qu'elle contrôle (100 % des droits de vote)
    >>> c.integrated_ownership("tremplin", "nettoyage")
    90.0
"""

from ges_graph.control.means import Means, shareholding_votes
from ges_graph.control.notions import Control
from ges_graph.control.why import Contribution, Why

__all__ = [
    "Contribution",
    "Control",
    "Means",
    "Why",
    "shareholding_votes",
]
