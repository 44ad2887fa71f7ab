"""The exceptions: one root, each also a builtin; every one pickles; one refusal of a language.

Three properties, each checked over *every* case the code base has, found by walking it, so that
a newly added exception, ``raise`` or ``lang`` parameter is covered without editing this file
(or fails here until it is):

- every exception raised on purpose is a :class:`~ges_graph.errors.GESError` (the ``raise``
  statements are read from the source);
- every subclass of ``GESError`` pickles with its attributes, and a process pool hands the
  parent the worker's :class:`~ges_graph.errors.LoadError`;
- every public function or method with a ``lang`` parameter refuses ``"de"`` at its entry with
  :class:`~ges_graph.errors.UnknownLanguageError` and the message of ``check_lang``.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import multiprocessing
import pickle
import pkgutil
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import ges_graph
from ges_graph import errors
from ges_graph.classification import classify
from ges_graph.diff import diff
from ges_graph.errors import (
    ArgumentError,
    ArgumentTypeError,
    DocumentError,
    GESError,
    LoadError,
    MissingDependencyError,
    ReadOnlyError,
    RenderError,
    SchemaFileError,
    UnknownEntityError,
    UnknownLanguageError,
    UnknownSchemaError,
    ValidationFailed,
)
from ges_graph.flows import balances, combined_budget, flow_matrix
from ges_graph.graph import GES
from ges_graph.i18n import check_lang
from ges_graph.io import dumps, load
from ges_graph.report import Report
from ges_graph.rules import catalogue_text, validate
from ges_graph.schemas import load_schema_text, reference_schemas
from ges_graph.yaml_scalars import RefusedScalar, resolve_plain

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ges_graph"

GROUP = {
    "format": "ges-graph/1",
    "name": "Groupe Tremplin",
    "entities": [
        {"id": "tremplin", "name": "Association Tremplin", "form": "association"},
        {"id": "holding", "name": "Tremplin Développement", "form": "sas", "budget": 1000},
        {"id": "nettoyage", "name": "Tremplin Nettoyage", "form": "sarl", "conventions": ["ai"]},
    ],
    "relations": [
        {"type": "shareholding", "from": "tremplin", "to": "holding", "share": 100},
        {"type": "shareholding", "from": "holding", "to": "nettoyage", "share": 100},
        {"type": "flow", "kind": "service", "from": "holding", "to": "nettoyage", "amount": 500},
    ],
}
REFUSED = "unknown language 'de' (must be one of 'fr', 'en')"


def _ges() -> GES:
    return GES.from_data(GROUP)


def _public_modules() -> Iterator[Any]:
    """Every module of the package whose dotted path has no ``_``-prefixed part."""
    yield ges_graph
    for info in pkgutil.walk_packages(ges_graph.__path__, "ges_graph."):
        if not any(part.startswith("_") for part in info.name.split(".")[1:]):
            yield importlib.import_module(info.name)


# --------------------------------------------------------------------------------------------
# One root
# --------------------------------------------------------------------------------------------

_BUILTIN_ERRORS = {  # SystemExit, StopIteration and the like are protocols, not errors
    name
    for name, obj in vars(builtins).items()
    if isinstance(obj, type)
    and issubclass(obj, Exception)
    and not issubclass(obj, StopIteration | StopAsyncIteration)
}

# (file, function) -> why a builtin exception is right there. Anything else raising a builtin
# exception fails test_every_exception_raised_on_purpose_is_a_ges_error.
_BUILTIN_ALLOWED = {
    ("ges_graph/report/_finding.py", "_fixed_messages"): "pydantic validator: pydantic wraps it",
    ("ges_graph/schemas/predicates.py", "_some_bound"): "pydantic validator: pydantic wraps it",
    ("ges_graph/strategies/__init__.py", "__getattr__"): "module attribute protocol",
    ("ges_graph/__init__.py", "__getattr__"): "module attribute protocol",
    ("ges_graph/cli/__init__.py", "__getattr__"): "module attribute protocol",
    ("ges_graph/i18n.py", "__getattr__"): "module attribute protocol",
    ("ges_graph/i18n.py", "__setattr__"): "attribute protocol: a Tr is immutable",
    ("ges_graph/i18n.py", "__delattr__"): "attribute protocol: a Tr is immutable",
    ("ges_graph/_lazy.py", "lazy_module"): "the import system's own error, as ``import`` raises",
    ("ges_graph/_data.py", "schemas_dir"): "private: a broken installation, an OSError",
    ("ges_graph/_data.py", "reference_schema_path"): "private: the package's own data files",
    ("ges_graph/_data.py", "json_schema_path"): "private: the package's own data files",
    ("ges_graph/_data.py", "example_path"): "private: the package's own data files",
}


def _builtin_raises() -> Iterator[tuple[str, str, str, int]]:
    """(file, enclosing function, exception name, line) of each ``raise`` of a builtin."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(target, ast.Name) and target.id in _BUILTIN_ERRORS:
                owner = max(
                    (f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or 0)),
                    key=lambda f: f.lineno,
                    default=None,
                )
                where = str(path.relative_to(ROOT))
                yield where, owner.name if owner else "<module>", target.id, node.lineno


