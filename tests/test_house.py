"""House rules of the code base that a reviewer would otherwise have to re-check by hand.

One bilingual idiom: a fixed text that a person reads is a :class:`ges_graph.i18n.Tr`, rendered
in a language at the last moment. The idioms it replaced must not come back: a dict display with
exactly the keys ``"fr"`` and ``"en"``, and a conditional expression that picks between two
literal texts on ``lang == "fr"`` (or on a variable named ``fr``). Code that picks a *notation*
(the decimal comma, the space before ``%``) lives in ``ges_graph/i18n.py`` and is not scanned.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ges_graph"

_NOT_SCANNED = {
    "i18n.py",  # the notations of each language, and Tr itself
}
"""Files and folders of the package, by their first path component, that the scan skips."""


def _scanned() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in _NOT_SCANNED
    ]


def _is_text(node: ast.expr) -> bool:
    """A string literal or an f-string (possibly in parentheses, which ast drops)."""
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(
        node, ast.JoinedStr
    )


def _tests_french(test: ast.expr) -> bool:
    """``lang == "fr"`` (either side, any name), ``x != "fr"``, or a bare name ``fr``."""
    if isinstance(test, ast.Name):
        return test.id == "fr"
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _tests_french(test.operand)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        if not isinstance(test.ops[0], ast.Eq | ast.NotEq):
            return False
        sides = (test.left, test.comparators[0])
        return any(isinstance(s, ast.Constant) and s.value == "fr" for s in sides)
    return False


def bilingual_idioms(source: str) -> Iterator[tuple[int, str]]:
    """(line, what) for each old bilingual idiom in ``source``."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            if len(node.keys) == 2 and sorted(map(str, keys)) == ["en", "fr"]:
                yield node.lineno, 'a {"fr": …, "en": …} dict'
        elif (
            isinstance(node, ast.IfExp)
            and _tests_french(node.test)
            and _is_text(node.body)
            and _is_text(node.orelse)
        ):
            yield node.lineno, "a text chosen by `if fr else`"


def test_the_library_writes_bilingual_text_one_way() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {what}"
        for path in _scanned()
        for line, what in bilingual_idioms(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "use ges_graph.i18n.Tr instead:\n" + "\n".join(found)


def test_the_scan_covers_the_package() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in _scanned()}
    assert {"classification.py", "control/why.py", "schemas/context.py", "cli/output.py"} <= names
    assert "i18n.py" not in names


@pytest.mark.parametrize(
    "source",
    [
        'label = {"fr": "oui", "en": "yes"}',
        'label = {"en": "yes", "fr": "oui"}[lang]',
        'word = "oui" if lang == "fr" else "yes"',
        'word = "oui" if "fr" == language else "yes"',
        'word = f"{n} membres" if fr else f"{n} members"',
        'word = ("non" if lang != "fr" else "no")',
        'word = "yes" if not fr else "oui"',
    ],
)
def test_the_scan_catches_the_old_idioms(source: str) -> None:
    assert len(list(bilingual_idioms(source))) == 1


@pytest.mark.parametrize(
    "source",
    [
        'label = Tr("oui", "yes").render(lang)',
        "{lang: messages.get(lang) for lang in LANGS}",
        'text = text.replace(",", " ") if language == "fr" else text',
        'sep = {"fr": 1, "en": 2, "de": 3}',
        'colour = "red" if severe else "blue"',
        'x = cached_fr if lang == "fr" else cached_en',
    ],
)
def test_the_scan_leaves_other_code_alone(source: str) -> None:
    assert list(bilingual_idioms(source)) == []
