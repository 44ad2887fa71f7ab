"""A finding of validation: its rule, severity, subjects, message in both languages, data.

The messages are rendered lazily (:class:`Messages`): most findings of a large group are never
printed. Re-exported by :mod:`ges_graph.report`, where they belong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, field_serializer, model_validator

from ges_graph import vocabulary as _vocabulary
from ges_graph.errors import ArgumentTypeError
from ges_graph.i18n import LANGS, Lang, check_lang

__all__ = ["Finding", "Messages"]

Severity = _vocabulary.Severity


class Messages:
    """A finding's message in French and English, rendered on first use and then kept.

    Rules build their messages lazily (most findings of a large group are never printed); a
    finding made by hand gives both texts at once.

    Args:
        render: a function of the language that returns the message (lazy form).
        fr: the French text (fixed form).
        en: the English text (fixed form).

    Examples:
        >>> m = Messages(lambda lang: f"texte {lang}")
        >>> m.get("en"), m == Messages(fr="texte fr", en="texte en")
        ('texte en', True)
    """

    __slots__ = ("_en", "_fr", "_render")

    def __init__(
        self,
        render: Callable[[str], str] | None = None,
        *,
        fr: str | None = None,
        en: str | None = None,
    ) -> None:
        if render is None and (fr is None or en is None):
            raise ArgumentTypeError("Messages needs a render function, or both fr and en")
        self._render = render
        self._fr = fr
        self._en = en

    def get(self, lang: Lang = "fr") -> str:
        """The message in ``lang``."""
        if check_lang(lang) == "fr":
            if self._fr is None:
                self._fr = self._make(lang)
            return self._fr
        if self._en is None:
            self._en = self._make(lang)
        return self._en

    def _make(self, lang: Lang) -> str:
        """Render the message in ``lang`` (a subclass may render it its own way)."""
        return self._render(lang)  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Messages):
            return NotImplemented
        return (self.get("fr"), self.get("en")) == (other.get("fr"), other.get("en"))

    def __hash__(self) -> int:
        return hash((self.get("fr"), self.get("en")))

    def __repr__(self) -> str:
        return f"Messages(fr={self.get('fr')!r}, en={self.get('en')!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and deep-copied) as fixed texts: the render function need not travel.
        return (_fixed_messages, (self.get("fr"), self.get("en")))


def _fixed_messages(fr: str, en: str) -> Messages:
    return Messages(fr=fr, en=en)


class Finding(BaseModel):
    """One thing validation found.

    Build one with both messages (``message_fr=``, ``message_en=``); rules build theirs lazily
    (``messages=``), rendered the first time they are read.

    Attributes:
        rule: the stable id of the rule that found it (``capital-over-100``).
        severity: ``error``, ``warning`` or ``info``.
        subjects: the entity ids and relation keys it is about, entities first.
        reference: the legal text or doctrine the rule rests on (``—`` when none).
        messages: the message in both languages (see :attr:`message_fr`, :attr:`message_en`).
        data: plain JSON data beside the message, or ``None``: the full lists that a message
            names only the first few of (``{"candidates": [...]}`` for ``governance-not-unified``).

    Examples:
        >>> f = Finding(rule="r", severity="info", message_fr="m", message_en="n", reference="—")
        >>> f.message("en"), f.message_fr
        ('n', 'm')
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    rule: str
    severity: Severity
    subjects: tuple[str, ...] = ()
    reference: str
    messages: Messages
    data: Mapping[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _fixed_messages(cls, data: Any) -> Any:
        if isinstance(data, dict) and "messages" not in data:
            data = dict(data)
            fr, en = data.pop("message_fr", None), data.pop("message_en", None)
            if not isinstance(fr, str) or not isinstance(en, str):
                raise ValueError("a finding needs message_fr and message_en (strings)")
            data["messages"] = Messages(fr=fr, en=en)
        return data

    @field_serializer("messages")
    def _dump_messages(self, value: Messages) -> dict[str, str]:
        return {lang: value.get(lang) for lang in LANGS}

    @property
    def message_fr(self) -> str:
        """The message in French, entities named by name and id."""
        return self.messages.get("fr")

    @property
    def message_en(self) -> str:
        """The message in English."""
        return self.messages.get("en")

    def message(self, lang: Lang = "fr") -> str:
        """The message in ``lang`` (``fr`` or ``en``)."""
        check_lang(lang)
        return self.messages.get(lang)

    def to_dict(self, lang: Lang = "fr", *, limit: int | None = None) -> dict[str, Any]:
        """The finding as in ``validate --json``: rule, severity, subjects, message, reference.

        ``data`` follows when the finding carries some (a key added to the format of
        ``cli.md``, absent otherwise).

        Args:
            lang: the language of the message.
            limit: the most subjects, and items of each list of ``data``, given (``None``: all);
                how many are left out is then said by ``subjects_omitted`` (a count) and
                ``data_omitted`` (a count by key of ``data``), present only when some are.

        Examples:
            >>> Finding(rule="r", severity="info", message_fr="m", message_en="m",
            ...         reference="—").to_dict()
            {'rule': 'r', 'severity': 'info', 'subjects': [], 'message': 'm', 'reference': '—'}
            >>> f = Finding(rule="r", severity="info", message_fr="m", message_en="m",
            ...             reference="—", subjects=("a", "b", "c"), data={"ids": ["a", "b", "c"]})
            >>> f.to_dict()["data"]
            {'ids': ['a', 'b', 'c']}
            >>> shown = f.to_dict(limit=2)
            >>> shown["subjects"], shown["subjects_omitted"], shown["data"], shown["data_omitted"]
            (['a', 'b'], 1, {'ids': ['a', 'b']}, {'ids': 1})
        """
        check_lang(lang)
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "subjects": list(self.subjects[:limit]),
            "message": self.message(lang),
            "reference": self.reference,
        }
        if limit is not None and len(self.subjects) > limit:
            out["subjects_omitted"] = len(self.subjects) - limit
        if self.data is not None:
            data: dict[str, Any] = {}
            cut: dict[str, int] = {}
            for key, value in self.data.items():
                if isinstance(value, list | tuple):
                    data[key] = list(value[:limit])
                    if limit is not None and len(value) > limit:
                        cut[key] = len(value) - limit
                else:
                    data[key] = value
            out["data"] = data
            if cut:
                out["data_omitted"] = cut
        return out
