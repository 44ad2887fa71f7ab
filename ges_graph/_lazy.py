"""A module loaded on its first use (:class:`importlib.util.LazyLoader`), declared at the top.

``networkx`` takes about a quarter of a second to import, and the command's checks never need
it: loading, validating and classifying read the document's own indexes, and only the graph a
user asks for (:attr:`GES.graph <ges_graph.graph.GES.graph>`, the exports, the diagrams) is a
networkx graph. :mod:`ges_graph.graph` therefore names it at its top with :func:`lazy_module`:
the dependency is read where the house wants it, and paid for when first used.

Examples:
    >>> import sys
    >>> json = lazy_module("json")  # already imported: the module itself
    >>> json is sys.modules["json"]
    True
    >>> lazy_module("ges_graph_no_such_module")
    Traceback (most recent call last):
    ...
    ModuleNotFoundError: No module named 'ges_graph_no_such_module'
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

__all__ = ["lazy_module"]


def lazy_module(name: str) -> ModuleType:
    """The module ``name``, executed on the first access to one of its attributes.

    It is registered in :data:`sys.modules` at once (and as an attribute of its package), so that
    a later ``import name`` anywhere gets the same module (and loads it then, if it reads an
    attribute).

    Args:
        name: an absolute module name, such as ``"networkx"``.

    Raises:
        ModuleNotFoundError: no such module is installed.
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:  # as an import does: the package names its submodule
        setattr(sys.modules[parent], child, module)
    return module
