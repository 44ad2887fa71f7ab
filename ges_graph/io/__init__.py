r"""Loading and saving GES documents (YAML, JSON), with errors that point at the place.

Reading a document goes in three steps, each refusing what the format refuses
(``format.md``, "What is refused at load"):

1. **Bytes.** A file larger than the size limit is refused before it is read whole; the bytes must
   be UTF-8 (a byte-order mark is tolerated; the error gives the byte offset).
2. **Syntax.** JSON is parsed by the standard library, with hooks that catch duplicate keys and
   numbers that are not finite. YAML is read event by event from libyaml's parser (the pure-Python
   one where libyaml is missing), as YAML 1.1 with a safe loader's types; tags, anchors, aliases
   (merge keys included), several documents, duplicate keys and non-finite numbers are refused
   *before* any value is built, so an alias bomb never expands. Nesting deeper than 32 levels (the
   top-level mapping is level 1) is refused in both syntaxes.
3. **Model.** The plain data is validated by :class:`ges_graph.model.Document`; pydantic's errors
   become :class:`ErrorDetail` items with the document path (``entities[1].form``), a message a
   person can act on, the value, the allowed values, and the line and column in the file, sorted in
   document order.

Every error is written in French and English (``ErrorDetail.message_fr``/``message``): French
by default in ``LoadError.to_text()`` and on the command line, English in ``str()``.

JSON is the fast path: a 10,000-entity document loads about three times faster from JSON than
from YAML (``benchmarks/bench_load.py``); the cyclic garbage collector is paused while a large
document is read.

The package's modules, in the order of reading: :mod:`~ges_graph.io.source` (bytes, limits),
:mod:`~ges_graph.io.json_reader` and :mod:`~ges_graph.io.yaml_reader` (with
:mod:`~ges_graph.io.yaml_errors`), :mod:`~ges_graph.io.document` (the model, errors placed),
:mod:`~ges_graph.io.loading` (the functions above); :mod:`~ges_graph.io.writing` writes documents
back, :mod:`~ges_graph.io.json_schema` gives the format's JSON Schema. The words of the model's
errors come from :mod:`ges_graph.validation_messages`, shared with the builder.

Examples:
    >>> ges = loads('{"format": "ges-graph/1", "name": "G", '
    ...             '"entities": [{"id": "a", "name": "A", "form": "association"}]}',
    ...             syntax="json")
    >>> ges.name, len(ges)
    ('G', 1)
    >>> try:
    ...     loads("format: ges-graph/1\nname: G\nentities:\n"
    ...           "  - {id: a, name: A, form: associaton}\n", syntax="yaml", file="g.yaml")
    ... except LoadError as exc:
    ...     err = exc
    >>> print(err.to_text())  # French by default; to_text("en") or str(err) in English
    g.yaml:4:28: entities[0].form : forme inconnue ; vouliez-vous dire « association » (...
    >>> print(err)
    g.yaml:4:28: entities[0].form: unknown form; did you mean 'association'? (got 'associaton'; ...
    >>> err.details[0].expected  # doctest: +ELLIPSIS
    'one of: association, union, foundation, endowment_fund, gie, employer_group, sa, sas, ...'
    >>> print(dumps(ges, syntax="yaml"), end="")
    format: ges-graph/1
    name: G
    entities:
    - id: a
      name: A
      form: association
"""

from __future__ import annotations

from ges_graph.errors import LoadError as LoadError  # for the examples above
from ges_graph.io.document import _read as _read
from ges_graph.io.document import _validate as _validate
from ges_graph.io.json_reader import _attrs_suspect as _attrs_suspect
from ges_graph.io.json_reader import _JsonReader as _JsonReader
from ges_graph.io.json_schema import SCHEMA_ID, document_json_schema
from ges_graph.io.loading import load, load_document, loads, loads_document, syntax_of
from ges_graph.io.source import _GC_PAUSE_SIZE as _GC_PAUSE_SIZE
from ges_graph.io.source import MAX_SIZE, Syntax
from ges_graph.io.source import _decode as _decode
from ges_graph.io.writing import dumps, save
from ges_graph.validation_messages import error_details as error_details

__all__ = [
    "MAX_SIZE",
    "SCHEMA_ID",
    "Syntax",
    "document_json_schema",
    "dumps",
    "load",
    "load_document",
    "loads",
    "loads_document",
    "save",
    "syntax_of",
]