def test_every_exception_raised_on_purpose_is_a_ges_error() -> None:
    found = list(_builtin_raises())
    assert found, "the walk found no raise of a builtin at all: it is broken"
    stray = [f"{f}:{line} {func}() raises {name}" for f, func, name, line in found]
    stray = [
        s
        for s, (f, func, _, _) in zip(stray, found, strict=True)
        if (f, func) not in _BUILTIN_ALLOWED
    ]
    assert stray == [], "raise a GESError subclass (ges_graph.errors) instead"
    used = {(f, func) for f, func, _, _ in found}
    assert set(_BUILTIN_ALLOWED) <= used, "an allowance no longer needed: remove it"


def test_every_ges_error_also_subclasses_a_builtin() -> None:
    for cls in _ges_error_classes():
        if cls is GESError:
            continue
        builtin_bases = [b for b in cls.__mro__[1:] if b.__module__ == "builtins"]
        assert builtin_bases[0] not in (Exception, BaseException) or cls.__module__.startswith(
            "ges_graph.strategies"
        ), f"{cls.__name__} should also be the builtin a user catches"


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (ArgumentError, ValueError),
        (ArgumentTypeError, TypeError),
        (UnknownLanguageError, ValueError),
        (UnknownEntityError, KeyError),
        (UnknownSchemaError, KeyError),
        (ReadOnlyError, AttributeError),
        (DocumentError, ValueError),
        (LoadError, ValueError),
        (SchemaFileError, ValueError),
        (ValidationFailed, ValueError),
        (RenderError, RuntimeError),
        (MissingDependencyError, ImportError),
    ],
)
def test_each_error_is_the_root_and_its_builtin(cls: type[GESError], builtin: type) -> None:
    assert issubclass(cls, GESError)
    assert issubclass(cls, builtin)
    assert getattr(errors, cls.__name__) is cls  # importable from ges_graph.errors


def test_misuse_raises_the_new_subclasses_with_their_messages() -> None:
    ges = _ges()
    with pytest.raises(UnknownEntityError) as entity:
        ges.entity("nowhere")
    assert str(entity.value) == "no entity has the id 'nowhere'"
    assert entity.value.entity_id == "nowhere"
    assert entity.value.args == ("nowhere",)
    with pytest.raises(UnknownEntityError, match="'nowhere'"):
        ges.document.entity("nowhere")
    with pytest.raises(UnknownEntityError, match="'nowhere'"):
        ges.control.controls("tremplin", "nowhere")
    assert balances(ges).get("nowhere") is None  # a Mapping: .get still works on a KeyError
    with pytest.raises(UnknownSchemaError, match="no schema has the id 'S9'"):
        classify(ges).candidate("S9")
    with pytest.raises(ArgumentError, match="unknown syntax: 'toml'"):
        dumps(ges, syntax="toml")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="GES expects a Document, not dict"):
        GES(GROUP)  # type: ignore[arg-type]
    with pytest.raises(ReadOnlyError, match="a GES cannot be changed"):
        ges.document = ges.document  # type: ignore[misc]
    with pytest.raises(UnknownLanguageError) as lang:
        check_lang("de")
    assert str(lang.value) == REFUSED
    assert lang.value.lang == "de"


# --------------------------------------------------------------------------------------------
# Every exception pickles
# --------------------------------------------------------------------------------------------


def _raised(call: Callable[[], object]) -> GESError:
    try:
        call()
    except GESError as exc:
        return exc
    raise AssertionError(f"{call} raised nothing")


