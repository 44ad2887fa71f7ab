r"""Loading schema files: parse, then resolve, into a :class:`SchemaDef`; the reference set.

Loading has two passes, as followthemoney loads its model: *parse* (YAML, then the file's
structure) and *resolve* (each predicate known and its arguments valid, bound names defined
before use, ids unique, the example a valid GES document). Every error is a
:class:`~ges_graph.errors.SchemaFileError` naming the file and the place (a path such as
``conditions[2].test.head_link.to.form[0]``, with the line where the YAML parser knows it).
:func:`reference_schemas` loads every file of the reference folder once, on first use.

Examples:
    >>> from ges_graph.errors import SchemaFileError
    >>> text = (
    ...     "id: S9\ntitle: {fr: x, en: x}\nconfidence: low\nbasis: {fr: x, en: x}\n"
    ...     "head_condition: {id: h, text: {fr: x, en: x}, test: {unified: maybe}}\n"
    ...     "example: {}")
    >>> try:
    ...     load_schema_text(text, file="s9.yaml")
    ... except SchemaFileError as exc:
    ...     print(exc.file, exc.path, sep="\n")
    s9.yaml
    head_condition.test.unified (line 5)
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import Field, ValidationError

from ges_graph._data import reference_schema_paths
from ges_graph.errors import SchemaFileError
from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.model import Document, format_loc
from ges_graph.schemas.evaluation import Condition
from ges_graph.schemas.file_format import (
    Confidence,
    Text,
    _digest,
    _reference_cache,
    _SafeLoader,
)
from ges_graph.schemas.origin import is_reference_file, schema_caption, schema_origin
from ges_graph.schemas.predicates import (
    PREDICATES,
    TEST_MODELS,
    HeadLinkTest,
    LinkTest,
    Strict,
    Test,
)

__all__ = [
    "SchemaDef",
    "check_schema_ids",
    "load_schema_file",
    "load_schema_files",
    "load_schema_text",
    "reference_schemas",
]


@dataclass(frozen=True)
class SchemaDef:
    """A loaded, resolved schema: what :func:`ges_graph.classification.classify` matches against.

    Attributes:
        id: the schema's id (``S5``).
        confidence: how sure the reconstruction is (``high``, ``medium``, ``low to medium``,
            ``low``).
        head_condition: the kind of head the schema is built around.
        conditions: the other conditions, in file order (common ones included).
        variants: (id, text, test) of each variant, first match wins.
        file: where it was loaded from.
    """

    id: str
    titles: Text
    confidence: Confidence
    basis: Text
    head_condition: Condition
    conditions: tuple[Condition, ...]
    variants: tuple[Condition, ...]
    example_data: Mapping[str, Any] = field(repr=False)
    file: str = field(default="", compare=False)

    def title(self, lang: Lang = "fr") -> str:
        """The schema's title in ``lang``."""
        check_lang(lang)
        return Tr(self.titles.fr, self.titles.en).render(lang)

    @functools.cached_property
    def reference(self) -> bool:
        """Whether the schema is one of the reference files (the COORACE typology).

        Asked at every classification, of every schema: the path is resolved once.
        """
        return is_reference_file(self.file)

    def origin(self, lang: Lang = "fr") -> str:
        """« reconstitution de la typologie COORACE, confiance moyenne » (or « schéma fourni »).

        Examples:
            >>> reference_schemas()[2].origin("en")
            'reconstruction of the COORACE typology, low to medium confidence'
        """
        check_lang(lang)
        return schema_origin(self.confidence, self.reference, lang)

    def caption(self, lang: Lang = "fr") -> str:
        """The schema's name as a person reads it: id, title, origin and confidence.

        Examples:
            >>> print(reference_schemas()[4].caption())
            S5 — Groupe mixte avec gouvernance associative et SAS (reconstitution de la typologie
            COORACE, confiance moyenne)
        """
        check_lang(lang)
        return schema_caption(self.id, self.titles, self.confidence, self.reference, lang)

    @property
    def all_conditions(self) -> tuple[Condition, ...]:
        """The head condition, then the others."""
        return (self.head_condition, *self.conditions)

    @property
    def example(self) -> Document:
        """The canonical example GES document (a fresh validated :class:`Document`)."""
        return Document.model_validate(self.example_data)

    def example_ges(self) -> GES:
        """The canonical example as a :class:`~ges_graph.graph.GES`."""
        return GES(self.example)


class _RawCondition(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    text: Text
    test: dict[str, Any]


class _RawVariant(Strict):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9]+$")]
    text: Text
    test: dict[str, Any]


