"""``ges-graph check PATH...``: a registry checked in one pass, streamed, with a CSV summary.

Through the real entry point (exit codes, the table, JSON Lines, the CSV file, standard input,
``--jobs``), and in process for what a subprocess cannot show: one document's failure does not
stop the others, and results are streamed (the next document is not checked before the first
one's result has been taken).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ges_graph import classification, classify, load, schemas, validate
from ges_graph._data import example_path
from ges_graph.cli import check as check_module
from ges_graph.cli.check import Checked, check_one, cmd_check, csv_text, stream
from ges_graph.cli.inputs import Source
from ges_graph.cli.output import error_outcome

SCRIPT = Path(sys.executable).with_name("ges-graph")
TREMPLIN = example_path("tremplin.yaml")  # S5, conforms
CHANTIERS = example_path("chantiers-verts.yaml")  # does not conform (an error finding)


def run(*args: str | Path, stdin: bytes = b"") -> Any:
    proc = subprocess.run(
        [str(SCRIPT), *map(str, args)], input=stdin, capture_output=True, timeout=300, check=False
    )
    proc.out = proc.stdout.decode("utf-8")
    proc.err = proc.stderr.decode("utf-8")
    assert "Traceback" not in proc.err, proc.err
    return proc


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A folder: two groups in a subfolder, one that fails, one that cannot be read."""
    root = tmp_path / "registre"
    (root / "a-nord").mkdir(parents=True)
    shutil.copy(TREMPLIN, root / "a-nord" / "tremplin-1.yaml")
    shutil.copy(TREMPLIN, root / "a-nord" / "tremplin-2.yaml")
    shutil.copy(CHANTIERS, root / "c-chantiers.yaml")
    (root / "d-cassé.yaml").write_text("entities: [\n", encoding="utf-8")
    (root / "notes.txt").write_text("not a document", encoding="utf-8")
    return root


