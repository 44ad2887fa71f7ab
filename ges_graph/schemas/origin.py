"""Where a schema comes from and how sure it is, in one short phrase shown beside its name.

The six reference schemas are reconstructions of the COORACE typology (``schemas.md``), each with
its confidence; a schema read from a user's own file has the confidence its file states. Every
output that names a schema to a person (the CLI's text, the HTML report, the notebook display,
``demo``) writes it with :func:`schema_caption`, so that the phrase is written here once:

- « S5 — Titre (reconstitution de la typologie COORACE, confiance moyenne) » for a reference
  schema (one whose file lies in the reference folder, :func:`is_reference_file`);
- « S7 — Titre (schéma fourni, confiance faible) » for any other.

Examples:
    >>> schema_origin("low to medium", reference=True)
    'reconstitution de la typologie COORACE, confiance faible à moyenne'
    >>> schema_origin("high", reference=False, lang="en")
    'user-supplied schema, high confidence'
    >>> from ges_graph.schemas.file_format import Text
    >>> schema_caption("S1", Text(fr="Groupe", en="Group"), "high", True, "en", variant="1a")
    'S1 — Group, variant 1a (reconstruction of the COORACE typology, high confidence)'
"""

from __future__ import annotations

import os
from pathlib import Path

from ges_graph._data import reference_schemas_dir
from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.schemas.file_format import Confidence, Text
from ges_graph.vocabulary import ConfidenceLevel

__all__ = ["is_reference_file", "schema_caption", "schema_origin"]

_REFERENCE = Tr(
    "reconstitution de la typologie COORACE, confiance {level}",
    "reconstruction of the COORACE typology, {level} confidence",
)
_GIVEN = Tr("schéma fourni, confiance {level}", "user-supplied schema, {level} confidence")
_CAPTION = Tr("{id} — {title}{variant} ({origin})", "{id} — {title}{variant} ({origin})")
_VARIANT = Tr(", variante {variant}", ", variant {variant}")
_CAPTION_IN_TITLE = Tr("{id} — {title} ; {origin})", "{id} — {title}; {origin})")
"""A title that ends in a parenthesis takes the origin inside it: one parenthesis, not two."""


def is_reference_file(file: str | os.PathLike[str]) -> bool:
    """Whether ``file`` is a schema file of the reference folder (the COORACE typology).

    A schema loaded from text (no file) or from a file elsewhere is a user's own.

    Examples:
        >>> from ges_graph._data import reference_schema_path
        >>> is_reference_file(reference_schema_path("S2.yaml")), is_reference_file("S7.yaml")
        (True, False)
    """
    if not os.fspath(file):
        return False
    path = Path(file)
    try:
        return path.is_file() and path.resolve().parent == reference_schemas_dir().resolve()
    except OSError:  # pragma: no cover - an unreadable path is no reference file
        return False


def schema_origin(confidence: Confidence, reference: bool, lang: Lang = "fr") -> str:
    """« reconstitution de la typologie COORACE, confiance moyenne », or « schéma fourni, … ».

    Args:
        confidence: the schema file's ``confidence``.
        reference: whether the schema is one of the reference files (:func:`is_reference_file`).
        lang: the language.
    """
    check_lang(lang)
    level = ConfidenceLevel(confidence).label_in(lang)
    return (_REFERENCE if reference else _GIVEN).format(lang, level=level)


def schema_caption(
    schema_id: str,
    title: Text | Tr,
    confidence: Confidence,
    reference: bool,
    lang: Lang = "fr",
    *,
    variant: str | None = None,
) -> str:
    """The schema's name as a person reads it: id, title, variant, origin and confidence.

    Args:
        schema_id: the schema's id (``S5``).
        title: its title in both languages.
        confidence: its file's ``confidence``.
        reference: whether it is one of the reference files.
        lang: the language.
        variant: the variant matched (``1a``), if any.

    Examples:
        >>> title = Tr("Groupe associatif (association opératrice)", "Associative group")
        >>> print(schema_caption("S2", title, "medium", True))  # doctest: +NORMALIZE_WHITESPACE
        S2 — Groupe associatif (association opératrice ; reconstitution de la typologie
        COORACE, confiance moyenne)
        >>> schema_caption("S2", title, "medium", False, "en", variant="2a")
        'S2 — Associative group, variant 2a (user-supplied schema, medium confidence)'
    """
    check_lang(lang)
    text = Tr(title.fr, title.en).render(lang)
    origin = schema_origin(confidence, reference, lang)
    if variant is None and text.endswith(")"):
        return _CAPTION_IN_TITLE.format(lang, id=schema_id, title=text[:-1], origin=origin)
    return _CAPTION.format(
        lang,
        id=schema_id,
        title=text,
        variant=_VARIANT.format(lang, variant=variant) if variant else "",
        origin=origin,
    )
