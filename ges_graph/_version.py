"""The version of the installed distribution, for the modules that print it.

Examples:
    >>> __version__.count(".") >= 1 or __version__ == "0+unknown"
    True
"""

from __future__ import annotations

import importlib.metadata

__all__ = ["__version__"]

try:
    __version__ = importlib.metadata.version("ges-graph")
except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a source tree never installed
    __version__ = "0+unknown"
