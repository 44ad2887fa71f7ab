"""``python -m ges_graph``: the ``ges-graph`` command."""

import sys

from ges_graph.cli import main

if __name__ == "__main__":
    sys.exit(main())