def lines_of(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_a_registry_gives_a_row_per_document_and_the_worst_exit_code(registry: Path) -> None:
    p = run("check", "--jobs", "1", registry)
    assert p.returncode == 2  # one document cannot be read
    rows = p.out.splitlines()
    assert rows[0].split() == [
        "verdict", "schéma", "erreurs", "avertissements", "tête", "de", "groupe", "document"
    ]  # fmt: skip
    assert rows[1].split()[:5] == ["conforme", "S5", "0", "0", "tremplin"]
    assert rows[1].endswith(f"Groupe Tremplin ({registry / 'a-nord' / 'tremplin-1.yaml'})")
    assert rows[3].startswith("non conforme")
    assert rows[4].startswith("illisible")
    assert rows[4].endswith("d-cassé.yaml")
    assert rows[5] == "4 documents : 2 conformes, 1 non conforme, 1 illisible"
    # the table names schemas by id: below it, each as classify names it, with its confidence
    assert rows[6] == "Schémas reconnus :"
    assert any(
        r.startswith("  S5 — Groupe mixte avec gouvernance associative et SAS")
        and r.endswith("confiance moyenne)")
        for r in rows[7:]
    )
    assert all(r.startswith("  S") and "confiance" in r for r in rows[7:])
    assert len(rows) == 7 + len({r.split()[1] for r in rows[1:4] if r.split()[1] != "—"})
    assert "d-cassé.yaml:2" in p.err  # why it cannot be read, with the line


def test_the_exit_code_is_1_when_a_document_fails_and_0_when_all_conform(tmp_path: Path) -> None:
    assert run("check", TREMPLIN, TREMPLIN).returncode == 0
    assert run("check", "--json", TREMPLIN, CHANTIERS).returncode == 1


def test_the_table_in_english(registry: Path) -> None:
    p = run("check", "--lang", "en", "-j", "1", registry)
    rows = p.out.splitlines()
    assert rows[0].split()[:3] == ["verdict", "schema", "errors"]
    assert rows[3].startswith("does not conform")
    summed = "4 documents: 2 conform, 1 does not conform, 1 unreadable"
    assert summed in rows
    assert rows[rows.index(summed) + 1] == "Schemas matched:"
    assert any("(reconstruction of the COORACE typology, medium confidence)" in r for r in rows)


def test_json_lines_hold_the_shapes_of_validate_and_classify(registry: Path) -> None:
    p = run("check", "--json", "--lang", "en", "-j", "1", registry)
    objects = lines_of(p.out)
    assert [Path(o["file"]).name for o in objects] == [
        "tremplin-1.yaml", "tremplin-2.yaml", "c-chantiers.yaml", "d-cassé.yaml"
    ]  # fmt: skip
    first = objects[0]
    ges = load(TREMPLIN)
    report, result = validate(ges), classify(ges)
    assert first["name"] == "Groupe Tremplin"
    assert (first["schema"], first["head"], first["conforms"]) == ("S5", "tremplin", True)
    assert (first["errors"], first["warnings"]) == (0, 0)
    assert first["findings"] == report.to_dict("en")["findings"]
    assert first["classification"] == json.loads(json.dumps(result.to_dict("en")))
    failing = objects[2]
    assert (failing["conforms"], failing["errors"]) == (False, 1)
    assert set(objects[3]) == {"file", "error"}
    assert objects[3]["error"]["line"] == 2
    assert p.out.count("\n") == 4  # nothing but the lines


def test_several_processes_give_the_same_lines_in_the_same_order(tmp_path: Path) -> None:
    for i in range(12):
        shutil.copy(TREMPLIN if i % 3 else CHANTIERS, tmp_path / f"g{i:02d}.yaml")
    one = run("check", "--json", "-j", "1", tmp_path)
    two = run("check", "--json", "-j", "2", tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.out == two.out
    assert len(one.out.splitlines()) == 12


def test_standard_input(tmp_path: Path) -> None:
    p = run("check", "--json", "-", stdin=TREMPLIN.read_bytes())
    assert p.returncode == 0
    (obj,) = lines_of(p.out)
    assert (obj["file"], obj["schema"]) == ("<stdin>", "S5")


def test_piped_there_is_no_progress_bar(tmp_path: Path) -> None:
    for i in range(40):
        shutil.copy(TREMPLIN, tmp_path / f"g{i:02d}.yaml")
    p = run("check", "-j", "1", tmp_path)
    assert p.returncode == 0
    assert p.err == ""  # no bar, no escape sequence


# -- the CSV summary -------------------------------------------------------------------------------


def test_the_csv_summary_opens_in_a_french_spreadsheet(registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "récapitulatif.csv"
    p = run("check", "-j", "1", "--csv", out, registry)
    assert p.returncode == 2
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8 after it
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "fichier;nom;schéma;tête de groupe;conforme;erreurs;avertissements"
    assert (
        lines[1] == f"{registry / 'a-nord' / 'tremplin-1.yaml'};Groupe Tremplin;S5;tremplin;oui;0;0"
    )
    assert lines[3].split(";")[4:] == ["non", "1", "0"]
    assert lines[4] == f"{registry / 'd-cassé.yaml'};;;;illisible;;"
    assert lines[5:] == [""]
    assert f"écrit : {out}" in p.err
    assert [f.name for f in tmp_path.iterdir() if f.name.startswith(".")] == []  # no leftover


def test_the_csv_summary_in_english_is_comma_separated(tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    assert run("check", "--lang", "en", "--csv", out, TREMPLIN).returncode == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "file,name,schema,head,conforms,errors,warnings"
    assert lines[1].endswith(",Groupe Tremplin,S5,tremplin,yes,0,0")


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_quoted() -> None:
    text = csv_text([("=cmd|' /C calc'!A0", "+Régie", None, "@tête", True, 0, 0)], "fr")
    row = text.splitlines()[1]
    assert row.startswith("'=cmd|' /C calc'!A0;'+Régie;;'@tête;oui")


def test_the_csv_is_not_written_over_an_input_nor_through_a_link(tmp_path: Path) -> None:
    doc = tmp_path / "g.yaml"
    shutil.copy(TREMPLIN, doc)
    before = doc.read_bytes()
    p = run("check", "--csv", doc, doc)
    assert p.returncode == 2
    assert "entrée" in p.err
    assert doc.read_bytes() == before
    link = tmp_path / "lien.csv"
    os.symlink(tmp_path / "ailleurs.csv", link)
    assert run("check", "--csv", link, doc).returncode == 2
    assert not (tmp_path / "ailleurs.csv").exists()


def test_a_csv_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    p = run("check", "--csv", tmp_path / "no-such-folder" / "r.csv", TREMPLIN)
    assert p.returncode == 2
    assert "écriture impossible" in p.err


# -- the command line ------------------------------------------------------------------------------


def test_the_help_is_french_by_default_and_english_on_request() -> None:
    fr = run("check", "--help")
    assert fr.returncode == 0
    assert "Charge, valide et classe chaque document une seule fois" in fr.out
    assert "CHEMIN" in fr.out
    assert "--csv FICHIER" in fr.out
    en = run("check", "--help", "--lang", "en")
    assert "Load, validate and classify each document once" in en.out
    assert "--csv FILE" in en.out


def test_check_needs_a_path() -> None:
    p = run("check")
    assert p.returncode == 2
    assert "ges-graph check : erreur : argument obligatoire absent : CHEMIN" in p.err


# -- in process: streaming, and one failure among many ---------------------------------------------


def args_for(*files: str | Path, **options: Any) -> argparse.Namespace:
    values = {
        "files": [str(f) for f in files],
        "lang": "fr",
        "json": True,
        "csv": None,
        "jobs": 1,
        "syntax": None,
        "max_size": 10**7,
        "schemas": None,
    }
    return argparse.Namespace(**(values | options))


def test_a_document_that_fails_inside_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ges_graph.rules

    real = ges_graph.rules.validate

    def fragile(ges: Any) -> Any:
        if ges.name == "Mise à disposition avec marge":
            raise RecursionError("maximum recursion depth exceeded")
        return real(ges)

    monkeypatch.setattr(ges_graph.rules, "validate", fragile)
    assert cmd_check(args_for(CHANTIERS, TREMPLIN)) == 2
    out = capsys.readouterr()
    first, second = lines_of(out.out)
    assert "RecursionError" in first["error"]["message"]
    assert second["schema"] == "S5"
    assert "vérification interrompue" in out.err


def test_results_are_streamed_not_gathered() -> None:
    """The second document is not checked before the first one's result has been taken."""
    seen: list[str] = []

    def worker(source: Source) -> Checked:
        seen.append(source.name)
        return check_one(source, "fr", 10**7)

    items = [Source(str(TREMPLIN)) for _ in range(200)]
    results = stream(items, worker, jobs=1)
    first = next(results)
    assert first.status == "conforms"
    assert len(seen) <= check_module._CHUNK
    results.close()


def test_an_unreadable_item_passes_through_the_stream() -> None:
    items = [error_outcome("x.yaml", "x.yaml: lecture impossible"), Source(str(TREMPLIN))]
    worker = functools.partial(check_one, lang="fr", max_size=10**7)
    statuses = [c.status for c in stream(items, worker, jobs=1)]
    assert statuses == ["unreadable", "conforms"]


class _InlineExecutor:
    """Stands for the process pool: runs each chunk at once, and counts the chunks submitted."""

    submitted = 0

    def __init__(self, max_workers: int, initializer: Any = None) -> None:
        self.max_workers = max_workers

    def __enter__(self) -> _InlineExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(self, fn: Any, *args: Any) -> Any:
        from concurrent.futures import Future

        _InlineExecutor.submitted += 1
        future: Future[Any] = Future()
        future.set_result(fn(*args))
        return future


def test_with_a_pool_the_work_in_flight_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _InlineExecutor)
    _InlineExecutor.submitted = 0
    items = [error_outcome(f"{i}.yaml", "illisible") for i in range(2000)]
    results = stream(items, check_one, jobs=2)
    taken = [next(results) for _ in range(10)]
    assert [c.row[0] for c in taken] == [f"{i}.yaml" for i in range(10)]
    bound = 2 * check_module._IN_FLIGHT + 1  # chunks waiting, and the one being read
    assert _InlineExecutor.submitted <= bound
    assert sum(1 for _ in results) == 1990
    assert _InlineExecutor.submitted == 2000 // check_module._CHUNK


class _DyingExecutor(_InlineExecutor):
    """A pool whose worker dies on the second chunk (killed for memory, say)."""

    def submit(self, fn: Any, *args: Any) -> Any:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        if _InlineExecutor.submitted == 1:
            _InlineExecutor.submitted += 1
            future: Future[Any] = Future()
            future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
            return future
        return super().submit(fn, *args)


def test_a_lost_worker_is_said_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _DyingExecutor)
    monkeypatch.setattr(check_module, "_CHUNK", 2)
    _InlineExecutor.submitted = 0
    for i in range(40):
        shutil.copy(TREMPLIN, tmp_path / f"g{i:02d}.yaml")
    assert cmd_check(args_for(tmp_path, json=False, jobs=2)) == 2
    out = capsys.readouterr()
    rows = out.out.splitlines()
    assert [r.split()[0] for r in rows[1:3]] == ["conforme", "conforme"]  # the first chunk
    summed = "2 documents : 2 conformes, 0 non conforme, 0 illisible"
    assert rows[-3:-1] == [summed, "Schémas reconnus :"]
    assert "un processus de vérification s'est arrêté" in out.err


def test_workers_that_cannot_load_the_schemas_say_why_per_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    # An installation without its schemas folder: the forked workers inherit the broken loader.
    def missing() -> None:
        raise FileNotFoundError("the schemas data folder is missing")

    monkeypatch.setattr(schemas, "reference_schemas", missing)
    monkeypatch.setattr(classification, "reference_schemas", missing)
    for i in range(4):
        shutil.copy(TREMPLIN, tmp_path / f"g{i}.yaml")
    items = [Source(str(p)) for p in sorted(tmp_path.iterdir())]
    worker = functools.partial(check_one, lang="en", max_size=10**6)
    results = list(stream(items, worker, 2))
    assert [r.status for r in results] == ["unreadable"] * 4  # every document, none lost
    message = json.loads(results[0].line)["error"]["message"]
    assert "the schemas data folder is missing" in message
    assert "Traceback" not in capfd.readouterr().err
