r"""argparse in French or in English: its own words, the help's layout, the values it checks.

argparse writes a few words of its own (``usage:``, ``positional arguments``, ``options``, ``show
this help message and exit``, and its error messages) through :func:`gettext.gettext`, which
reads the system's translation catalogues, if any. The command's help must not depend on them:
:func:`parser_class` gives an :class:`argparse.ArgumentParser` that speaks one language, whose
methods that write or print something (building itself, its usage, its help, its errors) run with
argparse's words taken from :data:`_WORDS` instead. Its subcommands' parsers are of the same
class, hence in the same language.

Its help is laid out by :class:`HelpFormatter`: a description or an epilog keeps its paragraphs
(separated by a blank line) and its indented lines (examples of commands), and the width is the
terminal's (``COLUMNS``, else the terminal, else 80 columns) without importing :mod:`shutil`.

Examples:
    >>> parser = parser_class("fr")(prog="ges-graph", description="Un.\n\nDeux.")
    >>> _ = parser.add_argument("fichier", metavar="FICHIER", help="le document")
    >>> print(parser.format_help())  # doctest: +NORMALIZE_WHITESPACE
    utilisation : ges-graph [-h] FICHIER
    <BLANKLINE>
    Un.
    <BLANKLINE>
    Deux.
    <BLANKLINE>
    arguments positionnels :
      FICHIER     le document
    <BLANKLINE>
    options :
      -h, --help  afficher cette aide et quitter
    <BLANKLINE>
    >>> parser.parse_args(["a", "b"])
    Traceback (most recent call last):
    ...
    SystemExit: 2
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence

from ges_graph.i18n import Tr, check_lang

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: the command starts without typing
    from typing import Any, NoReturn

    from ges_graph.i18n import Lang

__all__ = [
    "HelpFormatter",
    "Number",
    "parser_class",
    "positive_seconds",
    "size_in_bytes",
    "whole_number",
]


class Number(str):
    """A message of argparse whose French agrees with how many names it is given.

    argparse fills ``"the following arguments are required: %s"`` with one name or several,
    joined by ``", "``: the French says « argument obligatoire absent » or « arguments
    obligatoires absents » accordingly.

    Examples:
        >>> missing = Number("absent : %s", "absents : %s", ", ")
        >>> missing % "FICHIER", missing % "-o/--output, FICHIER"
        ('absent : FICHIER', 'absents : -o/--output, FICHIER')
    """

    one: str
    sep: str

    def __new__(cls, one: str, many: str, sep: str) -> Number:
        """The message for several names (``many``), knowing the one for a single name."""
        text = super().__new__(cls, many)
        text.one = one
        text.sep = sep
        return text

    def __mod__(self, value: Any) -> str:
        template = str(self) if self.sep in str(value) else self.one
        return str(template % value)


_WORDS: dict[str, str] = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments positionnels",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "the following arguments are required: %s": Number(
        "argument obligatoire absent : %s", "arguments obligatoires absents : %s", ", "
    ),
    "unrecognized arguments: %s": Number(
        "argument non reconnu : %s", "arguments non reconnus : %s", " "
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (choisir parmi %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "une valeur au moins est attendue",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ignored explicit argument %r": "valeur %r ignorée",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "unexpected option string: %s": "option inattendue : %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "sous-commande inconnue %(parser_name)r (choix : %(choices)s)"
    ),
}
"""argparse's own words that a user of the command can read, in French (the English is
argparse's). Those only a programmer meets (a parser built wrongly) stay in English."""

_PLURALS: dict[str, tuple[str, str]] = {
    "expected %s argument": ("%s valeur est attendue", "%s valeurs sont attendues"),
}
"""argparse's words that agree with a number (its ``ngettext``), in French."""


def _french(message: str) -> str:
    return _WORDS.get(message, message)


def _french_n(singular: str, plural: str, n: int) -> str:
    one, many = _PLURALS.get(singular, (singular, plural))
    return one if n == 1 else many