def _samples(tmp_path: Path) -> dict[type[GESError], GESError]:
    """A realistic instance of each exception, raised by the library where that is cheap."""
    ges = _ges()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "format: ges-graph/1\nname: G\nentities:\n  - {id: a, name: A, form: sas}\nrelatons: []\n",
        encoding="utf-8",
    )
    from ges_graph.strategies import SchemaNotBuildable

    return {
        GESError: GESError("the diagram is not SVG"),
        DocumentError: _raised(lambda: GES.from_data({**GROUP, "entities": [{"id": "a"}]})),
        LoadError: _raised(lambda: load(bad)),
        SchemaFileError: _raised(lambda: load_schema_text("id: S7\n", "S7.yaml")),
        ValidationFailed: _raised(validate(ges).raise_for_errors),
        RenderError: RenderError("Graphviz 'dot' ran out of time (60 s)"),
        MissingDependencyError: MissingDependencyError("draw() needs matplotlib: pip install x"),
        ArgumentError: _raised(lambda: dumps(ges, syntax="toml")),  # type: ignore[arg-type]
        ArgumentTypeError: _raised(lambda: GES(GROUP)),  # type: ignore[arg-type]
        UnknownLanguageError: _raised(lambda: check_lang("de")),
        UnknownEntityError: _raised(lambda: ges.entity("nowhere")),
        UnknownSchemaError: _raised(lambda: classify(ges).candidate("S9")),
        ReadOnlyError: _raised(lambda: setattr(ges, "name", "other")),
        SchemaNotBuildable: SchemaNotBuildable("unified", "a group without unified governance"),
        RefusedScalar: _raised(lambda: resolve_plain("<<")),
    }


def _ges_error_classes() -> set[type[GESError]]:
    for _ in _public_modules():  # import every module, so that every subclass is defined
        pass
    found: set[type[GESError]] = set()
    todo: list[type[GESError]] = [GESError]
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo.extend(cls.__subclasses__())
    return {c for c in found if c.__module__.startswith("ges_graph")}


def test_every_exception_has_a_sample(tmp_path: Path) -> None:
    samples = _samples(tmp_path)
    assert _ges_error_classes() == set(samples), "add a sample of the new exception"
    public = {
        obj
        for obj in vars(errors).values()
        if isinstance(obj, type) and issubclass(obj, BaseException)
    }
    assert public <= set(samples)
    assert all(type(exc) is cls for cls, exc in samples.items())


def test_every_exception_pickles_with_its_attributes(tmp_path: Path) -> None:
    for cls, exc in _samples(tmp_path).items():
        copy: Any = pickle.loads(pickle.dumps(exc))
        copied_class = type(copy)
        assert copied_class is cls
        assert str(copy) == str(exc)
        assert copy.args == exc.args
        assert vars(copy).keys() == vars(exc).keys(), cls
        for name, value in vars(exc).items():
            assert getattr(copy, name) == value, (cls, name)
        if isinstance(exc, DocumentError):
            assert copy.details == exc.details
            assert copy.to_text("fr") == exc.to_text("fr")
        if isinstance(exc, LoadError | SchemaFileError):
            assert copy.file == exc.file
        if isinstance(exc, SchemaFileError):
            assert (copy.path, copy.message) == (exc.path, exc.message)
        if isinstance(exc, ValidationFailed):
            assert isinstance(copy.report, Report)
            assert copy.report == exc.report


def test_the_sampled_attributes_are_the_ones_users_read(tmp_path: Path) -> None:
    samples = _samples(tmp_path)
    assert samples[LoadError].file.endswith("bad.yaml")  # type: ignore[attr-defined]
    assert samples[LoadError].first.path == "relatons"  # type: ignore[attr-defined]
    assert samples[SchemaFileError].path  # type: ignore[attr-defined]
    assert samples[ValidationFailed].report.errors  # type: ignore[attr-defined]
    assert samples[MissingDependencyError].msg.startswith("draw()")  # type: ignore[attr-defined]


