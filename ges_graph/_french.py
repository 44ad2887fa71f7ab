"""French articles and elision before a name: « d'Evolio », « de l'Union », « du Relais ».

The French templates of messages put « de » or « à » before names of entities and groups; this
module writes them as a careful French jurist does. :mod:`ges_graph.i18n` gives these names to the
rest of the library (``from ges_graph.i18n import fr_de, Named``); they live here, apart from the
notations of numbers and languages, and import nothing of ges-graph.

Examples:
    >>> fr_de("Evolio"), fr_a("Association Tremplin"), fr_the("GIE Horizon Moyens")
    ("d'Evolio", "à l'Association Tremplin", 'le GIE Horizon Moyens')
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:  # only for the annotations: ``ges-graph --help`` starts without typing
    from collections.abc import Callable, Sequence

__all__ = ["Named", "fr_a", "fr_de", "fr_the", "with_form"]

#
# A name is written after « de » or « à » the way a French jurist writes it: elided before a
# vowel or a mute h (« d'Evolio », « d'Horizon »), with the article of a common noun that opens it
# (« de l'Union Sud Loire », « du GIE Horizon Moyens », « de la SCIC Vallée Solidaire »), and
# contracted with an article that is part of it (« Le Relais » → « du Relais », « Les Jardins » →
# « aux Jardins »). An acronym is read by its letters: elided only when it begins with a vowel.
# Digits are read as numbers and never elided before (« de 1001 Pattes »).

_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæ")
"""The letters a French word can begin with and be elided before (``y`` is left out: « de
Yaourt », and an ``h`` is decided by :data:`_H_ASPIRE`)."""

_H_ASPIRE = (
    "hache", "haie", "hall", "halle", "hameau", "hamac", "hanche", "handicap", "hangar",
    "harpe", "hasard", "hausse", "haut", "hâte", "havre", "hérisson", "héros", "hêtre", "hibou",
    "hockey", "hollande", "homard", "hongrie", "honte", "hors", "houille", "huit", "hutte",
)  # fmt: skip
"""Words (and their derivatives: « Hauts-de-France ») whose h is aspirated: no elision."""

_FEMININE_LEADS = (
    "association", "union", "fédération", "fondation", "coopérative", "société", "mutuelle",
    "régie", "entreprise", "communauté", "commune", "ville", "métropole", "région", "maison",
    "ressourcerie", "recyclerie", "agence", "caisse", "banque", "chambre", "structure",
    "plateforme", "école", "collectivité", "scic", "scop", "sas", "sasu", "sarl", "sa", "sci",
    "eurl",
)  # fmt: skip
_MASCULINE_LEADS = (
    "gie", "groupement", "département", "centre", "comité", "collectif", "fonds", "atelier",
    "chantier", "syndicat", "conseil", "institut", "office", "établissement", "réseau", "pôle",
    "groupe", "cabinet", "club",
)  # fmt: skip
_LEAD_NOUNS: dict[str, str] = {
    **dict.fromkeys(_FEMININE_LEADS, "f"),
    **dict.fromkeys(_MASCULINE_LEADS, "m"),
}
"""Common nouns (and form acronyms) that open a name and take an article (« l'Association
Tremplin », « le GIE Horizon Moyens », « la SCIC Vallée Solidaire »), with their gender."""

_FIRST_WORD = re.compile(r"[^\s'’-]+")


def _fold(word: str) -> str:
    return word.casefold()


def _elides(word: str) -> bool:
    """True when « de », « le », « la » elide before ``word`` (a vowel or a mute h)."""
    if not word:
        return False
    first = _fold(word[0])
    if first in _VOWELS:
        return True
    if first != "h":
        return False
    folded = _fold(word)
    return not any(folded.startswith(h) for h in _H_ASPIRE)


def _split_article(name: str) -> tuple[str, str]:
    """The article that opens ``name`` (``le``, ``la``, ``les``, ``l'``, or ``""``) and the rest."""
    match = re.match(r"(?i)(les|le|la)\s+(?=\S)|(l['’])(?=\S)", name)
    if match is None:
        return "", name
    return _fold(match.group(1) or "l'").replace("’", "'"), name[match.end() :]


def _lead_article(name: str) -> str:
    """The article a name opening with a common noun takes (``l'``, ``la``, ``le``), or ``""``."""
    match = _FIRST_WORD.match(name)
    if match is None:
        return ""
    gender = _LEAD_NOUNS.get(_fold(match.group()))
    if gender is None:
        return ""
    if _elides(name):
        return "l'"
    return "la" if gender == "f" else "le"


def fr_the(name: str) -> str:
    """``name`` with the article French puts before it in a sentence, if any.

    Examples:
        >>> fr_the("Association Tremplin"), fr_the("GIE Horizon Moyens"), fr_the("Evolio")
        ("l'Association Tremplin", 'le GIE Horizon Moyens', 'Evolio')
        >>> fr_the("SCIC Vallée Solidaire"), fr_the("Le Relais")
        ('la SCIC Vallée Solidaire', 'Le Relais')
    """
    if _split_article(name)[0]:
        return name
    article = _lead_article(name)
    if article == "l'":
        return article + name
    return f"{article} {name}" if article else name


def _with_preposition(name: str, prep: str) -> str:
    """« de » or « à » (``prep``) before ``name``, elided or contracted as French does."""
    contracted = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
    own, rest = _split_article(name)
    if own in ("le", "les"):
        return f"{contracted[prep, own]} {rest}"
    if own:
        return f"{prep} {name}"
    article = _lead_article(name)
    if article == "le":
        return f"{contracted[prep, 'le']} {name}"
    if article:
        return f"{prep} {fr_the(name)}"
    if prep == "de" and _elides(name):
        return "d'" + name
    return f"{prep} {name}"


def fr_de(name: str) -> str:
    """« de » before ``name``: « d'Evolio », « de l'Union Sud Loire », « du Relais ».

    Examples:
        >>> fr_de("Ardenne Patrimoine"), fr_de("Horizon"), fr_de("Hauts-de-France Emploi")
        ("d'Ardenne Patrimoine", "d'Horizon", 'de Hauts-de-France Emploi')
        >>> fr_de("Union Sud Loire"), fr_de("GIE Horizon Moyens"), fr_de("Région Grand Est")
        ("de l'Union Sud Loire", 'du GIE Horizon Moyens', 'de la Région Grand Est')
        >>> fr_de("Le Relais"), fr_de("Les Jardins"), fr_de("La Ressourcerie"), fr_de("1001 Pattes")
        ('du Relais', 'des Jardins', 'de La Ressourcerie', 'de 1001 Pattes')
    """
    return _with_preposition(name, "de")


def fr_a(name: str) -> str:
    """« à » before ``name``: « à Evolio », « à l'Association Tremplin », « au Relais ».

    Examples:
        >>> fr_a("Association Tremplin"), fr_a("GIE Horizon Moyens"), fr_a("Les Jardins")
        ("à l'Association Tremplin", 'au GIE Horizon Moyens', 'aux Jardins')
        >>> fr_a("Evolio"), fr_a("SCIC Vallée Solidaire")
        ('à Evolio', 'à la SCIC Vallée Solidaire')
    """
    return _with_preposition(name, "à")


def with_form(form: str, name: str) -> str:
    """The form's name then the entity's, the form not repeated when the name opens with it.

    Args:
        form: how the form is called (« SCIC », « société anonyme »), or several ways separated
            by ``|`` (« société anonyme|SA »): the first is written, any of them is recognised.
        name: the entity's name.

    Examples:
        >>> with_form("SCIC", "SCIC Vallée Solidaire"), with_form("SCIC", "Vallée Solidaire")
        ('SCIC Vallée Solidaire', 'SCIC Vallée Solidaire')
        >>> with_form("société anonyme|SA", "SA Réseau"), with_form("société anonyme|SA", "Réseau")
        ('SA Réseau', 'société anonyme Réseau')
    """
    ways = form.split("|")
    folded = _fold(name)
    for way in ways:
        if folded == _fold(way) or folded.startswith(_fold(way) + " "):
            return name
    return f"{ways[0]} {name}"


class Named(str):
    """A name (or a list of names) that a French template can put after « de » or « à ».

    A template writes ``{x.de}``, ``{x.a}`` or ``{x.the}`` where French needs the preposition or
    the article, and ``{x}`` elsewhere (English templates just write ``{x}``). A list keeps its
    items so that each one gets its own preposition (« de A, de B et de C »).

    Examples:
        >>> from ges_graph.i18n import Tr
        >>> Tr("autour {x.de}", "around {x}").format("fr", x=Named("Union Sud Loire"))
        "autour de l'Union Sud Loire"
        >>> Tr("à {x.a}", "to {x}").format("en", x=Named("Union Sud Loire"))
        'to Union Sud Loire'
        >>> Named.listing(["Evolio", "Le Relais"], " et ").de
        "d'Evolio et du Relais"
    """

    parts: tuple[str, ...] = ()
    sep: str = ""
    last: str = ""

    @classmethod
    def listing(cls, parts: Sequence[str], last: str, sep: str = ", ") -> Named:
        """The names joined by ``sep``, the last two by ``last`` (`` et ``)."""
        items = list(parts)
        text = last.join([sep.join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)
        named = cls(text)
        named.parts = tuple(items)
        named.sep = sep
        named.last = last
        return named

    def _each(self, word: Callable[[str], str]) -> str:
        if len(self.parts) <= 1:
            return word(str(self))
        items = [word(p) for p in self.parts]
        return self.last.join([self.sep.join(items[:-1]), items[-1]])

    @property
    def de(self) -> str:
        """« de » before the name (see :func:`fr_de`)."""
        return self._each(fr_de)

    @property
    def a(self) -> str:
        """« à » before the name (see :func:`fr_a`)."""
        return self._each(fr_a)

    @property
    def the(self) -> str:
        """The name with its article (see :func:`fr_the`)."""
        return self._each(fr_the)
