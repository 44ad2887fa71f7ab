"""The ``ges-graph`` command through its real entry point (the console script of the venv).

Exit codes (0 success, 1 fails what was asked, 2 unreadable input or wrong command line), the JSON
forms of ``docs/cli.md``, errors on stderr without traceback, several files and folders,
``--jobs``, standard input, and the demo.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conformance_cases import CONFORMANCE, select

from ges_graph._data import example_path
from ges_graph.cli.batch import Progress
from ges_graph.cli.lines import READ_AGAIN_MAX

SCRIPT = Path(sys.executable).with_name("ges-graph")
LANGUAGE_VARIABLES = ("GES_GRAPH_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
TREMPLIN = example_path("tremplin.yaml")  # S5, conforms
CHANTIERS = example_path("chantiers-verts.yaml")  # a secondment with a margin: does not conform
SUBCOMMANDS = (
    "validate",
    "classify",
    "check",
    "render",
    "report",
    "schemas",
    "convert",
    "diff",
    "demo",
    "template",
    "import-registry",
    "budget",
    "plan",
)


def run(
    *args: str | Path,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Any:
    """Run the console script; return the completed process (text stdout and stderr).

    ``env`` replaces the language variables of the environment (``GES_GRAPH_LANG`` and the
    locale's), which are otherwise left out: the command then speaks French.
    """
    environ = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES}
    proc = subprocess.run(
        [str(SCRIPT), *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        env={**environ, **(env or {})},
        timeout=300,
        check=False,
    )
    proc.out = proc.stdout.decode("utf-8")
    proc.err = proc.stderr.decode("utf-8")
    assert "Traceback" not in proc.err, proc.err
    return proc


def test_the_console_script_is_installed() -> None:
    assert SCRIPT.is_file(), f"no console script at {SCRIPT}: install the package (./dev setup)"


# -- the command line itself ----------------------------------------------------------------------


def test_version() -> None:
    from importlib.metadata import version

    p = run("--version")
    assert p.returncode == 0
    assert p.out.strip() == f"ges-graph {version('ges-graph')}"


def test_python_dash_m_runs_the_same_command() -> None:
    from importlib.metadata import version

    p = subprocess.run(
        [sys.executable, "-m", "ges_graph", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0
    assert p.stdout.strip() == f"ges-graph {version('ges-graph')}"


ENGLISH = {"env": {"GES_GRAPH_LANG": "en"}}
"""The command asked to speak English through the environment rather than ``--lang``."""

ARGPARSE_ENGLISH = ("usage:", "positional arguments", "show this help message", "default:")
"""Words of argparse, or of the English help, that a French help must not hold."""


def test_help_lists_every_subcommand_with_its_summary_in_french_by_default() -> None:
    p = run("--help")
    assert p.returncode == 0
    assert p.err == ""
    assert p.out.startswith("utilisation : ges-graph [-h] [--version] COMMANDE ...\n")
    listed = re.findall(r"^    ([a-z-]+)\s+(\S.*)$", p.out, flags=re.MULTILINE)  # may wrap
    assert [name for name, _ in listed] == list(SUBCOMMANDS)
    assert ("validate", "vérifier des documents au regard des règles") in listed
    assert "  -h, --help       afficher cette aide et quitter" in p.out
    assert "\noptions :\n" in p.out
    assert "\ncommandes :\n" in p.out
    assert "Exemples :\n  ges-graph validate groupe.yaml\n" in p.out
    assert not [word for word in ARGPARSE_ENGLISH if word in p.out]


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--help", "--lang", "en"), None), (("--lang=en", "--help"), None), (("--help",), "en")],
    ids=["lang-after-help", "lang-before-help", "variable"],
)
def test_help_is_in_english_when_asked(args: tuple[str, ...], env: str | None) -> None:
    p = run(*args, env={"GES_GRAPH_LANG": env} if env else None)
    assert p.returncode == 0, p.err
    assert p.out.startswith("usage: ges-graph [-h] [--version] COMMAND ...\n")
    listed = re.findall(r"^    ([a-z-]+)\s+(\S.*)$", p.out, flags=re.MULTILINE)
    assert ("validate", "check documents against the rules") in listed
    assert "show this help message and exit" in p.out


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "C.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"GES_GRAPH_LANG": "fr", "LANG": "en_US.UTF-8"}, "fr"),
        ({"GES_GRAPH_LANG": "xx", "LANG": "en_US.UTF-8"}, "en"),
    ],
)
def test_without_lang_the_environment_chooses(env: dict[str, str], lang: str) -> None:
    p = run("--help", env=env)
    assert p.out.startswith("usage: " if lang == "en" else "utilisation : ")
    messages = run("validate", TREMPLIN, env=env)
    assert messages.returncode == 0, messages.err
    assert ("conforms" if lang == "en" else "conforme") in messages.out.splitlines()[0]


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_its_help_in_french_by_default(name: str) -> None:
    p = run(name, "--help")
    assert p.returncode == 0
    assert p.err == ""
    assert p.out.startswith(f"utilisation : ges-graph {name} [-h] [--lang {{fr,en}}]")
    assert "  -h, --help" in p.out
    assert "afficher cette aide et quitter" in p.out
    assert re.search(r"^  --lang \{fr,en\}\s+langue des (messages|résultats) : fr", p.out, re.M)
    assert re.search(r"^Exemples? :\n  ges-graph " + re.escape(name), p.out, re.M), p.out
    assert not [word for word in ARGPARSE_ENGLISH if word in p.out], p.out
    assert not re.search(r"\b(FILE|OUT|DIR|BYTES|PATH|OLD|NEW)\b", p.out), p.out


@pytest.mark.parametrize("name", SUBCOMMANDS)
@pytest.mark.parametrize("how", ["option", "variable"])
def test_every_subcommand_has_its_help_in_english_on_request(name: str, how: str) -> None:
    p = run(name, "--help", "--lang", "en") if how == "option" else run(name, "-h", **ENGLISH)
    assert p.returncode == 0
    assert p.out.startswith(f"usage: ges-graph {name} [-h] [--lang {{fr,en}}]")
    assert re.search(r"^  --lang \{fr,en\}\s+language of the (messages|results): fr", p.out, re.M)
    assert re.search(r"^Examples?:\n  ges-graph " + re.escape(name), p.out, re.M), p.out
    assert not [w for w in ("utilisation", "afficher", "par défaut", "FICHIER") if w in p.out]


def _choices(*names: str) -> str:
    """The list argparse prints after "choose from" (quoted or not, as the Python version does)."""
    return ", ".join(f"'?{re.escape(name)}'?" for name in names)


WRONG_LINES = [
    ((), "", "argument obligatoire absent : COMMANDE"),
    (
        ("frobnicate",),
        "",
        r"argument COMMANDE : choix invalide : 'frobnicate' "
        rf"\(choisir parmi {_choices(*SUBCOMMANDS)}\)",
    ),
    (("validate",), "validate", r"argument obligatoire absent : FICHIER \(ou --rules\)"),
    (
        ("validate", "--lang", "de", str(TREMPLIN)),
        "validate",
        rf"argument --lang : choix invalide : 'de' \(choisir parmi {_choices('fr', 'en')}\)",
    ),
    (
        ("validate", "--jobs", "-1", str(TREMPLIN)),
        "validate",
        r"argument --jobs/-j : doit valoir 0 ou plus, et non -1",
    ),
    (("render", str(TREMPLIN)), "render", r"argument obligatoire absent : -o/--output"),
    (("render",), "render", r"arguments obligatoires absents : FICHIER, -o/--output"),
    (("convert", str(TREMPLIN)), "convert", r"argument obligatoire absent : -o/--output"),
    (("diff", str(TREMPLIN)), "diff", r"argument obligatoire absent : NOUVEAU"),
    (("validate", "--frob", str(TREMPLIN)), "", r"argument non reconnu : --frob"),
    (("validate", "--lang"), "validate", r"argument --lang : une valeur est attendue"),
]
"""Wrong command lines, the subcommand whose usage is printed, and the error in French."""


@pytest.mark.parametrize(
    ("args", "command", "error"),
    WRONG_LINES,
    ids=[
        "nothing",
        "unknown",
        "no-file",
        "bad-lang",
        "bad-jobs",
        "no-output",
        "nothing-given",
        "no-out",
        "one",
        "unrecognised",
        "no-lang",
    ],
)
def test_a_wrong_command_line_exits_2_with_usage_and_error_on_stderr(
    args: tuple[str, ...], command: str, error: str
) -> None:
    p = run(*args)
    assert p.returncode == 2
    assert p.out == ""
    prog = f"ges-graph {command}".strip()
    usage, *wrapped, last = p.err.splitlines()
    assert usage.startswith(f"utilisation : {prog} [-h] "), p.err
    assert all(line.startswith(" " * len("utilisation : ")) for line in wrapped), p.err
    assert re.fullmatch(rf"{re.escape(prog)} : erreur : {error}", last), p.err


@pytest.mark.parametrize(
    ("args", "command", "error"),
    [
        ((), "", r"the following arguments are required: COMMAND"),
        (
            ("validate",),
            "validate",
            r"the following arguments are required: FILE \(or --rules\)",
        ),
        (
            ("validate", "--jobs", "-1", str(TREMPLIN)),
            "validate",
            r"argument --jobs/-j: must be 0 or more, not -1",
        ),
        (("diff", str(TREMPLIN)), "diff", r"the following arguments are required: NEW"),
    ],
    ids=["nothing", "no-file", "bad-jobs", "one"],
)
def test_a_wrong_command_line_is_refused_in_english_when_asked(
    args: tuple[str, ...], command: str, error: str
) -> None:
    p = run(*args, **ENGLISH)
    assert p.returncode == 2
    prog = f"ges-graph {command}".strip()
    usage, *wrapped, last = p.err.splitlines()
    assert usage.startswith(f"usage: {prog} [-h] "), p.err
    assert all(line.startswith(" " * len("usage: ")) for line in wrapped), p.err
    assert re.fullmatch(rf"{re.escape(prog)}: error: {error}", last), p.err


# -- validate -------------------------------------------------------------------------------------


def test_validate_a_conforming_document_exits_0() -> None:
    p = run("validate", TREMPLIN)
    assert p.returncode == 0, p.err
    assert p.out.startswith("Groupe Tremplin : conforme (2 informations)\nInformations (2)\n")
    assert p.err == ""


def test_validate_a_document_with_an_error_exits_1() -> None:
    p = run("validate", "--lang", "en", CHANTIERS)
    assert p.returncode == 1
    assert "secondment-for-profit" in p.out


def test_validate_json_is_the_documented_form() -> None:
    p = run("validate", "--json", CHANTIERS)
    assert p.returncode == 1
    data = json.loads(p.out)
    assert data["file"] == str(CHANTIERS)
    assert data["conforms"] is False
    finding = next(f for f in data["findings"] if f["rule"] == "secondment-for-profit")
    assert finding["severity"] == "error"
    assert set(finding) == {"rule", "severity", "subjects", "message", "reference"}
    assert finding["subjects"]


def test_validate_messages_follow_lang() -> None:
    fr = json.loads(run("validate", "--json", CHANTIERS).out)
    en = json.loads(run("validate", "--json", "--lang", "en", CHANTIERS).out)
    assert [f["rule"] for f in fr["findings"]] == [f["rule"] for f in en["findings"]]
    fr_message, en_message = (d["findings"][0]["message"] for d in (fr, en))
    assert fr_message.startswith(
        "L'Association Chantiers Verts (asso) met du personnel à disposition"
    )
    assert en_message.startswith("Association Chantiers Verts (asso) seconds staff to")


def test_several_files_give_one_result_each_in_order() -> None:
    p = run("validate", "--json", TREMPLIN, CHANTIERS)
    assert p.returncode == 1
    data = json.loads(p.out)
    assert [d["file"] for d in data] == [str(TREMPLIN), str(CHANTIERS)]
    assert [d["conforms"] for d in data] == [True, False]


def test_several_files_in_text_are_headed_and_summed_up() -> None:
    p = run("validate", "--lang", "en", TREMPLIN, CHANTIERS)
    assert p.returncode == 1
    assert p.out.index(f"== {TREMPLIN} ==") < p.out.index(f"== {CHANTIERS} ==")
    assert "2 documents: 1 conforms, 1 does not conform, 0 unreadable" in p.out


def test_an_unreadable_file_does_not_stop_the_others(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    p = run("validate", "--json", missing, TREMPLIN)
    assert p.returncode == 2
    first, second = json.loads(p.out)
    assert first["file"] == str(missing)
    assert set(first) == {"file", "error"}
    assert str(missing) in first["error"]["message"]
    assert second["conforms"] is True
    assert str(missing) in p.err


def test_exit_2_wins_over_exit_1(tmp_path: Path) -> None:
    p = run("validate", CHANTIERS, tmp_path / "absent.yaml")
    assert p.returncode == 2


def test_a_folder_is_every_document_in_it(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(TREMPLIN, tmp_path / "b.yaml")
    shutil.copy(CHANTIERS, tmp_path / "sub" / "a.yml")
    (tmp_path / "notes.txt").write_text("not a document", encoding="utf-8")
    p = run("validate", "--json", tmp_path)
    data = json.loads(p.out)
    assert [Path(d["file"]).name for d in data] == ["b.yaml", "a.yml"]
    assert p.returncode == 1


def test_an_empty_folder_is_unreadable(tmp_path: Path) -> None:
    p = run("validate", "--json", tmp_path)
    assert p.returncode == 2
    assert json.loads(p.out)[0]["file"] == str(tmp_path)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.yaml", b""),
        ("binary.yaml", bytes(range(256))),
        ("list.json", b"[1, 2, 3]"),
        ("nan.json", b'{"format": "ges-graph/1", "name": NaN, "entities": []}'),
        ("deep.yaml", b"[" * 5000 + b"]" * 5000),
        ("suffix.txt", b"format: ges-graph/1\n"),
    ],
)
def test_bad_input_gives_exit_2_and_a_located_message(name: str, content: bytes, tmp_path: Path):
    path = tmp_path / name
    path.write_bytes(content)
    p = run("validate", path)
    assert p.returncode == 2
    assert str(path) in p.err
    assert p.out == ""


def test_max_size_is_an_option(tmp_path: Path) -> None:
    p = run("validate", "--max-size", "100", TREMPLIN)
    assert p.returncode == 2
    assert p.out == ""
    assert p.err.startswith(f"{TREMPLIN}: le document dépasse la taille maximale (")
    assert p.err.endswith(" (attendu au plus 100 octets)\n")
    assert run("validate", "--max-size", str(10**6), TREMPLIN).returncode == 0


def test_jobs_give_the_same_results_as_one_process() -> None:
    files = sorted(CONFORMANCE.glob("*.yaml")) or [TREMPLIN, CHANTIERS]
    one = run("validate", "--json", "--jobs", "1", *files)
    two = run("validate", "--json", "--jobs", "2", *files)
    assert one.returncode == two.returncode
    assert len(json.loads(one.out)) == len(files)
    assert json.loads(one.out) == json.loads(two.out)


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    p = run("validate", "--jobs", "2", TREMPLIN, CHANTIERS, TREMPLIN)
    assert p.returncode == 1
    assert "\r" not in p.err
    assert "\033" not in p.err


class _FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_for_a_long_run() -> None:
    stream = _FakeTTY()
    bar = Progress(4, stream=stream, delay=0.0)
    for name in "abcd":
        bar.advance(name)
    bar.close()
    text = stream.getvalue()
    assert "[" + "#" * 30 + "] 4/4 d" in text
    assert text.endswith("\r\033[K")


def test_no_progress_bar_for_a_short_run() -> None:
    stream = _FakeTTY()
    bar = Progress(4, stream=stream, delay=3600.0)
    for name in "abcd":
        bar.advance(name)
    bar.close()
    assert stream.getvalue() == ""


# -- standard input -------------------------------------------------------------------------------


def test_validate_reads_standard_input() -> None:
    p = run("validate", "--json", "-", stdin=TREMPLIN.read_bytes())
    assert p.returncode == 0
    assert json.loads(p.out)["file"] == "<stdin>"


def test_standard_input_takes_syntax() -> None:
    text = run("convert", "--to", "json", "-o", "-", TREMPLIN).out
    p = run("validate", "--json", "--syntax", "json", "-", stdin=text.encode())
    assert p.returncode == 0
    bad = run("validate", "--syntax", "json", "-", stdin=b"{not json")
    assert bad.returncode == 2
    assert "<stdin>" in bad.err


@pytest.mark.parametrize(("command", "suffix"), [("render", ".dot"), ("report", ".html")])
def test_render_and_report_read_standard_input(command: str, suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"g{suffix}"
    p = run(command, "-", "-o", out, stdin=TREMPLIN.read_bytes())
    assert p.returncode == 0, p.err
    assert "Tremplin" in out.read_text(encoding="utf-8")


def test_standard_input_only_once() -> None:
    p = run("validate", "--json", "-", "-", stdin=TREMPLIN.read_bytes())
    assert p.returncode == 2
    assert [d["file"] for d in json.loads(p.out)] == ["<stdin>", "-"]


# -- conformance: load errors through validate --json ---------------------------------------------

LOAD_ERRORS = select("load_error")


@pytest.fixture(scope="module")
def load_error_results() -> dict[str, dict[str, Any]]:
    """One run of ``validate --json`` over every load_error case (a process per case is slow)."""
    files = [c.values[0]["path"] for c in LOAD_ERRORS if c.values[0] is not None]
    if not files:
        pytest.skip("no ../shared/conformance")
    p = run("validate", "--json", *files)
    assert p.returncode == 2
    return {Path(d["file"]).name: d for d in json.loads(p.out)}


@pytest.mark.parametrize("case", LOAD_ERRORS)
def test_conformance_load_errors_through_validate_json(
    case: dict[str, Any], load_error_results: dict[str, dict[str, Any]]
) -> None:
    result = load_error_results[case["file"]]
    assert set(result) == {"file", "error"}
    error = result["error"]
    assert case["file"] in error["message"]
    if "location" in case:
        assert error["location"] == case["location"]
        assert case["location"] in error["message"]


def test_one_load_error_alone_is_an_object_not_a_list() -> None:
    path = CONFORMANCE / "bad-unknown-form.yaml"
    if not path.is_file():
        pytest.skip("no ../shared/conformance")
    p = run("validate", "--json", path)
    assert p.returncode == 2
    data = json.loads(p.out)
    assert data["error"]["location"] == "entities[1].form"
    assert data["error"]["line"] == 5
    assert f"{path}:5:" in p.err


# -- classify -------------------------------------------------------------------------------------


def test_classify_json_is_the_documented_form() -> None:
    p = run("classify", "--json", TREMPLIN)
    assert p.returncode == 0
    data = json.loads(p.out)
    assert data["file"] == str(TREMPLIN)
    assert (data["schema"], data["head"], data["nearest"]) == ("S5", "tremplin", "S5")
    assert [c["schema"] for c in data["candidates"]] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    for candidate in data["candidates"]:
        assert set(candidate) >= {"schema", "matched", "score", "conditions"}


S5_FR = (
    "S5 — Groupe mixte avec gouvernance associative et SAS "
    "(reconstitution de la typologie COORACE, confiance moyenne)"
)
S5_EN = (
    "S5 — Mixed group with associative governance and an SAS "
    "(reconstruction of the COORACE typology, medium confidence)"
)
COMMON_IDS = ["at-least-two-members", "unified-governance", "no-outside-control"]


def test_classify_text_says_the_schema_is_a_reconstruction_with_its_confidence() -> None:
    fr, en = run("classify", TREMPLIN), run("classify", "--lang", "en", TREMPLIN)
    assert fr.returncode == en.returncode == 0
    assert f"\nSchéma : {S5_FR}\n" in fr.out
    assert fr.out.splitlines()[-1] == "Conditions communes à tous les schémas remplies : 3 sur 3"
    assert f"\nSchema: {S5_EN}\n" in en.out
    assert en.out.splitlines()[-1] == "Conditions common to every schema held: 3 of 3"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_classify_json_has_the_confidence_and_the_common_conditions_once(lang: str) -> None:
    data = json.loads(run("classify", "--json", "--lang", lang, TREMPLIN).out)
    assert data["confidence"] == "medium"
    assert [c["id"] for c in data["common"]] == COMMON_IDS
    assert all(c["held"] and c["message"] for c in data["common"])
    s5 = data["candidates"][4]
    assert [c["id"] for c in s5["conditions"]] == [
        "head-associative",
        "head-capital-controls-an-sas",
        "sas-capital-controls-a-company",
    ]
    for candidate in data["candidates"]:
        assert not {c["id"] for c in candidate["conditions"]} & set(COMMON_IDS)


def test_classify_names_a_given_schema_as_supplied(s7_files: tuple[Path, Path]) -> None:
    schema, group = s7_files
    fr = run("classify", "--schema", schema, group)
    assert "\nSchéma : S7 — Groupe à tête publique (schéma fourni, confiance faible)\n" in fr.out
    en = run("classify", "--schema", schema, "--lang", "en", group)
    assert "\nSchema: S7 — Group headed by a public body (user-supplied schema, low " in en.out
    data = json.loads(run("classify", "--schema", schema, "--json", group).out)
    assert data["confidence"] == "low"
    # S7 does not state "at least two members": that condition is no longer common
    assert [c["id"] for c in data["common"]] == ["unified-governance"]


def test_check_names_a_given_schema_it_matched_as_classify_does(
    s7_files: tuple[Path, Path],
) -> None:
    schema, group = s7_files
    lines = run("check", "--schema", schema, "--jobs", "1", group).out.splitlines()
    assert lines[-2:] == [
        "Schémas reconnus :",
        "  S7 — Groupe à tête publique (schéma fourni, confiance faible)",
    ]


def test_classify_exits_0_when_nothing_matches(tmp_path: Path) -> None:
    path = tmp_path / "alone.yaml"
    path.write_text(
        "format: ges-graph/1\nname: Seule\nentities:\n"
        "  - {id: a, name: Association A, form: association}\n",
        encoding="utf-8",
    )
    p = run("classify", "--json", path)
    assert p.returncode == 0
    assert json.loads(p.out)["schema"] is None


def test_classify_several_files_and_an_unreadable_one(tmp_path: Path) -> None:
    p = run("classify", "--json", TREMPLIN, tmp_path / "absent.yaml")
    assert p.returncode == 2
    ok, bad = json.loads(p.out)
    assert ok["schema"] == "S5"
    assert set(bad) == {"file", "error"}


# -- convert --------------------------------------------------------------------------------------


def test_convert_yaml_to_json_and_back_keeps_the_document(tmp_path: Path) -> None:
    import ges_graph

    as_json = tmp_path / "g.json"
    back = tmp_path / "g.yaml"
    assert run("convert", TREMPLIN, "-o", as_json).returncode == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["name"] == "Groupe Tremplin"
    assert run("convert", as_json, "-o", back).returncode == 0
    assert ges_graph.load(back) == ges_graph.load(TREMPLIN)


def test_convert_to_standard_output_needs_to() -> None:
    p = run("convert", TREMPLIN, "-o", "-")
    assert p.returncode == 2
    assert p.out == ""
    assert p.err == "-o - (sortie standard) demande --to yaml ou --to json\n"
    p = run("convert", TREMPLIN, "-o", "-", "--to", "yaml")
    assert p.returncode == 0
    assert p.out.startswith("format: ges-graph/1")


def test_convert_refuses_an_unknown_output_suffix(tmp_path: Path) -> None:
    p = run("convert", TREMPLIN, "-o", tmp_path / "g.txt", "--lang", "en")
    assert p.returncode == 2
    expected = ".yaml, .yml, .json, .graphml, .gexf, .bods.json, .xlsx, …/ (CSV)"
    assert p.err == f"{tmp_path / 'g.txt'}: unknown output format '.txt' (expected {expected})\n"
    assert not (tmp_path / "g.txt").exists()


def test_convert_a_bad_document_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: ges-graph/1\nname: x\nentities: 3\n", encoding="utf-8")
    p = run("convert", bad, "-o", tmp_path / "out.json")
    assert p.returncode == 2
    assert f"{bad}:" in p.err
    assert not (tmp_path / "out.json").exists()


def test_convert_into_a_missing_folder_exits_2(tmp_path: Path) -> None:
    p = run("convert", TREMPLIN, "-o", tmp_path / "no" / "such" / "g.json")
    assert p.returncode == 2
    assert "g.json" in p.err


# -- demo -----------------------------------------------------------------------------------------


def test_demo_draws_the_schemas_and_writes_a_report(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    p = run("demo", "-o", out)
    assert p.returncode == 0, p.err
    assert sorted(f.name for f in (out / "schemas").iterdir()) == [f"S{i}.svg" for i in range(1, 7)]
    for svg in (out / "schemas").iterdir():
        assert "<svg" in svg.read_text(encoding="utf-8")
    page = out / "tremplin.html"
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(out) in p.out
    assert str(page) in p.out
    assert f"  classement : {S5_FR} ; tête de groupe : Association Tremplin\n" in p.out
    assert "reconstitution de la typologie COORACE, confiance moyenne" in page.read_text("utf-8")
    # the verdict counted as validate counts it, not « conforme (2 constats) »
    assert "  validation : conforme (2 informations)\n" in p.out
    assert "  validation : non conforme (1 erreur, 1 information)\n" in p.out


def test_demo_needs_no_input_and_defaults_to_a_folder_in_the_current_one(tmp_path: Path) -> None:
    p = run("demo", "--lang", "en", cwd=tmp_path)
    assert p.returncode == 0, p.err
    assert (tmp_path / "ges-graph-demo" / "schemas" / "S5.svg").is_file()
    assert "results in ges-graph-demo" in p.out
    assert f"  classification: {S5_EN}; head: Association Tremplin\n" in p.out


def test_demo_into_an_unwritable_place_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    p = run("demo", "-o", blocker / "sub")
    assert p.returncode == 2
    assert str(blocker / "sub") in p.err


# -- --schema FILE: a schema written only in YAML, beside the reference ones ----------------------

S7_TEXT = """\
id: S7
title: {fr: Groupe à tête publique, en: Group headed by a public body}
confidence: low
basis: {fr: un test, en: a test}
head_condition:
  id: head-public
  text: {fr: la tête est publique, en: the head is public}
  test: {head: {family: [public]}}
conditions:
  - id: unified-governance
    text: {fr: unifiée, en: unified}
    test: {unified: true}
  - id: head-controls-an-association
    text: {fr: la tête contrôle une association, en: the head controls an association}
    test: {head_link: {link: controls, to: {family: [associative]}}}
example:
  format: ges-graph/1
  name: Ville solidaire
  entities:
    - {id: ville, name: Ville, form: public_body}
    - {id: asso, name: Association Emploi, form: association}
  relations:
    - {type: statutory_control, from: ville, to: asso}
"""
PUBLIC_GROUP = """\
format: ges-graph/1
name: Régie publique
entities:
  - {id: cc, name: Communauté de communes, form: public_body}
  - {id: a, name: Association de la régie, form: association}
  - {id: b, name: Chantier de la régie, form: association}
relations:
  - {type: statutory_control, from: cc, to: a}
  - {type: statutory_control, from: cc, to: b}
"""


@pytest.fixture
def s7_files(tmp_path: Path) -> tuple[Path, Path]:
    """(the S7 schema file, a group that only S7 describes)."""
    schema, group = tmp_path / "S7.yaml", tmp_path / "regie.yaml"
    schema.write_text(S7_TEXT, encoding="utf-8")
    group.write_text(PUBLIC_GROUP, encoding="utf-8")
    return schema, group


def test_classify_with_a_given_schema_tries_it_after_the_reference_ones(
    s7_files: tuple[Path, Path],
) -> None:
    schema, group = s7_files
    without = json.loads(run("classify", "--json", group).out)
    assert without["schema"] is None
    p = run("classify", "--schema", schema, group, "--json")
    assert p.returncode == 0, p.err
    data = json.loads(p.out)
    assert data["schema"] == "S7"
    assert data["head"] == "cc"
    reference = [c["schema"] for c in without["candidates"]]
    assert [c["schema"] for c in data["candidates"]] == [*reference, "S7"]
    # a group a reference schema describes keeps it: the given schema comes after
    data = json.loads(run("classify", "--schema", schema, "--json", TREMPLIN).out)
    assert data["schema"] == "S5"
    assert data["candidates"][-1]["schema"] == "S7"


def test_a_given_schema_reaches_the_worker_processes(s7_files: tuple[Path, Path]) -> None:
    schema, group = s7_files
    one = run("classify", "--schema", schema, "--json", group, TREMPLIN)
    two = run("classify", "--schema", schema, "--json", "-j", "2", group, TREMPLIN)
    assert one.returncode == two.returncode == 0
    assert json.loads(one.out) == json.loads(two.out)
    assert [d["schema"] for d in json.loads(two.out)] == ["S7", "S5"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("id: S7\ntitle: {fr: x, en: x}\n", r"S7\.yaml: confidence \(line 1\): Field required"),
        (S7_TEXT.replace("id: S7", "id: S4"), r"S7\.yaml: id: the schema id 'S4' is already taken"),
        (S7_TEXT.replace("[public]", "[publik]"), r"head_condition\.test\.head\.family\[0\]"),
    ],
    ids=["incomplete", "taken-id", "bad-family"],
)
@pytest.mark.parametrize("command", ["classify", "report", "render", "demo"])
def test_a_bad_schema_file_exits_2_naming_the_file_and_the_place(
    command: str, content: str, words: str, tmp_path: Path
) -> None:
    schema = tmp_path / "S7.yaml"
    schema.write_text(content, encoding="utf-8")
    args: dict[str, tuple[str | Path, ...]] = {
        "classify": (TREMPLIN,),
        "report": (TREMPLIN, "-o", tmp_path / "out.html"),
        "render": (TREMPLIN, "-o", tmp_path / "out.svg"),
        "demo": ("-o", tmp_path / "demo"),
    }
    p = run(command, "--schema", schema, *args[command])
    assert p.returncode == 2
    assert p.out == ""
    assert re.search(words, p.err), p.err
    assert not (tmp_path / "out.html").exists()
    assert not (tmp_path / "out.svg").exists()
    assert not (tmp_path / "demo").exists()


def test_a_missing_schema_file_exits_2(tmp_path: Path) -> None:
    p = run("classify", "--schema", tmp_path / "nope.yaml", TREMPLIN)
    assert p.returncode == 2
    assert "nope.yaml: cannot read the file" in p.err


def test_report_classifies_with_the_given_schemas(
    s7_files: tuple[Path, Path], tmp_path: Path
) -> None:
    schema, group = s7_files
    plain, given = tmp_path / "plain.html", tmp_path / "given.html"
    assert run("report", group, "-o", plain).returncode == 0
    p = run("report", "--schema", schema, group, "-o", given, "--lang", "en")
    assert p.returncode == 0, p.err
    assert "Group headed by a public body" in given.read_text(encoding="utf-8")
    assert "S7" not in plain.read_text(encoding="utf-8")


def test_render_accepts_a_given_schema(s7_files: tuple[Path, Path], tmp_path: Path) -> None:
    schema, group = s7_files
    out = tmp_path / "g.dot"
    p = run("render", "--schema", schema, group, "-o", out)
    assert p.returncode == 0, p.err
    assert out.read_text(encoding="utf-8").startswith("digraph")


def test_demo_draws_the_given_schemas_beside_the_reference_ones(
    s7_files: tuple[Path, Path], tmp_path: Path
) -> None:
    schema, _ = s7_files
    out = tmp_path / "demo"
    p = run("demo", "--schema", schema, "-o", out, "--lang", "en")
    assert p.returncode == 0, p.err
    drawn = {f.name for f in (out / "schemas").iterdir()}
    assert {"S1.svg", "S6.svg", "S7.svg"} <= drawn
    assert "Ville" in (out / "schemas" / "S7.svg").read_text(encoding="utf-8")
    assert "given schemas (--schema) drawn: 1" in p.out


@pytest.mark.parametrize("command", ["classify", "report", "render", "demo", "check"])
def test_schema_option_is_in_the_help(command: str) -> None:
    p = run(command, "--help")
    assert p.returncode == 0
    assert "--schema FICHIER_DE_SCHÉMA" in p.out
    assert "--schema SCHEMA_FILE" in run(command, "--help", "--lang", "en").out


# -- the parser in a language, for the documentation -----------------------------------------------


def test_build_parser_speaks_each_language_and_leaves_argparse_as_it_was() -> None:
    import argparse

    from ges_graph.cli.parser import SUBCOMMANDS as BUILT
    from ges_graph.cli.parser import build_parser
    from ges_graph.errors import UnknownLanguageError

    words = argparse._  # type: ignore[attr-defined]
    french, english = build_parser("fr"), build_parser("en")
    assert french.format_help().startswith("utilisation : ges-graph ")
    assert english.format_help().startswith("usage: ges-graph ")
    assert argparse._ is words  # type: ignore[attr-defined]
    assert BUILT == SUBCOMMANDS
    for parser, lang in ((french, "fr"), (english, "en")):
        assert parser.parse_args(["validate", "a.yaml"]).lang == lang
    with pytest.raises(UnknownLanguageError):
        build_parser("de")  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_run_builds_its_subcommand_only_and_lists_the_others_the_same(lang: str) -> None:
    from ges_graph.cli.parser import _build

    whole, parsers = _build(lang)  # type: ignore[arg-type]
    for name in SUBCOMMANDS:
        light, some = _build(lang, only=name)  # type: ignore[arg-type]
        assert light.format_help() == whole.format_help()
        assert some[name].format_help() == parsers[name].format_help()
    listed, _ = _build(lang, only="")  # type: ignore[arg-type]
    assert listed.format_help() == whole.format_help()


def test_lang_may_stand_before_the_subcommand(tmp_path: Path) -> None:
    # the help says the language is that of --lang: before the subcommand too
    proc = run("--lang", "en", "validate", TREMPLIN)
    assert proc.returncode == 0, proc.err
    assert "conforms" in proc.out
    assert run("--lang=en", "--help").out.startswith("usage: ges-graph")
    assert run("--lang", "en", "classify", "--json", TREMPLIN).returncode == 0


def test_a_missing_file_is_said_in_the_language_of_the_messages(tmp_path: Path) -> None:
    # the system's words are English: the usual causes are said in the messages' language
    missing = tmp_path / "absent.yaml"
    fr = run("validate", missing)
    assert fr.returncode == 2
    assert "lecture du fichier impossible : fichier ou dossier introuvable" in fr.err
    assert "No such file" not in fr.err
    en = run("validate", "--lang", "en", missing)
    assert "cannot read the file: no such file or directory" in en.err


def test_an_unknown_kind_of_accounts_lists_the_kinds_of_accounts() -> None:
    # « kind » is also a flow's key: under « accounts », the vocabulary is the accounts' own
    bad = Path(__file__).parent / "forecast_conformance" / "bad-account-kind.yaml"
    proc = run("validate", bad)
    assert proc.returncode == 2
    assert "nature des comptes inconnue (lu « provisoire » ; attendu une des valeurs : " in proc.err
    assert "actual (réalisé), forecast (prévisionnel)" in proc.err
    assert "management_fee" not in proc.err


def test_several_classified_documents_are_summed_up_as_classified() -> None:
    p = run("classify", TREMPLIN, CHANTIERS)
    assert p.returncode == 0
    assert "2 documents : 2 classés, 0 illisible" in p.out
    assert "réussi" not in p.out


# -- the line of a relation that a finding names by its place ------------------------------------


def test_validate_gives_the_line_of_each_relation_named_by_its_place(tmp_path: Path) -> None:
    # « relations[6] » is the seventh relation; in a long file, nobody counts them.
    text = TREMPLIN.read_text("utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "kind: management_fee" in row)
    said = f"Relations citées, dans le fichier : relations[6] à la ligne {line}."
    assert said in run("validate", TREMPLIN).out.splitlines()
    stdin = f"dans le texte lu sur l'entrée standard : relations[6] à la ligne {line}."
    assert (
        "Relations citées, " + stdin in run("validate", "-", stdin=text.encode()).out.splitlines()
    )
    # The same document in JSON, its relations written over several lines each.
    data = yaml.safe_load(text)
    path = tmp_path / "tremplin.json"
    path.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    written = path.read_text("utf-8").splitlines()
    fee = next(i for i, row in enumerate(written, 1) if '"management_fee"' in row)
    opening = max(i for i in range(1, fee) if written[i - 1].strip() == "{")
    out = run("validate", "--lang", "en", path).out
    assert f"Relations cited, in the file: relations[6] on line {opening}." in out.splitlines()
    # On one line, the column tells the relations apart.
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    column = path.read_text("utf-8").index('{"type": "flow", "kind": "management_fee"') + 1
    out = run("validate", "--lang", "en", path).out
    assert f"relations[6] on line 1, column {column}." in out


def test_the_lines_are_the_reader_s_own_and_a_large_file_gets_none(tmp_path: Path) -> None:
    # A quoted note continued on a line that opens with a dash, or at the margin: a scan of the
    # lines took them for relations, and gave wrong lines.
    tricky = tmp_path / "tricky.yaml"
    tricky.write_text(
        "format: ges-graph/1\nname: G\nentities:\n"
        "  - {id: a, name: Asso A, form: association}\n  - {id: b, name: SAS B, form: sas}\n"
        "relations:\n"
        "  - type: flow\n    from: a\n    to: b\n    kind: service\n"
        '    note: "Prestations :\n  - nettoyage"\n'
        "  - type: flow\n    from: b\n    to: a\n    kind: premises\n"
        '    note: "Loyer\nrévisé"\n'
        "  - {type: flow, kind: management_fee, from: b, to: a, amount: 5000}\n",
        encoding="utf-8",
    )
    assert "relations[0] à la ligne 7 ; relations[2] à la ligne 19." in run("validate", tricky).out
    data = yaml.safe_load(TREMPLIN.read_text("utf-8"))
    data["entities"] += [
        {"id": f"x{i}", "name": f"Association {i} " + "·" * 100, "form": "association"}
        for i in range(4000)
    ]
    large = tmp_path / "large.yaml"
    large.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert large.stat().st_size > READ_AGAIN_MAX
    out = run("validate", large).out
    assert "Relations citées" not in out  # not read twice
    assert "relations[6]" in out  # the finding itself is there


def test_validate_says_no_line_for_a_relation_named_by_its_id(tmp_path: Path) -> None:
    data = yaml.safe_load(TREMPLIN.read_text("utf-8"))
    for i, r in enumerate(data["relations"]):
        r["id"] = f"r{i}"
    path = tmp_path / "g.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = run("validate", path).out
    assert "Sujets : nettoyage, holding, r6." in out
    assert "Relations citées" not in out
