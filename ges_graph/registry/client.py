r"""Asking the public register: the *Recherche d'entreprises* API, or its JSON saved in files.

The API (``https://recherche-entreprises.api.gouv.fr``, run by the French State, no key) answers
``GET /search?q=<SIREN>`` with ``{"results": [{"siren": ..., "nom_complet": ...,
"nature_juridique": ..., "dirigeants": [...], ...}], "total_results": ..., ...}``.
:class:`RegistryClient` asks it with the standard library only (``urllib.request``), with a
timeout, and retries with a growing wait (or the server's ``Retry-After``) when the server says
it is busy (HTTP 429) or failing (5xx). :func:`read_company_file` reads the same JSON from a
file ``<SIREN>.json``, for use offline.

Every failure is a :class:`~ges_graph.errors.LoadError` that names where the data came from (the
URL or the file) and says what happened, in French and English: the register cannot be reached,
refused the request, answered too slowly, answered with something that is not the expected JSON
(the path of the wrong field: ``results[0].dirigeants``), or does not know the SIREN.

Examples:
    >>> check_siren("732 829 320")
    '732829320'
    >>> check_siren("732829321")
    Traceback (most recent call last):
    ...
    ges_graph.errors.LoadError: 732829321: not a valid SIREN (expected: 9 digits whose Luhn checksum
    holds)
"""

from __future__ import annotations

import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ges_graph._version import __version__
from ges_graph.errors import ErrorDetail, LoadError, os_reasons
from ges_graph.i18n import Lang, Tr

__all__ = [
    "BASE_URL_VARIABLE",
    "DEFAULT_BASE_URL",
    "RegistryClient",
    "check_siren",
    "company_from_response",
    "read_company_file",
]

DEFAULT_BASE_URL = "https://recherche-entreprises.api.gouv.fr"
"""The public API *Recherche d'entreprises* (no key needed)."""
BASE_URL_VARIABLE = "GES_GRAPH_REGISTRY_URL"
"""The environment variable that, when set, replaces :data:`DEFAULT_BASE_URL`."""
MAX_RESPONSE = 4 * 1024 * 1024
"""A larger answer is refused (one company's record is a few kilobytes)."""

_INVALID_SIREN = Tr(
    "SIREN invalide (attendu : 9 chiffres dont la clé de Luhn est juste)",
    "not a valid SIREN (expected: 9 digits whose Luhn checksum holds)",
)
_UNREACHABLE = Tr(
    "le registre des entreprises est injoignable ({reason}) : vérifiez la connexion, ou lisez des "
    "réponses enregistrées avec --from-json DOSSIER",
    "the company register cannot be reached ({reason}): check the connection, or read saved "
    "answers with --from-json FOLDER",
)
_TOO_SLOW = Tr(
    "le registre des entreprises n'a pas répondu en {timeout} s (--timeout pour attendre plus)",
    "the company register did not answer within {timeout} s (--timeout to wait longer)",
)
_REFUSED = Tr(
    "le registre des entreprises a refusé la demande (HTTP {status} {reason})",
    "the company register refused the request (HTTP {status} {reason})",
)
_BUSY = Tr(
    "le registre des entreprises reste indisponible après {tries} essais (HTTP {status} {reason}) :"
    " réessayez plus tard",
    "the company register is still unavailable after {tries} tries (HTTP {status} {reason}): try "
    "again later",
)
_NOT_JSON = Tr(
    "la réponse n'est pas du JSON valide : {error}", "the answer is not valid JSON: {error}"
)
_TOO_LARGE = Tr(
    "la réponse dépasse {size} octets", "the answer is larger than {size} bytes"
)  # fmt: skip
_UNKNOWN_SIREN = Tr(
    "le registre ne connaît aucune entreprise de SIREN {siren}",
    "the register knows no company with the SIREN {siren}",
)
_NO_FILE = Tr("lecture du fichier impossible : {reason}", "cannot read the file: {reason}")
_WRONG_SHAPE = Tr("{expected} attendu, lu {got}", "expected {expected}, got {got}")


