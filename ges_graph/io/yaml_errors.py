"""YAML syntax errors as error details, with their French (libyaml's and PyYAML's messages).

libyaml and PyYAML word their syntax errors in English, in a small closed set of phrases
(``while parsing a block mapping did not find expected key``). :func:`_yaml_fr` translates them
piece by piece, and quotes a message it does not recognise rather than half-translate it;
:func:`_marked_error` and :func:`_reader_error` turn the exceptions into
:class:`~ges_graph.errors.ErrorDetail` items placed at their line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from ges_graph.errors import ErrorDetail
from ges_graph.io.source import _DEEP, _DEEP_EXPECTED, _byte_position

__all__: list[str] = []  # internal to ges_graph.io, which reads with it


_YAML_WHAT = {
    "block mapping": "un dictionnaire en bloc",
    "block collection": "une collection en bloc",
    "block node": "un nœud en bloc",
    "flow sequence": "une liste entre crochets",
    "flow mapping": "un dictionnaire entre accolades",
    "flow node": "un nœud entre crochets ou accolades",
    "node": "un nœud",
    "simple key": "une clé simple",
    "quoted scalar": "une valeur entre guillemets",
    "double-quoted scalar": "une valeur entre guillemets doubles",
    "block scalar": "une valeur en bloc",
    "plain scalar": "une valeur simple",
    "anchor": "une ancre",
    "alias": "un alias",
    "tag": "une étiquette",
    "directive": "une directive",
    "tag directive": "une directive %TAG",
    "version directive": "une directive %YAML",
}
_YAML_CONTEXT = re.compile(
    r"^while (?:parsing|scanning) an? ("
    + "|".join(sorted(map(re.escape, _YAML_WHAT), key=len, reverse=True))
    + r")\b\s*"
)
_YAML_TOKENS = {
    "key": "une clé",
    "node content": "le contenu d'un nœud",
    "the node content": "le contenu d'un nœud",
    "':'": "« : »",
    "',' or ']'": "« , » ou « ] »",
    "',' or '}'": "« , » ou « } »",
    "'-' indicator": "l'indicateur « - »",
    "alphabetic or numeric character": "une lettre ou un chiffre",
    "comment or line break": "un commentaire ou un saut de ligne",
    "a comment or a line break": "un commentaire ou un saut de ligne",
    "<document start>": "le début du document",
    "'<document start>'": "le début du document",
    "<block end>": "la fin du bloc",
    "a digit": "un chiffre",
    "URI": "une URI",
    "' '": "une espace",
    "'>'": "« > »",
    "'!'": "« ! »",
    "tag URI": "une URI d'étiquette",
    "whitespace or line break": "une espace ou un saut de ligne",
    "directive name": "un nom de directive",
    "hexdecimal number": "un nombre hexadécimal",
    "version directive number": "un numéro de version",
    "digit or '.' character": "un chiffre ou « . »",
    "block end": "la fin du bloc",
}
_YAML_PHRASES: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (
        r"^unacceptable character (#x[0-9a-fA-F]+): special characters are not allowed",
        lambda m: f"caractère {m.group(1)} refusé (caractères spéciaux interdits)",
    ),
    (r"^unacceptable character (#x[0-9a-fA-F]+)", lambda m: f"caractère {m.group(1)} refusé"),
    (r"^while scanning for the next token\s*", lambda m: "en cherchant l'élément suivant : "),
    (
        r"(?:did not|could not) find (?:the )?expected (.+)$",
        lambda m: f"on attendait {_YAML_TOKENS.get(m.group(1), '?')}",
    ),
    (
        r"expected (.+?), but (?:found|got) (.+)$",
        lambda m: f"on attendait {_YAML_TOKENS.get(m.group(1), '?')}, lu {m.group(2)}",
    ),
    (
        r"found character (.*?) ?that cannot start any token",
        lambda m: f"le caractère {m.group(1)} ne peut commencer aucun élément".replace("  ", " "),
    ),
    (r"found unexpected end of stream", lambda m: "fin du texte inattendue"),
    (r"found unexpected '(.)'", lambda m: f"« {m.group(1)} » inattendu"),
    (r"found duplicate (%YAML|%TAG) directive", lambda m: f"directive {m.group(1)} en double"),
    (r"found unknown directive name", lambda m: "nom de directive inconnu"),
    (r"found unexpected document indicator", lambda m: "indicateur de document inattendu"),
    (r"found extremely long version number", lambda m: "numéro de version trop long"),
    (
        r"found an indentation indicator equal to 0",
        lambda m: "indicateur d'indentation égal à 0",
    ),
    (
        r"found a tab character where an indentation space is expected",
        lambda m: "tabulation là où une espace d'indentation est attendue",
    ),
    (r"did not find URI escaped octet", lambda m: "octet d'URI échappé attendu"),
    (r"found an incorrect (leading|trailing) UTF-8 octet", lambda m: "octet UTF-8 incorrect"),
    (r"incomplete UTF-8 octet sequence", lambda m: "séquence UTF-8 incomplète"),
    (r"invalid length of a UTF-8 sequence", lambda m: "longueur de séquence UTF-8 invalide"),
    (r"input is too long", lambda m: "texte trop long"),
    (r"found unexpected non-alphabetical character", lambda m: "caractère non alphabétique"),
    (
        r"found invalid Unicode character escape code",
        lambda m: "séquence d'échappement Unicode invalide",
    ),
    (r"found unexpected document separator", lambda m: "séparateur de document inattendu"),
    (
        r"found a tab character that violates? indentation",
        lambda m: "tabulation dans l'indentation",
    ),
    (
        r"found unknown escape character(.*)",
        lambda m: f"caractère d'échappement inconnu{m.group(1)}",
    ),
    (r"found undefined tag handle(.*)", lambda m: f"préfixe d'étiquette non défini{m.group(1)}"),
    (r"found incompatible YAML document.*", lambda m: "document YAML de version incompatible"),
    (
        r"(block sequence entries|mapping values|mapping keys|sequence entries) are not allowed "
        r"(?:here|in this context)",
        lambda m: (
            (
                "élément de liste interdit"
                if "sequence" in m.group(1)
                else "valeur de dictionnaire interdite"
                if m.group(1) == "mapping values"
                else "clé de dictionnaire interdite"
            )
            + " à cet endroit"
        ),
    ),
    (r"control characters are not allowed", lambda m: "caractères de contrôle interdits"),
    (r"special characters are not allowed", lambda m: "caractères spéciaux interdits"),
    (
        r"invalid indentation or unclosed '\[' or '\{'",
        lambda m: "indentation invalide ou « [ » ou « { » non fermé",
    ),
    (r"invalid leading UTF-8 octet", lambda m: "octet UTF-8 de tête invalide"),
    (r"invalid trailing UTF-8 octet", lambda m: "octet UTF-8 de suite invalide"),
    (r"invalid Unicode character", lambda m: "caractère Unicode invalide"),
]
_YAML_ENGLISH = re.compile(r"\?|\b(while|found|expected|allowed|not|the|but|or|could|did)\b")


def _yaml_fr(message: str) -> str:
    """French for a YAML syntax error of libyaml or PyYAML (quoted as is when not recognised).

    Examples:
        >>> _yaml_fr("while parsing a block mapping did not find expected key")
        'dans un dictionnaire en bloc : on attendait une clé'
        >>> _yaml_fr("mapping values are not allowed in this context")
        'valeur de dictionnaire interdite à cet endroit'
        >>> _yaml_fr("something new")
        'erreur de syntaxe (« something new »)'
    """
    text = message.strip()
    context = _YAML_CONTEXT.match(text)
    out = text[context.end() :] if context else text
    for pattern, french in _YAML_PHRASES:
        out = re.sub(pattern, french, out)
    if context:
        out = f"dans {_YAML_WHAT[context.group(1)]} : {out}"
    if out == text or _YAML_ENGLISH.search(out.replace("« ? »", "")):
        return f"erreur de syntaxe (« {text} »)"
    return out


def _char_position(source: str, position: int, in_bytes: bool) -> tuple[int, int]:
    if in_bytes:  # libyaml counts bytes of UTF-8
        return _byte_position(source.encode("utf-8", "surrogatepass"), position)
    line_start = source.rfind("\n", 0, position) + 1
    return source.count("\n", 0, position) + 1, position - line_start + 1


def _marked_error(exc: yaml.MarkedYAMLError) -> ErrorDetail:
    """A syntax error of the parser, or libyaml's own nesting limit, at its mark."""
    mark = exc.problem_mark or exc.context_mark
    message = " ".join(p for p in (exc.context, exc.problem) if p)
    deep = "nesting depth" in message  # libyaml's own limit, met before ours in flow style
    return ErrorDetail(
        "",
        _DEEP[0] if deep else f"invalid YAML: {message}",
        expected=_DEEP_EXPECTED[0] if deep else None,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        type="too_deep" if deep else "syntax",
        message_fr=_DEEP[1] if deep else f"YAML invalide : {_yaml_fr(message)}",
        expected_fr=_DEEP_EXPECTED[1] if deep else None,
    )


def _reader_error(exc: yaml.reader.ReaderError, source: str, loader: Any) -> ErrorDetail:
    """A character the reader refuses (a control character), at its line and column."""
    line, column = _char_position(source, exc.position, isinstance(loader, yaml.CSafeLoader))
    return ErrorDetail(
        "",
        f"invalid YAML: {exc.reason}",
        f"#x{ord(exc.character):04x}" if isinstance(exc.character, str) else exc.character,
        "printable characters",
        line,
        column,
        type="syntax",
        message_fr=f"YAML invalide : {_yaml_fr(str(exc.reason))}",
        expected_fr="des caractères imprimables",
    )