class _RawFile(Strict):
    """Pass 1: the file's structure, tests left as mappings."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    title: Text
    confidence: Confidence
    basis: Text
    head_condition: _RawCondition
    conditions: tuple[_RawCondition, ...] = ()
    variants: tuple[_RawVariant, ...] = ()
    example: dict[str, Any]


class _Lines:
    """Line numbers of the YAML nodes, by document path, for error messages.

    The text is composed again (with marks) only when a message needs a line: a file that loads
    cleanly is parsed once.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    @functools.cached_property
    def _root(self) -> yaml.Node | None:
        try:
            return yaml.compose(self._text, Loader=_SafeLoader)
        except yaml.YAMLError:
            return None

    def line(self, loc: Sequence[str | int]) -> int | None:
        node = self._root
        best: int | None = None
        for part in loc:
            if node is None:
                break
            best = node.start_mark.line + 1
            nxt: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == part:
                        nxt = v
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                nxt = node.value[part]
            node = nxt
        if node is not None:
            best = node.start_mark.line + 1
        return best


def _error(file: str, lines: _Lines, loc: Sequence[str | int], message: str) -> SchemaFileError:
    path = format_loc(tuple(loc))
    line = lines.line(loc)
    where = f"{path} (line {line})" if line is not None and path else path
    return SchemaFileError(file, where, message)


def _first_validation_error(
    exc: ValidationError, file: str, lines: _Lines, prefix: Sequence[str | int] = ()
) -> SchemaFileError:
    err = exc.errors(include_url=False)[0]
    loc = [*prefix, *(p for p in err["loc"] if not (isinstance(p, str) and p[:1].isupper()))]
    msg = err["msg"]
    if (
        "input" in err
        and err["type"] not in ("missing",)
        and not isinstance(err["input"], dict | list)
    ):
        msg += f" (got {err['input']!r})"
    ctx = err.get("ctx") or {}
    if "expected" in ctx:
        msg += f"; expected {ctx['expected']}"
    return _error(file, lines, loc, msg)


def _resolve_test(
    raw: Mapping[str, Any],
    file: str,
    lines: _Lines,
    loc: list[str | int],
    bound: set[str],
) -> Test:
    if len(raw) != 1:
        keys = ", ".join(sorted(map(str, raw))) or "none"
        raise _error(
            file,
            lines,
            loc,
            f"a test has exactly one predicate (got {keys}); one of " + ", ".join(PREDICATES),
        )
    (name,) = raw
    model = TEST_MODELS.get(name)
    if model is None:
        raise _error(
            file,
            lines,
            [*loc, name],
            f"unknown predicate {name!r}; expected one of {', '.join(PREDICATES)}",
        )
    try:
        test: Test = model.model_validate(raw)  # type: ignore[assignment]
    except ValidationError as exc:
        raise _first_validation_error(exc, file, lines, loc) from None
    if isinstance(test, LinkTest) and test.link.from_ not in bound:
        known = ", ".join(sorted(bound)) or "none so far"
        raise _error(
            file,
            lines,
            [*loc, "link", "from"],
            f"{test.link.from_!r} is not bound by an earlier head_link 'as' (bound: {known})",
        )
    if isinstance(test, HeadLinkTest) and test.head_link.as_ is not None:
        bound.add(test.head_link.as_)
    return test


def load_schema_text(text: str, file: str = "<string>") -> SchemaDef:
    r"""Load a schema from YAML text (two passes); see :func:`load_schema_file`.

    Raises:
        SchemaFileError: the text is not a valid schema file; names ``file`` and the place.

    Examples:
        >>> load_schema_text("id: S7\ntitle: {fr: x, en: x}", file="s7.yaml")
        Traceback (most recent call last):
        ...
        ges_graph.errors.SchemaFileError: s7.yaml: confidence (line 1): Field required
    """
    return _load_text(text, file)


def _load_text(text: str, file: str, known: Mapping[str, Any] | None = None) -> SchemaDef:
    raw, lines = _parse(text, file, known)
    return _Resolver(file, lines).schema(raw)


def _yaml(text: str, file: str) -> Any:
    """The YAML of a schema file: by libyaml, and by PyYAML again for the message of an error."""
    try:
        return yaml.load(text, Loader=_SafeLoader)  # a safe loader
    except yaml.YAMLError:
        pass  # libyaml's marks differ from the pure Python parser's, whose messages are tested
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise SchemaFileError(file, where, f"not valid YAML: {exc}") from None


def _parse(text: str, file: str, known: Mapping[str, Any] | None = None) -> tuple[_RawFile, _Lines]:
    """Pass 1: the YAML (or its parse in ``known``, by the text's hash), then the structure."""
    data = known.get(_digest(text)) if known else None
    if data is None:
        data = _yaml(text, file)
    lines = _Lines(text)
    if not isinstance(data, dict):
        raise SchemaFileError(file, "", "a schema file is a mapping (id, title, conditions, …)")
    try:
        return _RawFile.model_validate(data), lines
    except ValidationError as exc:
        raise _first_validation_error(exc, file, lines) from None


