"""``import-registry``: a document skeleton from the register, through a local HTTP server.

No test reaches the internet: a ``http.server`` in a thread serves the recorded answers of
``tests/registry_responses`` (the API's documented shape), or the failures a test asks for.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ges_graph.errors import LoadError
from ges_graph.io import load
from ges_graph.registry import RegistryClient, import_registry

RESPONSES = Path(__file__).parent / "registry_responses"
SCRIPT = Path(sys.executable).with_name("ges-graph")
ASSO, SAS, SCIC = "812345676", "833456783", "854567898"


@dataclass
class Reply:
    """What the server answers once: a status, a body, headers, after a delay."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Server:
    """The local server: its address, the queued replies by SIREN, and the requests it saw."""

    url: str
    queued: dict[str, list[Reply]] = field(default_factory=dict)
    seen: list[str] = field(default_factory=list)

    def reply(self, siren: str) -> Reply:
        if self.queued.get(siren):
            return self.queued[siren].pop(0)
        path = RESPONSES / f"{siren}.json"
        if path.is_file():
            return Reply(body=path.read_bytes())
        empty = {"results": [], "total_results": 0, "page": 1, "per_page": 1, "total_pages": 0}
        return Reply(body=json.dumps(empty).encode())


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server(url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            state.seen.append(self.path)
            if url.path != "/search":
                self.send_error(404)
                return
            siren = urllib.parse.parse_qs(url.query).get("q", [""])[0]
            reply = state.reply(siren)
            time.sleep(reply.delay)
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up (a timeout test)
                self.wfile.write(reply.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def _client(server: Server, **options: Any) -> RegistryClient:
    waits: list[float] = []
    return RegistryClient(base_url=server.url, sleep=waits.append, **options)


def run(*args: str | Path, env: dict[str, str] | None = None) -> Any:
    proc = subprocess.run(
        [str(SCRIPT), *map(str, args)],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    proc.out, proc.err = proc.stdout.decode(), proc.stderr.decode()
    assert "Traceback" not in proc.err, proc.err
    return proc


# -- the three recorded companies -----------------------------------------------------------------


def test_the_three_companies_give_a_skeleton_with_forms_flags_and_offices(server: Server) -> None:
    doc = import_registry([ASSO, SAS, SCIC], client=_client(server))
    entities = {e.siren: e for e in doc.entities}
    asso, sas, scic = entities[ASSO], entities[SAS], entities[SCIC]
    assert [e.form.value for e in (asso, sas, scic)] == ["association", "sas", "scic"]
    assert asso.name == "ASSOCIATION LES ATELIERS DU BOCAGE"
    assert asso.id == "association-les-ateliers-du-bocage"
    assert asso.tags == ("ess",)
    assert dict(asso.attrs) == {
        "categorie_juridique": "9220",
        "tranche_effectif_salarie": "12",
        "effectif_min": 20,
        "effectif_max": 49,
        "annee_tranche_effectif_salarie": "2022",
        "est_ess": True,
    }
    assert asso.employees is None  # a band is not a headcount
    assert scic.attrs["categorie_juridique"] == "5560"  # « autre SA coopérative », named SCIC
    relations = [(r.type, r.from_, r.to, getattr(r, "office", None)) for r in doc.relations]
    assert [(t, f, to, o and o.value) for t, f, to, o in relations] == [
        ("office", asso.id, sas.id, "president"),
        ("board", asso.id, scic.id, None),
    ]
    assert doc.relations[1].seats == 1
    legal = sas.attrs["dirigeants_personnes_morales"]
    assert [d["qualite"] for d in legal] == [
        "Président de SAS",
        "Commissaire aux comptes titulaire",
    ]
    assert doc.name == "Groupe ASSOCIATION LES ATELIERS DU BOCAGE"
    assert doc.sources[0] == f"{server.url}/search?q={ASSO}&page=1&per_page=1"
    assert len(server.seen) == 3


def test_without_its_president_asked_for_the_sas_has_no_relation(server: Server) -> None:
    doc = import_registry([SAS], client=_client(server))
    assert doc.relations == ()
    assert doc.entities[0].attrs["dirigeants_personnes_morales"][0]["siren"] == ASSO


def test_the_saved_answers_give_the_same_document(server: Server) -> None:
    online = import_registry([ASSO, SAS, SCIC], client=_client(server))
    offline = import_registry([ASSO, SAS, SCIC], from_json=RESPONSES)
    assert offline.model_copy(update={"sources": online.sources}) == online
    assert offline.sources[1] == str(RESPONSES / f"{SAS}.json")


def test_the_command_writes_a_document_that_loads_and_validates(
    server: Server, tmp_path: Path
) -> None:
    out = tmp_path / "groupe.yaml"
    p = run(
        "import-registry", ASSO, SAS, SCIC, "-o", out, env={"GES_GRAPH_REGISTRY_URL": server.url}
    )
    assert p.returncode == 0, p.err
    assert p.err.strip() == f"écrit : {out}"
    ges = load(out)
    assert [e.form.value for e in ges.document.entities] == ["association", "sas", "scic"]
    assert run("validate", out).returncode in (0, 1)  # read: findings are the user's to fix


def test_the_command_reads_saved_answers_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "groupe.json"
    p = run("import-registry", ASSO, "--from-json", RESPONSES, "-o", out, "--name", "Bocage")
    assert p.returncode == 0, p.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["name"], data["entities"][0]["siren"]) == ("Bocage", ASSO)


# -- what goes wrong ------------------------------------------------------------------------------


def test_an_invalid_siren_is_refused_before_asking(server: Server) -> None:
    for bad in ("812345677", "８１２３４５６７６", "81234567"):
        with pytest.raises(LoadError) as info:
            import_registry([bad], client=_client(server))
        assert info.value.file == bad
        assert "SIREN invalide" in info.value.to_text("fr")
    assert server.seen == []


def test_a_refusal_is_not_retried(server: Server) -> None:
    server.queued[ASSO] = [Reply(status=404, body=b"{}")]
    with pytest.raises(LoadError) as info:
        import_registry([ASSO], client=_client(server))
    assert "a refusé la demande (HTTP 404" in info.value.to_text("fr")
    assert info.value.first.type == "refused"
    assert len(server.seen) == 1


def test_a_busy_server_is_asked_again_after_the_wait_it_gives(server: Server) -> None:
    server.queued[ASSO] = [Reply(status=429, headers={"Retry-After": "7"}), Reply(status=503)]
    waits: list[float] = []
    client = RegistryClient(base_url=server.url, sleep=waits.append, backoff=0.5)
    doc = import_registry([ASSO], client=client)
    assert doc.entities[0].siren == ASSO
    assert waits == [7.0, 1.0]  # Retry-After, then the backoff doubled at the second try
    assert len(server.seen) == 3


def test_a_server_that_stays_down_gives_up_after_the_retries(server: Server) -> None:
    server.queued[ASSO] = [Reply(status=500)] * 5
    with pytest.raises(LoadError) as info:
        import_registry([ASSO], client=_client(server, retries=2))
    assert "reste indisponible après 3 essais (HTTP 500" in info.value.to_text("fr")
    assert "still unavailable after 3 tries" in str(info.value)
    assert len(server.seen) == 3


def test_a_slow_server_times_out_with_a_message(server: Server) -> None:
    server.queued[ASSO] = [Reply(body=b"{}", delay=2.0)]
    with pytest.raises(LoadError) as info:
        import_registry([ASSO], client=_client(server, timeout=0.2))
    assert "n'a pas répondu en 0.2 s" in info.value.to_text("fr")
    assert info.value.first.type == "timeout"


def test_malformed_json_and_a_wrong_shape_name_the_place(server: Server) -> None:
    server.queued[ASSO] = [Reply(body=b'{"results": [')]
    with pytest.raises(LoadError, match="not valid JSON"):
        import_registry([ASSO], client=_client(server))
    record = json.loads((RESPONSES / f"{ASSO}.json").read_text(encoding="utf-8"))
    record["results"][0]["dirigeants"][0]["qualite"] = 3
    server.queued[ASSO] = [Reply(body=json.dumps(record).encode())]
    with pytest.raises(LoadError) as info:
        import_registry([ASSO], client=_client(server))
    assert info.value.first.path == "results[0].dirigeants[0].qualite"
    assert "une chaîne ou null attendu, lu nombre" in info.value.to_text("fr")


def test_an_unknown_siren_says_so(server: Server) -> None:
    with pytest.raises(LoadError, match="knows no company with the SIREN 799111224"):
        import_registry(["799111224"], client=_client(server))


def test_offline_the_command_exits_2_with_a_french_message(tmp_path: Path) -> None:
    p = run("import-registry", ASSO, "-o", tmp_path / "g.yaml", "--api-url", "http://127.0.0.1:9")
    assert p.returncode == 2
    assert "le registre des entreprises est injoignable" in p.err
    assert "--from-json" in p.err
    assert not (tmp_path / "g.yaml").exists()
    p = run("import-registry", ASSO, "-o", tmp_path / "g.yaml", "--from-json", tmp_path)
    assert p.returncode == 2
    assert f"{ASSO}.json: lecture du fichier impossible" in p.err


def test_the_command_speaks_english_on_request(tmp_path: Path) -> None:
    p = run("import-registry", "123", "-o", tmp_path / "g.yaml", "--lang", "en")
    assert p.returncode == 2
    assert p.err.strip() == "123: not a valid SIREN (expected: 9 digits whose Luhn checksum holds)"
    p = run("import-registry", ASSO, "-o", tmp_path / "g.txt", "--from-json", RESPONSES)
    assert p.returncode == 2
    assert "format de sortie inconnu « .txt »" in p.err
