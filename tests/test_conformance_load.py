"""Conformance through the API: every ``load_error`` case is refused at its location, the rest
loads. (The CLI side is in ``tests/test_cli.py``.)"""

from __future__ import annotations

from typing import Any

import pytest

from ges_graph.errors import LoadError
from ges_graph.io import load
from tests.conformance_cases import CASES, select
from tests.test_io_messages import ENGLISH, french_words


@pytest.mark.parametrize("case", CASES)
def test_case_loads_or_is_refused(case: dict[str, Any]) -> None:
    if not case.get("load_error"):
        ges = load(case["path"])
        assert len(ges) >= 1
        return
    with pytest.raises(LoadError) as info:
        load(case["path"])
    err = info.value
    assert err.file == str(case["path"])
    location = case.get("location")
    if location is not None:
        assert err.first.path == location, str(err)
        assert location in str(err)
        assert err.first.line is not None
    else:
        assert err.first.line is not None, str(err)  # syntax, encoding, alias: a position


@pytest.mark.parametrize("case", select("load_error"))
def test_load_errors_read_in_french_by_default(case: dict[str, Any]) -> None:
    with pytest.raises(LoadError) as info:
        load(case["path"])
    err = info.value
    assert err.to_text() == err.to_text("fr") != err.to_text("en") == str(err)
    for detail in err.details:
        assert detail.message_fr is not None, detail
        assert ENGLISH.search(french_words(detail)) is None, detail
    if case.get("location") is not None:
        assert case["location"] in err.to_text()