class _Resolver:
    """Pass 2: each test resolved, bound names defined before use, ids unique, example valid."""

    def __init__(self, file: str, lines: _Lines) -> None:
        self.file = file
        self.lines = lines
        self.bound: set[str] = set()
        self.seen: dict[str, str] = {}

    def condition(self, rc: _RawCondition | _RawVariant, loc: list[str | int]) -> Condition:
        if not isinstance(rc, _RawVariant):
            if rc.id in self.seen:
                raise _error(
                    self.file,
                    self.lines,
                    [*loc, "id"],
                    f"duplicate condition id {rc.id!r} (first at {self.seen[rc.id]})",
                )
            self.seen[rc.id] = format_loc(tuple(loc))
        test = _resolve_test(rc.test, self.file, self.lines, [*loc, "test"], self.bound)
        return Condition(rc.id, rc.text, test)

    def schema(self, raw: _RawFile) -> SchemaDef:
        head = self.condition(raw.head_condition, ["head_condition"])
        conds = tuple(self.condition(c, ["conditions", i]) for i, c in enumerate(raw.conditions))
        variant_ids: set[str] = set()
        variants = []
        for i, v in enumerate(raw.variants):
            if v.id in variant_ids:
                raise _error(
                    self.file, self.lines, ["variants", i, "id"], f"duplicate variant id {v.id!r}"
                )
            variant_ids.add(v.id)
            variants.append(self.condition(v, ["variants", i]))
        try:
            Document.model_validate(raw.example)
        except ValidationError as exc:
            raise _first_validation_error(exc, self.file, self.lines, ["example"]) from None
        return SchemaDef(
            id=raw.id,
            titles=raw.title,
            confidence=raw.confidence,
            basis=raw.basis,
            head_condition=head,
            conditions=conds,
            variants=tuple(variants),
            example_data=raw.example,
            file=self.file,
        )


def load_schema_file(path: str | os.PathLike[str]) -> SchemaDef:
    """Load one schema file (YAML), checking it in two passes: parse, then resolve.

    Args:
        path: the file.

    Raises:
        SchemaFileError: the file cannot be read or is not a valid schema file; the message
            names the file and the place (path and line).

    Examples:
        >>> from ges_graph._data import reference_schema_path
        >>> load_schema_file(reference_schema_path("S1.yaml")).variants[0].id
        '1a'
    """
    return _load_file(path)


def _load_file(path: str | os.PathLike[str], known: Mapping[str, Any] | None = None) -> SchemaDef:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaFileError(str(path), "", f"cannot read the file: {exc}") from None
    return _load_text(text, str(path), known)


def load_schema_files(
    paths: Iterable[str | os.PathLike[str]], beside: Iterable[SchemaDef] = ()
) -> tuple[SchemaDef, ...]:
    """Load several schema files, in order, refusing an id already taken.

    Args:
        paths: the files.
        beside: schemas already in use (for instance :func:`reference_schemas`), whose ids the
            files may not take again.

    Raises:
        SchemaFileError: a file cannot be read or is malformed, or its id is that of an earlier
            schema (the message names both files).

    Examples:
        >>> from ges_graph._data import reference_schema_path
        >>> load_schema_files([reference_schema_path("S1.yaml")], beside=reference_schemas())
        Traceback (most recent call last):
        ...
        ges_graph.errors.SchemaFileError: .../S1.yaml: id: the schema id 'S1' is already taken ...
    """
    loaded = tuple(load_schema_file(path) for path in paths)
    check_schema_ids((*beside, *loaded))
    return loaded


def check_schema_ids(schemas: Iterable[SchemaDef]) -> tuple[SchemaDef, ...]:
    """The schemas, in order, refusing an id that an earlier one has.

    A classification names its schemas by id alone, so two may not share one.

    Raises:
        SchemaFileError: two schemas share an id; names the later one's file, and the earlier.

    Examples:
        >>> check_schema_ids(reference_schemas()) == reference_schemas()
        True
        >>> check_schema_ids([reference_schemas()[0], reference_schemas()[0]])
        Traceback (most recent call last):
        ...
        ges_graph.errors.SchemaFileError: .../S1.yaml: id: the schema id 'S1' is already taken ...
    """
    out = tuple(schemas)
    seen: dict[str, str] = {}
    for schema in out:
        file = schema.file or "<string>"
        if schema.id in seen:
            raise SchemaFileError(
                file, "id", f"the schema id {schema.id!r} is already taken (by {seen[schema.id]})"
            )
        seen[schema.id] = file
    return out


@functools.cache
def reference_schemas() -> tuple[SchemaDef, ...]:
    """The reference schemas: every file of ``schemas/coorace``, loaded once, on first use.

    The set is read from the folder (:func:`ges_graph._data.reference_schema_paths`), in file
    name order: the six COORACE schemas ``S1.yaml`` … ``S6.yaml`` as shipped, and any schema
    file added there.

    Raises:
        SchemaFileError: a reference file is broken, or two share an id (a damaged
            installation).
    """
    known = _reference_cache()
    return check_schema_ids(_load_file(path, known) for path in reference_schema_paths())