def _english(message: str) -> str:
    return message


def _english_n(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def _in_language(lang: Lang, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``call(*args, **kwargs)``, argparse's own words being those of ``lang`` meanwhile.

    argparse looks its ``_`` and ``ngettext`` up in its module at each use; they are put back
    afterwards, whatever happens (calls nest: a parser's parsing runs its subcommand's).
    """
    module = vars(argparse)
    saved = module.get("_"), module.get("ngettext")
    module["_"], module["ngettext"] = (
        (_french, _french_n) if lang == "fr" else (_english, _english_n)
    )
    try:
        return call(*args, **kwargs)
    finally:
        module["_"], module["ngettext"] = saved


class HelpFormatter(argparse.HelpFormatter):
    r"""argparse's help, with paragraphs and examples kept, as wide as the terminal.

    A description or an epilog is wrapped paragraph by paragraph (paragraphs are separated by a
    blank line); a line that starts with spaces (an example of a command) is kept as it is.

    Examples:
        >>> formatter = HelpFormatter("ges-graph", width=30)
        >>> print(formatter._fill_text("Un deux trois.\n\nExemple :\n  ges-graph x", 30, ""))
        Un deux trois.
        <BLANKLINE>
        Exemple :
          ges-graph x
    """

    before_colon = ""
    """What the language writes between a heading and its colon (French: a space)."""

    def __init__(self, prog: str, width: int | None = None) -> None:
        super().__init__(prog, width=_terminal_width() - 2 if width is None else width)

    def start_section(self, heading: str | None) -> None:
        """A section of the help, its heading followed by the language's colon."""
        super().start_section(None if heading is None else heading + self.before_colon)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        blocks = []
        for block in re.split(r"\n\s*\n", text.strip("\n")):
            lines = block.splitlines()
            if any(line.startswith(" ") for line in lines[1:]):  # a heading and examples
                kept = [lines[0].strip(), *lines[1:]] if not lines[0].startswith(" ") else lines
                blocks.append("\n".join(indent + line for line in kept))
            else:
                blocks.append(super()._fill_text(block, width, indent))
        return "\n\n".join(blocks)


def _terminal_width() -> int:
    """The terminal's width in columns, as :func:`shutil.get_terminal_size` says it (80 else).

    Examples:
        >>> _terminal_width() > 0
        True
    """
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):  # no stdout, or not a terminal
        return 80


class _FrenchHelpFormatter(HelpFormatter):
    before_colon = " "


class _Parser(argparse.ArgumentParser):
    """An argument parser speaking :attr:`lang`: see :func:`parser_class`."""

    lang: Lang = "en"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        formatter = _FrenchHelpFormatter if self.lang == "fr" else HelpFormatter
        kwargs.setdefault("formatter_class", formatter)
        _in_language(self.lang, super().__init__, *args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        return _in_language(self.lang, super().add_subparsers, **kwargs)

    def format_usage(self) -> str:
        return str(_in_language(self.lang, super().format_usage))

    def format_help(self) -> str:
        return str(_in_language(self.lang, super().format_help))

    def parse_known_args(  # type: ignore[override]  # the stub's overloads, one signature here
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed: tuple[argparse.Namespace, list[str]] = _in_language(
            self.lang, super().parse_known_args, args, namespace
        )
        return parsed

    def parse_args(  # type: ignore[override]  # the stub's overloads, one signature here
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed: argparse.Namespace = _in_language(self.lang, super().parse_args, args, namespace)
        return parsed

    def error(self, message: str) -> NoReturn:
        _in_language(self.lang, super().error, message)
        sys.exit(2)  # never reached: argparse's error() exits  # pragma: no cover


_FRENCH = type("FrenchParser", (_Parser,), {"lang": "fr", "__module__": __name__})
_ENGLISH = type("EnglishParser", (_Parser,), {"lang": "en", "__module__": __name__})


def parser_class(lang: Lang) -> type[argparse.ArgumentParser]:
    r"""The :class:`argparse.ArgumentParser` class that speaks ``lang``.

    Its help, its usage line and its errors are in ``lang``, argparse's own words included,
    whatever the system's locale; ``add_subparsers`` makes its subcommands' parsers of the same
    class. Its help is laid out by :class:`HelpFormatter`.

    Args:
        lang: ``fr`` or ``en``.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.

    Examples:
        >>> parser = parser_class("en")(prog="ges-graph", add_help=False)
        >>> parser.format_usage()
        'usage: ges-graph\n'
        >>> parser_class("fr")(prog="ges-graph", add_help=False).format_usage()
        'utilisation : ges-graph\n'
    """
    return _FRENCH if check_lang(lang) == "fr" else _ENGLISH


# -- the values the command line checks --------------------------------------------------------

LARGEST_SIZE = 2**63 - 1
"""The largest ``--max-size``: what a file offset can say."""

_NOT_BYTES = Tr("pas un nombre entier d'octets : {text!r}", "not a whole number of bytes: {text!r}")
_NOT_WHOLE = Tr("pas un nombre entier : {text!r}", "not a whole number: {text!r}")
_TOO_SMALL = Tr("doit valoir 0 ou plus, et non {value}", "must be 0 or more, not {value}")
_TOO_LARGE = Tr(
    "doit valoir au plus {largest} octets, et non {value}",
    "must be at most {largest} bytes, not {value}",
)
_NOT_SECONDS = Tr(
    "doit être un nombre de secondes supérieur à 0, et non {text!r}",
    "must be a number of seconds above 0, not {text!r}",
)


class _Value:
    """A converter of a command-line value, whose refusals are written in a language."""

    __name__ = "value"

    def __init__(self, lang: Lang) -> None:
        self.lang = check_lang(lang)

    def refuse(self, message: Tr, **fields: object) -> NoReturn:
        raise argparse.ArgumentTypeError(message.format(self.lang, **fields))


class size_in_bytes(_Value):
    """``--max-size``: a whole number of bytes, from 0 to 2**63 - 1.

    Examples:
        >>> size_in_bytes("fr")("1000")
        1000
        >>> size_in_bytes("fr")("-1")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: doit valoir 0 ou plus, et non -1
        >>> size_in_bytes("en")("99999999999999999999999")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: must be at most 9223372036854775807 bytes, not 9999...
    """

    def __call__(self, text: str) -> int:
        """The value, or :class:`argparse.ArgumentTypeError` saying why not."""
        try:
            value = int(text)
        except ValueError:
            self.refuse(_NOT_BYTES, text=text)
        if value < 0:
            self.refuse(_TOO_SMALL, value=value)
        if value > LARGEST_SIZE:
            self.refuse(_TOO_LARGE, largest=LARGEST_SIZE, value=value)
        return value


class whole_number(_Value):
    """``--jobs``: a whole number, 0 or more.

    Examples:
        >>> whole_number("en")("-1")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: must be 0 or more, not -1
        >>> whole_number("fr")("deux")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: pas un nombre entier : 'deux'
    """

    def __call__(self, text: str) -> int:
        """The value, or :class:`argparse.ArgumentTypeError` saying why not."""
        try:
            value = int(text)
        except ValueError:
            self.refuse(_NOT_WHOLE, text=text)
        if value < 0:
            self.refuse(_TOO_SMALL, value=value)
        return value


class positive_seconds(_Value):
    """``--timeout``: a number of seconds above 0.

    Examples:
        >>> positive_seconds("en")("2.5")
        2.5
        >>> positive_seconds("fr")("0")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: doit être un nombre de secondes supérieur à 0, et non '0'
    """

    def __call__(self, text: str) -> float:
        """The value, or :class:`argparse.ArgumentTypeError` saying why not."""
        try:
            value = float(text)
        except ValueError:
            value = 0.0
        if not 0 < value < float("inf"):
            self.refuse(_NOT_SECONDS, text=text)
        return value