def _error(
    where: str, words: Tr, path: str = "", kind: str = "registry", **fields: Any
) -> LoadError:
    """The error about ``where`` (a URL, a file, a SIREN), in both languages.

    A field that is a :class:`~ges_graph.i18n.Tr` is put in the language of each message.
    """

    def text(lang: Lang) -> str:
        put = {k: v.render(lang) if isinstance(v, Tr) else v for k, v in fields.items()}
        return words.format(lang, **put)

    return LoadError(where, [ErrorDetail(path, text("en"), type=kind, message_fr=text("fr"))])


def check_siren(text: str) -> str:
    """The SIREN in ``text`` as 9 digits (spaces removed), if it is one.

    Only ASCII digits count, and the Luhn checksum must hold.

    Raises:
        LoadError: ``text`` is not a SIREN; the error names it.
    """
    digits = text.replace(" ", "")
    if re.fullmatch(r"[0-9]{9}", digits, flags=re.ASCII):
        total = sum(sum(divmod(int(d) * (1 + k % 2), 10)) for k, d in enumerate(digits))
        if total % 10 == 0:
            return digits
    raise _error(text, _INVALID_SIREN, kind="siren_checksum")


_OBJECT = Tr("un objet", "an object")
_ARRAY = Tr("un tableau", "an array")
_TEXT = Tr("une chaîne", "a string")
_TEXT_OR_NULL = Tr("une chaîne ou null", "a string or null")
_BOOL_OR_NULL = Tr("un booléen ou null", "a boolean or null")
_KINDS = {
    dict: Tr("objet", "object"),
    list: Tr("tableau", "array"),
    str: Tr("chaîne", "string"),
    bool: Tr("booléen", "boolean"),
    int: Tr("nombre", "number"),
    float: Tr("nombre", "number"),
}


def _expect(where: str, path: str, value: Any, kind: type | tuple[type, ...], name: Tr) -> Any:
    """``value`` if it is of ``kind``, else the error at ``path``."""
    if not isinstance(value, kind):
        got = _KINDS.get(type(value), Tr("null", "null"))
        raise _error(where, _WRONG_SHAPE, path, "registry_shape", expected=name, got=got)
    return value


def company_from_response(payload: Any, siren: str, where: str) -> Mapping[str, Any]:
    """The company record for ``siren`` in an answer of ``/search`` (or a bare record).

    The fields read later are checked here, so that a malformed answer is refused with the
    path of the wrong field: ``results[0].nature_juridique``.

    Raises:
        LoadError: the answer is not of the documented shape, or holds no company of that SIREN.

    Examples:
        >>> answer = {"results": [{"siren": "732829320", "nom_complet": "TREMPLIN",
        ...                        "nature_juridique": "9220", "dirigeants": []}]}
        >>> company_from_response(answer, "732829320", "api")["nom_complet"]
        'TREMPLIN'
        >>> company_from_response({"results": "?"}, "732829320", "api")
        Traceback (most recent call last):
        ...
        ges_graph.errors.LoadError: api: results: expected an array, got string
    """
    _expect(where, "", payload, dict, _OBJECT)
    if "results" in payload:
        results = _expect(where, "results", payload["results"], list, _ARRAY)
        places = [(f"results[{i}]", r) for i, r in enumerate(results)]
    else:
        places = [("", payload)]
    for path, record in places:
        _expect(where, path, record, dict, _OBJECT)
        if record.get("siren") == siren:
            _check_record(record, path, where)
            found: Mapping[str, Any] = record
            return found
    raise _error(where, _UNKNOWN_SIREN, kind="unknown_siren", siren=siren)


def _check_record(record: Mapping[str, Any], path: str, where: str) -> None:
    def at(key: str) -> str:
        return f"{path}.{key}" if path else key

    text_or_null = (str, type(None))
    _expect(where, at("nom_complet"), record.get("nom_complet"), str, _TEXT)
    for key in ("nature_juridique", "tranche_effectif_salarie", "annee_tranche_effectif_salarie"):
        _expect(where, at(key), record.get(key), text_or_null, _TEXT_OR_NULL)
    complements = _expect(where, at("complements"), record.get("complements") or {}, dict, _OBJECT)
    est_ess = complements.get("est_ess")
    _expect(where, at("complements.est_ess"), est_ess, (bool, type(None)), _BOOL_OR_NULL)
    leaders = _expect(where, at("dirigeants"), record.get("dirigeants") or [], list, _ARRAY)
    for i, leader in enumerate(leaders):
        _expect(where, at(f"dirigeants[{i}]"), leader, dict, _OBJECT)
        for key in ("type_dirigeant", "siren", "qualite", "denomination"):
            value = leader.get(key)
            _expect(where, at(f"dirigeants[{i}].{key}"), value, text_or_null, _TEXT_OR_NULL)