def test_a_process_pool_gives_back_the_load_error_of_its_worker(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: ges-graph/1\nname: G\nentities: []\n", encoding="utf-8")
    expected = _raised(lambda: load(bad))
    context = multiprocessing.get_context("spawn")  # the start method of macOS and Windows
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(load, str(bad))
        with pytest.raises(LoadError) as info:
            future.result(timeout=120)
    assert info.value.file == str(bad)
    assert info.value.details == expected.details  # type: ignore[attr-defined]
    assert info.value.to_text("fr") == expected.to_text("fr")  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# One refusal of an unknown language
# --------------------------------------------------------------------------------------------


class _Untouched:
    """Stands for every argument but ``lang``: touching it means ``lang`` was not checked first."""

    def __getattribute__(self, name: str) -> Any:
        raise AssertionError(f"an argument was used ({name}) before lang was checked")

    def __iter__(self) -> Any:
        raise AssertionError("an argument was iterated before lang was checked")

    def __len__(self) -> int:
        raise AssertionError("an argument was measured before lang was checked")

    def __bool__(self) -> bool:
        raise AssertionError("an argument was tested before lang was checked")


def _lang_callables() -> dict[str, Callable[..., Any]]:
    """Every public function and method of the package that has a ``lang`` parameter."""
    found: dict[str, Callable[..., Any]] = {}
    for module in _public_modules():
        # A copy: reading a lazily loaded module's name (``yaml_reader``) loads it, and its
        # package gains the names of what it imports.
        for name, obj in list(vars(module).items()):
            if name.startswith("_") or not getattr(obj, "__module__", "").startswith("ges_graph"):
                continue
            if inspect.isfunction(obj) and "lang" in inspect.signature(obj).parameters:
                found.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
            elif inspect.isclass(obj):
                for attr in {a for klass in obj.__mro__ for a in vars(klass)}:  # not dir(): enums
                    func = inspect.getattr_static(obj, attr)
                    func = getattr(func, "__func__", func)  # classmethod, staticmethod
                    if (
                        not attr.startswith("_")
                        and inspect.isfunction(func)
                        and func.__module__.startswith("ges_graph")
                        and "lang" in inspect.signature(func).parameters
                    ):
                        found.setdefault(f"{func.__module__}.{func.__qualname__}", func)
    return found


LANG_CALLABLES = _lang_callables()


def test_the_walk_finds_the_callables_that_take_a_language() -> None:
    for name in (
        "ges_graph.classification.ConditionResult.message",
        "ges_graph.classification.Classification.to_text",
        "ges_graph.report.Report.to_html",
        "ges_graph.html_report.report_html",
        "ges_graph.render.dot.to_dot",
        "ges_graph.render.render",
        "ges_graph.diff.Diff.to_text",
        "ges_graph.flows.budget.CombinedBudget.to_text",
        "ges_graph.control.why.Why.sentence",
        "ges_graph.errors.LoadError.to_text",
        "ges_graph.i18n.format_percent",
        "ges_graph.vocabulary._core._Vocabulary.label_in",  # inherited by every vocabulary
    ):
        assert name in LANG_CALLABLES, name
    assert len(LANG_CALLABLES) > 60


@pytest.mark.parametrize("name", sorted(LANG_CALLABLES))
def test_every_lang_parameter_is_typed_lang(name: str) -> None:
    param = inspect.signature(LANG_CALLABLES[name]).parameters["lang"]
    expected = "str" if name == "ges_graph.i18n.check_lang" else "Lang"  # check_lang reads any
    assert param.annotation == expected


@pytest.mark.parametrize("name", sorted(LANG_CALLABLES))
def test_every_callable_refuses_an_unknown_language_at_its_entry(name: str) -> None:
    func = LANG_CALLABLES[name]
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for param in inspect.signature(func).parameters.values():
        value: Any
        if param.name == "lang":
            value = "de"
        elif param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD) or (
            param.default is not param.empty
        ):
            continue
        else:
            value = _Untouched()
        if param.kind in (param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD) and not kwargs:
            args.append(value)
        else:
            kwargs[param.name] = value
    with pytest.raises(UnknownLanguageError) as info:
        func(*args, **kwargs)
    assert str(info.value) == REFUSED
    assert info.value.lang == "de"


def _lang_uses() -> list[tuple[str, Callable[[Any], object]]]:
    """What users call with a language, on real objects (the walk above uses stand-ins)."""
    ges = _ges()
    result = classify(ges)
    report = validate(ges)
    condition = result.candidates[0].conditions[0]
    why = ges.control.why("tremplin", "nettoyage")
    assert why is not None
    load_error = _raised(lambda: GES.from_data({**GROUP, "name": ""}))
    return [
        ("ConditionResult.message", condition.message),
        ("Classification.to_text", result.to_text),
        ("Report.to_text", report.to_text),
        ("Report.to_html", report.to_html),
        ("DocumentError.to_text", load_error.to_text),  # type: ignore[attr-defined]
        ("Diff.to_text", diff(ges, ges).to_text),
        ("FlowMatrix.to_text", flow_matrix(ges).to_text),
        ("CombinedBudget.to_text", combined_budget(ges).to_text),
        ("Why.sentence", why.sentence),
        ("SchemaDef.title", reference_schemas()[0].title),
        ("catalogue_text", catalogue_text),
        ("report_html", lambda lang: _html_report(ges, lang)),
        ("to_dot", lambda lang: _to_dot(ges, lang)),
    ]


def _html_report(ges: GES, lang: str) -> str:
    from ges_graph.html_report import report_html

    return report_html(ges, lang=lang, diagram=False)  # type: ignore[arg-type]


def _to_dot(ges: GES, lang: str) -> str:
    from ges_graph.render.dot import to_dot

    return to_dot(ges, lang=lang)  # type: ignore[arg-type]


def test_real_objects_refuse_an_unknown_language_and_never_answer_in_english() -> None:
    for name, use in _lang_uses():
        assert use("en") != use("fr"), name
        with pytest.raises(UnknownLanguageError) as info:
            use("de")
        assert str(info.value) == REFUSED, name