def _parse(data: bytes, where: str) -> Any:
    if len(data) > MAX_RESPONSE:
        raise _error(where, _TOO_LARGE, kind="too_large", size=MAX_RESPONSE)
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _error(where, _NOT_JSON, kind="syntax", error=str(exc)) from None


def read_company_file(folder: str | os.PathLike[str], siren: str) -> Mapping[str, Any]:
    """The company ``siren`` from ``folder/<siren>.json`` (an answer of the API, or its record).

    Raises:
        LoadError: the file cannot be read, is not JSON of the documented shape, or holds no
            company of that SIREN.
    """
    path = Path(folder) / f"{siren}.json"
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_RESPONSE + 1)
    except OSError as exc:
        raise _error(str(path), _NO_FILE, kind="io", reason=os_reasons(exc)) from None
    return company_from_response(_parse(data, str(path)), siren, str(path))


@dataclass(frozen=True)
class RegistryClient:
    """Asks the register's API, with a timeout and retries.

    Attributes:
        base_url: the API's address; by default :data:`BASE_URL_VARIABLE` from the environment,
            else :data:`DEFAULT_BASE_URL`.
        timeout: seconds to wait for each answer.
        retries: how many more times to ask after an answer 429 or 5xx.
        backoff: the first wait before asking again, in seconds, doubled at each try (an
            answer's ``Retry-After`` in seconds is used instead when given, up to 60 s).
        sleep: how to wait (``time.sleep``; tests give one that does not).
    """

    base_url: str | None = None
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 1.0
    sleep: Callable[[float], None] = time.sleep

    def url(self, siren: str) -> str:
        """The address that asks for ``siren``.

        Examples:
            >>> RegistryClient(base_url="http://127.0.0.1:8000/").url("732829320")
            'http://127.0.0.1:8000/search?q=732829320&page=1&per_page=1'
        """
        base = self.base_url or os.environ.get(BASE_URL_VARIABLE) or DEFAULT_BASE_URL
        query = urllib.parse.urlencode({"q": siren, "page": 1, "per_page": 1})
        return f"{base.rstrip('/')}/search?{query}"

    def company(self, siren: str) -> Mapping[str, Any]:
        """The record of the company ``siren``, as the register gives it.

        Raises:
            LoadError: the register cannot be reached, refuses, stays busy, answers too slowly
                or with something else than the documented JSON, or knows no such company.
        """
        url = self.url(siren)
        return company_from_response(_parse(self._get(url), url), siren, url)

    def _get(self, url: str) -> bytes:
        request = urllib.request.Request(
            url, headers={"Accept": "application/json", "User-Agent": f"ges-graph/{__version__}"}
        )
        attempt = 0
        while True:
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    data: bytes = answer.read(MAX_RESPONSE + 1)
                    return data
            except urllib.error.HTTPError as exc:
                busy = exc.code == 429 or exc.code >= 500
                status, reason = exc.code, exc.reason
                if not busy:
                    raise _error(
                        url, _REFUSED, "", "refused", status=status, reason=reason
                    ) from None
                if attempt >= self.retries:
                    raise _error(
                        url, _BUSY, "", "busy", tries=attempt + 1, status=status, reason=reason
                    ) from None
                self.sleep(self._wait(attempt, exc.headers.get("Retry-After")))
                attempt += 1
            except TimeoutError:
                raise _error(url, _TOO_SLOW, kind="timeout", timeout=self.timeout) from None
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    raise _error(url, _TOO_SLOW, kind="timeout", timeout=self.timeout) from None
                raise _error(url, _UNREACHABLE, kind="unreachable", reason=exc.reason) from None
            except OSError as exc:  # a connection reset while reading, for instance
                raise _error(url, _UNREACHABLE, kind="unreachable", reason=exc) from None

    def _wait(self, attempt: int, retry_after: str | None) -> float:
        if retry_after is not None and retry_after.strip().isdigit():
            return min(float(retry_after), 60.0)
        return float(self.backoff * 2**attempt)
